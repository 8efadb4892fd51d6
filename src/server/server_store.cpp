// ServerStore: connection setup, the server's migration list and the
// installation identity (see server_store.h).
#include "server/server_store.h"

#include <array>
#include <cstdint>
#include <exception>
#include <random>

#include "server/migrations.h"
#include "server/utc_time.h"

namespace tokhai::server {
namespace {

// The server schema, oldest first. Released migrations are never edited.
constexpr std::string_view kMigration1 = R"sql(
CREATE TABLE server_meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
INSERT INTO server_meta(key, value) VALUES
  ('instance_id', :instance_id),
  ('created_at', :created_at);
)sql";

// Submissions (submission_store.h): the envelope's bytes as received, one
// row per id; `cursor` orders them for the agencies' pulls (AUTOINCREMENT:
// never reused, even if rows are ever removed). The status history starts
// with "submitted" when a submission is stored.
constexpr std::string_view kMigration2 = R"sql(
CREATE TABLE submissions(
  cursor INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  envelope TEXT NOT NULL,
  envelope_sha256 TEXT NOT NULL,
  agency_code TEXT NOT NULL,
  form_id TEXT NOT NULL,
  form_version TEXT NOT NULL,
  dossier_code TEXT NOT NULL UNIQUE,
  receipt TEXT NOT NULL,
  received_at TEXT NOT NULL
);
CREATE INDEX submissions_by_agency ON submissions(agency_code, cursor);
CREATE TABLE submission_statuses(
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  submission_cursor INTEGER NOT NULL REFERENCES submissions(cursor),
  status TEXT NOT NULL,
  message TEXT,
  at TEXT NOT NULL
);
CREATE INDEX submission_statuses_by_submission ON submission_statuses(submission_cursor, seq);
)sql";

// Attachments (attachment_store.h, sqlite_attachment_store.h): a verified
// envelope that lists attachments waits in pending_submissions until every
// attachment is complete, then moves to submissions with its receipt and
// leaves this table. attachment_uploads keeps each attachment's announced
// size and SHA-256 and its confirmed offset (the bytes are files in
// DATA_DIR/attachments), also after the submission is complete.
constexpr std::string_view kMigration3 = R"sql(
CREATE TABLE pending_submissions(
  id TEXT PRIMARY KEY,
  envelope TEXT NOT NULL,
  envelope_sha256 TEXT NOT NULL,
  agency_code TEXT NOT NULL,
  form_id TEXT NOT NULL,
  form_version TEXT NOT NULL,
  pending_since TEXT NOT NULL
);
CREATE TABLE attachment_uploads(
  submission_id TEXT NOT NULL,
  idx INTEGER NOT NULL,
  size_bytes INTEGER NOT NULL,
  sha256 TEXT NOT NULL,
  received_bytes INTEGER NOT NULL,
  PRIMARY KEY(submission_id, idx)
) WITHOUT ROWID;
)sql";

constexpr std::array<std::string_view, 3> kMigrations = {kMigration1, kMigration2, kMigration3};

Error store_error(std::string code, std::string vi, std::string en) {
  return Error{std::move(code), LocalizedText{std::move(vi), std::move(en)}};
}

// 128 bits from std::random_device as 32 lower-case hex digits.
Result<std::string> random_instance_id() {
  try {
    std::random_device device;
    std::string id;
    constexpr char kHexDigits[] = "0123456789abcdef";
    for (int word = 0; word < 4; ++word) {
      const auto bits = static_cast<std::uint32_t>(device());
      for (int shift = 28; shift >= 0; shift -= 4) id.push_back(kHexDigits[(bits >> shift) & 0xf]);
    }
    return id;
  } catch (const std::exception& failure) {
    return store_error("store.random",
                       std::string("Không lấy được số ngẫu nhiên: ") + failure.what(),
                       std::string("No random numbers available: ") + failure.what());
  }
}

Result<Done> configure_connection(SqliteDatabase& database) {
  database.set_busy_timeout(kDatabaseBusyTimeoutMs);
  auto journal = database.query_first_column("PRAGMA journal_mode=WAL");
  if (!journal) return journal.error();
  if (journal.value().empty() || journal.value().front() != "wal") {
    return store_error("store.journal_mode",
                       "Không bật được chế độ WAL cho cơ sở dữ liệu (hệ thống tệp không hỗ trợ?).",
                       "Could not switch the database to WAL mode (file system not supported?).");
  }
  return database.execute("PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;");
}

}  // namespace

Result<SqliteDatabase> open_store_connection(const std::filesystem::path& data_dir) {
  auto database = SqliteDatabase::open(data_dir / kDatabaseFileName);
  if (!database) return database.error();
  auto configured = configure_connection(database.value());
  if (!configured) return configured.error();
  return std::move(database).value();
}

Result<ServerStore> ServerStore::open(const std::filesystem::path& data_dir) {
  auto database = open_store_connection(data_dir);
  if (!database) return database.error();
  auto new_instance_id = random_instance_id();
  if (!new_instance_id) return new_instance_id.error();
  const SqlParameters parameters = {{":instance_id", new_instance_id.value()},
                                    {":created_at", utc_now_iso8601()}};
  auto migrated = apply_migrations(database.value(), kMigrations, parameters);
  if (!migrated) return migrated.error();
  auto stored_id = database.value().query_first_column(
      "SELECT value FROM server_meta WHERE key = 'instance_id'");
  if (!stored_id) return stored_id.error();
  if (stored_id.value().size() != 1 || !stored_id.value().front()) {
    return store_error("store.meta", "Cơ sở dữ liệu thiếu instance_id trong server_meta.",
                       "The database has no instance_id in server_meta.");
  }
  return ServerStore(std::move(database).value(), *stored_id.value().front());
}

bool ServerStore::is_database_responding() {
  const std::lock_guard lock(*mutex_);
  auto rows = database_.query_first_column("SELECT 1");
  return rows && rows.value().size() == 1 && rows.value().front() == "1";
}

}  // namespace tokhai::server
