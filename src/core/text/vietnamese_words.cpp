// Numbers and dates in Vietnamese words (see vietnamese_words.h for the readings).
#include "core/text/vietnamese_words.h"

#include <algorithm>
#include <cassert>

#include "core/text/unicode.h"

namespace tokhai::core {
namespace {

constexpr std::string_view kDigits[] = {"không", "một", "hai", "ba",  "bốn",
                                        "năm",   "sáu", "bảy", "tám", "chín"};

void append_word(std::string& out, std::string_view word) {
  if (!out.empty()) out += ' ';
  out += word;
}

// Appends a group of three digits (0–999). `full` reads a zero hundreds digit ("không
// trăm"), as inside a longer number; otherwise leading zeros are silent.
void append_group(std::string& out, int group, bool full) {
  const int hundreds = group / 100, tens = group / 10 % 10, units = group % 10;
  const bool read_hundreds = full || hundreds != 0;
  if (read_hundreds) {
    append_word(out, kDigits[hundreds]);
    append_word(out, "trăm");
  }
  if (tens == 0) {
    if (units == 0) return;
    if (read_hundreds) append_word(out, "linh");
    append_word(out, kDigits[units]);
  } else if (tens == 1) {
    append_word(out, "mười");
    if (units != 0) append_word(out, units == 5 ? "lăm" : kDigits[units]);
  } else {
    append_word(out, kDigits[tens]);
    append_word(out, "mươi");
    if (units == 1) {
      append_word(out, "mốt");
    } else if (units == 4) {
      append_word(out, "tư");
    } else if (units == 5) {
      append_word(out, "lăm");
    } else if (units != 0) {
      append_word(out, kDigits[units]);
    }
  }
}

// Appends `n` (> 0). `full` as in append_group, for the leading group. Billions repeat:
// 10^12 is "nghìn tỷ", 10^18 "tỷ tỷ".
void append_positive(std::string& out, std::uint64_t n, bool full) {
  constexpr std::uint64_t kBillion = 1'000'000'000;
  if (n >= kBillion) {
    append_positive(out, n / kBillion, full);
    append_word(out, "tỷ");
    if (n % kBillion != 0) append_positive(out, n % kBillion, true);
    return;
  }
  constexpr std::string_view kScales[] = {"triệu", "nghìn", ""};
  const int groups[] = {static_cast<int>(n / 1'000'000), static_cast<int>(n / 1000 % 1000),
                        static_cast<int>(n % 1000)};
  bool started = false;
  for (int i = 0; i < 3; ++i) {
    if (groups[i] == 0) continue;
    append_group(out, groups[i], full || started);
    if (!kScales[i].empty()) append_word(out, kScales[i]);
    started = true;
  }
}

}  // namespace

std::string number_in_words(std::int64_t n) {
  if (n == 0) return std::string(kDigits[0]);
  std::string out;
  // The magnitude as unsigned, so that the smallest int64 has one too.
  std::uint64_t magnitude = static_cast<std::uint64_t>(n);
  if (n < 0) {
    out = "âm";
    magnitude = 0 - magnitude;
  }
  append_positive(out, magnitude, false);
  return out;
}

std::string date_in_words(CalendarDate date) {
  assert(date.month >= 1 && date.month <= 12 && date.day >= 1 && date.day <= 31);
  std::string out = "ngày ";
  if (date.day <= 10) out += "mồng ";
  out += number_in_words(date.day);
  out += " tháng ";
  out += date.month == 4 ? "tư" : number_in_words(date.month);
  out += " năm ";
  if (date.year >= 2010 && date.year <= 2099) {
    out += "hai nghìn ";
    out += number_in_words(date.year % 100);
  } else {
    out += number_in_words(date.year);
  }
  return out;
}

std::string capitalize_first(std::string_view text) {
  if (text.empty()) return {};
  const auto lead = static_cast<unsigned char>(text[0]);
  const std::size_t sequence_bytes = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
  const std::size_t first = std::min(text.size(), sequence_bytes);
  return to_upper(text.substr(0, first)) + std::string(text.substr(first));
}

}  // namespace tokhai::core
