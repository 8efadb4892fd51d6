// Vietnamese mobile and landline numbers as people type them.
#include "core/validators/phone.h"

#include <catch2/catch.hpp>

using tokhai::core::Issues;
using tokhai::core::normalize_mobile;
using tokhai::core::validate_landline;
using tokhai::core::validate_mobile;
using tokhai::core::validate_phone;

TEST_CASE("mobile numbers are accepted with spaces, dots, dashes and +84") {
  CHECK(normalize_mobile("0912345678") == "0912345678");
  CHECK(normalize_mobile("0912 345 678") == "0912345678");
  CHECK(normalize_mobile("0912.345.678") == "0912345678");
  CHECK(normalize_mobile("091-234-5678") == "0912345678");
  CHECK(normalize_mobile("+84 912 345 678") == "0912345678");
  CHECK(normalize_mobile("+84912345678") == "0912345678");
  CHECK(normalize_mobile("84912345678") == "0912345678");
  CHECK(normalize_mobile(" (+84) 388 123 456 ") == "0388123456");
  // One number of each carrier's prefix families (DOMAIN.md §2.2).
  for (const char* number :
       {"0321234567", "0391234567", "0521234567", "0551234567", "0561234567", "0581234567",
        "0591234567", "0701234567", "0761234567", "0791234567", "0811234567", "0871234567",
        "0891234567", "0901234567", "0941234567", "0961234567", "0991234567"}) {
    INFO(number);
    CHECK(validate_mobile(number).empty());
  }
}

TEST_CASE("unknown prefixes are refused with the prefix named") {
  for (const char* number :
       {"0312345678", "0512345678", "0532345678", "0712345678", "0752345678", "0802345678",
        "0952345678", "0112345678", "0212345678", "0612345678"}) {
    INFO(number);
    const Issues issues = validate_mobile(number);
    REQUIRE(issues.size() == 1);
    CHECK(issues[0].code == "phone.prefix");
    CHECK(issues[0].message.vi.find(std::string(number).substr(0, 3)) != std::string::npos);
    CHECK_FALSE(normalize_mobile(number).has_value());
  }
}

TEST_CASE("old 11-digit numbers are refused with the number they became") {
  const Issues viettel = validate_mobile("01688123456");
  REQUIRE(viettel.size() == 1);
  CHECK(viettel[0].code == "phone.old_prefix");
  CHECK(viettel[0].message.vi.find("0388123456") != std::string::npos);
  CHECK(viettel[0].message.en.find("0388123456") != std::string::npos);

  CHECK(validate_mobile("0120 123 4567")[0].message.vi.find("0701234567") != std::string::npos);
  CHECK(validate_mobile("01291234567")[0].message.vi.find("0821234567") != std::string::npos);
  CHECK(validate_mobile("+84 1881234567")[0].message.vi.find("0581234567") != std::string::npos);
  CHECK(validate_mobile("01991234567")[0].message.vi.find("0591234567") != std::string::npos);
  // 0130 was never a mobile prefix: a plain format error.
  CHECK(validate_mobile("01301234567")[0].code == "phone.format");
}

TEST_CASE("wrong lengths and letters are format errors") {
  for (const char* number : {"", "091234567", "09123456789", "0912a45678", "912345678",
                             "+85 912 345 678", "0912_345_678", "+84+912345678"}) {
    INFO(number);
    const Issues issues = validate_mobile(number);
    REQUIRE(issues.size() == 1);
    CHECK(issues[0].code == "phone.format");
  }
}

TEST_CASE("landlines are 11 digits starting with the 02 area code") {
  CHECK(validate_landline("024 3825 1234").empty());
  CHECK(validate_landline("028.3829.5555").empty());
  CHECK(validate_landline("+84 24 3825 1234").empty());
  for (const char* number : {"0243825123", "024382512345", "0912345678", "03438251234"}) {
    INFO(number);
    const Issues issues = validate_landline(number);
    REQUIRE(issues.size() == 1);
    CHECK(issues[0].code == "phone.landline_format");
  }
}

TEST_CASE("a phone field takes either a mobile or a landline") {
  CHECK(validate_phone("0912345678").empty());
  CHECK(validate_phone("024 3825 1234").empty());
  CHECK(validate_phone("0243825123")[0].code == "phone.landline_format");
  CHECK(validate_phone("01688123456")[0].code == "phone.old_prefix");
  CHECK(validate_phone("0952345678")[0].code == "phone.prefix");
  const Issues neither = validate_phone("12345");
  REQUIRE(neither.size() == 1);
  CHECK(neither[0].code == "phone.format");
  CHECK(neither[0].message.vi.find("cố định") != std::string::npos);
}
