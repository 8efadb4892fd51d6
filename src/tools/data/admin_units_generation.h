// Generating forms/data/admin-units-2025.json from the official conversion
// table: read the table (conversion_table.h), check its totals against the
// official ones, write the compact JSON that core/admin/admin_units.h reads.
// The format is described in forms/data/README.md.
//
// tokhai-admin-units and the drift test (tests/tools) both call
// generate_admin_units, so the committed file is exactly what the table gives.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "core/result.h"
#include "tools/data/conversion_table.h"

namespace tokhai::tools {

// The edition of the official data the table belongs to: the reform's effective
// date and the decision that fixed the codes (QĐ 19/2025/QĐ-TTg).
inline constexpr std::string_view kAdminUnitsDataVersion = "2025-07-01+QĐ19/2025";

// The official totals (data/README.md beside the table; DOMAIN.md §3).
inline constexpr std::size_t kExpectedProvinces = 34;
inline constexpr std::size_t kExpectedCommunes = 3321;
inline constexpr std::size_t kExpectedOldCommunes = 10034;

struct GeneratedAdminUnits {
  ConversionTable table;
  std::string json;  // the data file's bytes
};

// Reads the table from `csv_text`, checks the totals and writes the JSON. The
// source stamp records `source_file_name` and the size of `csv_text`. Error
// codes: those of read_conversion_table, and conversion.count (a total differs
// from the official one).
core::Result<GeneratedAdminUnits> generate_admin_units(std::string_view csv_text,
                                                       std::string_view source_file_name);

// The JSON text of `table`: one record per line, keys and records in a fixed
// order, so that the same table always gives the same bytes.
std::string write_admin_units_json(const ConversionTable& table, std::string_view source_file_name,
                                   std::size_t source_size_bytes);

}  // namespace tokhai::tools
