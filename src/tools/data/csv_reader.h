// CSV reading (RFC 4180) for the data generators: comma-separated fields,
// double-quoted fields that may hold commas, doubled quotes and line breaks,
// LF or CRLF record ends, an optional UTF-8 byte-order mark. Bytes are passed
// through as they are; decoding and normalising text is the caller's business.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace tokhai::tools {

struct CsvRecord {
  std::size_t line = 0;             // 1-based line on which the record starts
  std::vector<std::string> fields;  // at least one (an empty line is one empty field)
};

// Splits `text` into records. A final line break does not start another record.
// Error codes: csv.quote (a quote inside an unquoted field, text after a closing
// quote, or a quoted field left open at the end of the text).
core::Result<std::vector<CsvRecord>> read_csv(std::string_view text);

}  // namespace tokhai::tools
