// Personal ID numbers (CCCD) and old CMND numbers, as citizens type them on the birth,
// residence and health-insurance forms.
#include "core/validators/personal_id.h"

#include <catch2/catch.hpp>

using tokhai::core::CalendarDate;
using tokhai::core::Issues;
using tokhai::core::parse_personal_id;
using tokhai::core::personal_id_province_name;
using tokhai::core::Severity;
using tokhai::core::validate_old_id_number;
using tokhai::core::validate_personal_id;

TEST_CASE("a Phú Thọ number of a woman born in 1988 is read from its digits") {
  // DOMAIN.md §1.1: "Căn cước công dân số 025188001010".
  const auto parts = parse_personal_id("025188001010");
  REQUIRE(parts.has_value());
  CHECK(parts->place_code == 25);
  CHECK_FALSE(parts->born_abroad);
  CHECK(parts->century_start == 1900);
  CHECK_FALSE(parts->male);
  CHECK(parts->birth_year == 1988);
  CHECK(personal_id_province_name(parts->place_code) == "Phú Thọ");

  CHECK(validate_personal_id("025188001010", CalendarDate{1988, 11, 20}, false).empty());
  CHECK(validate_personal_id(" 025188001010 ", std::nullopt, std::nullopt).empty());
}

TEST_CASE("a Hà Nội number of a man born in 2003 and one registered abroad are accepted") {
  const auto parts = parse_personal_id("001203012345");
  REQUIRE(parts.has_value());
  CHECK(parts->place_code == 1);
  CHECK(parts->century_start == 2000);
  CHECK(parts->male);
  CHECK(parts->birth_year == 2003);
  CHECK(validate_personal_id("001203012345", CalendarDate{2003, 5, 2}, true).empty());

  // 175 is the United States: a birth registered abroad, no province name.
  const auto abroad = parse_personal_id("175315000123");
  REQUIRE(abroad.has_value());
  CHECK(abroad->born_abroad);
  CHECK_FALSE(abroad->male);
  CHECK(abroad->birth_year == 2015);
  CHECK_FALSE(personal_id_province_name(175).has_value());

  // Vĩnh Phúc (026) no longer exists as a province, but its numbers stay valid.
  CHECK(validate_personal_id("026090004567", CalendarDate{1990, 1, 1}, true).empty());
  CHECK(personal_id_province_name(26) == "Vĩnh Phúc");
  CHECK(personal_id_province_name(96) == "Cà Mau");
}

TEST_CASE("anything but 12 digits is a format error") {
  for (const char* id : {"", "02518800101", "0251880010100", "025 188 001 010", "02518800101O",
                         "025188.001010", "０２５１８８００１０１０"}) {
    INFO(id);
    const Issues issues = validate_personal_id(id, std::nullopt, std::nullopt);
    REQUIRE(issues.size() == 1);
    CHECK(issues[0].code == "cccd.format");
    CHECK(issues[0].severity == Severity::error);
    CHECK_FALSE(parse_personal_id(id).has_value());
  }
  // A 9-digit number is probably an old CMND: the message says where it goes.
  const Issues cmnd = validate_personal_id("125012345", std::nullopt, std::nullopt);
  REQUIRE(cmnd.size() == 1);
  CHECK(cmnd[0].message.vi.find("CMND") != std::string::npos);
  CHECK(cmnd[0].message.en.find("CMND") != std::string::npos);
}

TEST_CASE("place codes outside the 63 provinces and 101–295 are refused") {
  for (const char* id : {"000188001010", "003188001010", "005188001010", "097188001010",
                         "100188001010", "296188001010", "999188001010", "018188001010"}) {
    INFO(id);
    const Issues issues = validate_personal_id(id, std::nullopt, std::nullopt);
    REQUIRE(issues.size() == 1);
    CHECK(issues[0].code == "cccd.province");
    CHECK(issues[0].message.vi.find(std::string(id).substr(0, 3)) != std::string::npos);
    CHECK_FALSE(parse_personal_id(id).has_value());
  }
  CHECK(validate_personal_id("101188001010", std::nullopt, std::nullopt).empty());
  CHECK(validate_personal_id("295188001010", std::nullopt, std::nullopt).empty());
  CHECK(validate_personal_id("096188001010", std::nullopt, std::nullopt).empty());
}

TEST_CASE("a century digit of 4 or more means a birth after 2099 and is refused") {
  for (const char* id : {"001403012345", "001503012345", "001903012345"}) {
    INFO(id);
    const Issues issues = validate_personal_id(id, CalendarDate{2003, 5, 2}, std::nullopt);
    REQUIRE(issues.size() == 1);  // no extra birth-year issue: the century already explains
    CHECK(issues[0].code == "cccd.century");
    CHECK_FALSE(parse_personal_id(id).has_value());
  }
}

TEST_CASE("the birth year and sex in the number must agree with the answers given") {
  const Issues year = validate_personal_id("025188001010", CalendarDate{1989, 1, 3}, std::nullopt);
  REQUIRE(year.size() == 1);
  CHECK(year[0].code == "cccd.birth_year");
  CHECK(year[0].message.vi ==
        "Số định danh cho biết năm sinh 1988, nhưng ngày sinh đã khai là năm 1989.");

  // Same two digits, wrong century: 2088 is not 1988.
  CHECK(validate_personal_id("025388001010", CalendarDate{1988, 1, 3}, false)[0].code ==
        "cccd.birth_year");

  const Issues sex = validate_personal_id("025188001010", CalendarDate{1988, 1, 3}, true);
  REQUIRE(sex.size() == 1);
  CHECK(sex[0].code == "cccd.sex");
  CHECK(sex[0].message.vi ==
        "Chữ số thứ tư của số định danh cho biết giới tính Nữ, nhưng giới tính đã khai là Nam.");

  const Issues both = validate_personal_id("001203012345", CalendarDate{2004, 1, 1}, false);
  REQUIRE(both.size() == 2);
  CHECK(both[0].code == "cccd.birth_year");
  CHECK(both[1].code == "cccd.sex");
}

TEST_CASE("an old CMND has 9 digits") {
  CHECK(validate_old_id_number("125012345").empty());
  CHECK(validate_old_id_number(" 012345678 ").empty());
  for (const char* number : {"", "12501234", "1250123456", "12501234a", "125 012 345"}) {
    INFO(number);
    const Issues issues = validate_old_id_number(number);
    REQUIRE(issues.size() == 1);
    CHECK(issues[0].code == "cmnd.format");
    CHECK(issues[0].message.vi.find("CMND cũ") != std::string::npos);
  }
  // A 12-digit CMND belongs in the personal ID field: the message says so.
  const Issues twelve = validate_old_id_number("025188001010");
  REQUIRE(twelve.size() == 1);
  CHECK(twelve[0].message.vi.find("Số định danh cá nhân") != std::string::npos);
}
