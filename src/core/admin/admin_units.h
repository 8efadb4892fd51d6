// Administrative units of Viet Nam after the 2025 reform (34 provinces, 3,321
// communes, no district level since 1 July 2025), and the way back from an
// address written the old way (xã, huyện, tỉnh) to the unit it belongs to now.
//
// The data is forms/data/admin-units-2025.json, generated from the official
// conversion table by tokhai-admin-units (src/tools/data) and described in
// forms/data/README.md. Names are NFC with the spelling of the official table;
// every comparison goes through search_key (core/text/unicode.h), so case,
// accents, tone-mark placement and the unit-type word ("xã", "huyện", "TP.")
// never decide a match.
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/localized_text.h"
#include "core/result.h"

namespace tokhai::core {

// The format tag the data file carries in its "format" member.
inline constexpr std::string_view kAdminUnitsFormat = "tokhai-admin-units/1";

// A kind of unit: "tỉnh", "thành phố", "xã", "phường", "đặc khu", "thị trấn",
// "huyện", "quận", "thị xã".
struct UnitType {
  std::string id;                          // lowercase Vietnamese, e.g. "thành phố"
  LocalizedText name;                      // {"Thành phố", "City"}, written before a unit's name
  std::vector<std::string> abbreviations;  // also accepted before a name, e.g. "TP"
};

struct Province {
  std::string code;       // 2 digits, e.g. "25"
  std::string name;       // without the type word, e.g. "Phú Thọ"
  std::string type;       // a UnitType id: "tỉnh" or "thành phố"
  std::string full_name;  // "Tỉnh Phú Thọ"
};

struct Commune {
  std::string code;           // 5 digits, e.g. "08707"
  std::string name;           // "Vĩnh Yên"
  std::string type;           // "xã", "phường" or "đặc khu"
  std::string full_name;      // "Phường Vĩnh Yên"
  std::string province_code;  // "25"
};

// A new commune that an old unit went into, whole or in part.
struct Successor {
  std::string commune_code;
  bool whole = true;  // false: only part of the old unit went into it

  bool operator==(const Successor&) const = default;
};

// A province before 1 July 2025 (63 of them).
struct OldProvince {
  std::string code;
  std::string name;
  std::string type;
  std::string full_name;
};

// A district before 1 July 2025. `successors` is empty except for the island
// districts that had no communes and became a đặc khu as a whole.
struct OldDistrict {
  std::string code;  // 3 digits
  std::string name;
  std::string type;  // "quận", "huyện", "thị xã" or "thành phố"
  std::string full_name;
  std::string province_code;
  std::vector<Successor> successors;
};

// A commune before 1 July 2025. The code is empty for the one area the table
// names without a code; `type` is empty where the table gives no type word.
struct OldCommune {
  std::string code;
  std::string name;
  std::string type;  // "xã", "phường", "thị trấn" or empty
  std::string full_name;
  std::string district_code;
  std::vector<Successor> successors;  // never empty
};

// One answer to "where does this old address belong now?".
struct ConversionCandidate {
  Commune commune;          // the new commune
  Province province;        // the new province it is in
  bool whole = true;        // the old unit went into it whole; false: only part of it did
  std::string old_code;     // the old commune's code (the district's for an island district)
  std::string old_address;  // "Xã Lương Điền, Huyện Vĩnh Tường, Tỉnh Vĩnh Phúc"
};

class AdminUnits {
 public:
  // Reads the data file's JSON text. Error codes: admin_unit.data (not JSON,
  // wrong format tag, a malformed record or a reference to a unit that is not
  // there; `where` names the record, e.g. "communes[12]").
  static Result<AdminUnits> parse(std::string_view json_text);

  // The version of the official data, e.g. "2025-07-01+QĐ19/2025".
  const std::string& data_version() const { return data_version_; }
  // The unit types the names use, in the data file's order.
  const std::vector<UnitType>& unit_types() const { return unit_types_; }

