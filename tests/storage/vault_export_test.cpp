// Vault exports: a vault carried to another database file byte for byte, read
// only with the secret it had when the file was made; a file that was
// tampered with, cut short or is something else is refused whole; a vault
// already here is never overwritten; an import is all or nothing.
#include "storage/vault_export.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <functional>
#include <nlohmann/json.hpp>

#include "core/json_text.h"
#include "crypto/aead.h"
#include "crypto/encoding.h"
#include "storage/profile.h"
#include "vault_test_support.h"

using namespace tokhai::storage;
using namespace tokhai::storage::testing;
using Catch::Matchers::Contains;
using nlohmann::json;
using tokhai::crypto::as_bytes;
using tokhai::crypto::Bytes;

namespace {

PersonProfile sample_profile() {
  PersonProfile profile;
  profile.full_name = "Lê Thị Mai";
  profile.personal_id = "079190054321";
  profile.date_of_birth = "1990-03-08";
  profile.phone = "0901234567";
  profile.address = "Số 5, hẻm 12, ấp Tân Phú";
  return profile;
}

// A vault with its signing key, a profile, two drafts and a receipt, and a second vault in the
// same file that an export of the first must not carry.
struct SourcePhone {
  VaultFixture f;
  UnlockedVault mai = f.create("Mẹ Mai", "123456");
  UnlockedVault other = f.create("Bình", "654321");

  SourcePhone() {
    REQUIRE(save_profile(mai, sample_profile()).ok());
    REQUIRE(mai.put({"draft", "d1", "ho-tich.khai-sinh", "2024.1"},
                    as_bytes(R"({"ho_ten":"Lê Bảo An"})"))
                .ok());
    f.clock.advance_seconds(60);
    REQUIRE(mai.put({"draft", "d2", "cu-tru.ct01", "2024.1"}, as_bytes("{}")).ok());
    REQUIRE(mai.put({"receipt", "r1", "", ""}, as_bytes("biên nhận")).ok());
    REQUIRE(other.put({"draft", "d1", "", ""}, as_bytes("Bình's")).ok());
  }

  Bytes export_mai() {
    auto exported = mai.export_file();
    REQUIRE(exported.ok());
    CHECK(exported.value().left_out.empty());
    return exported.value().bytes;
  }
};

std::string import_code(VaultStore& store, const Bytes& file, std::string_view secret) {
  auto imported = store.import_vault(file, secret);
  return imported.ok() ? std::string("ok") : imported.error().code;
}

// The rows of `vault_id` in a file, as stored, in locator order.
struct StoredRow {
  Bytes locator, kind_locator, sealed_meta, sealed_body;
  bool operator==(const StoredRow&) const = default;
};

std::vector<StoredRow> stored_rows(Database& db, std::string_view vault_id) {
  std::vector<StoredRow> rows;
  for (const RawRecord& raw : raw_records(db)) {
    if (raw.vault_id != vault_id) continue;
    rows.push_back({raw.locator, raw.kind_locator, raw.sealed_meta, raw.sealed_body});
  }
  std::sort(rows.begin(), rows.end(),
            [](const StoredRow& a, const StoredRow& b) { return a.locator < b.locator; });
  return rows;
}

json json_of(const Bytes& file) {
  json doc = tokhai::core::parse_json_text(tokhai::crypto::to_string(file));
  REQUIRE(doc.is_object());
  return doc;
}

Bytes file_of(const json& doc) { return tokhai::crypto::to_bytes(doc.dump()); }

Bytes base64_bytes(const json& value) {
  return tokhai::crypto::from_base64(value.get<std::string>()).value();
}

std::string base64_text(const Bytes& bytes) { return tokhai::crypto::to_base64(bytes); }

// Records back in increasing locator order, so that a check fails for what
// was changed and not for the order.
void sort_records(json& doc) {
  json& records = doc["records"];
  std::sort(records.begin(), records.end(), [](const json& a, const json& b) {
    return base64_bytes(a["locator"]) < base64_bytes(b["locator"]);
  });
}

// The export key of a file, from its secret: what only the owner can compute
// (the data key is wrapped as vault_store.cpp wraps it).
tokhai::crypto::SecretBytes export_key_of(const VaultExport& contents, std::string_view secret) {
  const auto key_encryption_key =
      tokhai::crypto::derive_key_from_password(secret, contents.kdf_salt, contents.kdf_params);
  const auto data_key =
      tokhai::crypto::aead_open(key_encryption_key.value(), contents.wrapped_data_key,
                                encode_fields({"tokhai.vault.data-key/1", contents.vault_id}));
  return derive_record_keys(data_key.value()).export_key;  // a member of a temporary: moved
}

}  // namespace

