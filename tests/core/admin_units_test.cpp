// Scenario tests of the administrative units (DOMAIN.md §3): the 34 provinces
// and 3,321 communes a citizen picks from, and an address written the old way
// ("xã ..., huyện Vĩnh Tường, tỉnh Vĩnh Phúc") turned into the new one.
#include "core/admin/admin_units.h"
#include "core/text_file.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <fstream>
#include <iterator>
#include <set>

using tokhai::core::AdminUnits;
using tokhai::core::ConversionCandidate;

namespace {

// The bundled data, read once for every test.
const AdminUnits& units() {
  static const AdminUnits loaded = [] {
    const auto text = tokhai::core::read_text_file("forms/data/admin-units-2025.json");
    REQUIRE(text.has_value());
    auto parsed = AdminUnits::parse(*text);
    REQUIRE(parsed.ok());
    return std::move(parsed).value();
  }();
  return loaded;
}

// The one candidate of a conversion that must have exactly one.
ConversionCandidate only(const tokhai::core::Result<std::vector<ConversionCandidate>>& result) {
  REQUIRE(result.ok());
  REQUIRE(result.value().size() == 1);
  return result.value().front();
}

std::set<std::string> names_of(const std::vector<const tokhai::core::Commune*>& communes) {
  std::set<std::string> names;
  for (const auto* commune : communes) names.insert(commune->full_name);
  return names;
}

}  // namespace

TEST_CASE("34 provinces and 3,321 communes, with the data version") {
  CHECK(units().data_version() == "2025-07-01+QĐ19/2025");
  REQUIRE(units().provinces().size() == 34);
  std::size_t communes = 0;
  for (const auto& province : units().provinces()) {
    const auto in_province = units().communes_in(province.code);
    CHECK_FALSE(in_province.empty());
    communes += in_province.size();
  }
  CHECK(communes == 3321);
  CHECK(units().province("79")->full_name == "Thành phố Hồ Chí Minh");
  CHECK(units().province("38")->full_name == "Tỉnh Thanh Hóa");
  CHECK(units().province("26") == nullptr);  // Vĩnh Phúc is no longer a province
  CHECK(units().communes_in("26").empty());
}

TEST_CASE("Phú Thọ (25) has 148 communes: 133 xã and 15 phường") {
  const auto communes = units().communes_in("25");
  CHECK(communes.size() == 148);
  CHECK(std::count_if(communes.begin(), communes.end(),
                      [](const auto& commune) { return commune.type == "xã"; }) == 133);
  CHECK(std::count_if(communes.begin(), communes.end(),
                      [](const auto& commune) { return commune.type == "phường"; }) == 15);
  CHECK(std::all_of(communes.begin(), communes.end(),
                    [](const auto& commune) { return commune.province_code == "25"; }));
}

TEST_CASE("Phường Vĩnh Yên is 08707, in Phú Thọ") {
  const auto* vinh_yen = units().commune("08707");
  REQUIRE(vinh_yen != nullptr);
  CHECK(vinh_yen->full_name == "Phường Vĩnh Yên");
  CHECK(vinh_yen->name == "Vĩnh Yên");
  CHECK(vinh_yen->type == "phường");
  CHECK(vinh_yen->province_code == "25");
  CHECK(units().commune("8707") == nullptr);
  CHECK(units().commune("99999") == nullptr);
}

