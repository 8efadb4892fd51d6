// PostgresStorage: the schema, its migration runner, the SubmissionStore and
// the shared replay ledger on PostgreSQL (see postgres_storage.h).
#include "server/postgres_storage.h"

#include <array>

#include "crypto/encoding.h"
#include "crypto/random.h"
#include "server/postgres_attachment_store.h"
#include "server/utc_time.h"
#include "wire/agency_request.h"

namespace tokhai::server {
namespace {

// Advisory lock keys ("tokhai" and a number), one per purpose.
constexpr std::string_view kMigrationLockKey = "8390042726869565441";

// The server schema on PostgreSQL, oldest first. Released migrations are
// never edited. Times are the same "YYYY-MM-DDTHH:MM:SSZ" texts as in SQLite.
constexpr std::string_view kMigration1 = R"sql(
CREATE TABLE server_meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
)sql";

// Submissions (submission_store.h). row_id identifies a row inside the
// database; cursor is the agencies' order, given by
// assign_submission_cursors() (postgres_storage.h says why not at insert).
constexpr std::string_view kMigration2 = R"sql(
CREATE SEQUENCE submission_cursors;
CREATE TABLE submissions(
  row_id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  cursor BIGINT UNIQUE,
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
CREATE INDEX submissions_without_cursor ON submissions(row_id) WHERE cursor IS NULL;
CREATE TABLE submission_statuses(
  seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  submission_row BIGINT NOT NULL REFERENCES submissions(row_id),
  status TEXT NOT NULL,
  message TEXT,
  at TEXT NOT NULL
);
CREATE INDEX submission_statuses_by_submission ON submission_statuses(submission_row, seq);
CREATE FUNCTION assign_submission_cursors() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM submissions WHERE cursor IS NULL) THEN
    RETURN;
  END IF;
  PERFORM pg_advisory_xact_lock(8390042726869565442);
  UPDATE submissions s SET cursor = numbered.cursor
  FROM (SELECT row_id, nextval('submission_cursors') AS cursor
        FROM (SELECT row_id FROM submissions WHERE cursor IS NULL ORDER BY row_id) waiting)
       numbered
  WHERE s.row_id = numbered.row_id;
END
$$;
)sql";

// Agency request signatures accepted, until they expire (replay_guard.h).
constexpr std::string_view kMigration3 = R"sql(
CREATE TABLE agency_request_signatures(
  signature TEXT PRIMARY KEY,
  expires_unix BIGINT NOT NULL
);
CREATE INDEX agency_request_signatures_by_expiry ON agency_request_signatures(expires_unix);
)sql";

// Attachments (attachment_store.h, postgres_attachment_store.h): the same
// pending envelopes and upload offsets as SQLite's migration 3, and the
// bytes as one row per chunk, at the offset where it was appended.
constexpr std::string_view kMigration4 = R"sql(
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
  size_bytes BIGINT NOT NULL,
  sha256 TEXT NOT NULL,
  received_bytes BIGINT NOT NULL,
  PRIMARY KEY(submission_id, idx)
);
CREATE TABLE attachment_chunks(
  submission_id TEXT NOT NULL,
  idx INTEGER NOT NULL,
  offset_bytes BIGINT NOT NULL,
  bytes BYTEA NOT NULL,
  PRIMARY KEY(submission_id, idx, offset_bytes),
  FOREIGN KEY(submission_id, idx) REFERENCES attachment_uploads(submission_id, idx)
);
)sql";

constexpr std::array<std::string_view, 4> kMigrations = {kMigration1, kMigration2, kMigration3,
                                                         kMigration4};

constexpr std::string_view kSubmissionColumns =
    "COALESCE(cursor, 0), id, dossier_code, received_at, envelope";

StoredSubmission read_submission(const PostgresRows& rows, int row) {
  return StoredSubmission{rows.integer(row, 0), rows.text(row, 1), rows.text(row, 2),
                          rows.text(row, 3), rows.text(row, 4)};
}

core::Result<long long> highest_applied_version(PostgresConnection& connection) {
  auto rows = connection.query("SELECT COALESCE(MAX(version), 0) FROM schema_migrations");
  if (!rows) return rows.error();
  return static_cast<long long>(rows.value().integer(0, 0));
}

core::Result<int> apply_pending(PostgresConnection& connection,
                                std::span<const std::string_view> migrations) {
  auto created = connection.execute(
      "CREATE TABLE IF NOT EXISTS schema_migrations("
      "version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)");
  if (!created) return created.error();
  auto highest = highest_applied_version(connection);
  if (!highest) return highest.error();
  const auto known = static_cast<long long>(migrations.size());
  if (highest.value() > known) {
    const std::string detail =
        "schema version " + std::to_string(highest.value()) + " > " + std::to_string(known);
    return core::Error{"migration.newer_schema",
                       core::LocalizedText{
                           "Cơ sở dữ liệu được tạo bởi phiên bản máy chủ mới hơn (" + detail + ").",
                           "The database was written by a newer server (" + detail + ")."}};
  }
  int applied = 0;
  for (long long version = highest.value() + 1; version <= known; ++version) {
    // One simple-query string runs as one transaction: the migration and its
    // record commit together or not at all.
    std::string sql(migrations[static_cast<std::size_t>(version - 1)]);
    sql += ";\nINSERT INTO schema_migrations(version, applied_at) VALUES (" +
           std::to_string(version) + ", '" + utc_now_iso8601() + "');";
    auto done = connection.execute(sql);
    if (!done) return done.error();
    ++applied;
  }
  return applied;
}

