// RFC 4180 CSV reading (see csv_reader.h): a small state machine over bytes.
#include "tools/data/csv_reader.h"

#include <utility>

namespace tokhai::tools {
namespace {

constexpr std::string_view kUtf8ByteOrderMark = "\xEF\xBB\xBF";

core::Error quote_error(std::size_t line, std::string vi, std::string en) {
  return core::Error{"csv.quote", {std::move(vi), std::move(en)}, "line " + std::to_string(line)};
}

}  // namespace

core::Result<std::vector<CsvRecord>> read_csv(std::string_view text) {
  if (text.starts_with(kUtf8ByteOrderMark)) text.remove_prefix(kUtf8ByteOrderMark.size());

  std::vector<CsvRecord> records;
  CsvRecord record{1, {}};
  std::string field;
  std::size_t line = 1;
  std::size_t i = 0;
  bool record_started = false;  // something of the current record has been read
  const auto end_field = [&] { record.fields.push_back(std::exchange(field, {})); };
  const auto end_record = [&] {
    end_field();
    records.push_back(std::exchange(record, CsvRecord{line, {}}));
    record_started = false;
  };

  while (i < text.size()) {
    const char c = text[i];
    record_started = true;
    if (c == '"') {
      if (!field.empty()) {
        return quote_error(line, "Dấu ngoặc kép nằm giữa một trường không được đặt trong ngoặc.",
                           "A quote inside an unquoted field.");
      }
      const std::size_t opened_on = line;
      ++i;
      for (;;) {
        if (i >= text.size()) {
          return quote_error(opened_on, "Trường mở ngoặc kép nhưng không đóng.",
                             "A quoted field is never closed.");
        }
        if (text[i] == '"') {
          if (i + 1 < text.size() && text[i + 1] == '"') {
            field += '"';
            i += 2;
            continue;
          }
          ++i;
          break;
        }
        if (text[i] == '\n') ++line;
        field += text[i++];
      }
      if (i < text.size() && text[i] != ',' && text[i] != '\n' && text[i] != '\r') {
        return quote_error(line, "Có ký tự sau dấu ngoặc kép đóng.",
                           "Text follows a closing quote.");
      }
      continue;
    }
    if (c == ',') {
      end_field();
      ++i;
      continue;
    }
    if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
    if (text[i] == '\n') {
      ++line;
      ++i;
      end_record();
      continue;
    }
    field += c;
    ++i;
  }
  if (record_started) end_record();
  return records;
}

}  // namespace tokhai::tools
