// Dates: ISO yyyy-mm-dd inside the engine, dd/mm/yyyy on screen (DESIGN.md §3).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace tokhai::core {

struct CalendarDate {
  int year = 0;
  int month = 0;
  int day = 0;

  auto operator<=>(const CalendarDate&) const = default;
};

// Days since 1970-01-01 (negative before), for date arithmetic.
int to_day_number(CalendarDate date);
// The calendar day `day_number` days after 1970-01-01.
CalendarDate from_day_number(int day_number);
// `date` moved by `months` calendar months; the 31st becomes the last day of a
// shorter month (31/01 + 1 month = 28/02 or 29/02).
CalendarDate add_months(CalendarDate date, int months);
// Whole calendar months from `from` to `to` (negative when `to` is earlier).
int whole_months_between(CalendarDate from, CalendarDate to);

// Parses ISO yyyy-mm-dd naming a real calendar day (year 1000–9999).
std::optional<CalendarDate> parse_iso_date(std::string_view text);

// "2024-07-22".
std::string format_iso_date(CalendarDate date);

// The UTC time `unix_seconds` after 1970 as the wire carries it (envelopes'
// created_at, receipts' received_at): "2025-07-01T08:30:00Z".
std::string format_utc_timestamp(std::int64_t unix_seconds);

// "2024-07-22" → "22/07/2024"; text that is not an ISO date is returned as is.
std::string format_display_date(std::string_view iso_date);

}  // namespace tokhai::core
