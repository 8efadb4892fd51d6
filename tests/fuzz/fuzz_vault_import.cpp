// fuzz_vault_import: VaultStore::import_vault on any bytes, with one fixed
// secret, into one store on a temporary file.
//
// The seeds (corpus/vault_import) are exports of vaults whose secret is
// kSecret ("12345678", both a valid PIN and a valid passphrase), made with the
// fastest Argon2id cost; the harness writes them itself when
// TOKHAI_VAULT_IMPORT_SEEDS names a folder (README.md). Each input is imported
//   1. as it is: size, JSON, members and bounds, the already-here check, the
//      unwrap, the seal, the records, the insert;
//   2. when it parses and kSecret unwraps its data key, sealed again with that
//      key, so that mutated records, names and ids get past the seal (which
//      the fuzzer cannot forge) to the checks behind it and to the insert.
// A bug is reported by abort(): an error code the contract does not list, an
// error without its Vietnamese or English message, a failed import that
// wrote anything, or a successful one whose vault is not exactly the file's
// (its name, and as many records as the file, all of which open). After a
// successful import the vault is deleted again, so every input meets an
// empty store. (The store's folder is removed at exit, not when libFuzzer
// stops on a crash or a timeout.)
// Inputs whose Argon2id cost is above the minimum are only parsed: hashing
// 256 MiB twelve times would stall the fuzzer, and the cost bounds belong to
// the parser, which still runs.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <string_view>

#include "crypto/aead.h"
#include "crypto/password_hash.h"
#include "crypto/random.h"
#include "storage/record_seal.h"
#include "storage/signing_key.h"
#include "storage/sqlite_database.h"
#include "storage/vault_export.h"
#include "storage/vault_store.h"

namespace {

using namespace tokhai;
using storage::VaultExport;

constexpr std::string_view kSecret = "12345678";

[[noreturn]] void fail(const char* what) {
  std::fprintf(stderr, "fuzz_vault_import: %s\n", what);
  std::abort();
}

template <class T>
T must(storage::Result<T> result, const char* what) {
  if (!result) {
    std::fprintf(stderr, "fuzz_vault_import: %s: %s (%s)\n", what, result.error().code.c_str(),
                 result.error().message.en.c_str());
    std::abort();
  }
  return std::move(result).value();
}

// The codes import_vault may return (vault_store.h).
bool documented_error(const std::string& code) {
  for (std::string_view listed :
       {"vault.export_too_large", "vault.export_format", "vault.export_damaged",
        "vault.already_here", "vault.wrong_secret", "crypto.pwhash_failed"}) {
    if (code == listed) return true;
  }
  return code.starts_with("storage.");
}

// The data key of `contents` under kSecret, unwrapped as vault_store.cpp
// wraps it (the associated data "tokhai.vault.data-key/1", vault id). The
// harness checks at start-up that this still matches, so that a change there
// cannot silently stop step 2.
std::optional<crypto::SecretBytes> unwrap_with_fixed_secret(const VaultExport& contents) {
  auto key_encryption_key =
      crypto::derive_key_from_password(kSecret, contents.kdf_salt, contents.kdf_params);
  if (!key_encryption_key) return std::nullopt;
  auto data_key =
      crypto::aead_open(key_encryption_key.value(), contents.wrapped_data_key,
                        storage::encode_fields({"tokhai.vault.data-key/1", contents.vault_id}));
  if (!data_key) return std::nullopt;
  return std::move(data_key).value();
}

// `contents` sealed again under its own data key; nullopt when kSecret does
// not unwrap it.
std::optional<crypto::Bytes> resealed(VaultExport contents) {
  const auto data_key = unwrap_with_fixed_secret(contents);
  if (!data_key) return std::nullopt;
  contents.seal =
      storage::vault_export_seal(storage::derive_record_keys(*data_key).export_key, contents);
  auto file = storage::vault_export_file(contents);
  if (!file) return std::nullopt;
  return std::move(file).value();
}

class Harness {
 public:
  Harness()
      : folder_(std::filesystem::temp_directory_path() /
                ("tokhai-fuzz-vault-import-" + crypto::random_hex_id(8))),
        store_(open_store(folder_)),
        raw_(must(storage::Database::open(folder_ / "vaults.sqlite",
                                          storage::OpenMode::read_write_create),
                  "open a second connection")) {
    check_resealing();
  }
  Harness(const Harness&) = delete;
  Harness& operator=(const Harness&) = delete;
  ~Harness() {
    std::error_code ignored;
    std::filesystem::remove_all(folder_, ignored);
  }

  void run(crypto::ByteView file) {
    auto parsed = storage::parse_vault_export(file);
    if (parsed && parsed.value().kdf_params != crypto::fastest_password_hash_params()) return;
    import_and_check(file, parsed ? parsed.value().records.size() : 0);
    if (!parsed) return;
    const auto again = resealed(parsed.value());
    if (again) import_and_check(*again, parsed.value().records.size());
  }

