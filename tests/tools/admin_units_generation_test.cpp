// Drift test: the committed forms/data/admin-units-2025.json is exactly what
// tokhai-admin-units makes of the official conversion table in ../shared/data,
// and the table reads as the official totals say (DOMAIN.md §3).
#include "tools/data/admin_units_generation.h"
#include "core/text_file.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <fstream>
#include <iterator>

using tokhai::tools::generate_admin_units;

namespace {

constexpr const char* kTablePath = "../shared/data/admin-units-2025-conversion.csv";
constexpr const char* kDataPath = "forms/data/admin-units-2025.json";

std::string read_file(const char* path) {
  INFO(path);
  auto text = tokhai::core::read_text_file(path);
  REQUIRE(text.has_value());
  return std::move(*text);
}

// The 1-based line where `a` and `b` first differ.
std::size_t first_different_line(const std::string& a, const std::string& b) {
  const auto [ia, ib] = std::mismatch(a.begin(), a.end(), b.begin(), b.end());
  return 1 + static_cast<std::size_t>(std::count(a.begin(), ia, '\n'));
}

// What the generator makes of the official table, made once for every test.
const tokhai::core::Result<tokhai::tools::GeneratedAdminUnits>& generated_from_table() {
  static const auto generated =
      generate_admin_units(read_file(kTablePath), "admin-units-2025-conversion.csv");
  REQUIRE(generated.ok());
  return generated;
}

}  // namespace

TEST_CASE("the committed admin-units data is what the official table generates") {
  const auto& generated = generated_from_table();
  const std::string committed = read_file(kDataPath);
  INFO("regenerate with: build/<preset>/bin/tokhai-admin-units " << kTablePath << " " << kDataPath);
  INFO("first difference on line " << first_different_line(generated.value().json, committed));
  CHECK(generated.value().json.size() == committed.size());
  CHECK(generated.value().json == committed);
}

TEST_CASE("the official table reads with the official totals") {
  const auto& generated = generated_from_table();
  const auto& table = generated.value().table;
  CHECK(table.provinces.size() == 34);
  CHECK(table.communes.size() == 3321);
  CHECK(table.old_commune_units == 10034);
  CHECK(table.old_provinces.size() == 63);

  // Old Vĩnh Phúc (26): 121 old communes in 9 districts became 36 new communes of Phú Thọ.
  std::vector<std::string> vinh_phuc_districts;
  for (const auto& district : table.old_districts) {
    if (district.province_code == "26") vinh_phuc_districts.push_back(district.code);
  }
  CHECK(vinh_phuc_districts.size() == 9);
  std::size_t old_communes = 0;
  std::vector<std::string> new_codes;
  for (const auto& commune : table.old_communes) {
    if (std::find(vinh_phuc_districts.begin(), vinh_phuc_districts.end(), commune.district_code) ==
        vinh_phuc_districts.end()) {
      continue;
    }
    ++old_communes;
    for (const auto& successor : commune.successors) new_codes.push_back(successor.commune_code);
  }
  std::sort(new_codes.begin(), new_codes.end());
  new_codes.erase(std::unique(new_codes.begin(), new_codes.end()), new_codes.end());
  CHECK(old_communes == 121);
  CHECK(new_codes.size() == 36);
}

TEST_CASE("a total that differs from the official one stops the generation") {
  // The real header rows and a single data row: 1 province, 1 commune, 1 old commune.
  const std::string table = read_file(kTablePath);
  std::size_t end = 0;
  for (int line = 0; line < 4; ++line) end = table.find('\n', end) + 1;
  const auto generated = generate_admin_units(table.substr(0, end), "cut.csv");
  REQUIRE_FALSE(generated.ok());
  CHECK(generated.error().code == "conversion.count");
  CHECK(generated.error().where == "provinces");
}
