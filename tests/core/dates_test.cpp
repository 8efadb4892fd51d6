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
