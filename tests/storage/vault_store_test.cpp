// The vault directory, creating and unlocking vaults, wrong secrets with
// growing delays, and changing the secret.
#include "storage/vault_store.h"

#include <catch2/catch.hpp>

#include "vault_test_support.h"

using namespace tokhai::storage;
using namespace tokhai::storage::testing;
using tokhai::crypto::as_bytes;

TEST_CASE("the directory shows each vault's chosen name, id and keyboard, in creation order") {
  VaultFixture f;
  CHECK(f.store.list_vaults().value().empty());
  UnlockedVault an = f.create("  Nguyễn   Văn An ", "123456");
  UnlockedVault bich =
      f.store.create_vault("Bà Bích", passphrase("mật khẩu dài"), fast_params()).value();
  CHECK(an.display_name() == "Nguyễn Văn An");
  CHECK(an.id().size() == 32);
  CHECK(an.id() != bich.id());
  const auto vaults = f.store.list_vaults().value();
  REQUIRE(vaults.size() == 2);
  CHECK(vaults[0] == VaultSummary{an.id(), "Nguyễn Văn An", SecretKind::pin});
  CHECK(vaults[1] == VaultSummary{bich.id(), "Bà Bích", SecretKind::passphrase});
}

TEST_CASE("a vault is created only with a valid name and secret") {
  VaultFixture f;
  const auto code_of = [&](std::string_view name, VaultSecret secret) {
    auto created = f.store.create_vault(name, secret, fast_params());
    return created.ok() ? std::string("ok") : created.error().code;
  };
  CHECK(code_of("An", pin("12345")) == "vault.secret_too_short");
  CHECK(code_of("An", pin("12345a")) == "vault.pin_not_digits");
  CHECK(code_of("An", pin("１２３４５６")) == "vault.pin_not_digits");  // full-width digits
  CHECK(code_of("An", pin(std::string(65, '1'))) == "vault.secret_too_long");
  CHECK(code_of("An", passphrase("ngắn")) == "vault.secret_too_short");
  CHECK(code_of("An", passphrase("bảy ký ")) == "vault.secret_too_short");  // 7 characters
  CHECK(code_of("An", passphrase("          ")) == "vault.secret_blank");
  CHECK(code_of("   ", pin("123456")) == "vault.display_name");
  CHECK(code_of(std::string(81, 'a'), pin("123456")) == "vault.display_name");
  CHECK(code_of("A\x01n", pin("123456")) == "vault.display_name");
  CHECK(f.store.create_vault("An", pin("123456"), {0, 0, 2}).error().code ==
        "crypto.pwhash_params");
  CHECK(f.store.list_vaults().value().empty());
  // The rules' edges: exactly 6 digits, exactly 8 characters (Vietnamese letters count once).
  CHECK(code_of("An", pin("000000")) == "ok");
  CHECK(code_of("An", passphrase("bảy ký tự")) == "ok");
}

TEST_CASE("the right secret unlocks, with the vault's name") {
  VaultFixture f;
  const std::string id = f.create("Trần Thị Cúc", "246810").id();
  auto vault = f.store.unlock(id, "246810");
  REQUIRE(vault.ok());
  CHECK(vault.value().id() == id);
  CHECK(vault.value().display_name() == "Trần Thị Cúc");
  CHECK_FALSE(vault.value().locked());
  auto missing = f.store.unlock("0123456789abcdef0123456789abcdef", "246810");
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.error().code == "vault.not_found");
}

TEST_CASE("a passphrase unlocks whatever Unicode form it is typed in") {
  VaultFixture f;
  const std::string nfc = "Hoà bình năm 2025";
  const std::string nfd = "Hoa\xcc\x80 bi\xcc\x80nh na\xcc\x86m 2025";  // combining marks
  const std::string id = f.store.create_vault("Hoà", passphrase(nfc), fast_params()).value().id();
  CHECK(f.store.unlock(id, nfd).ok());
  CHECK(f.store.unlock(id, nfc).ok());
  CHECK(f.store.unlock(id, "hoà bình năm 2025").error().code == "vault.wrong_secret");
}

