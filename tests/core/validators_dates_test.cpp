// Typed dates, ages and the registration periods of births and deaths.
#include "core/validators/dates.h"

#include <catch2/catch.hpp>
#include <string>

using tokhai::core::CalendarDate;
using tokhai::core::days_between;
using tokhai::core::display_date;
using tokhai::core::Issues;
using tokhai::core::parse_display_date;
using tokhai::core::Severity;
using tokhai::core::validate_birth_date;
using tokhai::core::validate_registration_window;
using tokhai::core::whole_months_between;
using tokhai::core::whole_years_between;

TEST_CASE("dates are typed day first, with /, - or . between the parts") {
  for (const char* text : {"15/03/2026", "15/3/2026", "15-03-2026", "15.3.2026", " 15/03/2026 "}) {
    INFO(text);
    CHECK(parse_display_date(text) == CalendarDate{2026, 3, 15});
  }
  CHECK(parse_display_date("1/1/2024") == CalendarDate{2024, 1, 1});
  CHECK(parse_display_date("29/02/2024") == CalendarDate{2024, 2, 29});
  for (const char* text : {"29/02/2023", "31/04/2026", "15/13/2026", "00/01/2026", "15/03/26",
                           "15/03-2026", "2026-03-15", "15/03/20266", "15 / 03 / 2026",
                           "115/03/2026", "15//2026", "", "15/03/2026x"}) {
    INFO(text);
    CHECK_FALSE(parse_display_date(text).has_value());
  }
  CHECK(display_date({2026, 3, 5}) == "05/03/2026");
}

TEST_CASE("days, months and years between two dates") {
  CHECK(days_between({2026, 3, 15}, {2026, 3, 16}) == 1);
  CHECK(days_between({2024, 2, 28}, {2024, 3, 1}) == 2);
  CHECK(days_between({2026, 1, 1}, {2026, 3, 2}) == 60);
  CHECK(days_between({2026, 3, 16}, {2026, 3, 15}) == -1);
  CHECK(days_between({1999, 12, 31}, {2000, 1, 1}) == 1);

  // BHYT group TE lasts while a child is under 72 months (DOMAIN.md §2.4).
  CHECK(whole_months_between({2020, 3, 15}, {2026, 3, 14}) == 71);
  CHECK(whole_months_between({2020, 3, 15}, {2026, 3, 15}) == 72);

  CHECK(whole_years_between({1988, 11, 20}, {2026, 11, 19}) == 37);
  CHECK(whole_years_between({1988, 11, 20}, {2026, 11, 20}) == 38);
  CHECK(whole_years_between({2026, 11, 20}, {1988, 11, 20}) == -38);
  // Born on 29/02: a year older on 01/03 when the year has no 29/02.
  CHECK(whole_years_between({2008, 2, 29}, {2023, 2, 28}) == 14);
  CHECK(whole_years_between({2008, 2, 29}, {2023, 3, 1}) == 15);
  CHECK(whole_years_between({2008, 2, 29}, {2024, 2, 28}) == 15);
  CHECK(whole_years_between({2008, 2, 29}, {2024, 2, 29}) == 16);
}

TEST_CASE("a date of birth cannot be in the future") {
  CHECK(validate_birth_date({2026, 3, 15}, {2026, 3, 15}).empty());
  CHECK(validate_birth_date({1950, 1, 1}, {2026, 3, 15}).empty());
  const Issues future = validate_birth_date({2026, 3, 16}, {2026, 3, 15});
  REQUIRE(future.size() == 1);
  CHECK(future[0].code == "date.future");
  CHECK(future[0].severity == Severity::error);
  CHECK(future[0].message.vi == "Ngày sinh 16/03/2026 ở sau ngày hôm nay (15/03/2026).");
}

TEST_CASE("a birth registered after 60 days is late: a warning that states both numbers") {
  CHECK(validate_registration_window({2026, 1, 1}, {2026, 1, 1}, 60, "birth.late_registration")
            .empty());
  CHECK(validate_registration_window({2026, 1, 1}, {2026, 3, 2}, 60, "birth.late_registration")
            .empty());
  const Issues late =
      validate_registration_window({2026, 1, 1}, {2026, 3, 3}, 60, "birth.late_registration");
  REQUIRE(late.size() == 1);
  CHECK(late[0].code == "birth.late_registration");
  CHECK(late[0].severity == Severity::warning);
  CHECK(late[0].message.vi.find("61 ngày") != std::string::npos);
  CHECK(late[0].message.vi.find("60 ngày") != std::string::npos);
  CHECK(late[0].message.en.find("61 days") != std::string::npos);
  CHECK(late[0].message.en.find("60-day") != std::string::npos);
}

TEST_CASE("a death registered after 15 days is late; a registration before the event is wrong") {
  CHECK(validate_registration_window({2026, 3, 1}, {2026, 3, 16}, 15, "death.late_registration")
            .empty());
  const Issues late =
      validate_registration_window({2026, 3, 1}, {2026, 3, 20}, 15, "death.late_registration");
  REQUIRE(late.size() == 1);
  CHECK(late[0].code == "death.late_registration");
  CHECK(late[0].message.vi.find("19 ngày") != std::string::npos);

  const Issues before =
      validate_registration_window({2026, 3, 10}, {2026, 3, 9}, 15, "death.late_registration");
  REQUIRE(before.size() == 1);
  CHECK(before[0].code == "date.registration_before_event");
  CHECK(before[0].severity == tokhai::core::Severity::error);
}