TEST_CASE("the 121 old communes of Vĩnh Phúc became 36 units of Phú Thọ: 4 phường, 32 xã") {
  std::set<std::string> districts;
  for (const auto& district : units().old_districts()) {
    if (district.province_code == "26") districts.insert(district.code);
  }
  CHECK(districts.size() == 9);
  std::size_t old_communes = 0;
  std::set<std::string> new_codes;
  for (const auto& old : units().old_communes()) {
    if (!districts.contains(old.district_code)) continue;
    ++old_communes;
    for (const auto& successor : old.successors) new_codes.insert(successor.commune_code);
  }
  CHECK(old_communes == 121);
  std::set<std::string> phuong, xa;
  for (const auto& code : new_codes) {
    const auto* commune = units().commune(code);
    REQUIRE(commune != nullptr);
    CHECK(commune->province_code == "25");
    (commune->type == "phường" ? phuong : xa).insert(commune->name);
  }
  CHECK(phuong == std::set<std::string>{"Vĩnh Phúc", "Vĩnh Yên", "Phúc Yên", "Xuân Hòa"});
  CHECK(xa == std::set<std::string>{"Bình Nguyên", "Bình Tuyền", "Bình Xuyên",    "Hoàng An",
                                    "Hải Lựu",     "Hội Thịnh",  "Hợp Lý",        "Liên Châu",
                                    "Liên Hòa",    "Lập Thạch",  "Nguyệt Đức",    "Sông Lô",
                                    "Sơn Đông",    "Tam Dương",  "Tam Dương Bắc", "Tam Hồng",
                                    "Tam Sơn",     "Tam Đảo",    "Thái Hòa",      "Thổ Tang",
                                    "Tiên Lữ",     "Tề Lỗ",      "Vĩnh An",       "Vĩnh Hưng",
                                    "Vĩnh Phú",    "Vĩnh Thành", "Vĩnh Tường",    "Xuân Lãng",
                                    "Yên Lãng",    "Yên Lạc",    "Đại Đình",      "Đạo Trù"});
}

TEST_CASE("an address written the old way in Vĩnh Tường converts to its commune in Phú Thọ") {
  // Xã Lũng Hòa (09106), huyện Vĩnh Tường, was merged whole into Xã Vĩnh Thành (09106).
  const auto lung_hoa =
      only(units().convert_old_address("xã Lũng Hòa", "huyện Vĩnh Tường", "tỉnh Vĩnh Phúc"));
  CHECK(lung_hoa.commune.code == "09106");
  CHECK(lung_hoa.commune.full_name == "Xã Vĩnh Thành");
  CHECK(lung_hoa.province.code == "25");
  CHECK(lung_hoa.province.full_name == "Tỉnh Phú Thọ");
  CHECK(lung_hoa.whole);
  CHECK(lung_hoa.old_code == "09106");
  CHECK(lung_hoa.old_address == "Xã Lũng Hòa, Huyện Vĩnh Tường, Tỉnh Vĩnh Phúc");

  SECTION("however the citizen writes it") {
    for (const auto& [commune, district, province] :
         {std::tuple{"Lũng Hoà", "Vĩnh Tường", "Vĩnh Phúc"},  // new-style tone, no type words
          std::tuple{"XÃ LŨNG HÒA", "HUYỆN VĨNH TƯỜNG", "TỈNH VĨNH PHÚC"},
          std::tuple{"xa lung hoa", "h. vinh tuong", "vinh phuc"},
          std::tuple{"X\u00e3 Lu\u0303ng Ho\u0300a",
                     "Huye\u0323\u0302n Vi\u0303nh Tu\u031bo\u031b\u0300ng",
                     ""},  // decomposed (NFD) input, no province
          std::tuple{"  Lũng   Hòa ", "", "Vĩnh Phúc"}}) {
      INFO(commune << " / " << district << " / " << province);
      CHECK(only(units().convert_old_address(commune, district, province)).commune.code == "09106");
    }
  }
  SECTION("a thị trấn keeps its own type word apart from a xã of the same name") {
    const auto tho_tang =
        only(units().convert_old_address("Thị trấn Thổ Tang", "Vĩnh Tường", "Vĩnh Phúc"));
    CHECK(tho_tang.commune.full_name == "Xã Thổ Tang");
    CHECK(tho_tang.commune.code == "09112");
    CHECK(only(units().convert_old_address("TT Thổ Tang", "", "")).commune.code == "09112");
  }
}