  // Exports of three vaults with secret kSecret into `folder`: the seeds.
  void write_seeds(const std::filesystem::path& folder) {
    storage::UnlockedVault empty = create("An", storage::SecretKind::pin);
    write_file(folder / "empty-vault", export_of(empty));

    storage::UnlockedVault mai = create("Mẹ Mai", storage::SecretKind::pin);
    must(mai.put({"profile", "self", "", ""},
                 crypto::as_bytes(R"({"format":"tokhai-profile/1","full_name":"Lê Thị Mai"})")),
         "put a profile");
    must(mai.put({"draft", "", "ho-tich.khai-sinh", "2024.1"},
                 crypto::as_bytes(R"({"ho_ten":"Lê Bảo An"})")),
         "put a draft");
    must(mai.put({"draft", "", "cu-tru.ct01", "2024.1"}, crypto::as_bytes("{}")), "put a draft");
    must(mai.put({"receipt", "r1", "", ""}, crypto::as_bytes("biên nhận")), "put a receipt");
    write_file(folder / "profile-drafts-receipt", export_of(mai));

    storage::UnlockedVault hoa = create("Trần Thị Hoà", storage::SecretKind::passphrase);
    must(hoa.put({"setting", "theme", "", ""}, {}), "put an empty record");
    write_file(folder / "passphrase-empty-record", export_of(hoa));
    remove_vaults();
  }

 private:
  static storage::VaultStore open_store(const std::filesystem::path& folder) {
    std::filesystem::create_directories(folder);
    return must(storage::VaultStore::open(folder / "vaults.sqlite"), "open the store");
  }

  storage::UnlockedVault create(std::string_view name, storage::SecretKind kind) {
    return must(store_.create_vault(name, {kind, kSecret}, crypto::fastest_password_hash_params()),
                "create a vault");
  }

  static crypto::Bytes export_of(storage::UnlockedVault& vault) {
    return must(vault.export_file(), "export a vault").bytes;
  }

  static void write_file(const std::filesystem::path& path, const crypto::Bytes& bytes) {
    std::ofstream out(path, std::ios::binary);
    out.write(reinterpret_cast<const char*>(bytes.data()),
              static_cast<std::streamsize>(bytes.size()));
    if (!out) fail("cannot write a seed");
  }

  std::int64_t count(const char* table) {
    return must(raw_.query_integer(std::string("SELECT count(*) FROM ") + table), "count rows");
  }

  void remove_vaults() {
    must(raw_.execute_script("DELETE FROM records; DELETE FROM vaults;"), "delete the vaults");
  }

  void import_and_check(crypto::ByteView file, std::size_t file_records) {
    auto imported = store_.import_vault(file, kSecret);
    if (!imported) {
      const storage::Error& error = imported.error();
      if (!documented_error(error.code)) fail(("undocumented error " + error.code).c_str());
      if (error.message.vi.empty() || error.message.en.empty()) fail("an error without a message");
      if (count("vaults") != 0 || count("records") != 0) fail("a failed import wrote rows");
      return;
    }
    storage::UnlockedVault& vault = imported.value();
    const auto vaults = must(store_.list_vaults(), "list the vaults");
    if (vaults.size() != 1 || vaults[0].id != vault.id() ||
        vaults[0].display_name != vault.display_name()) {
      fail("the imported vault is not listed as it was imported");
    }
    const storage::RecordList audit = must(vault.audit(), "audit the imported vault");
    if (!audit.damaged.empty()) fail("an imported record does not open");
    // A backup made before vaults had signing keys gains one on import
    // (storage/signing_key.h): one record more, and only that one.
    const bool gained_key = audit.records.size() == file_records + 1 &&
                            vault.get(storage::kKeyKind, storage::kSigningKeyId).ok();
    if (audit.records.size() != file_records && !gained_key) {
      fail("the import stored another number of records");
    }
    remove_vaults();
  }

  // Step 2 depends on how vault_store.cpp wraps a data key: a file whose seal
  // is replaced by resealed() must import.
  void check_resealing() {
    storage::UnlockedVault vault = create("Kiểm tra", storage::SecretKind::pin);
    must(vault.put({"draft", "d", "", ""}, crypto::as_bytes("x")), "put a draft");
    const crypto::Bytes file = export_of(vault);
    remove_vaults();
    VaultExport contents = must(storage::parse_vault_export(file), "parse an export");
    contents.seal = crypto::Bytes(contents.seal.size(), 0);
    const auto again = resealed(contents);
    if (!again) fail("the harness no longer unwraps data keys as vault_store.cpp wraps them");
    must(store_.import_vault(*again, kSecret), "import a resealed export");
    remove_vaults();
  }

  std::filesystem::path folder_;
  storage::VaultStore store_;
  storage::Database raw_;
};

Harness& harness() {
  static Harness instance;
  return instance;
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  if (const char* seeds = std::getenv("TOKHAI_VAULT_IMPORT_SEEDS")) harness().write_seeds(seeds);
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  harness().run({data, size});
  return 0;
}
