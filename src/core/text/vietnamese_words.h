// Numbers and dates in Vietnamese words, as the birth-registration form prints the
// date of birth "ghi bằng chữ" (DOMAIN.md §1.1, B2).
//
// Readings follow the standard northern usage of official documents:
//   * units after "mươi": 1 → "mốt", 4 → "tư", 5 → "lăm" ("hai mươi mốt", "hai mươi
//     tư", "hai mươi lăm"); after "mười" only 5 changes ("mười lăm", "mười bốn");
//   * a zero tens digit after hundreds is "linh" ("một trăm linh năm");
//   * a zero hundreds digit inside a number is read ("hai nghìn không trăm linh năm"),
//     a group of three zeros is skipped ("một triệu hai trăm nghìn");
//   * 10^3 "nghìn", 10^6 "triệu", 10^9 "tỷ"; past that the count of tỷ is read as a
//     number of its own ("một nghìn tỷ", "hai triệu năm trăm nghìn tỷ", "một tỷ tỷ").
// Dates (date_in_words):
//   * days 1–10 are "mồng một" … "mồng mười", later days plain ("mười lăm", "ba mươi mốt");
//   * month 4 is "tháng tư", the others plain ("tháng một", "tháng mười hai");
//   * years 2010–2099 drop "không trăm" as the official example does ("năm hai nghìn hai
//     mươi sáu"); every other year is read in full ("hai nghìn không trăm linh năm",
//     "một nghìn chín trăm tám mươi bảy").
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/dates.h"

namespace tokhai::core {

// `n` in Vietnamese words, lowercase: 15 → "mười lăm", 2005 → "hai nghìn không trăm linh
// năm", -7 → "âm bảy"; every int64 value, including the smallest.
std::string number_in_words(std::int64_t n);

// The date as the birth form reads it, lowercase: 2026-03-15 → "ngày mười lăm tháng ba năm
// hai nghìn hai mươi sáu"; `date` must be a real calendar day.
std::string date_in_words(CalendarDate date);

// `text` with its first character uppercased ("ngày mười lăm…" → "Ngày mười lăm…", "đăng
// ký" → "Đăng ký"); the rest is unchanged.
std::string capitalize_first(std::string_view text);

}  // namespace tokhai::core