TEST_CASE("an old commune split among several new ones gives one candidate for each part") {
  // Xã Canh Liên (21997), huyện Vân Canh, tỉnh Bình Định: part stayed as Canh Liên,
  // part went into Canh Vinh; both are now in Gia Lai (52).
  const auto by_address =
      units().convert_old_address("Canh Liên", "huyện Vân Canh", "tỉnh Bình Định");
  REQUIRE(by_address.ok());
  REQUIRE(by_address.value().size() == 2);
  std::set<std::string> names;
  for (const auto& candidate : by_address.value()) {
    CHECK_FALSE(candidate.whole);
    CHECK(candidate.province.code == "52");
    names.insert(candidate.commune.full_name);
  }
  CHECK(names == std::set<std::string>{"Xã Canh Liên", "Xã Canh Vinh"});

  const auto by_code = units().convert_old_commune_code("21997");
  REQUIRE(by_code.ok());
  CHECK(by_code.value().size() == 2);
}

TEST_CASE("abbreviations, numbered wards and island districts") {
  // Phường 15, quận Gò Vấp, TP.HCM went whole into Phường An Hội Đông (26878).
  const auto ward = only(units().convert_old_address("P.15", "Q. Gò Vấp", "TP.HCM"));
  CHECK(ward.commune.full_name == "Phường An Hội Đông");
  CHECK(ward.province.code == "79");
  CHECK(only(units().convert_old_address("Phường 15", "Gò Vấp", "Thành phố Hồ Chí Minh"))
            .commune.code == "26878");

  // Huyện Côn Đảo had no communes: the whole district became Đặc khu Côn Đảo.
  const auto con_dao = only(units().convert_old_address("", "huyện Côn Đảo", "Bà Rịa Vũng Tàu"));
  CHECK(con_dao.commune.full_name == "Đặc khu Côn Đảo");
  CHECK(con_dao.province.code == "79");
  CHECK(con_dao.old_address == "Huyện Côn Đảo, Tỉnh Bà Rịa - Vũng Tàu");
}

TEST_CASE("old commune codes convert; one code the official table gives two communes") {
  const auto tu_trung = units().convert_old_commune_code("09145");  // Thị trấn Tứ Trưng
  REQUIRE(tu_trung.ok());
  REQUIRE(tu_trung.value().size() == 1);
  CHECK(tu_trung.value().front().commune.full_name == "Xã Vĩnh Tường");
  CHECK(tu_trung.value().front().old_address ==
        "Thị trấn Tứ Trưng, Huyện Vĩnh Tường, Tỉnh Vĩnh Phúc");

  // 00553 is written for both Xã Cổ Bi and Xã Đặng Xá (Gia Lâm, Hà Nội).
  const auto shared = units().convert_old_commune_code("00553");
  REQUIRE(shared.ok());
  std::set<std::string> old_names;
  for (const auto& candidate : shared.value()) old_names.insert(candidate.old_address);
  CHECK(old_names == std::set<std::string>{"Xã Cổ Bi, Huyện Gia Lâm, Thành phố Hà Nội",
                                           "Xã Đặng Xá, Huyện Gia Lâm, Thành phố Hà Nội"});
}

TEST_CASE("an unknown, ambiguous or incomplete old address is a clear error") {
  const auto no_commune =
      units().convert_old_address("xã Không Có", "huyện Vĩnh Tường", "tỉnh Vĩnh Phúc");
  REQUIRE_FALSE(no_commune.ok());
  CHECK(no_commune.error().code == "admin_unit.unknown");
  CHECK(no_commune.error().where == "old_commune");
  CHECK(no_commune.error().message.vi.find("Không Có") != std::string::npos);

  const auto no_province = units().convert_old_address("xã Lũng Hòa", "", "tỉnh Atlantis");
  REQUIRE_FALSE(no_province.ok());
  CHECK(no_province.error().code == "admin_unit.unknown");
  CHECK(no_province.error().where == "old_province");

  // Lũng Hòa exists, but not in huyện Yên Lạc.
  const auto wrong_district =
      units().convert_old_address("xã Lũng Hòa", "huyện Yên Lạc", "tỉnh Vĩnh Phúc");
  REQUIRE_FALSE(wrong_district.ok());
  CHECK(wrong_district.error().where == "old_commune");

  const auto many = units().convert_old_address("xã Tân Phú", "", "");
  REQUIRE_FALSE(many.ok());
  CHECK(many.error().code == "admin_unit.ambiguous");
  CHECK(many.error().message.vi.find("Huyện Vĩnh Tường, Tỉnh Vĩnh Phúc") != std::string::npos);
  CHECK(only(units().convert_old_address("xã Tân Phú", "Vĩnh Tường", "")).commune.code == "09106");

  const auto missing = units().convert_old_address("", "huyện Vĩnh Tường", "tỉnh Vĩnh Phúc");
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.error().code == "admin_unit.missing");

  CHECK(units().convert_old_commune_code("99999").error().code == "admin_unit.unknown");
  CHECK(units().convert_old_commune_code("0910").error().code == "admin_unit.code");
  CHECK(units().convert_old_commune_code("09l06").error().code == "admin_unit.code");
}