class PostgresSubmissionStore final : public SubmissionStore {
 public:
  explicit PostgresSubmissionStore(PostgresPool& pool) : pool_(pool) {}

  core::Result<PutResult> put(const NewSubmission& submission) override {
    auto connection = pool_.acquire();
    if (!connection) return connection.error();
    auto inserted = connection.value()->query(
        "WITH inserted AS ("
        "  INSERT INTO submissions(id, envelope, envelope_sha256, agency_code, form_id,"
        "    form_version, dossier_code, receipt, received_at)"
        "  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT DO NOTHING RETURNING row_id),"
        " history AS ("
        "  INSERT INTO submission_statuses(submission_row, status, message, at)"
        "  SELECT row_id, 'submitted', NULL, $9 FROM inserted)"
        " SELECT row_id FROM inserted",
        {submission.id, submission.envelope_text, submission.envelope_sha256_hex,
         submission.agency_code, submission.form_id, submission.form_version,
         submission.dossier_code, submission.receipt_text, submission.received_at});
    if (!inserted) return inserted.error();
    if (inserted.value().size() == 1)
      return PutResult{PutOutcome::created, submission.receipt_text};
    // Not inserted: the id is stored (by this or another instance, committed
    // by now, since the insert waited for it), or the dossier code is taken.
    auto stored = connection.value()->query(
        "SELECT envelope_sha256, receipt FROM submissions WHERE id = $1", {submission.id});
    if (!stored) return stored.error();
    if (stored.value().size() == 0) return PutResult{PutOutcome::dossier_code_taken, {}};
    if (stored.value().text(0, 0) == submission.envelope_sha256_hex) {
      return PutResult{PutOutcome::identical, stored.value().text(0, 1)};
    }
    return PutResult{PutOutcome::conflict, {}};
  }

  core::Result<std::optional<StoredReceipt>> find_receipt(std::string_view submission_id) override {
    auto connection = pool_.acquire();
    if (!connection) return connection.error();
    auto rows = connection.value()->query(
        "SELECT envelope_sha256, receipt FROM submissions WHERE id = $1", {submission_id});
    if (!rows) return rows.error();
    if (rows.value().size() == 0) return std::optional<StoredReceipt>();
    return std::optional<StoredReceipt>(
        StoredReceipt{rows.value().text(0, 0), rows.value().text(0, 1)});
  }

  core::Result<std::optional<DossierStatus>> status(std::string_view dossier_code) override {
    auto connection = pool_.acquire();
    if (!connection) return connection.error();
    auto rows = connection.value()->query(
        "SELECT s.id, h.status, h.message, h.at FROM submissions s "
        "JOIN submission_statuses h ON h.submission_row = s.row_id "
        "WHERE s.dossier_code = $1 ORDER BY h.seq",
        {dossier_code});
    if (!rows) return rows.error();
    std::optional<DossierStatus> status;
    for (int row = 0; row < rows.value().size(); ++row) {
      if (!status) status = DossierStatus{std::string(dossier_code), rows.value().text(row, 0), {}};
      status->history.push_back(StatusEntry{rows.value().text(row, 1),
                                            rows.value().optional_text(row, 2),
                                            rows.value().text(row, 3)});
    }
    return status;
  }

  core::Result<std::vector<StoredSubmission>> list_for_agency(std::string_view agency_code,
                                                              std::int64_t after_cursor,
                                                              int limit) override {
    auto connection = pool_.acquire();
    if (!connection) return connection.error();
    auto assigned = connection.value()->query("SELECT assign_submission_cursors()");
    if (!assigned) return assigned.error();
    const std::string after = std::to_string(after_cursor);
    const std::string count = std::to_string(limit);
    auto rows = connection.value()->query(
        "SELECT " + std::string(kSubmissionColumns) +
            " FROM submissions WHERE agency_code = $1 AND cursor > $2 ORDER BY cursor LIMIT $3",
        {agency_code, after, count});
    if (!rows) return rows.error();
    std::vector<StoredSubmission> submissions;
    for (int row = 0; row < rows.value().size(); ++row) {
      submissions.push_back(read_submission(rows.value(), row));
    }
    return submissions;
  }

