// Reading reference lists and searching them (see reference_list.h).
#include "core/reference/reference_list.h"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>
#include <utility>

#include "core/json_text.h"
#include "core/text/unicode.h"

namespace tokhai::core {
namespace {

using nlohmann::json;

Error data_error(const std::string& where, const std::string& en_detail) {
  return Error{"reference.data",
               {"Danh mục bị hỏng ở " + where + ".",
                "Broken reference list at " + where + ": " + en_detail + "."},
               where};
}

// A string member `key` of `object`: required and non-empty unless `optional`.
Result<std::string> read_string(const json& object, std::string_view key, const std::string& where,
                                bool optional) {
  const json* value = json_member(object, key);
  if (value == nullptr) {
    if (optional) return std::string{};
    return data_error(where, "missing");
  }
  const auto* text = value->get_ptr<const std::string*>();
  if (text == nullptr || (!optional && text->empty())) {
    return data_error(where, "expected a non-empty string");
  }
  return *text;
}

// {"vi": "...", "en": "..."}, "en" optional.
Result<LocalizedText> read_text(const json& object, std::string_view key,
                                const std::string& where) {
  const json* value = json_member(object, key);
  if (value == nullptr || !value->is_object()) {
    return data_error(where, "expected {\"vi\", \"en\"}");
  }
  auto vi = read_string(*value, "vi", where + ".vi", false);
  if (!vi) return vi.error();
  auto en = read_string(*value, "en", where + ".en", true);
  if (!en) return en.error();
  return LocalizedText{std::move(vi).value(), std::move(en).value()};
}

Result<ReferenceItem> read_item(const json& object, const std::string& where) {
  if (!object.is_object()) return data_error(where, "expected an object");
  ReferenceItem item;
  auto code = read_string(object, "code", where + ".code", false);
  if (!code) return code.error();
  item.code = std::move(code).value();
  auto name = read_text(object, "name", where + ".name");
  if (!name) return name.error();
  item.name = std::move(name).value();
  if (const auto aliases = object.find("aliases"); aliases != object.end()) {
    if (!aliases->is_array()) return data_error(where + ".aliases", "expected an array");
    for (const auto& alias : *aliases) {
      if (!alias.is_string()) return data_error(where + ".aliases", "expected strings");
      item.aliases.push_back(alias.get<std::string>());
    }
  }
  if (const auto codes = object.find("other_codes"); codes != object.end()) {
    if (!codes->is_object()) return data_error(where + ".other_codes", "expected an object");
    for (const auto& [system, value] : codes->items()) {
      if (!value.is_string())
        return data_error(where + ".other_codes." + system, "expected a string");
      item.other_codes.emplace(system, value.get<std::string>());
    }
  }
  if (const auto extra = object.find("extra"); extra != object.end()) {
    if (!extra->is_boolean()) return data_error(where + ".extra", "expected true or false");
    item.extra = extra->get<bool>();
  }
  return item;
}

}  // namespace

Result<ReferenceList> ReferenceList::parse(std::string_view json_text) {
  const json doc = parse_json_text(json_text);
  if (doc.is_discarded() || !doc.is_object()) return data_error("(file)", "not a JSON object");
  const json* format = json_member(doc, "format");
  const auto* format_text = format == nullptr ? nullptr : format->get_ptr<const std::string*>();
  if (format_text == nullptr || *format_text != kReferenceListFormat) {
    return data_error("format", "expected \"" + std::string(kReferenceListFormat) + "\"");
  }
  ReferenceList list;
  auto id = read_string(doc, "id", "id", false);
  if (!id) return id.error();
  list.id_ = std::move(id).value();
  auto title = read_text(doc, "title", "title");
  if (!title) return title.error();
  list.title_ = std::move(title).value();
  auto code_list = read_string(doc, "code_list", "code_list", false);
  if (!code_list) return code_list.error();
  list.code_list_ = std::move(code_list).value();
  auto default_code = read_string(doc, "default", "default", true);
  if (!default_code) return default_code.error();
  list.default_code_ = std::move(default_code).value();

  const auto items = doc.find("items");
  if (items == doc.end() || !items->is_array()) return data_error("items", "expected an array");
  std::set<std::string, std::less<>> codes;
  for (std::size_t i = 0; i < items->size(); ++i) {
    const std::string where = "items[" + std::to_string(i) + "]";
    auto item = read_item((*items)[i], where);
    if (!item) return item.error();
    if (!codes.insert(item.value().code).second)
      return data_error(where + ".code", "code used twice");
    list.items_.push_back(std::move(item).value());
  }
  if (!list.default_code_.empty() && !codes.contains(list.default_code_)) {
    return data_error("default", "not the code of an item");
  }
  return list;
}

const ReferenceItem* ReferenceList::find(std::string_view code) const {
  const auto it = std::find_if(items_.begin(), items_.end(),
                               [&](const ReferenceItem& item) { return item.code == code; });
  return it == items_.end() ? nullptr : &*it;
}

std::vector<const ReferenceItem*> ReferenceList::search(std::string_view query) const {
  const std::string key = search_key(query);
  // 0: a code or a name equal to the query; 1: a name starts with it; 2: a name
  // matches; 3: an alias matches.
  std::vector<std::vector<const ReferenceItem*>> groups(4);
  for (const ReferenceItem& item : items_) {
    const auto equal = [&](std::string_view text) {
      return !text.empty() && search_key(text) == key;
    };
    const auto starts = [&](std::string_view text) {
      return !text.empty() && search_key(text).starts_with(key);
    };
    const auto matches = [&](std::string_view text) {
      return !text.empty() && search_matches(query, text);
    };
    const bool exact = equal(item.code) || equal(item.name.vi) || equal(item.name.en) ||
                       std::any_of(item.other_codes.begin(), item.other_codes.end(),
                                   [&](const auto& code) { return equal(code.second); });
    if (exact && !key.empty()) {
      groups[0].push_back(&item);
    } else if (starts(item.name.vi) || starts(item.name.en)) {
      groups[1].push_back(&item);
    } else if (matches(item.name.vi) || matches(item.name.en)) {
      groups[2].push_back(&item);
    } else if (std::any_of(item.aliases.begin(), item.aliases.end(), matches)) {
      groups[3].push_back(&item);
    }
  }
  std::vector<const ReferenceItem*> found;
  for (const auto& group : groups) found.insert(found.end(), group.begin(), group.end());
  return found;
}

}  // namespace tokhai::core
