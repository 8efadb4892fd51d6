// The profile record: JSON in the vault, kept whole across versions.
#include "storage/profile.h"

#include <catch2/catch.hpp>

#include "vault_test_support.h"

using namespace tokhai::storage;
using namespace tokhai::storage::testing;

namespace {

PersonProfile sample() {
  PersonProfile profile;
  profile.full_name = "Nguyễn Thị Hoà";
  profile.personal_id = "001190012345";
  profile.date_of_birth = "1990-05-17";
  profile.sex = "nu";
  profile.phone = "0912345678";
  profile.email = "hoa@example.vn";
  profile.commune = "00004";
  profile.address = "Số 12, ngõ 34, thôn Đông";
  return profile;
}

}  // namespace

TEST_CASE("a profile is saved in the vault and read back") {
  VaultFixture f;
  UnlockedVault vault = f.create("Hoà", "123456");
  CHECK_FALSE(load_profile(vault).value().has_value());
  REQUIRE(save_profile(vault, sample()).ok());
  auto loaded = load_profile(vault);
  REQUIRE(loaded.ok());
  REQUIRE(loaded.value().has_value());
  CHECK(*loaded.value() == sample());
  CHECK(vault.get(kProfileKind, kProfileRecordId).ok());
  CHECK(f.temp.bytes().find("001190012345") == std::string::npos);

  PersonProfile changed = sample();
  changed.phone = "0987654321";
  REQUIRE(save_profile(vault, changed).ok());
  CHECK(load_profile(vault).value()->phone == "0987654321");
  CHECK(vault.list(kProfileKind).value().records.size() == 1);
}

TEST_CASE("profile text is stored in NFC") {
  PersonProfile profile;
  profile.full_name = "Nguye\xcc\x82\xcc\x83n Hoa\xcc\x80";  // NFD
  const auto back = profile_from_json(profile_to_json(profile));
  REQUIRE(back.ok());
  CHECK(back.value().full_name == "Nguyễn Hoà");
}

TEST_CASE("keys a newer build wrote are kept when an older one saves") {
  auto parsed = profile_from_json(
      R"({"format":"tokhai-profile/1","full_name":"An","ethnicity":"01","religion":"khong"})");
  REQUIRE(parsed.ok());
  CHECK(parsed.value().full_name == "An");
  CHECK(parsed.value().other.at("ethnicity") == "01");
  const auto again = profile_from_json(profile_to_json(parsed.value()));
  REQUIRE(again.ok());
  CHECK(again.value() == parsed.value());
}

TEST_CASE("a profile that is not ours is an error, not a guess") {
  for (const char* bad :
       {"", "[]", "{\"full_name\":\"An\"}", R"({"format":"tokhai-profile/2","full_name":"An"})",
        R"({"format":"tokhai-profile/1","full_name":12})", "{\"format\":"}) {
    INFO(bad);
    auto parsed = profile_from_json(bad);
    REQUIRE_FALSE(parsed.ok());
    CHECK(parsed.error().code == "vault.profile_invalid");
  }
}