TEST_CASE("an export carries a vault to another phone, every row byte for byte") {
  SourcePhone phone;
  auto exported = phone.mai.export_file();
  REQUIRE(exported.ok());
  CHECK(exported.value().record_count == 5);
  CHECK(exported.value().left_out.empty());
  const Bytes file = exported.value().bytes;
  const std::string text = tokhai::crypto::to_string(file);
  CHECK(text.starts_with(R"({"format":"tokhai-vault-export/1","records":[{)"));

  VaultFixture new_phone;
  auto imported = new_phone.store.import_vault(file, "123456");
  REQUIRE(imported.ok());
  CHECK(imported.value().id() == phone.mai.id());
  CHECK(imported.value().display_name() == "Mẹ Mai");
  CHECK(new_phone.store.list_vaults().value() ==
        std::vector<VaultSummary>{{phone.mai.id(), "Mẹ Mai", SecretKind::pin}});

  Database source = phone.f.raw();
  Database target = new_phone.raw();
  CHECK(raw_vault(target, phone.mai.id()) == raw_vault(source, phone.mai.id()));
  const std::vector<StoredRow> rows = stored_rows(source, phone.mai.id());
  CHECK(rows.size() == 5);
  CHECK(stored_rows(target, phone.mai.id()) == rows);
  CHECK(raw_records(target).size() == 5);  // nothing of the other vault

  // The imported vault reads its records at once, and unlocks with its PIN later.
  CHECK(load_profile(imported.value()).value() == sample_profile());
  CHECK(imported.value().get("draft", "d1").value().content.as_text() ==
        R"({"ho_ten":"Lê Bảo An"})");
  imported.value().lock();
  UnlockedVault again = new_phone.store.unlock(phone.mai.id(), "123456").value();
  CHECK(load_profile(again).value() == sample_profile());
  CHECK(again.audit().value().records.size() == 5);
  CHECK(again.audit().value().damaged.empty());
  CHECK(again.get("receipt", "r1").value().meta == phone.mai.get("receipt", "r1").value().meta);
}

TEST_CASE("an export holds no personal data in clear but the chosen display name") {
  SourcePhone phone;
  const std::string text = tokhai::crypto::to_string(phone.export_mai());
  CHECK_THAT(text, Contains("Mẹ Mai"));
  for (const char* secret_text : {"Lê Thị Mai", "079190054321", "0901234567", "hẻm 12", "Lê Bảo An",
                                  "ho-tich.khai-sinh", "biên nhận", "Bình"}) {
    INFO(secret_text);
    CHECK(text.find(secret_text) == std::string::npos);
  }
}

TEST_CASE("an empty vault and a passphrase vault make the trip too") {
  VaultFixture old_phone;
  UnlockedVault empty = old_phone.create("An", "111111");
  // Quotes, brackets and a backslash in a string are not JSON's structure.
  const std::string name = R"(Hoà "Út" {Cần Thơ} [[[2]]] \)";
  UnlockedVault hoa =
      old_phone.store.create_vault(name, passphrase("mật khẩu của Hoà"), fast_params()).value();
  REQUIRE(hoa.put({"setting", "theme", "", ""}, {}).ok());

  VaultFixture new_phone;
  auto exported_empty = empty.export_file();
  REQUIRE(exported_empty.ok());
  CHECK(exported_empty.value().record_count == 1);  // its signing key
  CHECK(import_code(new_phone.store, exported_empty.value().bytes, "111111") == "ok");

  const Bytes hoa_file = hoa.export_file().value().bytes;
  auto wrong = new_phone.store.import_vault(hoa_file, "mật khẩu của hoà");
  REQUIRE_FALSE(wrong.ok());
  CHECK(wrong.error().code == "vault.wrong_secret");
  CHECK_THAT(wrong.error().message.en, Contains("passphrase the vault had when this export"));
  // NFD input unlocks what was set in NFC, as unlock() does.
  auto imported = new_phone.store.import_vault(hoa_file, "ma\xcc\xa3\xcc\x82t khẩu của Hoà");
  REQUIRE(imported.ok());
  CHECK(imported.value().get("setting", "theme").value().content.empty());
  const auto vaults = new_phone.store.list_vaults().value();
  REQUIRE(vaults.size() == 2);
  CHECK(vaults[1] == VaultSummary{hoa.id(), name, SecretKind::passphrase});
}

