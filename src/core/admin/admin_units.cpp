// Administrative units: reading the data file, lookups, search and the old→new
// conversion (see admin_units.h).
//
// [SECTION] name keys: how two spellings of a name are found equal
// [SECTION] parse: the data file's records into units, every reference checked
// [SECTION] lookups and search
// [SECTION] old→new conversion
#include "core/admin/admin_units.h"

#include <algorithm>
#include <climits>
#include <nlohmann/json.hpp>
#include <set>
#include <tuple>
#include <utility>

#include "core/json_text.h"
#include "core/text/unicode.h"

namespace tokhai::core {
namespace {

using nlohmann::json;

// ---- [SECTION] name keys -------------------------------------------------------

// search_key with punctuation folded the way search_matches splits words:
// apostrophes dropped ("H'Mông" = "HMông"), other punctuation a space ("TP.HCM" =
// "TP HCM", "Bà Rịa - Vũng Tàu" = "Bà Rịa Vũng Tàu"), spaces collapsed.
std::string name_key(std::string_view text) {
  const std::string key = search_key(text);
  std::string out;
  bool space_pending = false;
  for (std::size_t i = 0; i < key.size(); ++i) {
    const std::string_view rest = std::string_view(key).substr(i);
    if (rest.starts_with('\'') || rest.starts_with("\u2019") || rest.starts_with("\u02BC")) {
      i += rest.starts_with('\'') ? 0 : (rest.starts_with("\u2019") ? 2 : 1);
      continue;
    }
    const auto byte = static_cast<unsigned char>(key[i]);
    const bool ascii_letter_or_digit = (byte >= 'a' && byte <= 'z') || (byte >= '0' && byte <= '9');
    if (byte < 0x80 && !ascii_letter_or_digit) {
      space_pending = !out.empty();
      continue;
    }
    if (space_pending) out += ' ';
    space_pending = false;
    out += key[i];
  }
  return out;
}

// The first letters of the words of a key with several words ("ho chi minh" →
// "hcm"), or empty.
std::string initials_of(std::string_view key) {
  if (key.find(' ') == std::string_view::npos) return {};
  std::string initials(1, key.front());
  for (std::size_t i = key.find(' '); i != std::string_view::npos; i = key.find(' ', i + 1)) {
    initials += key[i + 1];
  }
  return initials;
}

// An old unit as a person wrote it: the whole text and the text without a
// leading type word or abbreviation ("TP.HCM" → type "thành phố", bare "hcm").
struct NameQuery {
  std::string key;
  std::string bare_key;
  std::string type;  // the UnitType id of the leading word, or empty
};

NameQuery read_query(std::string_view text, const std::vector<UnitType>& unit_types) {
  NameQuery query{name_key(text), {}, {}};
  query.bare_key = query.key;
  std::size_t longest = 0;
  for (const UnitType& type : unit_types) {
    std::vector<std::string> words{name_key(type.name.vi)};
    for (const auto& abbreviation : type.abbreviations) words.push_back(name_key(abbreviation));
    for (const auto& word : words) {
      if (word.size() > longest && query.key.size() > word.size() + 1 &&
          query.key.starts_with(word) && query.key[word.size()] == ' ') {
        longest = word.size();
        query.bare_key = query.key.substr(word.size() + 1);
        query.type = type.id;
      }
    }
  }
  return query;
}

// How well a unit fits a query: 0 type and name, 1 name, 2 initials of the name
// (only when `initials_allowed`), nullopt not at all.
std::optional<int> match_rank(const NameQuery& query, std::string_view unit_type,
                              std::string_view unit_key, std::string_view unit_initials,
                              bool initials_allowed) {
  if (query.type.empty() ? query.key == unit_key
                         : query.type == unit_type && query.bare_key == unit_key) {
    return 0;
  }
  if (query.key == unit_key || query.bare_key == unit_key) return 1;
  if (initials_allowed && !unit_initials.empty() && query.bare_key == unit_initials) return 2;
  return std::nullopt;
}

// How many old units an "ambiguous" message names before "and N more".
constexpr std::size_t kAmbiguousListed = 8;

Error admin_error(std::string code, std::string where, std::string vi, std::string en) {
  return Error{std::move(code), {std::move(vi), std::move(en)}, std::move(where)};
}

// ---- [SECTION] parse -----------------------------------------------------------

Error data_error(const std::string& where, const std::string& en_detail) {
  return admin_error("admin_unit.data", where, "Dữ liệu đơn vị hành chính bị hỏng ở " + where + ".",
                     "Broken administrative-unit data at " + where + ": " + en_detail + ".");
}

std::string record_where(std::string_view section, std::size_t index) {
  return std::string(section) + "[" + std::to_string(index) + "]";
}

// A record that is an array whose first `strings` members are strings.
bool is_record(const json& record, std::size_t strings, std::size_t size) {
  if (!record.is_array() || record.size() != size) return false;
  for (std::size_t i = 0; i < strings; ++i) {
    if (!record[i].is_string()) return false;
  }
  return true;
}

// The members of `object` named `key`, an array.
const json* section(const json& doc, std::string_view key) {
  const auto it = doc.find(key);
  return it != doc.end() && it->is_array() ? &*it : nullptr;
}

// [whole codes], [part codes] → successors; nullopt when not arrays of strings.
std::optional<std::vector<Successor>> read_successors(const json& whole, const json& part) {
  std::vector<Successor> successors;
  for (const auto& [codes, is_whole] : {std::pair{&whole, true}, std::pair{&part, false}}) {
    if (!codes->is_array()) return std::nullopt;
    for (const auto& code : *codes) {
      if (!code.is_string()) return std::nullopt;
      successors.push_back({code.get<std::string>(), is_whole});
    }
  }
  return successors;
}

bool is_digits(std::string_view text, std::size_t count) {
  return text.size() == count &&
         std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::string joined(const std::vector<std::string>& items, std::string_view separator) {
  std::string text;
  for (const auto& item : items) text += (text.empty() ? "" : std::string(separator)) + item;
  return text;
}

}  // namespace

AdminUnits::NameKeys AdminUnits::keys_of(std::string_view name, std::string_view full_name) {
  NameKeys keys{name_key(name), {}, name_key(full_name)};
  keys.initials = initials_of(keys.name);
  return keys;
}

Result<AdminUnits> AdminUnits::parse(std::string_view json_text) {
  const json doc = parse_json_text(json_text);
  if (doc.is_discarded() || !doc.is_object()) return data_error("(file)", "not a JSON object");
  const auto format = doc.find("format");
  if (format == doc.end() || *format != kAdminUnitsFormat) {
    return data_error("format", "expected \"" + std::string(kAdminUnitsFormat) + "\"");
  }
  AdminUnits units;
  const auto version = doc.find("data_version");
  if (version == doc.end() || !version->is_string()) return data_error("data_version", "missing");
  units.data_version_ = version->get<std::string>();

  const json* sections[6] = {section(doc, "unit_types"),    section(doc, "provinces"),
                             section(doc, "communes"),      section(doc, "old_provinces"),
                             section(doc, "old_districts"), section(doc, "old_communes")};
  constexpr std::string_view kSectionNames[6] = {"unit_types",    "provinces",     "communes",
                                                 "old_provinces", "old_districts", "old_communes"};
  for (std::size_t i = 0; i < 6; ++i) {
    if (sections[i] == nullptr) return data_error(std::string(kSectionNames[i]), "missing array");
  }
  const auto& [types_json, provinces_json, communes_json, old_provinces_json, old_districts_json,
               old_communes_json] = sections;

  for (std::size_t i = 0; i < types_json->size(); ++i) {
    const json& record = (*types_json)[i];
    if (!is_record(record, 3, 4) || !record[3].is_array()) {
      return data_error(record_where("unit_types", i), "expected [id, vi, en, [abbreviations]]");
    }
    UnitType type{record[0].get<std::string>(),
                  {record[1].get<std::string>(), record[2].get<std::string>()},
                  {}};
    for (const auto& abbreviation : record[3]) {
      if (!abbreviation.is_string())
        return data_error(record_where("unit_types", i), "abbreviation");
      type.abbreviations.push_back(abbreviation.get<std::string>());
    }
    units.unit_types_.push_back(std::move(type));
  }
  // "Tỉnh Phú Thọ"; an empty type (old units the table gives none) leaves the name.
  const auto full_name = [&](const std::string& type,
                             const std::string& name) -> std::optional<std::string> {
    if (type.empty()) return name;
    for (const auto& unit_type : units.unit_types_) {
      if (unit_type.id == type) return unit_type.name.vi + " " + name;
    }
    return std::nullopt;
  };

  for (std::size_t i = 0; i < provinces_json->size(); ++i) {
    const json& record = (*provinces_json)[i];
    const auto where = record_where("provinces", i);
    if (!is_record(record, 3, 3)) return data_error(where, "expected [code, name, type]");
    Province province{record[0].get<std::string>(),
                      record[1].get<std::string>(),
                      record[2].get<std::string>(),
                      {}};
    const auto name = full_name(province.type, province.name);
    if (!name || province.type.empty()) return data_error(where, "unknown type");
    province.full_name = *name;
    units.provinces_.push_back(std::move(province));
  }
  std::sort(units.provinces_.begin(), units.provinces_.end(),
            [](const auto& a, const auto& b) { return a.code < b.code; });

  for (std::size_t i = 0; i < communes_json->size(); ++i) {
    const json& record = (*communes_json)[i];
    const auto where = record_where("communes", i);
    if (!is_record(record, 4, 4)) return data_error(where, "expected [code, name, type, province]");
    Commune commune{record[0].get<std::string>(),
                    record[1].get<std::string>(),
                    record[2].get<std::string>(),
                    {},
                    record[3].get<std::string>()};
    const auto name = full_name(commune.type, commune.name);
    if (!name || commune.type.empty()) return data_error(where, "unknown type");
    if (!units.province(commune.province_code)) return data_error(where, "unknown province");
    commune.full_name = *name;
    units.communes_.push_back(std::move(commune));
  }
  std::sort(units.communes_.begin(), units.communes_.end(), [](const auto& a, const auto& b) {
    return std::tie(a.province_code, a.code) < std::tie(b.province_code, b.code);
  });
  std::size_t next = 0;
  for (const Province& province : units.provinces_) {
    units.province_first_commune_.push_back(next);
    while (next < units.communes_.size() && units.communes_[next].province_code == province.code) {
      ++next;
    }
  }
  units.province_first_commune_.push_back(next);
  for (std::size_t i = 0; i < units.communes_.size(); ++i) {
    if (!units.commune_by_code_.emplace(units.communes_[i].code, i).second) {
      return data_error("communes " + units.communes_[i].code, "duplicate code");
    }
    units.commune_keys_.push_back(keys_of(units.communes_[i].name, units.communes_[i].full_name));
  }

  for (std::size_t i = 0; i < old_provinces_json->size(); ++i) {
    const json& record = (*old_provinces_json)[i];
    const auto where = record_where("old_provinces", i);
    if (!is_record(record, 3, 3)) return data_error(where, "expected [code, name, type]");
    OldProvince province{record[0].get<std::string>(),
                         record[1].get<std::string>(),
                         record[2].get<std::string>(),
                         {}};
    const auto name = full_name(province.type, province.name);
    if (!name) return data_error(where, "unknown type");
    province.full_name = *name;
    if (!units.old_province_by_code_.emplace(province.code, i).second) {
      return data_error(where, "duplicate code");
    }
    units.old_province_keys_.push_back(keys_of(province.name, {}));
    units.old_provinces_.push_back(std::move(province));
  }

  // Successors must name communes that exist; only old communes must have some.
  const auto successors_of = [&](const json& record) -> std::optional<std::vector<Successor>> {
    auto successors = read_successors(record[4], record[5]);
    if (!successors) return std::nullopt;
    for (const auto& successor : *successors) {
      if (!units.commune(successor.commune_code)) return std::nullopt;
    }
    return successors;
  };

  for (std::size_t i = 0; i < old_districts_json->size(); ++i) {
    const json& record = (*old_districts_json)[i];
    const auto where = record_where("old_districts", i);
    if (!is_record(record, 4, 6)) {
      return data_error(where, "expected [code, name, type, province, [whole], [part]]");
    }
    OldDistrict district{record[0].get<std::string>(), record[1].get<std::string>(),
                         record[2].get<std::string>(), {},
                         record[3].get<std::string>(), {}};
    const auto name = full_name(district.type, district.name);
    if (!name) return data_error(where, "unknown type");
    if (!units.old_province_by_code_.contains(district.province_code)) {
      return data_error(where, "unknown old province");
    }
    auto successors = successors_of(record);
    if (!successors) return data_error(where, "successors must be codes of communes");
    district.full_name = *name;
    district.successors = std::move(*successors);
    if (!units.old_district_by_code_.emplace(district.code, i).second) {
      return data_error(where, "duplicate code");
    }
    units.old_district_keys_.push_back(keys_of(district.name, {}));
    units.old_districts_.push_back(std::move(district));
  }

  for (std::size_t i = 0; i < old_communes_json->size(); ++i) {
    const json& record = (*old_communes_json)[i];
    const auto where = record_where("old_communes", i);
    if (!is_record(record, 4, 6)) {
      return data_error(where, "expected [code, name, type, district, [whole], [part]]");
    }
    OldCommune commune{record[0].get<std::string>(), record[1].get<std::string>(),
                       record[2].get<std::string>(), {},
                       record[3].get<std::string>(), {}};
    const auto name = full_name(commune.type, commune.name);
    if (!name) return data_error(where, "unknown type");
    const auto district = units.old_district_by_code_.find(commune.district_code);
    if (district == units.old_district_by_code_.end()) return data_error(where, "unknown district");
    auto successors = successors_of(record);
    if (!successors || successors->empty()) {
      return data_error(where, "successors must be codes of communes, at least one");
    }
    commune.full_name = *name;
    commune.successors = std::move(*successors);
    units.old_commune_district_.push_back(district->second);
    units.old_commune_keys_.push_back(keys_of(commune.name, {}));
    units.old_communes_.push_back(std::move(commune));
  }
  return units;
}

// ---- [SECTION] lookups and search ----------------------------------------------

const Province* AdminUnits::province(std::string_view code) const {
  const auto it =
      std::lower_bound(provinces_.begin(), provinces_.end(), code,
                       [](const Province& p, std::string_view c) { return p.code < c; });
  return it != provinces_.end() && it->code == code ? &*it : nullptr;
}

std::span<const Commune> AdminUnits::communes_in(std::string_view province_code) const {
  const Province* found = province(province_code);
  if (!found) return {};
  const auto index = static_cast<std::size_t>(found - provinces_.data());
  return std::span<const Commune>(communes_).subspan(
      province_first_commune_[index],
      province_first_commune_[index + 1] - province_first_commune_[index]);
}

const Commune* AdminUnits::commune(std::string_view code) const {
  const auto it = commune_by_code_.find(code);
  return it == commune_by_code_.end() ? nullptr : &communes_[it->second];
}

std::vector<const Commune*> AdminUnits::search_communes(
    std::string_view query, std::optional<std::string> province_code) const {
  const std::span<const Commune> scope =
      province_code ? communes_in(*province_code) : std::span<const Commune>(communes_);
  const NameQuery wanted = read_query(query, unit_types_);
  // (group, name key, index): 0 exact name, 1 name starts with the query, 2 the rest.
  std::vector<std::tuple<int, std::string_view, std::size_t>> found;
  for (const Commune& commune : scope) {
    const auto index = static_cast<std::size_t>(&commune - communes_.data());
    const NameKeys& keys = commune_keys_[index];
    if (!search_matches(query, keys.full_name)) continue;
    const bool exact = match_rank(wanted, commune.type, keys.name, {}, false).has_value();
    const bool starts = keys.name.starts_with(wanted.bare_key) || keys.name.starts_with(wanted.key);
    found.emplace_back(exact ? 0 : (starts ? 1 : 2), keys.name, index);
  }
  std::sort(found.begin(), found.end());
  std::vector<const Commune*> communes;
  for (const auto& entry : found) communes.push_back(&communes_[std::get<2>(entry)]);
  return communes;
}

// ---- [SECTION] old→new conversion ----------------------------------------------

std::string AdminUnits::old_address_of(const OldDistrict& district) const {
  return district.full_name + ", " +
         old_provinces_[old_province_by_code_.at(district.province_code)].full_name;
}

std::string AdminUnits::old_address_of(std::size_t old_commune_index) const {
  return old_communes_[old_commune_index].full_name + ", " +
         old_address_of(old_districts_[old_commune_district_[old_commune_index]]);
}

std::vector<ConversionCandidate> AdminUnits::candidates_for(
    const std::vector<Successor>& successors, const std::string& old_code,
    const std::string& old_address) const {
  std::vector<ConversionCandidate> candidates;
  for (const Successor& successor : successors) {
    const Commune& new_commune = *commune(successor.commune_code);
    candidates.push_back({new_commune, *province(new_commune.province_code), successor.whole,
                          old_code, old_address});
  }
  return candidates;
}

Result<std::vector<ConversionCandidate>> AdminUnits::convert_old_address(
    std::string_view old_commune, std::string_view old_district,
    std::string_view old_province) const {
  const NameQuery province_query = read_query(old_province, unit_types_);
  const NameQuery district_query = read_query(old_district, unit_types_);
  const NameQuery commune_query = read_query(old_commune, unit_types_);

  // The units of one level that fit a query best, among those `in_scope` admits.
  const auto best = [](const NameQuery& query, const auto& units, const std::vector<NameKeys>& keys,
                       bool initials_allowed, const auto& in_scope) {
    std::vector<std::size_t> found;
    int best_rank = INT_MAX;
    for (std::size_t i = 0; i < units.size(); ++i) {
      if (!in_scope(i)) continue;
      const auto rank =
          match_rank(query, units[i].type, keys[i].name, keys[i].initials, initials_allowed);
      if (!rank || *rank > best_rank) continue;
      if (*rank < best_rank) found.clear();
      best_rank = *rank;
      found.push_back(i);
    }
    return found;
  };
  const auto quoted = [](std::string_view text) { return "\"" + std::string(text) + "\""; };

  std::set<std::string> province_codes;  // empty: any province
  if (!province_query.key.empty()) {
    for (std::size_t i : best(province_query, old_provinces_, old_province_keys_, true,
                              [](std::size_t) { return true; })) {
      province_codes.insert(old_provinces_[i].code);
    }
    if (province_codes.empty()) {
      return admin_error("admin_unit.unknown", "old_province",
                         "Không có tỉnh, thành phố cũ nào tên " + quoted(old_province) + ".",
                         "No old province or city is called " + quoted(old_province) + ".");
    }
  }
  const auto province_in_scope = [&](const std::string& code) {
    return province_codes.empty() || province_codes.contains(code);
  };

  std::vector<std::size_t> districts;
  if (!district_query.key.empty()) {
    districts = best(district_query, old_districts_, old_district_keys_, true, [&](std::size_t i) {
      return province_in_scope(old_districts_[i].province_code);
    });
    if (districts.empty()) {
      return admin_error("admin_unit.unknown", "old_district",
                         "Không có quận, huyện cũ nào tên " + quoted(old_district) +
                             (province_codes.empty() ? "" : " trong " + quoted(old_province)) + ".",
                         "No old district is called " + quoted(old_district) +
                             (province_codes.empty() ? "" : " in " + quoted(old_province)) + ".");
    }
  }

  if (commune_query.key.empty()) {
    if (districts.size() == 1 && !old_districts_[districts.front()].successors.empty()) {
      const OldDistrict& district = old_districts_[districts.front()];
      return candidates_for(district.successors, district.code, old_address_of(district));
    }
    return admin_error("admin_unit.missing", "old_commune", "Hãy ghi tên xã, phường, thị trấn cũ.",
                       "Give the old commune's name.");
  }

  const auto communes =
      best(commune_query, old_communes_, old_commune_keys_, false, [&](std::size_t i) {
        const std::size_t district = old_commune_district_[i];
        return district_query.key.empty()
                   ? province_in_scope(old_districts_[district].province_code)
                   : std::find(districts.begin(), districts.end(), district) != districts.end();
      });
  if (communes.empty()) {
    const std::string scope = !district_query.key.empty()
                                  ? quoted(old_district)
                                  : (province_codes.empty() ? "" : quoted(old_province));
    return admin_error("admin_unit.unknown", "old_commune",
                       "Không có xã, phường, thị trấn cũ nào tên " + quoted(old_commune) +
                           (scope.empty() ? "" : " trong " + scope) + ".",
                       "No old commune is called " + quoted(old_commune) +
                           (scope.empty() ? "" : " in " + scope) + ".");
  }
  if (communes.size() > 1) {
    std::vector<std::string> addresses;
    for (std::size_t i = 0; i < std::min(communes.size(), kAmbiguousListed); ++i) {
      addresses.push_back(old_address_of(communes[i]));
    }
    const std::size_t more = communes.size() - addresses.size();
    const std::string count = std::to_string(communes.size());
    return admin_error(
        "admin_unit.ambiguous", "old_commune",
        count + " đơn vị cũ có tên " + quoted(old_commune) + ": " + joined(addresses, "; ") +
            (more > 0 ? "; và " + std::to_string(more) + " đơn vị khác" : "") +
            ". Hãy ghi thêm quận, huyện và tỉnh.",
        count + " old units are called " + quoted(old_commune) + ": " + joined(addresses, "; ") +
            (more > 0 ? "; and " + std::to_string(more) + " more" : "") +
            ". Add the district and the province.");
  }
  const OldCommune& found = old_communes_[communes.front()];
  return candidates_for(found.successors, found.code, old_address_of(communes.front()));
}

Result<std::vector<ConversionCandidate>> AdminUnits::convert_old_commune_code(
    std::string_view code) const {
  if (!is_digits(code, 5)) {
    return admin_error("admin_unit.code", "old_commune",
                       "Mã xã cũ phải có đúng 5 chữ số: \"" + std::string(code) + "\".",
                       "An old commune code has exactly 5 digits: \"" + std::string(code) + "\".");
  }
  std::vector<ConversionCandidate> candidates;
  for (std::size_t i = 0; i < old_communes_.size(); ++i) {
    if (old_communes_[i].code != code) continue;
    auto more =
        candidates_for(old_communes_[i].successors, old_communes_[i].code, old_address_of(i));
    candidates.insert(candidates.end(), more.begin(), more.end());
  }
  if (candidates.empty()) {
    return admin_error("admin_unit.unknown", "old_commune",
                       "Không có xã cũ nào mang mã " + std::string(code) + ".",
                       "No old commune has the code " + std::string(code) + ".");
  }
  return candidates;
}

}  // namespace tokhai::core
