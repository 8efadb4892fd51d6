// Calendar dates (see dates.h).
#include "core/dates.h"

#include <cstdio>

namespace tokhai::core {
namespace {

bool is_leap(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int days_in_month(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return kDays[month - 1] + (month == 2 && is_leap(year) ? 1 : 0);
}

}  // namespace

std::optional<CalendarDate> parse_iso_date(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (text[i] < '0' || text[i] > '9') return std::nullopt;
  }
  auto number = [&](size_t from, size_t count) {
    int value = 0;
    for (size_t i = from; i < from + count; ++i) value = value * 10 + (text[i] - '0');
    return value;
  };
  CalendarDate date{number(0, 4), number(5, 2), number(8, 2)};
  if (date.year < 1000 || date.month < 1 || date.month > 12 || date.day < 1 ||
      date.day > days_in_month(date.year, date.month)) {
    return std::nullopt;
  }
  return date;
}

std::string format_display_date(std::string_view iso_date) {
  const auto date = parse_iso_date(iso_date);
  if (!date) return std::string(iso_date);
  char text[16];
  std::snprintf(text, sizeof text, "%02d/%02d/%04d", date->day, date->month, date->year);
  return text;
}

}  // namespace tokhai::core