TEST_CASE("a wrong secret changes nothing but the attempt counter") {
  VaultFixture f;
  UnlockedVault vault = f.create("Lê Văn Dũng", "135790");
  REQUIRE(vault.put({"draft", "d1", "ho-tich.khai-sinh", "2024.1"}, as_bytes("{\"a\":1}")).ok());
  Database raw = f.raw();
  const RawVault before = raw_vault(raw, vault.id());
  const auto records_before = raw_records(raw);

  auto wrong = f.store.unlock(vault.id(), "135791");
  REQUIRE_FALSE(wrong.ok());
  CHECK(wrong.error().code == "vault.wrong_secret");
  CHECK(wrong.error().message.vi == "Mã PIN không đúng.");
  CHECK(wrong.error().message.en == "Wrong PIN.");
  CHECK(wrong.error().where == vault.id());

  RawVault after = raw_vault(raw, vault.id());
  CHECK(after.failed_attempts == 1);
  after.failed_attempts = before.failed_attempts;
  after.next_attempt_at_ms = before.next_attempt_at_ms;
  CHECK(after == before);
  CHECK(raw_records(raw).size() == records_before.size());
  for (std::size_t i = 0; i < records_before.size(); ++i) {
    CHECK(raw_records(raw)[i].sealed_body == records_before[i].sealed_body);
  }

  auto right = f.store.unlock(vault.id(), "135790");
  REQUIRE(right.ok());
  CHECK(right.value().get("draft", "d1").value().content.as_text() == "{\"a\":1}");
  CHECK(f.store.attempts(vault.id()).value().failed_attempts == 0);
}

TEST_CASE("wrong secrets make the next attempt wait 0, 0, 1, 2, 4 … seconds, then reset") {
  VaultFixture f;
  const std::string id = f.create("Phạm Thị Em", "112233").id();
  const std::vector<std::int64_t> expected_waits = {0,  0,  1,   2,   4,   8,  16,
                                                    32, 64, 128, 256, 300, 300};
  for (std::size_t i = 0; i < expected_waits.size(); ++i) {
    INFO("failure " << i + 1);
    auto wrong = f.store.unlock(id, "000000");
    REQUIRE_FALSE(wrong.ok());
    REQUIRE(wrong.error().code == "vault.wrong_secret");
    const UnlockAttempts attempts = f.store.attempts(id).value();
    CHECK(attempts.failed_attempts == static_cast<std::int64_t>(i + 1));
    CHECK(attempts.retry_after_seconds() == expected_waits[i]);
    if (expected_waits[i] > 0) {
      CHECK(wrong.error().message.vi.find("thử lại sau " + std::to_string(expected_waits[i]) +
                                          " giây") != std::string::npos);
      // Trying again too early is refused without hashing and without counting,
      // even with the right secret.
      f.clock.advance_seconds(expected_waits[i] - 1);
      auto early = f.store.unlock(id, "112233");
      REQUIRE_FALSE(early.ok());
      CHECK(early.error().code == "vault.try_later");
      CHECK(early.error().message.en.find("Try again in 1 s") != std::string::npos);
      CHECK(f.store.attempts(id).value().failed_attempts == static_cast<std::int64_t>(i + 1));
      f.clock.advance_seconds(1);
    }
    CHECK(f.store.attempts(id).value().retry_after.count() == 0);
  }
  REQUIRE(f.store.unlock(id, "112233").ok());
  const UnlockAttempts reset = f.store.attempts(id).value();
  CHECK(reset.failed_attempts == 0);
  CHECK(reset.retry_after.count() == 0);
  // After a reset the first two mistakes are free again.
  CHECK(f.store.unlock(id, "000000").error().code == "vault.wrong_secret");
  CHECK(f.store.unlock(id, "000000").error().code == "vault.wrong_secret");
  CHECK(f.store.unlock(id, "000000").error().code == "vault.wrong_secret");
  CHECK(f.store.unlock(id, "112233").error().code == "vault.try_later");
}

TEST_CASE("the wait survives reopening the file, and a clock set back cannot lengthen it") {
  VaultFixture f;
  const std::string id = f.create("Võ Văn Phúc", "998877").id();
  for (int i = 0; i < 5; ++i) {
    f.clock.advance_seconds(60);
    REQUIRE(f.store.unlock(id, "111111").error().code == "vault.wrong_secret");
  }
  CHECK(f.store.attempts(id).value().retry_after_seconds() == 4);

  VaultStore reopened = VaultStore::open(f.temp.path(), f.clock.function()).value();
  CHECK(reopened.attempts(id).value().failed_attempts == 5);
  CHECK(reopened.unlock(id, "998877").error().code == "vault.try_later");

  f.clock.advance_seconds(-86400);  // the phone's clock goes back a day
  CHECK(reopened.attempts(id).value().retry_after_seconds() == 4);
  f.clock.advance_seconds(4);
  CHECK(reopened.unlock(id, "998877").ok());
}

