// The official conversion table of the 2025 administrative reform
// (../shared/data/admin-units-2025-conversion.csv), read into units.
//
// The table has one row per pair (new commune, old commune): new province with
// its code in brackets, new commune name and code, old commune name and code, a
// note (merged whole or in part), old district and old province with their
// codes. Row 1 is a group header, row 2 the column names; rows with only a first
// cell are section headings. The table is typed by hand, so the reader
// normalises what people vary (NFC, spaces and line breaks inside cells, case and
// typos of the type word: "Thị Xã", "Thi trấn", "Xa") and takes, for each code,
// the spelling most rows use. What it corrects beyond that is listed in
// `notices`; what it cannot make sense of is an error naming the line.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/admin/admin_units.h"
#include "core/result.h"

namespace tokhai::tools {

struct ConversionTable {
  std::vector<core::UnitType> unit_types;        // every type word the names use
  std::vector<core::Province> provinces;         // by code
  std::vector<core::Commune> communes;           // by code
  std::vector<core::OldProvince> old_provinces;  // by code
  std::vector<core::OldDistrict> old_districts;  // by code
  std::vector<core::OldCommune> old_communes;    // by code, then name
  std::size_t records = 0;                       // CSV records, the two header rows included
  std::size_t data_rows = 0;                     // records pairing a new commune with an old unit
  std::size_t old_commune_units = 0;  // old communes told apart by code (by name when uncoded)
  std::vector<std::string> notices;   // corrections and oddities, for people to read
};

// The unit types of the reform's names: id, Vietnamese and English name, and the
// abbreviations people write before a name ("TP", "TT", "Q").
const std::vector<core::UnitType>& admin_unit_types();

// Reads the table from its CSV text. Error codes: csv.quote, conversion.layout
// (columns or header not as described), conversion.cell (a cell that cannot be
// read: code, type word, note), conversion.conflict (one code with two
// different units, or one unit in two places).
core::Result<ConversionTable> read_conversion_table(std::string_view csv_text);

}  // namespace tokhai::tools
