// PostgresStorage: the Storage (storage.h) in a PostgreSQL database, for
// several tokhai-server instances sharing it (issue 9).
//
// Schema migrations are versioned like SQLite's (migrations.h): an ordered
// list, each applied in one transaction together with its row in
// schema_migrations, never edited once released. They run under a
// PostgreSQL advisory lock, so instances starting together apply each one
// once; a database written by a newer build is refused (migration.newer_schema).
//
// How the SubmissionStore contract holds with many instances:
// - put is one INSERT … ON CONFLICT DO NOTHING (with the "submitted" status
//   in the same statement). Of concurrent puts of one id on any instances,
//   PostgreSQL lets exactly one insert; the others wait for it to commit, then
//   read its stored hash and receipt (identical or conflict). No row for the
//   id after a refused insert means the dossier code was taken.
// - Durable before answering: every write commits with synchronous_commit on
//   (postgres_connection.h); PostgreSQL flushes concurrent commits together.
// - Agency cursors must only grow in the order agencies can see rows, but
//   sequence numbers taken by concurrent inserts become visible in commit
//   order, not number order: a page could skip a row that commits late. So a
//   stored row has no cursor yet; before each agency read,
//   assign_submission_cursors() numbers the rows that have none, under a
//   transaction-scoped advisory lock. Assignments are serial and each sees
//   every row committed before it, so a row visible with cursor c has every
//   smaller cursor visible too, and no later row gets a smaller one.
// - Attachments (postgres_attachment_store.h): pending envelopes, offsets
//   and the bytes, one bytea row per chunk, so any instance continues an
//   upload another one started.
// - Agency request signatures (replay_guard.h) are recorded in the table
//   agency_request_signatures with their expiry, so a replay to any instance
//   is refused; expired ones are deleted as new ones arrive.
#pragma once

#include <memory>
#include <span>
#include <string>
#include <string_view>

#include "server/postgres_connection.h"
#include "server/storage.h"

namespace tokhai::server {

// How many database connections one instance opens at most. Requests beyond
// that wait for a connection; 16 keeps a 2-core database busy with commits
// to flush together, and 2 instances × 16 stay far below PostgreSQL's default
// max_connections (100).
inline constexpr std::size_t kPostgresPoolSize = 16;

// Applies each migration whose version (index + 1) is not yet recorded, each
// in its own transaction, holding an advisory lock meanwhile. Returns how
// many were applied now. Error codes: migration.newer_schema, postgres.query.
core::Result<int> apply_postgres_migrations(PostgresConnection& connection,
                                            std::span<const std::string_view> migrations);

class PostgresStorage final : public Storage {
 public:
  // Connects to `url`, migrates the database and reads the installation id.
  // Error codes: postgres.connect, postgres.query, migration.newer_schema,
  // store.meta.
  static core::Result<std::unique_ptr<PostgresStorage>> open(const std::string& url);

  ~PostgresStorage() override;

  std::string_view engine() const override { return "postgresql"; }
  const std::string& instance_id() const override { return instance_id_; }
  bool is_database_responding() override;
  SubmissionStore& submissions() override { return *submissions_; }
  ReplayLedger& agency_replays() override { return *replays_; }
  AttachmentStore& attachments() override { return *attachments_; }

 private:
  PostgresStorage() = default;

  std::unique_ptr<PostgresPool> pool_;
  std::string instance_id_;
  std::unique_ptr<SubmissionStore> submissions_;
  std::unique_ptr<ReplayLedger> replays_;
  std::unique_ptr<AttachmentStore> attachments_;
};

}  // namespace tokhai::server
