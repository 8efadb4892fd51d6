// E-mail addresses, checked for the shape mail actually uses.
#include "core/validators/email.h"

#include <catch2/catch.hpp>
#include <string>

using tokhai::core::Issues;
using tokhai::core::validate_email;

TEST_CASE("ordinary addresses are accepted") {
  for (const char* address :
       {"nguyenvana@gmail.com", "nguyen.van.a@mail.gov.vn", "tran_thi-b+form@sub.example.vn",
        " le.c@yahoo.com.vn ", "A1@EXAMPLE.COM", "x@a-b.io"}) {
    INFO(address);
    CHECK(validate_email(address).empty());
  }
}

TEST_CASE("broken addresses are refused with the rule they break") {
  struct Case {
    const char* address;
    const char* reason_vi;  // part of the Vietnamese message
  };
  for (const Case& c : {
           Case{"nguyen van a@gmail.com", "dấu cách"},
           Case{"nguyễn@gmail.com", "không dấu"},
           Case{"nguyenvana.gmail.com", "một ký tự @"},
           Case{"a@b@gmail.com", "một ký tự @"},
           Case{"@gmail.com", "phần trước @"},
           Case{".a@gmail.com", "phần trước @"},
           Case{"a..b@gmail.com", "phần trước @"},
           Case{"a(b)@gmail.com", "phần trước @"},
           Case{"nguyenvana@gmail", "phần sau @"},
           Case{"nguyenvana@gmail.", "phần sau @"},
           Case{"nguyenvana@-gmail.com", "phần sau @"},
           Case{"nguyenvana@gmail..com", "phần sau @"},
           Case{"nguyenvana@gmail.c", "phần sau @"},
           Case{"nguyenvana@gmail.c0m", "phần sau @"},
           Case{"nguyenvana@gm_ail.com", "phần sau @"},
           Case{"", "một ký tự @"},
       }) {
    INFO(c.address);
    const Issues issues = validate_email(c.address);
    REQUIRE(issues.size() == 1);
    CHECK(issues[0].code == "email.format");
    CHECK(issues[0].message.vi.find(c.reason_vi) != std::string::npos);
  }
}

TEST_CASE("length limits: 64 before the @, 254 in all") {
  const std::string local64(64, 'a');
  CHECK(validate_email(local64 + "@gmail.com").empty());
  CHECK(validate_email(local64 + "a@gmail.com")[0].message.vi.find("quá dài") != std::string::npos);
  std::string domain;
  while (domain.size() < 250) domain += std::string(60, 'b') + ".";
  domain += "vn";
  CHECK(validate_email("a@" + domain)[0].message.vi.find("254") != std::string::npos);
  CHECK(validate_email("a@" + std::string(63, 'c') + ".vn").empty());
  CHECK_FALSE(validate_email("a@" + std::string(64, 'c') + ".vn").empty());
}