  // A row committed while this call runs may still be without a cursor; it
  // is then reported with cursor 0 and numbered by the next agency read.
  core::Result<std::optional<StoredSubmission>> find_for_agency(
      std::string_view agency_code, std::string_view submission_id) override {
    auto connection = pool_.acquire();
    if (!connection) return connection.error();
    auto assigned = connection.value()->query("SELECT assign_submission_cursors()");
    if (!assigned) return assigned.error();
    auto rows =
        connection.value()->query("SELECT " + std::string(kSubmissionColumns) +
                                      " FROM submissions WHERE agency_code = $1 AND id = $2",
                                  {agency_code, submission_id});
    if (!rows) return rows.error();
    if (rows.value().size() == 0) return std::optional<StoredSubmission>();
    return std::optional<StoredSubmission>(read_submission(rows.value(), 0));
  }

  core::Result<bool> add_status(std::string_view agency_code, std::string_view dossier_code,
                                const StatusEntry& entry) override {
    auto connection = pool_.acquire();
    if (!connection) return connection.error();
    auto rows = connection.value()->query(
        "INSERT INTO submission_statuses(submission_row, status, message, at) "
        "SELECT row_id, $3, $4, $5 FROM submissions WHERE dossier_code = $1 AND agency_code = $2 "
        "RETURNING seq",
        {dossier_code, agency_code, entry.status,
         entry.message ? PostgresParameter(*entry.message) : std::nullopt, entry.at});
    if (!rows) return rows.error();
    return rows.value().size() == 1;
  }

 private:
  PostgresPool& pool_;
};

class PostgresReplayLedger final : public ReplayLedger {
 public:
  PostgresReplayLedger(PostgresPool& pool, std::int64_t window_seconds)
      : pool_(pool), window_seconds_(window_seconds) {}

  core::Result<bool> record_first_use(crypto::ByteView signature, std::int64_t request_unix,
                                      std::int64_t now_unix) override {
    auto connection = pool_.acquire();
    if (!connection) return connection.error();
    const std::string signature_hex = crypto::to_hex(signature);
    const std::string expires = std::to_string(request_unix + window_seconds_);
    const std::string now = std::to_string(now_unix);
    auto rows = connection.value()->query(
        "WITH expired AS (DELETE FROM agency_request_signatures WHERE expires_unix < $3) "
        "INSERT INTO agency_request_signatures(signature, expires_unix) VALUES ($1, $2) "
        "ON CONFLICT DO NOTHING RETURNING 1",
        {signature_hex, expires, now});
    if (!rows) return rows.error();
    return rows.value().size() == 1;
  }

 private:
  PostgresPool& pool_;
  std::int64_t window_seconds_;
};

}  // namespace

core::Result<int> apply_postgres_migrations(PostgresConnection& connection,
                                            std::span<const std::string_view> migrations) {
  auto locked =
      connection.execute("SELECT pg_advisory_lock(" + std::string(kMigrationLockKey) + ")");
  if (!locked) return locked.error();
  auto applied = apply_pending(connection, migrations);
  // Ending the session would release the lock too, if this fails.
  (void)connection.execute("SELECT pg_advisory_unlock(" + std::string(kMigrationLockKey) + ")");
  return applied;
}

core::Result<std::unique_ptr<PostgresStorage>> PostgresStorage::open(const std::string& url) {
  auto pool = PostgresPool::open(url, kPostgresPoolSize);
  if (!pool) return pool.error();
  std::unique_ptr<PostgresStorage> storage(new PostgresStorage());
  storage->pool_ = std::move(pool).value();
  {
    auto connection = storage->pool_->acquire();
    if (!connection) return connection.error();
    auto migrated = apply_postgres_migrations(*connection.value(), kMigrations);
    if (!migrated) return migrated.error();
    const std::string new_id = crypto::random_hex_id(16);
    const std::string created_at = utc_now_iso8601();
    auto recorded = connection.value()->query(
        "INSERT INTO server_meta(key, value) VALUES ('instance_id', $1), ('created_at', $2) "
        "ON CONFLICT (key) DO NOTHING",
        {new_id, created_at});
    if (!recorded) return recorded.error();
    auto stored =
        connection.value()->query("SELECT value FROM server_meta WHERE key = 'instance_id'");
    if (!stored) return stored.error();
    if (stored.value().size() != 1) {
      return core::Error{"store.meta",
                         core::LocalizedText{"Cơ sở dữ liệu thiếu instance_id trong server_meta.",
                                             "The database has no instance_id in server_meta."}};
    }
    storage->instance_id_ = stored.value().text(0, 0);
  }
  storage->submissions_ = std::make_unique<PostgresSubmissionStore>(*storage->pool_);
  storage->replays_ =
      std::make_unique<PostgresReplayLedger>(*storage->pool_, wire::kAgencyRequestMaxSkewSeconds);
  storage->attachments_ = make_postgres_attachment_store(*storage->pool_);
  return storage;
}

PostgresStorage::~PostgresStorage() = default;

bool PostgresStorage::is_database_responding() {
  auto connection = pool_->acquire();
  if (!connection) return false;
  auto rows = connection.value()->query("SELECT 1");
  return rows && rows.value().size() == 1 && rows.value().text(0, 0) == "1";
}

}  // namespace tokhai::server
