// Canonical JSON: one text per value; everything else refused with the
// reason and the member (or byte) where it was found.
#include "wire/canonical_json.h"

#include <catch2/catch.hpp>
#include <string>

using namespace tokhai::wire;
using nlohmann::json;

namespace {

const JsonBounds kBounds{1000, 4, 100};

// "ok", or the fault and where it was found: "duplicate_member@x[0].k".
std::string outcome(std::string_view text, const JsonBounds& bounds = kBounds) {
  auto parsed = parse_canonical_json(text, bounds);
  if (parsed.ok()) return "ok";
  static constexpr const char* kNames[] = {"too_large",        "too_deep",         "not_json",
                                           "duplicate_member", "unsorted_members", "not_integer",
                                           "not_nfc",          "not_canonical"};
  return std::string(kNames[static_cast<int>(parsed.error().fault)]) + "@" + parsed.error().where;
}

}  // namespace

TEST_CASE("canonical JSON sorts keys, leaves out whitespace and escapes only what it must") {
  const json value =
      json::parse(R"({"b": [1, "x\"y\\z\n\u0001/", true, null], "a": {}, "Z": "Hòa"})");
  CHECK(canonical_json(value) ==
        "{\"Z\":\"Hòa\",\"a\":{},\"b\":[1,\"x\\\"y\\\\z\\n\\u0001/\",true,null]}");
}

TEST_CASE("a canonical text parses to its value and is written back byte for byte") {
  for (std::string_view text :
       {R"({"Z":"Hòa","a":{},"b":[1,"x\"y\\z\n\u0001/",true,null]})", R"([])", R"("")", R"(0)",
        R"({"n":9007199254740991})", R"({"":1,"a":[{"a":1,"b":2},{"a":1}]})"}) {
    CAPTURE(text);
    auto parsed = parse_canonical_json(text, kBounds);
    REQUIRE(parsed.ok());
    CHECK(canonical_json(parsed.value()) == text);
  }
}

TEST_CASE("text that is not canonical JSON is refused with where it was found") {
  CHECK(outcome("") == "not_json@");
  CHECK(outcome(R"({"a":})") == "not_json@");
  CHECK(outcome("{\"a\":\"\xff\"}") == "not_json@");
  CHECK(outcome(R"({"a":1}{})") == "not_json@");

  CHECK(outcome(R"({"a":1,"a":1})") == "duplicate_member@a");
  CHECK(outcome(R"({"x":[{"k":1},{"k":1,"k":2}]})") == "duplicate_member@x[1].k");
  CHECK(outcome(R"({"b":1,"a":2})") == "unsorted_members@a");
  CHECK(outcome(R"({"a":{"d":[1,2],"c":1}})") == "unsorted_members@a.c");
  CHECK(outcome(R"({"B":1,"a":2})") == "ok");  // bytes: 'B' (0x42) < 'a' (0x61)
  CHECK(outcome(R"({"a":1,"B":2})") == "unsorted_members@B");

  CHECK(outcome(R"({"n":1.0})") == "not_integer@n");
  CHECK(outcome(R"({"n":1e3})") == "not_integer@n");
  CHECK(outcome(R"({"n":-1})") == "not_integer@n");
  CHECK(outcome(R"({"n":[0,-0]})") == "not_integer@n[1]");
  CHECK(outcome(R"({"n":9007199254740992})") == "not_integer@n");

  CHECK(outcome("{\"s\":\"Hoa\xcc\x80\"}") == "not_nfc@s");  // NFD "Hoà"
  CHECK(outcome(R"({"s":"Hoa\u0300"})") == "not_nfc@s");
  CHECK(outcome("{\"Hoa\xcc\x80\":1}") == "not_nfc@Hoa\xcc\x80");

  CHECK(outcome(" {}") == "not_canonical@byte 0");
  CHECK(outcome("{}\n") == "not_canonical@byte 2");
  CHECK(outcome("\xef\xbb\xbf{}") == "not_canonical@byte 0");  // byte order mark
  CHECK(outcome(R"({"a": 1})") == "not_canonical@byte 5");
  CHECK(outcome(R"({"a":"\u0041"})") == "not_canonical@byte 6");
  CHECK(outcome(R"({"a":"\/"})") == "not_canonical@byte 6");
  CHECK(outcome(R"({"a":"\u00e1"})") == "not_canonical@byte 6");
  CHECK(outcome(R"({"a":"\u001F"})") == "not_canonical@byte 11");
  CHECK(outcome(R"({"a":"\u001f"})") == "ok");
}

TEST_CASE("bounds are checked before a tree is built") {
  CHECK(outcome(std::string(1001, ' ')) == "too_large@bytes");
  CHECK(outcome(R"([[[[1]]]])") == "ok");
  CHECK(outcome(R"([[[[[1]]]]])") == "too_deep@nesting");
  CHECK(outcome(R"({"a":"[[[[[[{{{{"})") == "ok");  // brackets inside strings do not count
  std::string many = "[";
  for (int i = 0; i < 100; ++i) many += "1,";
  many += "1]";
  CHECK(outcome(many) == "too_large@tokens");
}
