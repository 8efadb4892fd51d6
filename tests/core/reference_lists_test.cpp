// Scenario tests of the reference lists a form picks from (DOMAIN.md §2.6): the
// 54 ethnic groups in the QĐ 121-TCTK/PPCĐ order and the ISO 3166-1 nationalities
// with Vietnamese names, found by typing without accents.
#include "core/reference/reference_list.h"
#include "core/text_file.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <fstream>
#include <iterator>

using tokhai::core::ReferenceList;

namespace {

ReferenceList load(const char* path) {
  INFO(path);
  const auto text = tokhai::core::read_text_file(path);
  REQUIRE(text.has_value());
  auto list = ReferenceList::parse(*text);
  INFO((list.ok() ? "" : list.error().where + ": " + list.error().message.en));
  REQUIRE(list.ok());
  return std::move(list).value();
}

const ReferenceList& ethnicities() {
  static const ReferenceList list = load("forms/data/ethnicities.json");
  return list;
}

const ReferenceList& nationalities() {
  static const ReferenceList list = load("forms/data/nationalities.json");
  return list;
}

}  // namespace

TEST_CASE("54 ethnic groups in the QĐ 121 order, plus 2 extras") {
  const auto& items = ethnicities().items();
  CHECK(ethnicities().code_list() == "QĐ 121-TCTK/PPCĐ (1979)");
  REQUIRE(items.size() == 56);
  CHECK(std::count_if(items.begin(), items.end(), [](const auto& item) { return !item.extra; }) ==
        54);
  for (std::size_t i = 0; i < items.size(); ++i) {
    const std::string code = (i < 9 ? "0" : "") + std::to_string(i + 1);
    CHECK(items[i].code == code);
    CHECK(items[i].extra == (i >= 54));
  }
  CHECK(ethnicities().find("01")->name.vi == "Kinh");
  CHECK(ethnicities().find("06")->name.vi == "Mường");
  CHECK(ethnicities().find("18")->name.vi == "Sán Dìu");
  CHECK(ethnicities().find("54")->name.vi == "Rơ-măm");
  CHECK(ethnicities().find("55")->name.vi == "Người nước ngoài");
  CHECK(ethnicities().find("56")->name.vi == "Không rõ");
  CHECK(ethnicities().find("57") == nullptr);
  CHECK(ethnicities().default_code().empty());
}

TEST_CASE("ethnic groups are found without accents, by name before alias") {
  const auto san_diu = ethnicities().search("san diu");
  REQUIRE_FALSE(san_diu.empty());
  CHECK(san_diu.front()->code == "18");
  CHECK(ethnicities().search("SÁN DÌU").front()->code == "18");
  CHECK(ethnicities().search("muong").front()->code == "06");
  // "Mông" is an alias of HMông (08); the GSO spelling "Khmer" of Khơ-me (05).
  CHECK(ethnicities().search("mong").front()->code == "08");
  CHECK(ethnicities().search("khmer").front()->code == "05");
  // "Hoa" is a group (04) and an alias of HMông: the group comes first.
  const auto hoa = ethnicities().search("hoa");
  REQUIRE(hoa.size() >= 2);
  CHECK(hoa.front()->code == "04");
  CHECK(ethnicities().search("").size() == 56);
  CHECK(ethnicities().search("zzz").empty());
}

TEST_CASE("nationalities: ISO 3166-1 codes with Vietnamese names, Việt Nam first") {
  const auto& items = nationalities().items();
  CHECK(items.size() > 240);
  CHECK(nationalities().default_code() == "VN");
  REQUIRE_FALSE(items.empty());
  CHECK(items.front().code == "VN");
  const auto* vietnam = nationalities().find("VN");
  REQUIRE(vietnam != nullptr);
  CHECK(vietnam->name.vi == "Việt Nam");
  CHECK(vietnam->other_codes.at("alpha_3") == "VNM");
  CHECK(nationalities().find("LA")->name.vi == "Lào");
  CHECK(nationalities().find("vn") == nullptr);  // codes are exact
}

TEST_CASE("nationalities are found by Vietnamese or English name, or by code") {
  const auto nhat = nationalities().search("nhat");
  REQUIRE_FALSE(nhat.empty());
  CHECK(nhat.front()->name.vi == "Nhật Bản");
  CHECK(nationalities().search("japan").front()->code == "JP");
  CHECK(nationalities().search("viet nam").front()->code == "VN");
  CHECK(nationalities().search("vnm").front()->code == "VN");
  CHECK(nationalities().search("kr").front()->code == "KR");
  // Debian's older name stays findable.
  CHECK(nationalities().search("cam bot").front()->code == "KH");
}

TEST_CASE("a broken list is refused with the place it breaks") {
  CHECK(ReferenceList::parse("[").error().code == "reference.data");
  CHECK(ReferenceList::parse(R"({"format": "other"})").error().where == "format");
  const std::string head =
      R"({"format": "tokhai-reference-list/1", "id": "t", "title": {"vi": "T"},
          "code_list": "test", )";
  const auto twice = ReferenceList::parse(
      head +
      R"("items": [{"code": "1", "name": {"vi": "A"}}, {"code": "1", "name": {"vi": "B"}}]})");
  REQUIRE_FALSE(twice.ok());
  CHECK(twice.error().where == "items[1].code");
  const auto no_name = ReferenceList::parse(head + R"("items": [{"code": "1"}]})");
  REQUIRE_FALSE(no_name.ok());
  CHECK(no_name.error().where == "items[0].name");
  const auto bad_default = ReferenceList::parse(
      head + R"("default": "2", "items": [{"code": "1", "name": {"vi": "A"}}]})");
  REQUIRE_FALSE(bad_default.ok());
  CHECK(bad_default.error().where == "default");
  const auto minimal =
      ReferenceList::parse(head + R"("items": [{"code": "1", "name": {"vi": "A"}}]})");
  REQUIRE(minimal.ok());
  CHECK(minimal.value().find("1")->name.in(tokhai::core::Language::en) == "A");
}