  // The 34 provinces, by code.
  const std::vector<Province>& provinces() const { return provinces_; }
  // The province with `code` ("25"), or nullptr.
  const Province* province(std::string_view code) const;
  // The communes of the province with `code`, by commune code; empty for an unknown code.
  std::span<const Commune> communes_in(std::string_view province_code) const;
  // The commune with the 5-digit `code` ("08707"), or nullptr.
  const Commune* commune(std::string_view code) const;
  // Communes whose name matches `query` word by word, accent- and case-blind
  // (search_matches), within one province when `province_code` is given. Exact
  // names come first ("vinh yen" → Phường Vĩnh Yên), then names that start with
  // the query, then the rest; each group by name. An empty query lists every
  // commune in scope.
  std::vector<const Commune*> search_communes(
      std::string_view query, std::optional<std::string> province_code = std::nullopt) const;

  const std::vector<OldProvince>& old_provinces() const { return old_provinces_; }
  const std::vector<OldDistrict>& old_districts() const { return old_districts_; }
  const std::vector<OldCommune>& old_communes() const { return old_communes_; }

  // The new commune(s) of an address written the old way. Each part may carry its
  // type word or an abbreviation ("xã Lũng Hòa", "Lũng Hoà", "TT Thổ Tang",
  // "TP.HCM"); the district and the province may be empty when unknown. An empty
  // commune is accepted only for an island district that had no communes. One
  // candidate per new commune the old one went into (several when it was split).
  // Error codes: admin_unit.unknown (no such old unit; `where` is "old_province",
  // "old_district" or "old_commune"), admin_unit.ambiguous (several old units
  // match: add the district or province), admin_unit.missing (no commune given).
  Result<std::vector<ConversionCandidate>> convert_old_address(std::string_view old_commune,
                                                               std::string_view old_district,
                                                               std::string_view old_province) const;
  // The new commune(s) of the old commune with the 5-digit `code`. Error codes:
  // admin_unit.code (not 5 digits), admin_unit.unknown.
  Result<std::vector<ConversionCandidate>> convert_old_commune_code(std::string_view code) const;

 private:
  // Match keys of one unit's name: name_key of the name ("vinh yen"); for names
  // of several words their initials ("vy"), which old provinces and districts
  // also answer to ("TP.HCM"); for communes, name_key of the full name, which
  // search_matches reads faster than the name itself and matches the same way.
  struct NameKeys {
    std::string name;
    std::string initials;
    std::string full_name;
  };
  static NameKeys keys_of(std::string_view name, std::string_view full_name);

  AdminUnits() = default;
  std::vector<ConversionCandidate> candidates_for(const std::vector<Successor>& successors,
                                                  const std::string& old_code,
                                                  const std::string& old_address) const;
  std::string old_address_of(const OldDistrict& district) const;
  std::string old_address_of(std::size_t old_commune_index) const;

  std::string data_version_;
  std::vector<UnitType> unit_types_;
  std::vector<Province> provinces_;                  // by code
  std::vector<Commune> communes_;                    // by province code, then code
  std::vector<std::size_t> province_first_commune_;  // per province, then the end
  std::vector<NameKeys> commune_keys_;               // per commune
  std::map<std::string, std::size_t, std::less<>> commune_by_code_;
  std::vector<OldProvince> old_provinces_;
  std::vector<NameKeys> old_province_keys_;
  std::map<std::string, std::size_t, std::less<>> old_province_by_code_;
  std::vector<OldDistrict> old_districts_;
  std::vector<NameKeys> old_district_keys_;
  std::map<std::string, std::size_t, std::less<>> old_district_by_code_;
  std::vector<OldCommune> old_communes_;
  std::vector<NameKeys> old_commune_keys_;
  std::vector<std::size_t> old_commune_district_;  // per old commune, its index in old_districts_
};

}  // namespace tokhai::core
