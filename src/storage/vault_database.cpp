// The vault schema and connection setup (see vault_database.h).
//
// Schema version 1:
//   vaults   one row per person: the display name (plain text, chosen by the
//            owner to be shown), the kind of secret (PIN or passphrase, so the
//            app can open the right keyboard), Argon2id salt and parameters,
//            the data key wrapped by the key-encryption key, and the
//            failed-attempt counter with the earliest time of the next attempt.
//   records  one row per record, all content sealed: `locator` and
//            `kind_locator` are keyed BLAKE2b hashes (blind indexes) of (kind,
//            id) and of kind, so that without the key one cannot tell a draft
//            from a receipt; `sealed_meta` holds kind, id, form id, form
//            version and update time; `sealed_body` the content
//            (storage/record_seal.h for the associated data).
#include "storage/vault_database.h"

#include <array>
#include <system_error>

#include "storage/schema_migrations.h"

namespace tokhai::storage {
namespace {

constexpr std::string_view kMigration1 = R"sql(
CREATE TABLE vaults(
  id                   TEXT PRIMARY KEY NOT NULL,
  display_name         TEXT NOT NULL,
  secret_kind          TEXT NOT NULL CHECK (secret_kind IN ('pin', 'passphrase')),
  kdf_algorithm        INTEGER NOT NULL,
  kdf_ops_limit        INTEGER NOT NULL,
  kdf_mem_limit_bytes  INTEGER NOT NULL,
  kdf_salt             BLOB NOT NULL,
  wrapped_data_key     BLOB NOT NULL,
  failed_attempts      INTEGER NOT NULL DEFAULT 0,
  next_attempt_at_ms   INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE records(
  vault_id      TEXT NOT NULL REFERENCES vaults(id) ON DELETE CASCADE,
  locator       BLOB NOT NULL,
  kind_locator  BLOB NOT NULL,
  sealed_meta   BLOB NOT NULL,
  sealed_body   BLOB NOT NULL,
  PRIMARY KEY (vault_id, locator)
);
CREATE INDEX records_by_kind ON records(vault_id, kind_locator);
)sql";

constexpr std::array<std::string_view, 1> kMigrations = {kMigration1};

// PRAGMAs of every connection (outside transactions, where some do not apply).
Result<Done> configure_connection(Database& database) {
  auto journal = database.query_text("PRAGMA journal_mode=DELETE");
  if (!journal) return journal.error();
  if (journal.value() != "delete") {
    return storage_error(
        "storage.journal_mode",
        "Không chuyển được cơ sở dữ liệu sang chế độ nhật ký DELETE (" + journal.value() + ").",
        "Could not switch the database to the DELETE journal mode (" + journal.value() + ").");
  }
  return database.execute_script(
      "PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; PRAGMA secure_delete=ON;"
      "PRAGMA mmap_size=0; PRAGMA temp_store=MEMORY;");
}

// Refuses a file written by a newer build, looking at it read-only.
Result<Done> refuse_newer_schema(const std::filesystem::path& path) {
  std::error_code ignored;
  if (!std::filesystem::exists(path, ignored)) return Done{};
  auto probe = Database::open(path, OpenMode::read_only);
  if (!probe) return probe.error();
  auto version = schema_version(probe.value());
  if (!version) return version.error();
  if (version.value() > vault_schema_version()) {
    return newer_schema_error(version.value(), vault_schema_version(), path.string());
  }
  return Done{};
}

}  // namespace

std::span<const std::string_view> vault_migrations() { return kMigrations; }

std::int64_t vault_schema_version() { return static_cast<std::int64_t>(kMigrations.size()); }

Result<Database> open_vault_database(const std::filesystem::path& path) {
  auto refused = refuse_newer_schema(path);
  if (!refused) return refused.error();
  auto database = Database::open(path, OpenMode::read_write_create);
  if (!database) return database.error();
  auto configured = configure_connection(database.value());
  if (!configured) return configured.error();
  auto migrated = migrate_schema(database.value(), kMigrations);
  if (!migrated) {
    Error error = migrated.error();
    if (error.where.empty()) error.where = path.string();
    return error;
  }
  return std::move(database).value();
}

}  // namespace tokhai::storage