TEST_CASE("an export opens only with the secret the vault had when it was made") {
  SourcePhone phone;
  const Bytes file = phone.export_mai();
  VaultFixture new_phone;
  const std::string before = new_phone.temp.bytes();

  auto wrong = new_phone.store.import_vault(file, "000000");
  REQUIRE_FALSE(wrong.ok());
  CHECK(wrong.error().code == "vault.wrong_secret");
  CHECK_THAT(wrong.error().message.en, Contains("PIN the vault had when this export was made"));
  CHECK(new_phone.temp.bytes() == before);
  CHECK(new_phone.store.list_vaults().value().empty());

  // A later change of PIN on the old phone does not reach a file made before.
  REQUIRE(phone.f.store.change_secret(phone.mai.id(), "123456", pin("999999"), fast_params()).ok());
  CHECK(import_code(new_phone.store, file, "999999") == "vault.wrong_secret");
  CHECK(new_phone.temp.bytes() == before);
  CHECK(import_code(new_phone.store, file, "123456") == "ok");
}

TEST_CASE("a tampered, cut or foreign file is refused whole and nothing is written") {
  SourcePhone phone;
  const Bytes file = phone.export_mai();
  const json original = json_of(file);
  REQUIRE(original["records"].size() == 5);
  const json other_vault = json_of(phone.other.export_file().value().bytes);
  // A later version of one record, for a file that mixes two exports.
  REQUIRE(phone.mai.put({"draft", "d2", "cu-tru.ct01", "2024.1"}, as_bytes("{\"sửa\":1}")).ok());
  const json newer = json_of(phone.export_mai());

  struct Tampering {
    std::string what;
    std::function<Bytes()> file;
    std::string code;
    std::string where;
  };
  const auto changed = [&](std::function<void(json&)> change) {
    return [&original, change] {
      json doc = original;
      change(doc);
      return file_of(doc);
    };
  };
  const std::vector<Tampering> cases = {
      {"a record dropped",
       changed([](json& doc) { doc["records"].erase(doc["records"].begin() + 1); }),
       "vault.export_damaged", "seal"},
      {"a record of another vault added", changed([&](json& doc) {
         doc["records"].push_back(other_vault["records"][0]);
         sort_records(doc);
       }),
       "vault.export_damaged", "seal"},
      {"a record replaced by its own newer version",
       [&] {
         json doc = original;
         for (json& row : doc["records"]) {
           for (const json& newer_row : newer["records"]) {
             if (newer_row["locator"] == row["locator"]) row = newer_row;
           }
         }
         REQUIRE(doc != original);
         return file_of(doc);
       },
       "vault.export_damaged", "seal"},
      {"a byte of a body altered", changed([](json& doc) {
         Bytes body = base64_bytes(doc["records"][2]["sealed_body"]);
         body[body.size() / 2] ^= 0x01;
         doc["records"][2]["sealed_body"] = base64_text(body);
       }),
       "vault.export_damaged", "seal"},
      {"the display name changed",
       changed([](json& doc) { doc["vault"]["display_name"] = "Mẹ Mây"; }), "vault.export_damaged",
       "seal"},
      {"the secret kind changed",
       changed([](json& doc) { doc["vault"]["secret_kind"] = "passphrase"; }),
       "vault.export_damaged", "seal"},
      {"the seal altered", changed([](json& doc) {
         Bytes seal = base64_bytes(doc["seal"]);
         seal.back() ^= 0x80;
         doc["seal"] = base64_text(seal);
       }),
       "vault.export_damaged", "seal"},
      // What the wrapped key depends on cannot be told from a wrong secret.
      {"the Argon2id passes changed", changed([](json& doc) { doc["vault"]["kdf_ops_limit"] = 2; }),
       "vault.wrong_secret", phone.mai.id()},
      {"the vault id changed",
       changed([](json& doc) { doc["vault"]["id"] = std::string(32, 'a'); }), "vault.wrong_secret",
       std::string(32, 'a')},
      {"two records swapped",
       changed([](json& doc) { std::swap(doc["records"][0], doc["records"][1]); }),
       "vault.export_damaged", "records[1].locator"},
      {"a record given twice",
       changed([](json& doc) { doc["records"].insert(doc["records"].begin(), doc["records"][0]); }),
       "vault.export_damaged", "records[1].locator"},
      {"a member added", changed([](json& doc) { doc["vault"]["failed_attempts"] = 0; }),
       "vault.export_damaged", "vault"},
      {"a member missing", changed([](json& doc) { doc["records"][3].erase("kind_locator"); }),
       "vault.export_damaged", "records[3].kind_locator"},
      {"a locator of the wrong size",
       changed([](json& doc) { doc["records"][0]["locator"] = base64_text(Bytes(31, 7)); }),
       "vault.export_damaged", "records[0].locator"},
      {"Argon2id cost beyond the bounds",
       changed([](json& doc) { doc["vault"]["kdf_mem_limit_bytes"] = 1ull << 40; }),
       "vault.export_damaged", "vault.kdf_mem_limit_bytes"},
      {"a negative number", changed([](json& doc) { doc["vault"]["kdf_ops_limit"] = -1; }),
       "vault.export_damaged", "vault.kdf_ops_limit"},
      {"a display name with a control character",
       changed([](json& doc) { doc["vault"]["display_name"] = "Mẹ\tMai"; }), "vault.export_damaged",
       "vault.display_name"},
      {"the file cut in half",
       [&] {
         return Bytes(file.begin(), file.begin() + static_cast<std::ptrdiff_t>(file.size() / 2));
       },
       "vault.export_damaged", "JSON"},
      {"the file cut by one byte", [&] { return Bytes(file.begin(), file.end() - 1); },
       "vault.export_damaged", "JSON"},
      {"not JSON", [] { return tokhai::crypto::to_bytes("PK\x03\x04 a zip file"); },
       "vault.export_format", ""},
      {"an empty file", [] { return Bytes(); }, "vault.export_format", ""},
      {"a profile, not an export",
       [] { return tokhai::crypto::to_bytes(profile_to_json(sample_profile())); },
       "vault.export_format", ""},
      {"a newer format", changed([](json& doc) { doc["format"] = "tokhai-vault-export/2"; }),
       "vault.export_format", "tokhai-vault-export/2"},
      {"larger than an export can be",
       [&] {
         Bytes big = file;
         big.resize(kMaxVaultExportBytes + 1, ' ');
         return big;
       },
       "vault.export_too_large", ""},
      {"nested deeper than an export",
       [] {
         return tokhai::crypto::to_bytes(R"({"format":"tokhai-vault-export/1","records":[[[]]]})");
       },
       "vault.export_damaged", "JSON"},
      {"something else nested deep",
       [] { return tokhai::crypto::to_bytes(std::string(100'000, '[')); }, "vault.export_format",
       ""},
      {"a quarter million empty records (a tree of gigabytes)",
       [] {
         std::string text = R"({"format":"tokhai-vault-export/1","records":[)";
         for (int i = 0; i < 250'000; ++i) text += "{},";
         return tokhai::crypto::to_bytes(text + "{}]}");
       },
       "vault.export_too_large", ""},
      {"more records than an export can hold", changed([](json& doc) {
         const json row = doc["records"][0];
         doc["records"] = json::array();
         for (std::size_t i = 0; i <= kMaxVaultExportRecords; ++i) doc["records"].push_back(row);
       }),
       "vault.export_too_large", ""},
  };

  VaultFixture new_phone;
  const std::string before = new_phone.temp.bytes();
  for (const Tampering& tampering : cases) {
    INFO(tampering.what);
    auto imported = new_phone.store.import_vault(tampering.file(), "123456");
    REQUIRE_FALSE(imported.ok());
    CHECK(imported.error().code == tampering.code);
    CHECK(imported.error().where == tampering.where);
    CHECK_FALSE(imported.error().message.vi.empty());
    CHECK_FALSE(imported.error().message.en.empty());
    CHECK(new_phone.temp.bytes() == before);
  }
  CHECK(new_phone.store.list_vaults().value().empty());
  // The untouched file still imports: every refusal above was the change's.
  CHECK(import_code(new_phone.store, file, "123456") == "ok");
}

TEST_CASE("every record is opened even under a valid seal, and one bad record refuses the file") {
  SourcePhone phone;
  const VaultExport original = parse_vault_export(phone.export_mai()).value();
  const tokhai::crypto::SecretBytes export_key = export_key_of(original, "123456");
  const SealedRecord other_vaults_row =
      parse_vault_export(phone.other.export_file().value().bytes).value().records.at(0);
  const auto resealed = [&](const std::function<void(VaultExport&)>& change) {
    VaultExport contents = original;
    change(contents);
    std::sort(contents.records.begin(), contents.records.end(),
              [](const SealedRecord& a, const SealedRecord& b) { return a.locator < b.locator; });
    contents.seal = vault_export_seal(export_key, contents);
    REQUIRE(check_vault_export_seal(export_key, contents).ok());
    return vault_export_file(contents).value();
  };

  VaultFixture new_phone;
  const std::string before = new_phone.temp.bytes();
  for (const auto& [what, file] : std::vector<std::pair<std::string, Bytes>>{
           {"a body altered",
            resealed([](VaultExport& c) { c.records[2].sealed_body.back() ^= 1; })},
           {"a label altered", resealed([](VaultExport& c) { c.records[1].sealed_meta[30] ^= 1; })},
           {"another vault's record",
            resealed([&](VaultExport& c) { c.records.push_back(other_vaults_row); })},
           {"a row of its own moved to another locator", resealed([](VaultExport& c) {
              c.records[0].locator = c.records[1].locator;
              c.records[0].locator.back() ^= 1;
            })},
       }) {
    INFO(what);
    auto imported = new_phone.store.import_vault(file, "123456");
    REQUIRE_FALSE(imported.ok());
    CHECK(imported.error().code == "vault.export_damaged");
    CHECK(imported.error().where.starts_with("records["));
    CHECK(new_phone.temp.bytes() == before);
  }
  CHECK(import_code(new_phone.store, resealed([](VaultExport&) {}), "123456") == "ok");
}

TEST_CASE("a vault already on this phone is never overwritten by an import") {
  SourcePhone phone;
  const Bytes file = phone.export_mai();
  REQUIRE(phone.mai.put({"draft", "d3", "", ""}, as_bytes("written after the export")).ok());
  const std::string before = phone.f.temp.bytes();

  auto again = phone.f.store.import_vault(file, "123456");
  REQUIRE_FALSE(again.ok());
  CHECK(again.error().code == "vault.already_here");
  CHECK(again.error().where == phone.mai.id());
  CHECK_THAT(again.error().message.en, Contains("already on this phone"));
  CHECK_THAT(again.error().message.vi, Contains("đã có trên điện thoại này"));
  CHECK(phone.f.temp.bytes() == before);
  CHECK(phone.mai.get("draft", "d3").value().content.as_text() == "written after the export");
  CHECK(phone.f.store.list_vaults().value().size() == 2);

  // Refused before the secret is even tried, on a new phone as well.
  VaultFixture new_phone;
  CHECK(import_code(new_phone.store, file, "123456") == "ok");
  const std::string imported_once = new_phone.temp.bytes();
  CHECK(import_code(new_phone.store, file, "000000") == "vault.already_here");
  CHECK(new_phone.temp.bytes() == imported_once);
}

TEST_CASE("an import is all or nothing") {
  SourcePhone phone;
  const Bytes file = phone.export_mai();
  VaultFixture new_phone;
  Database raw = new_phone.raw();
  // The third record's insert fails, as a full disk would make it.
  REQUIRE(raw.execute_script("CREATE TRIGGER fail_third_record BEFORE INSERT ON records"
                             " WHEN (SELECT count(*) FROM records) >= 2"
                             " BEGIN SELECT RAISE(ABORT, 'injected failure'); END;")
              .ok());

  auto imported = new_phone.store.import_vault(file, "123456");
  REQUIRE_FALSE(imported.ok());
  CHECK(imported.error().code == "storage.sql");
  CHECK_THAT(imported.error().message.en, Contains("injected failure"));
  CHECK(new_phone.store.list_vaults().value().empty());
  CHECK(raw_records(raw).empty());

  REQUIRE(raw.execute_script("DROP TRIGGER fail_third_record").ok());
  CHECK(import_code(new_phone.store, file, "123456") == "ok");
  CHECK(raw_records(raw).size() == 5);
}

TEST_CASE("rows that fail their seal are left out of an export and listed") {
  SourcePhone phone;
  Database raw = phone.f.raw();
  const std::vector<RawRecord> rows = raw_records(raw);
  RawRecord altered = rows.at(3);  // one of the vault's drafts (after the two keys and a profile)
  REQUIRE(altered.vault_id == phone.mai.id());
  altered.sealed_body.back() ^= 0x01;
  write_raw_record(raw, altered.rowid, altered);

  auto exported = phone.mai.export_file();
  REQUIRE(exported.ok());
  CHECK(exported.value().record_count == 4);
  REQUIRE(exported.value().left_out.size() == 1);
  CHECK(exported.value().left_out[0].locator == tokhai::crypto::to_hex(altered.locator));
  CHECK(exported.value().left_out[0].error.code == "vault.record_tampered");

  VaultFixture new_phone;
  UnlockedVault imported = new_phone.store.import_vault(exported.value().bytes, "123456").value();
  CHECK(imported.audit().value().records.size() == 4);
  CHECK(imported.audit().value().damaged.empty());
}

TEST_CASE("no file is written that an import would refuse for its size") {
  SourcePhone phone;
  VaultExport contents = parse_vault_export(phone.export_mai()).value();
  contents.records.resize(kMaxVaultExportRecords, contents.records[0]);
  CHECK(vault_export_file(contents).ok());
  contents.records.push_back(contents.records[0]);
  CHECK(vault_export_file(contents).error().code == "vault.export_too_large");
  contents.records = {{Bytes(32), Bytes(32), Bytes(40), Bytes(kMaxVaultExportBytes)}};
  CHECK(vault_export_file(contents).error().code == "vault.export_too_large");
}

TEST_CASE("a locked vault cannot be exported") {
  VaultFixture f;
  UnlockedVault vault = f.create("An", "123456");
  vault.lock();
  auto exported = vault.export_file();
  REQUIRE_FALSE(exported.ok());
  CHECK(exported.error().code == "vault.locked");
}

TEST_CASE("a file's seal checks with the export subkey only") {
  SourcePhone phone;
  auto parsed = parse_vault_export(phone.export_mai());
  REQUIRE(parsed.ok());
  CHECK(parsed.value().records.size() == 5);
  CHECK(parsed.value().kdf_params == fast_params());
  // Another vault's keys do not check it, and a fresh seal under them does not pass either.
  VaultExport forged = parsed.value();
  const RecordKeys other_keys =
      derive_record_keys(tokhai::crypto::SecretBytes::random(kDataKeyBytes));
  CHECK(check_vault_export_seal(other_keys.export_key, forged).error().code ==
        "vault.export_damaged");
  forged.seal = vault_export_seal(other_keys.export_key, forged);
  VaultFixture new_phone;
  CHECK(import_code(new_phone.store, vault_export_file(forged).value(), "123456") ==
        "vault.export_damaged");
  CHECK(new_phone.store.list_vaults().value().empty());
}
