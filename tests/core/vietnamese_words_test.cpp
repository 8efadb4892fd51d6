// Numbers and dates in Vietnamese words, as the birth form prints the date of birth.
#include "core/text/vietnamese_words.h"

#include <catch2/catch.hpp>
#include <cstdint>
#include <limits>

using tokhai::core::capitalize_first;
using tokhai::core::date_in_words;
using tokhai::core::number_in_words;

TEST_CASE("small numbers use the spoken forms of 1, 4 and 5 after ten and twenty") {
  CHECK(number_in_words(0) == "không");
  CHECK(number_in_words(1) == "một");
  CHECK(number_in_words(4) == "bốn");
  CHECK(number_in_words(5) == "năm");
  CHECK(number_in_words(10) == "mười");
  CHECK(number_in_words(11) == "mười một");
  CHECK(number_in_words(14) == "mười bốn");
  CHECK(number_in_words(15) == "mười lăm");
  CHECK(number_in_words(20) == "hai mươi");
  CHECK(number_in_words(21) == "hai mươi mốt");
  CHECK(number_in_words(24) == "hai mươi tư");
  CHECK(number_in_words(25) == "hai mươi lăm");
  CHECK(number_in_words(31) == "ba mươi mốt");
  CHECK(number_in_words(99) == "chín mươi chín");
}

TEST_CASE("hundreds read a zero tens digit as linh") {
  CHECK(number_in_words(100) == "một trăm");
  CHECK(number_in_words(101) == "một trăm linh một");
  CHECK(number_in_words(105) == "một trăm linh năm");
  CHECK(number_in_words(110) == "một trăm mười");
  CHECK(number_in_words(115) == "một trăm mười lăm");
  CHECK(number_in_words(999) == "chín trăm chín mươi chín");
}

TEST_CASE("inside a longer number a zero hundreds digit is read, a zero group is not") {
  CHECK(number_in_words(1000) == "một nghìn");
  CHECK(number_in_words(1001) == "một nghìn không trăm linh một");
  CHECK(number_in_words(1987) == "một nghìn chín trăm tám mươi bảy");
  CHECK(number_in_words(2005) == "hai nghìn không trăm linh năm");
  CHECK(number_in_words(2026) == "hai nghìn không trăm hai mươi sáu");
  CHECK(number_in_words(15000) == "mười lăm nghìn");
  CHECK(number_in_words(1000000) == "một triệu");
  CHECK(number_in_words(1200000) == "một triệu hai trăm nghìn");
  CHECK(number_in_words(1000005) == "một triệu không trăm linh năm");
  CHECK(number_in_words(5000000000) == "năm tỷ");
  CHECK(number_in_words(1000000000000) == "một nghìn tỷ");
  CHECK(number_in_words(1000000000000000) == "một triệu tỷ");
  CHECK(number_in_words(2500000000000001) == "hai triệu năm trăm nghìn tỷ không trăm linh một");
  CHECK(number_in_words(1000000001) == "một tỷ không trăm linh một");
}

TEST_CASE("negative numbers start with âm, down to the smallest int64") {
  CHECK(number_in_words(-7) == "âm bảy");
  CHECK(number_in_words(-2026) == "âm hai nghìn không trăm hai mươi sáu");
  // The count of tỷ is itself a number: 9 223 372 036 tỷ and 854 775 807.
  CHECK(number_in_words(std::numeric_limits<std::int64_t>::max()) ==
        "chín tỷ hai trăm hai mươi ba triệu ba trăm bảy mươi hai nghìn không trăm ba mươi sáu "
        "tỷ tám trăm năm mươi tư triệu bảy trăm bảy mươi lăm nghìn tám trăm linh bảy");
  CHECK(number_in_words(std::numeric_limits<std::int64_t>::min()) ==
        "âm chín tỷ hai trăm hai mươi ba triệu ba trăm bảy mươi hai nghìn không trăm ba mươi "
        "sáu tỷ tám trăm năm mươi tư triệu bảy trăm bảy mươi lăm nghìn tám trăm linh tám");
  CHECK(number_in_words(1000000000000000000) == "một tỷ tỷ");
}

TEST_CASE("a date of birth reads as on the birth-registration form") {
  // DOMAIN.md §1.1, B2: the official example.
  CHECK(date_in_words({2026, 3, 15}) == "ngày mười lăm tháng ba năm hai nghìn hai mươi sáu");
  CHECK(capitalize_first(date_in_words({2026, 3, 15})) ==
        "Ngày mười lăm tháng ba năm hai nghìn hai mươi sáu");
  CHECK(date_in_words({2024, 1, 1}) == "ngày mồng một tháng một năm hai nghìn hai mươi tư");
  CHECK(date_in_words({2025, 4, 10}) == "ngày mồng mười tháng tư năm hai nghìn hai mươi lăm");
  CHECK(date_in_words({2021, 11, 21}) ==
        "ngày hai mươi mốt tháng mười một năm hai nghìn hai mươi mốt");
  CHECK(date_in_words({2010, 12, 31}) == "ngày ba mươi mốt tháng mười hai năm hai nghìn mười");
  CHECK(date_in_words({2005, 5, 24}) ==
        "ngày hai mươi tư tháng năm năm hai nghìn không trăm linh năm");
  CHECK(date_in_words({1987, 10, 11}) ==
        "ngày mười một tháng mười năm một nghìn chín trăm tám mươi bảy");
  CHECK(date_in_words({2000, 2, 29}) == "ngày hai mươi chín tháng hai năm hai nghìn");
  CHECK(date_in_words({2100, 6, 5}) == "ngày mồng năm tháng sáu năm hai nghìn một trăm");
}

TEST_CASE("capitalising uppercases the first character, Vietnamese letters included") {
  CHECK(capitalize_first("đăng ký khai sinh") == "Đăng ký khai sinh");
  CHECK(capitalize_first("ước tính") == "Ước tính");
  CHECK(capitalize_first("ngày") == "Ngày");
  CHECK(capitalize_first("Ngày") == "Ngày");
  CHECK(capitalize_first("3 bản") == "3 bản");
  CHECK(capitalize_first("") == "");
}
