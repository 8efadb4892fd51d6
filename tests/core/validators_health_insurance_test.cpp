// Health insurance (BHYT) card numbers in their three accepted forms.
#include "core/validators/health_insurance.h"

#include <catch2/catch.hpp>

using tokhai::core::health_insurance_group;
using tokhai::core::Issues;
using tokhai::core::normalize_health_insurance_number;
using tokhai::core::validate_health_insurance_number;

TEST_CASE("a child's 15-character card code is accepted and its group read") {
  CHECK(validate_health_insurance_number("TE1790123456789").empty());
  CHECK(health_insurance_group("TE1790123456789") == "TE");
  // Typed in lowercase, or box by box as printed on the card.
  CHECK(normalize_health_insurance_number("te1790123456789") == "TE1790123456789");
  CHECK(normalize_health_insurance_number(" GD 4 25 2512345678 ") == "GD4252512345678");
  CHECK(health_insurance_group("hs 2 01 0112345678") == "HS");
  CHECK(validate_health_insurance_number("dn5790123456789").empty());
}

TEST_CASE("the 10-digit social insurance number and the 12-digit personal ID are accepted") {
  CHECK(validate_health_insurance_number("7912345678").empty());
  CHECK(validate_health_insurance_number("025188001010").empty());
  CHECK(normalize_health_insurance_number("79 1234 5678") == "7912345678");
  CHECK_FALSE(health_insurance_group("7912345678").has_value());
  CHECK_FALSE(health_insurance_group("025188001010").has_value());
}

TEST_CASE("anything else is a format error") {
  for (const char* number : {"", "TE0790123456789", "TE6790123456789", "T11790123456789",
                             "TE179012345678", "TE17901234567890", "123456789", "12345678901",
                             "1234567890123", "TE1-79-0123456789", "TÉ1790123456789"}) {
    INFO(number);
    const Issues issues = validate_health_insurance_number(number);
    REQUIRE(issues.size() == 1);
    CHECK(issues[0].code == "bhyt.format");
    CHECK_FALSE(normalize_health_insurance_number(number).has_value());
    CHECK_FALSE(health_insurance_group(number).has_value());
  }
}