TEST_CASE("changing the secret re-wraps only the data key") {
  VaultFixture f;
  UnlockedVault vault = f.create("Đỗ Thị Giang", "101010");
  const std::string id = vault.id();
  REQUIRE(vault.put({"draft", "d1", "cu-tru.ct01", "2024.1"}, as_bytes("thường trú")).ok());
  REQUIRE(vault.put({"receipt", "r1", "", ""}, as_bytes("biên nhận")).ok());
  Database raw = f.raw();
  const RawVault vault_before = raw_vault(raw, id);
  const auto records_before = raw_records(raw);

  REQUIRE(f.store.change_secret(id, "101010", passphrase("cây đa đầu làng"), fast_params()).ok());

  const RawVault vault_after = raw_vault(raw, id);
  CHECK(vault_after.secret_kind == "passphrase");
  CHECK(vault_after.salt != vault_before.salt);
  CHECK(vault_after.wrapped_key != vault_before.wrapped_key);
  const auto records_after = raw_records(raw);
  REQUIRE(records_after.size() == records_before.size());
  for (std::size_t i = 0; i < records_before.size(); ++i) {
    CHECK(records_after[i].locator == records_before[i].locator);
    CHECK(records_after[i].sealed_meta == records_before[i].sealed_meta);
    CHECK(records_after[i].sealed_body == records_before[i].sealed_body);
  }

  CHECK(f.store.unlock(id, "101010").error().code == "vault.wrong_secret");
  auto reopened = f.store.unlock(id, "cây đa đầu làng");
  REQUIRE(reopened.ok());
  CHECK(reopened.value().get("draft", "d1").value().content.as_text() == "thường trú");
  CHECK(reopened.value().get("receipt", "r1").value().content.as_text() == "biên nhận");
  CHECK(f.store.list_vaults().value()[0].secret_kind == SecretKind::passphrase);
  // The vault that was open before the change keeps working: the data key is the same.
  CHECK(vault.get("draft", "d1").ok());
}

TEST_CASE("changing the secret needs the current one and a valid new one") {
  VaultFixture f;
  const std::string id = f.create("Hồ Văn Hải", "202020").id();
  Database raw = f.raw();
  const RawVault before = raw_vault(raw, id);

  auto bad_new = f.store.change_secret(id, "202020", pin("123"), fast_params());
  REQUIRE_FALSE(bad_new.ok());
  CHECK(bad_new.error().code == "vault.secret_too_short");
  CHECK(raw_vault(raw, id) == before);  // not even an attempt counted

  auto wrong_current = f.store.change_secret(id, "202021", pin("303030"), fast_params());
  REQUIRE_FALSE(wrong_current.ok());
  CHECK(wrong_current.error().code == "vault.wrong_secret");
  RawVault after = raw_vault(raw, id);
  CHECK(after.failed_attempts == 1);
  CHECK(after.wrapped_key == before.wrapped_key);
  CHECK(f.store.unlock(id, "202020").ok());
  CHECK(f.store.unlock(id, "303030").error().code == "vault.wrong_secret");
}

TEST_CASE("stored Argon2 parameters out of bounds are refused before hashing") {
  VaultFixture f;
  const std::string id = f.create("Kiều", "121212").id();
  Database raw = f.raw();
  REQUIRE(raw.execute_script("UPDATE vaults SET kdf_mem_limit_bytes = 1099511627776").ok());
  auto opened = f.store.unlock(id, "121212");
  REQUIRE_FALSE(opened.ok());
  CHECK(opened.error().code == "vault.bad_params");
  CHECK(f.store.attempts(id).value().failed_attempts == 0);
}

TEST_CASE("the file holds the display names in clear and nothing else readable") {
  VaultFixture f;
  UnlockedVault vault = f.create("Lý Thị Mai", "565656");
  REQUIRE(vault
              .put({"draft", "khai-sinh-be-na", "ho-tich.khai-sinh", "2024.1"},
                   as_bytes("Họ tên trẻ: Lý Bảo Na"))
              .ok());
  const std::string bytes = f.temp.bytes();
  CHECK(bytes.find("Lý Thị Mai") != std::string::npos);
  for (const char* secret :
       {"565656", "Lý Bảo Na", "khai-sinh-be-na", "ho-tich.khai-sinh", "2024.1", "draft"}) {
    INFO(secret);
    CHECK(bytes.find(secret) == std::string::npos);
  }
}
