// Checking the conversion table's totals and writing admin-units-2025.json
// (see admin_units_generation.h and forms/data/README.md for the format).
#include "tools/data/admin_units_generation.h"

#include <nlohmann/json.hpp>
#include <utility>
#include <vector>

namespace tokhai::tools {
namespace {

using nlohmann::json;

core::Result<core::Done> check_total(std::string_view what_vi, std::string_view what_en,
                                     std::size_t found, std::size_t expected) {
  if (found == expected) return core::Done{};
  const std::string counts = std::to_string(found) + " / " + std::to_string(expected);
  return core::Error{
      "conversion.count",
      {"Số " + std::string(what_vi) + " khác số chính thức (đọc được / chính thức): " + counts,
       "The number of " + std::string(what_en) +
           " differs from the official one (read / official): " + counts},
      std::string(what_en)};
}

json successor_codes(const std::vector<core::Successor>& successors, bool whole) {
  json codes = json::array();
  for (const auto& successor : successors) {
    if (successor.whole == whole) codes.push_back(successor.commune_code);
  }
  return codes;
}

// `"key":[` + one record per line + `]`.
void write_records(std::string& out, std::string_view key, const std::vector<json>& records) {
  out += "\"" + std::string(key) + "\":[\n";
  for (std::size_t i = 0; i < records.size(); ++i) {
    out += records[i].dump();
    out += i + 1 < records.size() ? ",\n" : "\n";
  }
  out += "]";
}

}  // namespace

std::string write_admin_units_json(const ConversionTable& table, std::string_view source_file_name,
                                   std::size_t source_size_bytes) {
  const json source = {{"file", source_file_name},
                       {"size_bytes", source_size_bytes},
                       {"records", table.records},
                       {"data_rows", table.data_rows}};
  std::vector<std::pair<std::string_view, std::vector<json>>> sections;

  auto& unit_types = sections.emplace_back("unit_types", std::vector<json>{}).second;
  for (const auto& type : table.unit_types) {
    unit_types.push_back(json::array({type.id, type.name.vi, type.name.en, type.abbreviations}));
  }
  auto& provinces = sections.emplace_back("provinces", std::vector<json>{}).second;
  for (const auto& province : table.provinces) {
    provinces.push_back(json::array({province.code, province.name, province.type}));
  }
  auto& communes = sections.emplace_back("communes", std::vector<json>{}).second;
  for (const auto& commune : table.communes) {
    communes.push_back(
        json::array({commune.code, commune.name, commune.type, commune.province_code}));
  }
  auto& old_provinces = sections.emplace_back("old_provinces", std::vector<json>{}).second;
  for (const auto& province : table.old_provinces) {
    old_provinces.push_back(json::array({province.code, province.name, province.type}));
  }
  auto& old_districts = sections.emplace_back("old_districts", std::vector<json>{}).second;
  for (const auto& district : table.old_districts) {
    old_districts.push_back(json::array(
        {district.code, district.name, district.type, district.province_code,
         successor_codes(district.successors, true), successor_codes(district.successors, false)}));
  }
  auto& old_communes = sections.emplace_back("old_communes", std::vector<json>{}).second;
  for (const auto& commune : table.old_communes) {
    old_communes.push_back(json::array(
        {commune.code, commune.name, commune.type, commune.district_code,
         successor_codes(commune.successors, true), successor_codes(commune.successors, false)}));
  }

  std::string out = "{\"format\":" + json(core::kAdminUnitsFormat).dump() + ",\n";
  out += "\"data_version\":" + json(kAdminUnitsDataVersion).dump() + ",\n";
  out += "\"source\":" + source.dump() + ",\n";
  for (std::size_t i = 0; i < sections.size(); ++i) {
    write_records(out, sections[i].first, sections[i].second);
    out += i + 1 < sections.size() ? ",\n" : "}\n";
  }
  return out;
}

core::Result<GeneratedAdminUnits> generate_admin_units(std::string_view csv_text,
                                                       std::string_view source_file_name) {
  auto table = read_conversion_table(csv_text);
  if (!table) return table.error();
  const ConversionTable& read = table.value();
  for (const auto& total :
       {check_total("tỉnh, thành phố", "provinces", read.provinces.size(), kExpectedProvinces),
        check_total("xã, phường, đặc khu", "communes", read.communes.size(), kExpectedCommunes),
        check_total("xã cũ", "old communes", read.old_commune_units, kExpectedOldCommunes)}) {
    if (!total) return total.error();
  }
  std::string text = write_admin_units_json(read, source_file_name, csv_text.size());
  return GeneratedAdminUnits{std::move(table).value(), std::move(text)};
}

}  // namespace tokhai::tools