TEST_CASE("searching communes without diacritics finds them, exact names first") {
  const auto vinh_yen = units().search_communes("vinh yen");
  REQUIRE_FALSE(vinh_yen.empty());
  CHECK(vinh_yen.front()->code == "08707");
  CHECK(units().search_communes("VĨNH YÊN", "25").front()->code == "08707");
  CHECK(units().search_communes("phuong vinh yen").front()->code == "08707");

  // Word prefixes, in any order, within one province.
  const auto tho = names_of(units().search_communes("tho tang", "25"));
  CHECK(tho == std::set<std::string>{"Xã Thổ Tang"});
  const auto vinh_in_phu_tho = units().search_communes("vinh", "25");
  CHECK(vinh_in_phu_tho.size() > 5);
  CHECK(std::all_of(vinh_in_phu_tho.begin(), vinh_in_phu_tho.end(),
                    [](const auto* commune) { return commune->province_code == "25"; }));

  CHECK(units().search_communes("khong co xa nay").empty());
  CHECK(units().search_communes("", "25").size() == 148);
  CHECK(units().search_communes("vinh yen", "99").empty());
}

TEST_CASE("broken data is refused with the place it breaks") {
  const auto not_json = AdminUnits::parse("{");
  REQUIRE_FALSE(not_json.ok());
  CHECK(not_json.error().code == "admin_unit.data");

  const auto wrong_format = AdminUnits::parse(R"({"format": "tokhai-admin-units/9"})");
  REQUIRE_FALSE(wrong_format.ok());
  CHECK(wrong_format.error().where == "format");

  const std::string header =
      R"({"format": "tokhai-admin-units/1", "data_version": "test",
          "unit_types": [["tỉnh", "Tỉnh", "Province", []], ["xã", "Xã", "Commune", []],
                         ["huyện", "Huyện", "District", []]],
          "provinces": [["25", "Phú Thọ", "tỉnh"]],
          "old_provinces": [["26", "Vĩnh Phúc", "tỉnh"]],
          "old_districts": [["252", "Vĩnh Tường", "huyện", "26", [], []]],)";
  const auto good = AdminUnits::parse(header + R"("communes": [["09106", "Vĩnh Thành", "xã", "25"]],
                  "old_communes": [["09106", "Lũng Hòa", "xã", "252", ["09106"], []]]})");
  REQUIRE(good.ok());
  CHECK(only(good.value().convert_old_address("Lũng Hòa", "", "")).commune.code == "09106");

  const auto unknown_province = AdminUnits::parse(
      header + R"("communes": [["09106", "Vĩnh Thành", "xã", "24"]], "old_communes": []})");
  REQUIRE_FALSE(unknown_province.ok());
  CHECK(unknown_province.error().where == "communes[0]");

  const auto unknown_successor =
      AdminUnits::parse(header + R"("communes": [["09106", "Vĩnh Thành", "xã", "25"]],
                  "old_communes": [["09106", "Lũng Hòa", "xã", "252", ["09999"], []]]})");
  REQUIRE_FALSE(unknown_successor.ok());
  CHECK(unknown_successor.error().where == "old_communes[0]");
}
