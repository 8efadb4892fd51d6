// tokhai-admin-units: writes forms/data/admin-units-2025.json from the official
// conversion table.
//
//   tokhai-admin-units ../shared/data/admin-units-2025-conversion.csv
//       forms/data/admin-units-2025.json
//
// Prints the totals and every correction it made to the table; exits 1 without
// writing anything when the table cannot be read or a total differs from the
// official one (34 provinces, 3,321 communes, 10,034 old communes).
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <string>

#include "core/text_file.h"
#include "tools/data/admin_units_generation.h"

namespace {

int fail(const tokhai::core::Error& error) {
  std::cerr << "tokhai-admin-units: " << error.code << " (" << error.where
            << "): " << error.message.en << "\n";
  return 1;
}

int usage() {
  std::cerr << "usage: tokhai-admin-units CONVERSION_CSV OUTPUT_JSON\n";
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) return usage();
  const std::filesystem::path source = argv[1];
  const std::filesystem::path output = argv[2];

  const auto csv_text = tokhai::core::read_text_file(source);
  if (!csv_text) {
    std::cerr << "tokhai-admin-units: cannot read " << source << "\n";
    return 1;
  }

  const auto generated = tokhai::tools::generate_admin_units(*csv_text, source.filename().string());
  if (!generated) return fail(generated.error());
  const tokhai::tools::ConversionTable& table = generated.value().table;

  for (const auto& notice : table.notices) std::cout << "note: " << notice << "\n";
  std::cout << "records " << table.records << ", data rows " << table.data_rows << "\n"
            << "provinces " << table.provinces.size() << ", communes " << table.communes.size()
            << "\n"
            << "old provinces " << table.old_provinces.size() << ", old districts "
            << table.old_districts.size() << ", old communes " << table.old_commune_units << " ("
            << table.old_communes.size() << " records)\n";

  const std::filesystem::path temporary = output.string() + ".tmp";
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    out << generated.value().json;
    if (!out.flush()) {
      std::cerr << "tokhai-admin-units: cannot write " << temporary << "\n";
      return 1;
    }
  }
  std::error_code error;
  std::filesystem::rename(temporary, output, error);
  if (error) {
    std::cerr << "tokhai-admin-units: cannot write " << output << ": " << error.message() << "\n";
    return 1;
  }
  std::cout << "wrote " << output.string() << " (" << generated.value().json.size() << " bytes)\n";
  return 0;
}
