// Reference lists: the fixed choices a form offers (ethnic groups, nationalities),
// each with a code from a named official code list, a Vietnamese name (English
// when there is one) and other names people know it by.
//
// The lists are data files in forms/data/ (ethnicities.json, nationalities.json;
// format in forms/data/README.md). A form stores the code and the name together
// and records which code list it used (DOMAIN.md §2.6): two ethnicity code lists
// are in circulation.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/localized_text.h"
#include "core/result.h"

namespace tokhai::core {

// The format tag every reference list carries in its "format" member.
inline constexpr std::string_view kReferenceListFormat = "tokhai-reference-list/1";

struct ReferenceItem {
  std::string code;                  // in the list's code list, e.g. "18", "VN"
  LocalizedText name;                // {"Sán Dìu", "San Diu"}
  std::vector<std::string> aliases;  // other names, found by search but not shown
  std::map<std::string, std::string, std::less<>> other_codes;  // e.g. {"alpha_3": "VNM"}
  bool extra = false;  // added by systems that use the list, not part of the code list itself
};

class ReferenceList {
 public:
  // Reads a list from its JSON text. Error codes: reference.data (not JSON, wrong
  // format tag, a malformed item or a code used twice; `where` names the member,
  // e.g. "items[3].name").
  static Result<ReferenceList> parse(std::string_view json_text);

  const std::string& id() const { return id_; }  // "ethnicities"
  const LocalizedText& title() const { return title_; }
  const std::string& code_list() const { return code_list_; }  // "QĐ 121-TCTK/PPCĐ (1979)"
  // The code to preselect ("VN"), or empty.
  const std::string& default_code() const { return default_code_; }
  // Every item, in the list's order.
  const std::vector<ReferenceItem>& items() const { return items_; }

  // The item with `code` (exact), or nullptr.
  const ReferenceItem* find(std::string_view code) const;
  // Items matching `query` (search_matches: accent- and case-blind word prefixes),
  // best first: a code or a name equal to the query, then names that start with
  // it, then names that match, then aliases that match; in the list's order
  // within each group. An empty query gives every item.
  std::vector<const ReferenceItem*> search(std::string_view query) const;

 private:
  std::string id_;
  LocalizedText title_;
  std::string code_list_;
  std::string default_code_;
  std::vector<ReferenceItem> items_;
};

}  // namespace tokhai::core
