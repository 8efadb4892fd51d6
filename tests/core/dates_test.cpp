// Dates are ISO inside and dd/mm/yyyy on screen.
#include "core/dates.h"

#include <catch2/catch.hpp>

using tokhai::core::format_display_date;
using tokhai::core::parse_iso_date;

TEST_CASE("an ISO date is shown as dd/mm/yyyy") {
  CHECK(format_display_date("2024-07-22") == "22/07/2024");
  CHECK(format_display_date("2026-03-15") == "15/03/2026");
}

TEST_CASE("only real calendar days parse") {
  CHECK(parse_iso_date("2024-02-29").has_value());
  CHECK_FALSE(parse_iso_date("2023-02-29").has_value());
  CHECK_FALSE(parse_iso_date("2000-2-29").has_value());
  CHECK(parse_iso_date("2000-02-29").has_value());
  CHECK_FALSE(parse_iso_date("1900-02-29").has_value());
  CHECK_FALSE(parse_iso_date("2024-04-31").has_value());
  CHECK_FALSE(parse_iso_date("2024-13-01").has_value());
  CHECK_FALSE(parse_iso_date("2024-00-10").has_value());
  CHECK_FALSE(parse_iso_date("22/07/2024").has_value());
  CHECK_FALSE(parse_iso_date("2024-07-2x").has_value());
  const auto date = parse_iso_date("2024-07-22");
  REQUIRE(date.has_value());
  CHECK(date->year == 2024);
  CHECK(date->month == 7);
  CHECK(date->day == 22);
}

TEST_CASE("text that is not an ISO date is shown as it is") {
  CHECK(format_display_date("không rõ") == "không rõ");
}

TEST_CASE("day numbers round-trip and count days across leap years") {
  using tokhai::core::CalendarDate;
  using tokhai::core::from_day_number;
  using tokhai::core::to_day_number;
  CHECK(to_day_number({1970, 1, 1}) == 0);
  CHECK(to_day_number({2024, 3, 1}) - to_day_number({2024, 2, 28}) == 2);
  CHECK(to_day_number({2023, 3, 1}) - to_day_number({2023, 2, 28}) == 1);
  for (int n : {-1, 0, 59, 10957, 20000, 30000}) {
    CHECK(to_day_number(from_day_number(n)) == n);
  }
  CHECK(from_day_number(to_day_number({2026, 3, 15})) == CalendarDate{2026, 3, 15});
}

TEST_CASE("months are added and counted as people count them") {
  using tokhai::core::add_months;
  using tokhai::core::CalendarDate;
  using tokhai::core::whole_months_between;
  CHECK(add_months({2024, 1, 31}, 1) == CalendarDate{2024, 2, 29});
  CHECK(add_months({2023, 1, 31}, 1) == CalendarDate{2023, 2, 28});
  CHECK(add_months({2024, 11, 15}, 3) == CalendarDate{2025, 2, 15});
  CHECK(add_months({2024, 3, 15}, -3) == CalendarDate{2023, 12, 15});
  // A child born 15/03/2020 is 71 months old on 14/03/2026 and 72 on 15/03/2026.
  CHECK(whole_months_between({2020, 3, 15}, {2026, 3, 14}) == 71);
  CHECK(whole_months_between({2020, 3, 15}, {2026, 3, 15}) == 72);
  CHECK(whole_months_between({2026, 3, 15}, {2020, 3, 15}) == -72);
}

TEST_CASE("UTC times are written as the wire carries them") {
  using tokhai::core::format_utc_timestamp;
  CHECK(format_utc_timestamp(0) == "1970-01-01T00:00:00Z");
  CHECK(format_utc_timestamp(1751358600) == "2025-07-01T08:30:00Z");
  CHECK(format_utc_timestamp(951782399) == "2000-02-28T23:59:59Z");
  CHECK(format_utc_timestamp(951782400 + 86399) == "2000-02-29T23:59:59Z");  // a leap day
  CHECK(format_utc_timestamp(-1) == "1969-12-31T23:59:59Z");
  CHECK(format_utc_timestamp(253402300799) == "9999-12-31T23:59:59Z");
}
