// Dates: ISO yyyy-mm-dd inside the engine, dd/mm/yyyy on screen (DESIGN.md §3).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace tokhai::core {

struct CalendarDate {
  int year = 0;
  int month = 0;
  int day = 0;
};

// Parses ISO yyyy-mm-dd naming a real calendar day (year 1000–9999).
std::optional<CalendarDate> parse_iso_date(std::string_view text);

// "2024-07-22" → "22/07/2024"; text that is not an ISO date is returned as is.
std::string format_display_date(std::string_view iso_date);

}  // namespace tokhai::core
