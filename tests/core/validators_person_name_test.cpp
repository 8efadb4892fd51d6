// Personal names: Vietnamese and ethnic-minority names, typed in NFC or NFD.
#include "core/validators/person_name.h"

#include <catch2/catch.hpp>
#include <string>

using tokhai::core::Issues;
using tokhai::core::normalize_person_name;
using tokhai::core::Severity;
using tokhai::core::validate_person_name;

TEST_CASE("Vietnamese and ethnic names are accepted") {
  for (const char* name :
       {"Nguyễn Thị Hoà", "Nguyễn Thị Hòa", "NGUYỄN VĂN AN", "H'Hen Niê", "Ka'Sơ Liễng",
        "Y Moan Ênuôl", "Đặng Thùy Trâm", "Hoàng Thị H’Mông", "Lê Văn Tèo-Em", "Ðinh Bộ Lĩnh",
        "Nguye\u0302\u0303n Thi\u0323 Hoa\u0300", ""}) {
    INFO(name);
    CHECK(validate_person_name(name).empty());
  }
}

TEST_CASE("a name is stored as NFC with its spaces tidied") {
  CHECK(normalize_person_name("  Nguye\u0302\u0303n   Thi\u0323\tHoa\u0300  ") == "Nguyễn Thị Hoà");
  CHECK(normalize_person_name("Trần\u00A0Văn  Bình") == "Trần Văn Bình");
  CHECK(normalize_person_name("   ") == "");
}

TEST_CASE("digits and symbols are refused, naming the first one") {
  const Issues digit = validate_person_name("Nguyễn Văn 3");
  REQUIRE(digit.size() == 1);
  CHECK(digit[0].code == "name.characters");
  CHECK(digit[0].severity == Severity::error);
  CHECK(digit[0].message.vi == "Họ tên không được có chữ số (“3”).");

  const Issues symbol = validate_person_name("Lê@Anh");
  REQUIRE(symbol.size() == 1);
  CHECK(symbol[0].code == "name.characters");
  CHECK(symbol[0].message.vi.find("“@”") != std::string::npos);

  for (const char* name :
       {"Trần Văn B.", "Phạm_Hà", "Võ Thị (Lan)", "Ngô 😀", "Lý Văn Ⅱ", "Иван Петров", "Vũ\xFF"}) {
    INFO(name);
    const Issues issues = validate_person_name(name);
    REQUIRE(issues.size() == 1);
    CHECK(issues[0].code == "name.characters");
  }
}

TEST_CASE("over 100 characters is an error; a given name over 30 only a warning") {
  std::string long_name;
  for (int i = 0; i < 20; ++i) long_name += "Nguyễn ";  // 7 characters each
  long_name += "An";                                    // 142 characters in all
  const Issues too_long = validate_person_name(long_name);
  REQUIRE(too_long.size() == 1);
  CHECK(too_long[0].code == "name.too_long");
  CHECK(too_long[0].severity == Severity::error);
  CHECK(too_long[0].message.vi.find("142") != std::string::npos);

  // Counted in characters, not bytes: 100 Vietnamese letters in NFD are still 100.
  std::string hundred;
  for (int i = 0; i < 9; ++i) hundred += "Hoa\u0300ng Ve\u0302\u0303 ";  // 11 each, 99
  hundred += "A";
  CHECK(validate_person_name(hundred).empty());

  const std::string given(31, 'a');
  const Issues warning = validate_person_name("Nguyễn Thị " + given);
  REQUIRE(warning.size() == 1);
  CHECK(warning[0].code == "name.given_too_long");
  CHECK(warning[0].severity == Severity::warning);
  CHECK(validate_person_name("Nguyễn Thị " + std::string(30, 'a')).empty());
}
