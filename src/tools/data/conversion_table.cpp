// Reading the official conversion table into units (see conversion_table.h).
//
// [SECTION] cells: cleaning, codes in brackets, type words, notes
// [SECTION] rows: one record into one Row
// [SECTION] units: rows into provinces, communes and old units, with checks
#include "tools/data/conversion_table.h"

#include <algorithm>
#include <array>
#include <cassert>
#include <map>
#include <optional>
#include <set>
#include <span>
#include <type_traits>
#include <utility>

#include "core/text/unicode.h"
#include "tools/data/csv_reader.h"

namespace tokhai::tools {
namespace {

using core::Error;
using core::Result;

// ---- [SECTION] cells ---------------------------------------------------------

enum Column : std::size_t {
  kNewProvince,
  kNewCommuneName,
  kNewCommuneCode,
  kOldCommuneName,
  kOldCommuneCode,
  kNote,
  kOldDistrict,
  kOldProvince,
  kColumnCount
};

constexpr std::array<std::string_view, kColumnCount> kColumnNames = {
    "Tỉnh, thành phố", "Tên Xã mới", "Mã Xã mới",  "Tên Xã cũ",
    "Mã Xã cũ",        "Ghi chú",    "Quận/huyện", "Tỉnh cũ"};

// The type words each column may start with.
constexpr std::array<std::string_view, 2> kProvinceTypes = {"tỉnh", "thành phố"};
constexpr std::array<std::string_view, 3> kCommuneTypes = {"xã", "phường", "đặc khu"};
constexpr std::array<std::string_view, 4> kOldDistrictTypes = {"quận", "huyện", "thị xã",
                                                               "thành phố"};
constexpr std::array<std::string_view, 3> kOldCommuneTypes = {"xã", "phường", "thị trấn"};

Error table_error(std::string code, std::string where, std::string vi, std::string en) {
  return Error{std::move(code), {std::move(vi), std::move(en)}, std::move(where)};
}

std::string at_line(std::size_t line) { return "line " + std::to_string(line); }

Error cell_error(std::size_t line, Column column, std::string_view cell, std::string_view vi,
                 std::string_view en) {
  const std::string quoted = " \"" + std::string(cell) + "\"";
  return table_error("conversion.cell",
                     at_line(line) + ", column \"" + std::string(kColumnNames[column]) + "\"",
                     std::string(vi) + quoted, std::string(en) + quoted);
}

// The cell as NFC with every whitespace run (line breaks and no-break spaces too)
// made one space and the ends trimmed.
std::string clean(std::string_view cell) {
  const std::string nfc = core::to_nfc(cell);
  std::string out;
  bool space_pending = false;
  for (std::size_t i = 0; i < nfc.size(); ++i) {
    const auto byte = static_cast<unsigned char>(nfc[i]);
    const bool no_break_space =
        byte == 0xC2 && i + 1 < nfc.size() && static_cast<unsigned char>(nfc[i + 1]) == 0xA0;
    if (no_break_space || byte == ' ' || byte == '\t' || byte == '\n' || byte == '\r' ||
        byte == '\v' || byte == '\f') {
      space_pending = !out.empty();
      if (no_break_space) ++i;
      continue;
    }
    if (space_pending) out += ' ';
    space_pending = false;
    out += nfc[i];
  }
  return out;
}

bool all_digits(std::string_view text, std::size_t count) {
  return text.size() == count &&
         std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// "Huyện Vĩnh Tường (252)" → {"Huyện Vĩnh Tường", "252"}, when the code has `digits` digits.
std::optional<std::pair<std::string, std::string>> split_code(std::string_view cleaned,
                                                              std::size_t digits) {
  if (!cleaned.ends_with(')')) return std::nullopt;
  const std::size_t open = cleaned.rfind('(');
  if (open == std::string_view::npos) return std::nullopt;
  const std::string code = clean(cleaned.substr(open + 1, cleaned.size() - open - 2));
  if (!all_digits(code, digits)) return std::nullopt;
  return std::pair{clean(cleaned.substr(0, open)), code};
}

const core::UnitType& unit_type(std::string_view id) {
  const auto& types = admin_unit_types();
  const auto it =
      std::find_if(types.begin(), types.end(), [&](const auto& type) { return type.id == id; });
  assert(it != types.end() && "a type id the reader uses is missing from admin_unit_types()");
  return *it;
}

struct TypedName {
  std::string type;  // a UnitType id, or empty
  std::string name;  // without the type word
  bool operator==(const TypedName&) const = default;
};

// Which of `types` the first words of `cleaned` spell, compared by search_key so
// that "Thị Xã", "Thi trấn" and "Xa" pass; nullopt when none does or nothing
// follows the type word.
std::optional<TypedName> split_type(std::string_view cleaned,
                                    std::span<const std::string_view> types) {
  for (std::string_view id : types) {
    const std::string& type_word = unit_type(id).name.vi;
    const auto word_count = 1 + std::count(type_word.begin(), type_word.end(), ' ');
    std::size_t end = std::string_view::npos;  // the space after the type words
    std::size_t from = 0;
    for (auto words = 0; words < word_count; ++words) {
      end = cleaned.find(' ', from);
      if (end == std::string_view::npos) break;
      from = end + 1;
    }
    if (end == std::string_view::npos) continue;
    if (core::search_key(cleaned.substr(0, end)) == core::search_key(type_word)) {
      return TypedName{std::string(id), std::string(cleaned.substr(end + 1))};
    }
  }
  return std::nullopt;
}

std::string full_name(const TypedName& name) {
  return name.type.empty() ? name.name : unit_type(name.type).name.vi + " " + name.name;
}

// The note column: true when the old unit went into the new one whole, false when
// only part of it did, nullopt for a note this reader does not know.
std::optional<bool> merged_whole(std::string_view note) {
  const std::string key = core::search_key(note);
  if (key.find("mot phan") != std::string::npos) return false;
  if (key.find("toan bo") != std::string::npos || key.starts_with("giu nguyen") ||
      key.starts_with("doi ten") || key.starts_with("doi loai hinh")) {
    return true;
  }
  return std::nullopt;
}

// ---- [SECTION] rows ----------------------------------------------------------

struct CodedName {
  std::string code;
  TypedName name;
};

struct Row {
  std::size_t line = 0;
  CodedName province;
  CodedName commune;
  std::optional<CodedName> old_commune;  // nullopt: the row moves a whole district
  bool whole = true;
  CodedName old_district;
  CodedName old_province;
};

// A "Name (code)" cell whose name must (or may, when `type_optional`) start with one of `types`.
Result<CodedName> read_coded_cell(const CsvRecord& record, Column column, std::size_t digits,
                                  std::span<const std::string_view> types, bool type_optional) {
  const std::string cell = clean(record.fields[column]);
  const auto split = split_code(cell, digits);
  if (!split) {
    return cell_error(record.line, column, cell,
                      "Không đọc được mã " + std::to_string(digits) + " chữ số trong ngoặc:",
                      "No " + std::to_string(digits) + "-digit code in brackets:");
  }
  auto typed = split_type(split->first, types);
  if (!typed && !type_optional) {
    return cell_error(record.line, column, cell,
                      "Không nhận ra loại đơn vị:", "Unknown unit type:");
  }
  return CodedName{split->second, typed ? std::move(*typed) : TypedName{"", split->first}};
}

Result<Row> read_row(const CsvRecord& record) {
  Row row;
  row.line = record.line;

  auto province = read_coded_cell(record, kNewProvince, 2, kProvinceTypes, false);
  if (!province) return province.error();
  row.province = std::move(province).value();

  const std::string commune_name = clean(record.fields[kNewCommuneName]);
  const std::string commune_code = clean(record.fields[kNewCommuneCode]);
  if (!all_digits(commune_code, 5)) {
    return cell_error(record.line, kNewCommuneCode, commune_code,
                      "Mã xã mới không phải 5 chữ số:", "The new commune code is not 5 digits:");
  }
  auto commune = split_type(commune_name, kCommuneTypes);
  if (!commune) {
    return cell_error(record.line, kNewCommuneName, commune_name,
                      "Tên xã mới không bắt đầu bằng xã, phường hay đặc khu:",
                      "The new commune name does not start with xã, phường or đặc khu:");
  }
  row.commune = CodedName{commune_code, std::move(*commune)};

  const std::string old_name = clean(record.fields[kOldCommuneName]);
  const std::string old_code = clean(record.fields[kOldCommuneCode]);
  if (!old_code.empty() && !all_digits(old_code, 5)) {
    return cell_error(record.line, kOldCommuneCode, old_code,
                      "Mã xã cũ không phải 5 chữ số:", "The old commune code is not 5 digits:");
  }
  if (old_name.empty() && !old_code.empty()) {
    return cell_error(record.line, kOldCommuneName, old_code,
                      "Xã cũ có mã nhưng không có tên:", "An old commune code without a name:");
  }
  if (!old_name.empty()) {
    auto typed = split_type(old_name, kOldCommuneTypes);
    row.old_commune = CodedName{old_code, typed ? std::move(*typed) : TypedName{"", old_name}};
  }

  const std::string note = clean(record.fields[kNote]);
  const auto whole = merged_whole(note);
  if (!whole) {
    return cell_error(record.line, kNote, note, "Ghi chú không cho biết nhập toàn bộ hay một phần:",
                      "The note says neither whole nor part:");
  }
  row.whole = *whole;

  auto district = read_coded_cell(record, kOldDistrict, 3, kOldDistrictTypes, false);
  if (!district) return district.error();
  row.old_district = std::move(district).value();

  auto old_province = read_coded_cell(record, kOldProvince, 2, kProvinceTypes, true);
  if (!old_province) return old_province.error();
  row.old_province = std::move(old_province).value();
  return row;
}

Result<core::Done> check_layout(const std::vector<CsvRecord>& records) {
  if (records.size() < 2) {
    return table_error("conversion.layout", "", "Bảng thiếu hai dòng tiêu đề.",
                       "The table lacks its two header rows.");
  }
  for (const CsvRecord& record : records) {
    const bool extra_cells_empty = std::all_of(
        record.fields.begin() + std::min(record.fields.size(), std::size_t{kColumnCount}),
        record.fields.end(), [](const std::string& cell) { return clean(cell).empty(); });
    if (record.fields.size() < kColumnCount || !extra_cells_empty) {
      return table_error("conversion.layout", at_line(record.line),
                         "Dòng không có đúng " + std::to_string(kColumnCount) + " cột.",
                         "The row does not have " + std::to_string(kColumnCount) + " columns.");
    }
  }
  for (std::size_t column = 0; column < kColumnCount; ++column) {
    const std::string& name = records[1].fields[column];
    if (core::fold_tone_placement(clean(name)) != core::fold_tone_placement(kColumnNames[column])) {
      return table_error("conversion.layout", at_line(records[1].line),
                         "Cột " + std::to_string(column + 1) + " là \"" + name + "\", cần \"" +
                             std::string(kColumnNames[column]) + "\".",
                         "Column " + std::to_string(column + 1) + " is \"" + name +
                             "\", expected \"" + std::string(kColumnNames[column]) + "\".");
    }
  }
  return core::Done{};
}

// ---- [SECTION] units ---------------------------------------------------------

// The spellings rows give one unit, with how many rows use each.
class Spellings {
 public:
  void add(const TypedName& name) {
    for (auto& seen : seen_) {
      if (seen.name == name) {
        ++seen.rows;
        return;
      }
    }
    seen_.push_back({name, 1});
  }
  // The spelling most rows use; the first seen wins a tie.
  const TypedName& most_used() const {
    const Seen* best = &seen_.front();
    for (const auto& seen : seen_) {
      if (seen.rows > best->rows) best = &seen;
    }
    return best->name;
  }
  // Every spelling other than the most used one, for the notices.
  std::vector<std::string> others() const {
    std::vector<std::string> names;
    for (const auto& seen : seen_) {
      if (!(seen.name == most_used())) names.push_back(full_name(seen.name));
    }
    return names;
  }
  bool names_agree() const {
    const std::string first = core::fold_tone_placement(seen_.front().name.name);
    return std::all_of(seen_.begin(), seen_.end(), [&](const Seen& seen) {
      return core::fold_tone_placement(seen.name.name) == first;
    });
  }

 private:
  struct Seen {
    TypedName name;
    std::size_t rows = 0;
  };
  std::vector<Seen> seen_;
};

// One unit as the rows describe it: its spellings and the parent (province or
// district) each row puts it in, with how many rows do.
struct UnitRows {
  Spellings spellings;
  std::map<std::string, std::size_t> parents;
  std::size_t first_line = 0;
};

void add_rows(std::map<std::string, UnitRows>& units, const std::string& key, const TypedName& name,
              const std::string& parent, std::size_t line) {
  UnitRows& unit = units[key];
  if (unit.first_line == 0) unit.first_line = line;
  unit.spellings.add(name);
  ++unit.parents[parent];
}

std::string joined(const std::vector<std::string>& items) {
  std::string text;
  for (const auto& item : items) text += (text.empty() ? "" : ", ") + item;
  return text;
}

// The parent most rows give `unit`; the others become a notice. Rows split
// evenly between parents are an error.
Result<std::string> parent_of(const UnitRows& unit, const std::string& where,
                              std::vector<std::string>& notices) {
  auto best = unit.parents.begin();
  std::vector<std::string> others;
  for (auto it = unit.parents.begin(); it != unit.parents.end(); ++it) {
    if (it->second > best->second) best = it;
  }
  for (const auto& [parent, rows] : unit.parents) {
    if (parent == best->first) continue;
    if (rows == best->second) {
      return table_error(
          "conversion.conflict", where,
          "Số dòng đặt đơn vị vào " + best->first + " và " + parent + " bằng nhau.",
          "As many rows place the unit in " + best->first + " as in " + parent + ".");
    }
    others.push_back(parent + " (" + std::to_string(rows) + " rows)");
  }
  if (!others.empty()) {
    notices.push_back(where + ": placed in " + best->first + " as " + std::to_string(best->second) +
                      " rows do, not in " + joined(others));
  }
  return best->first;
}

// A unit as the table is read: its spelling and its parent.
struct ResolvedUnit {
  TypedName name;
  std::string parent;
};

// Each unit of `units` with the spelling and the parent most rows give; the
// variants become notices. A code with two different names is an error.
template <class Key>
Result<std::map<Key, ResolvedUnit>> resolve_units(const std::map<Key, UnitRows>& units,
                                                  std::string_view what,
                                                  std::vector<std::string>& notices) {
  std::map<Key, ResolvedUnit> resolved;
  for (const auto& [key, unit] : units) {
    const TypedName& name = unit.spellings.most_used();
    std::string where = std::string(what) + " ";
    if constexpr (std::is_same_v<Key, std::string>) {
      where += key;
    } else {
      where += key.first.empty() ? full_name(name) : key.first;
    }
    if (!unit.spellings.names_agree()) {
      const std::string names = full_name(name) + ", " + joined(unit.spellings.others());
      return table_error("conversion.conflict", where, "Một mã mang nhiều tên khác nhau: " + names,
                         "One code carries different names: " + names);
    }
    if (const auto others = unit.spellings.others(); !others.empty()) {
      notices.push_back(where + ": spelt \"" + full_name(name) +
                        "\" as most rows do, also seen as \"" + joined(others) + "\"");
    }
    auto parent = parent_of(unit, where, notices);
    if (!parent) return parent.error();
    resolved.emplace(key, ResolvedUnit{name, std::move(parent).value()});
  }
  return resolved;
}

std::vector<core::Successor> successors_of(const std::map<std::string, bool>& whole_by_code) {
  std::vector<core::Successor> successors;
  for (const auto& [code, whole] : whole_by_code) successors.push_back({code, whole});
  std::stable_partition(successors.begin(), successors.end(),
                        [](const core::Successor& successor) { return successor.whole; });
  return successors;
}

// A row may name an old province by a code that belongs to another province
// (e.g. "Quảng Trị (44)" while 44 is Quảng Bình everywhere else). When the name is
// that of exactly one other province, the row is read with that province's code.
Result<core::Done> correct_old_province_codes(std::vector<Row>& rows,
                                              std::vector<std::string>& notices) {
  std::map<std::string, Spellings> by_code;
  for (const Row& row : rows) by_code[row.old_province.code].add(row.old_province.name);
  std::map<std::string, std::string> key_of_code;
  for (const auto& [code, spellings] : by_code) {
    key_of_code[code] = core::fold_tone_placement(spellings.most_used().name);
  }
  for (Row& row : rows) {
    const std::string key = core::fold_tone_placement(row.old_province.name.name);
    if (key == key_of_code[row.old_province.code]) continue;
    std::vector<std::string> codes;
    for (const auto& [code, code_key] : key_of_code) {
      if (code_key == key) codes.push_back(code);
    }
    const std::string cell = full_name(row.old_province.name) + " (" + row.old_province.code + ")";
    if (codes.size() != 1) {
      return table_error("conversion.conflict", at_line(row.line),
                         "Tỉnh cũ \"" + cell + "\" không khớp mã của nó.",
                         "Old province \"" + cell + "\" does not match its code.");
    }
    notices.push_back(
        at_line(row.line) + ": old province \"" + cell + "\" read as code " + codes.front() + " (" +
        full_name(by_code[codes.front()].most_used()) + "): code " + row.old_province.code +
        " is " + full_name(by_code[row.old_province.code].most_used()) + " in every other row");
    row.old_province.code = codes.front();
  }
  return core::Done{};
}

}  // namespace

const std::vector<core::UnitType>& admin_unit_types() {
  static const std::vector<core::UnitType> types = {
      {"tỉnh", {"Tỉnh", "Province"}, {}},
      {"thành phố", {"Thành phố", "City"}, {"TP"}},
      {"xã", {"Xã", "Commune"}, {}},
      {"phường", {"Phường", "Ward"}, {"P"}},
      {"đặc khu", {"Đặc khu", "Special zone"}, {}},
      {"thị trấn", {"Thị trấn", "Township"}, {"TT"}},
      {"huyện", {"Huyện", "District"}, {"H"}},
      {"quận", {"Quận", "Urban district"}, {"Q"}},
      {"thị xã", {"Thị xã", "Town"}, {"TX"}},
  };
  return types;
}

Result<ConversionTable> read_conversion_table(std::string_view csv_text) {
  auto records = read_csv(csv_text);
  if (!records) return records.error();
  if (auto layout = check_layout(records.value()); !layout) return layout.error();

  ConversionTable table;
  table.unit_types = admin_unit_types();
  table.records = records.value().size();

  std::vector<Row> rows;
  for (std::size_t i = 2; i < records.value().size(); ++i) {
    const CsvRecord& record = records.value()[i];
    const bool heading = std::all_of(record.fields.begin() + 1, record.fields.end(),
                                     [](const std::string& cell) { return clean(cell).empty(); });
    if (heading) continue;
    auto row = read_row(record);
    if (!row) return row.error();
    rows.push_back(std::move(row).value());
  }
  table.data_rows = rows.size();
  if (auto corrected = correct_old_province_codes(rows, table.notices); !corrected) {
    return corrected.error();
  }

  std::map<std::string, UnitRows> provinces, communes, old_provinces, old_districts;
  // Old communes are told apart by code and name: the table gives a few codes to
  // two different communes, and both must stay findable by name.
  std::map<std::pair<std::string, std::string>, UnitRows> old_communes;
  std::map<std::pair<std::string, std::string>, std::map<std::string, bool>> old_commune_successors;
  std::map<std::string, std::map<std::string, bool>> district_successors;
  for (const Row& row : rows) {
    add_rows(provinces, row.province.code, row.province.name, "", row.line);
    add_rows(communes, row.commune.code, row.commune.name, row.province.code, row.line);
    add_rows(old_provinces, row.old_province.code, row.old_province.name, "", row.line);
    add_rows(old_districts, row.old_district.code, row.old_district.name, row.old_province.code,
             row.line);
    auto& successors =
        row.old_commune
            ? old_commune_successors[{row.old_commune->code,
                                      core::fold_tone_placement(row.old_commune->name.name)}]
            : district_successors[row.old_district.code];
    auto [it, inserted] = successors.emplace(row.commune.code, row.whole);
    if (!inserted) it->second = it->second && row.whole;
    if (row.old_commune) {
      const std::pair key{row.old_commune->code,
                          core::fold_tone_placement(row.old_commune->name.name)};
      UnitRows& unit = old_communes[key];
      if (unit.first_line == 0) unit.first_line = row.line;
      unit.spellings.add(row.old_commune->name);
      ++unit.parents[row.old_district.code];
    }
  }

  auto resolved_provinces = resolve_units(provinces, "province", table.notices);
  if (!resolved_provinces) return resolved_provinces.error();
  for (const auto& [code, unit] : resolved_provinces.value()) {
    table.provinces.push_back({code, unit.name.name, unit.name.type, full_name(unit.name)});
  }
  auto resolved_communes = resolve_units(communes, "commune", table.notices);
  if (!resolved_communes) return resolved_communes.error();
  for (const auto& [code, unit] : resolved_communes.value()) {
    table.communes.push_back(
        {code, unit.name.name, unit.name.type, full_name(unit.name), unit.parent});
  }
  auto resolved_old_provinces = resolve_units(old_provinces, "old province", table.notices);
  if (!resolved_old_provinces) return resolved_old_provinces.error();
  for (const auto& [code, unit] : resolved_old_provinces.value()) {
    table.old_provinces.push_back({code, unit.name.name, unit.name.type, full_name(unit.name)});
  }
  auto resolved_old_districts = resolve_units(old_districts, "old district", table.notices);
  if (!resolved_old_districts) return resolved_old_districts.error();
  for (const auto& [code, unit] : resolved_old_districts.value()) {
    const auto successors = district_successors.find(code);
    table.old_districts.push_back(
        {code, unit.name.name, unit.name.type, full_name(unit.name), unit.parent,
         successors == district_successors.end() ? std::vector<core::Successor>{}
                                                 : successors_of(successors->second)});
  }

  auto resolved_old_communes = resolve_units(old_communes, "old commune", table.notices);
  if (!resolved_old_communes) return resolved_old_communes.error();
  std::map<std::string, std::vector<std::string>> names_of_code;
  std::set<std::string> old_codes;
  std::size_t uncoded = 0;
  for (const auto& [key, unit] : resolved_old_communes.value()) {
    const std::string& code = key.first;
    if (unit.name.type.empty()) {
      table.notices.push_back(at_line(old_communes.at(key).first_line) + ": old commune \"" +
                              unit.name.name + "\" has no type word (xã, phường, thị trấn)");
    }
    if (code.empty()) {
      ++uncoded;
    } else {
      old_codes.insert(code);
      names_of_code[code].push_back(full_name(unit.name));
    }
    table.old_communes.push_back({code, unit.name.name, unit.name.type, full_name(unit.name),
                                  unit.parent, successors_of(old_commune_successors.at(key))});
  }
  for (const auto& [code, names] : names_of_code) {
    if (names.size() > 1) {
      table.notices.push_back("old commune code " + code + " names " +
                              std::to_string(names.size()) + " communes: " + joined(names) +
                              " (each kept, with its own successors)");
    }
  }
  table.old_commune_units = old_codes.size() + uncoded;
  return table;
}

}  // namespace tokhai::tools
