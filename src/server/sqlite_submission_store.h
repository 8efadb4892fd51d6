// SqliteSubmissionStore: the SubmissionStore in the server's embedded SQLite
// database (tables of migration 2, server_store.cpp).
//
// Writes (put, add_status) go through a GroupCommitWriter on a connection of
// their own, so that concurrent submissions share one durable commit; reads
// use a second connection (WAL lets it read while the writer writes).
// Statements are prepared once.
#pragma once

#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>

#include "server/group_commit.h"
#include "server/sqlite_database.h"
#include "server/submission_store.h"

namespace tokhai::server {

class SqliteSubmissionStore final : public SubmissionStore {
 public:
  // Opens the database in `data_dir`, which ServerStore::open has created and
  // migrated. Error codes: those of open_store_connection, sqlite.prepare.
  static core::Result<std::unique_ptr<SqliteSubmissionStore>> open(
      const std::filesystem::path& data_dir);

  ~SqliteSubmissionStore() override;

  core::Result<PutResult> put(const NewSubmission& submission) override;
  core::Result<std::optional<StoredReceipt>> find_receipt(std::string_view submission_id) override;
  core::Result<std::optional<DossierStatus>> status(std::string_view dossier_code) override;
  core::Result<std::vector<StoredSubmission>> list_for_agency(std::string_view agency_code,
                                                              std::int64_t after_cursor,
                                                              int limit) override;
  core::Result<std::optional<StoredSubmission>> find_for_agency(
      std::string_view agency_code, std::string_view submission_id) override;
  core::Result<bool> add_status(std::string_view agency_code, std::string_view dossier_code,
                                const StatusEntry& entry) override;

  // Runs `job` with the write connection on the writer thread, in the next
  // group, for a store that shares this database (sqlite_attachment_store.h):
  // the job's effects are kept only if it succeeds and the group commits.
  core::Result<core::Done> run_write(
      const std::function<core::Result<core::Done>(SqliteDatabase&)>& job);

  // How many write groups have committed (tests check that groups form).
  std::uint64_t write_groups_committed() const { return writer_->groups_committed(); }

 private:
  struct WriterStatements;
  struct ReaderStatements;
  SqliteSubmissionStore(SqliteDatabase write_connection, SqliteDatabase read_connection);

  // Declared in the order they are built; destroyed the other way round:
  // the writer thread stops before the statements and connections go away.
  SqliteDatabase write_connection_;
  SqliteDatabase read_connection_;
  std::unique_ptr<WriterStatements> write_;
  std::unique_ptr<ReaderStatements> read_;
  std::mutex read_mutex_;  // serializes use of read_connection_
  std::unique_ptr<GroupCommitWriter> writer_;
};

}  // namespace tokhai::server
