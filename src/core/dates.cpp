// Calendar dates (see dates.h).
#include "core/dates.h"

#include <algorithm>
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

// Howard Hinnant's days_from_civil / civil_from_days (public domain algorithms).
int to_day_number(CalendarDate date) {
  const int y = date.year - (date.month <= 2 ? 1 : 0);
  const int era = (y >= 0 ? y : y - 399) / 400;
  const int yoe = y - era * 400;
  const int mp = (date.month + 9) % 12;
  const int doy = (153 * mp + 2) / 5 + date.day - 1;
  const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

CalendarDate from_day_number(int day_number) {
  const int z = day_number + 719468;
  const int era = (z >= 0 ? z : z - 146096) / 146097;
  const int doe = z - era * 146097;
  const int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int mp = (5 * doy + 2) / 153;
  const int day = doy - (153 * mp + 2) / 5 + 1;
  const int month = mp < 10 ? mp + 3 : mp - 9;
  return CalendarDate{yoe + era * 400 + (month <= 2 ? 1 : 0), month, day};
}

CalendarDate add_months(CalendarDate date, int months) {
  const int index = date.year * 12 + (date.month - 1) + months;
  const int year = index >= 0 ? index / 12 : (index - 11) / 12;
  const int month = index - year * 12 + 1;
  return CalendarDate{year, month, std::min(date.day, days_in_month(year, month))};
}

int whole_months_between(CalendarDate from, CalendarDate to) {
  if (to < from) return -whole_months_between(to, from);
  int months = (to.year - from.year) * 12 + (to.month - from.month);
  if (add_months(from, months) > to) --months;
  return months;
}

std::string format_iso_date(CalendarDate date) {
  char text[16];
  std::snprintf(text, sizeof text, "%04d-%02d-%02d", date.year, date.month, date.day);
  return text;
}

std::string format_utc_timestamp(std::int64_t unix_seconds) {
  constexpr std::int64_t kDay = 86400;
  std::int64_t day = unix_seconds / kDay;
  std::int64_t second = unix_seconds % kDay;
  if (second < 0) {  // before 1970: the second belongs to the earlier day
    second += kDay;
    day -= 1;
  }
  const CalendarDate date = from_day_number(static_cast<int>(day));
  char text[48];
  std::snprintf(text, sizeof text, "%04d-%02d-%02dT%02d:%02d:%02dZ", date.year, date.month,
                date.day, static_cast<int>(second / 3600), static_cast<int>(second / 60 % 60),
                static_cast<int>(second % 60));
  return text;
}

std::string format_display_date(std::string_view iso_date) {
  const auto date = parse_iso_date(iso_date);
  if (!date) return std::string(iso_date);
  char text[16];
  std::snprintf(text, sizeof text, "%02d/%02d/%04d", date->day, date->month, date->year);
  return text;
}

}  // namespace tokhai::core
