// SqliteSubmissionStore (see sqlite_submission_store.h).
#include "server/sqlite_submission_store.h"

#include <sqlite3.h>

#include <utility>

#include "server/server_store.h"
#include "server/sqlite_statement.h"

namespace tokhai::server {
namespace {

constexpr std::string_view kSubmissionColumns = "cursor, id, dossier_code, received_at, envelope";

StoredSubmission read_submission(const StatementUse& row) {
  return StoredSubmission{row.integer(0), row.text(1), row.text(2), row.text(3), row.text(4)};
}

}  // namespace

struct SqliteSubmissionStore::WriterStatements {
  SqliteStatement find_by_id;
  SqliteStatement dossier_code_used;
  SqliteStatement insert_submission;
  SqliteStatement insert_status;
  SqliteStatement find_dossier_for_agency;
};

struct SqliteSubmissionStore::ReaderStatements {
  SqliteStatement find_receipt;
  SqliteStatement status_history;
  SqliteStatement list_for_agency;
  SqliteStatement find_for_agency;
};

SqliteSubmissionStore::SqliteSubmissionStore(SqliteDatabase write_connection,
                                             SqliteDatabase read_connection)
    : write_connection_(std::move(write_connection)),
      read_connection_(std::move(read_connection)) {}

SqliteSubmissionStore::~SqliteSubmissionStore() = default;

core::Result<std::unique_ptr<SqliteSubmissionStore>> SqliteSubmissionStore::open(
    const std::filesystem::path& data_dir) {
  auto write_connection = open_store_connection(data_dir);
  if (!write_connection) return write_connection.error();
  auto read_connection = open_store_connection(data_dir);
  if (!read_connection) return read_connection.error();
  std::unique_ptr<SqliteSubmissionStore> store(new SqliteSubmissionStore(
      std::move(write_connection).value(), std::move(read_connection).value()));

  std::optional<core::Error> failure;
  auto prepare = [&failure](SqliteDatabase& connection, std::string_view sql) {
    auto statement = SqliteStatement::prepare(connection.handle(), sql);
    if (!statement) {
      if (!failure) failure = statement.error();
      return std::optional<SqliteStatement>();
    }
    return std::optional<SqliteStatement>(std::move(statement).value());
  };
  const std::string columns(kSubmissionColumns);
  SqliteDatabase& w = store->write_connection_;
  auto find_by_id = prepare(w, "SELECT envelope_sha256, receipt FROM submissions WHERE id = ?1");
  auto dossier_code_used = prepare(w, "SELECT 1 FROM submissions WHERE dossier_code = ?1");
  auto insert_submission = prepare(
      w,
      "INSERT INTO submissions(id, envelope, envelope_sha256, agency_code, form_id, "
      "form_version, dossier_code, receipt, received_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, "
      "?9)");
  auto insert_status =
      prepare(w,
              "INSERT INTO submission_statuses(submission_cursor, status, message, at) "
              "VALUES (?1, ?2, ?3, ?4)");
  auto find_dossier_for_agency =
      prepare(w, "SELECT cursor FROM submissions WHERE dossier_code = ?1 AND agency_code = ?2");
  SqliteDatabase& r = store->read_connection_;
  auto find_receipt = prepare(r, "SELECT envelope_sha256, receipt FROM submissions WHERE id = ?1");
  auto status_history = prepare(r,
                                "SELECT s.id, h.status, h.message, h.at FROM submissions s "
                                "JOIN submission_statuses h ON h.submission_cursor = s.cursor "
                                "WHERE s.dossier_code = ?1 ORDER BY h.seq");
  auto list_for_agency = prepare(r, "SELECT " + columns +
                                        " FROM submissions WHERE agency_code = ?1 AND cursor > ?2 "
                                        "ORDER BY cursor LIMIT ?3");
  auto find_for_agency =
      prepare(r, "SELECT " + columns + " FROM submissions WHERE agency_code = ?1 AND id = ?2");
  if (failure) return *failure;

  store->write_ = std::make_unique<WriterStatements>(WriterStatements{
      std::move(*find_by_id), std::move(*dossier_code_used), std::move(*insert_submission),
      std::move(*insert_status), std::move(*find_dossier_for_agency)});
  store->read_ = std::make_unique<ReaderStatements>(
      ReaderStatements{std::move(*find_receipt), std::move(*status_history),
                       std::move(*list_for_agency), std::move(*find_for_agency)});
  auto writer = GroupCommitWriter::start(store->write_connection_);
  if (!writer) return writer.error();
  store->writer_ = std::move(writer).value();
  return store;
}

core::Result<PutResult> SqliteSubmissionStore::put(const NewSubmission& submission) {
  PutResult result{PutOutcome::conflict, {}};
  auto ran = writer_->run([this, &submission, &result]() -> core::Result<core::Done> {
    {
      auto found = write_->find_by_id.start();
      found.bind(1, submission.id);
      auto row = found.step();
      if (!row) return row.error();
      if (row.value()) {
        if (found.text(0) == submission.envelope_sha256_hex) {
          result = PutResult{PutOutcome::identical, found.text(1)};
        } else {
          result = PutResult{PutOutcome::conflict, {}};
        }
        return core::Done{};
      }
    }
    {
      auto used = write_->dossier_code_used.start();
      used.bind(1, submission.dossier_code);
      auto row = used.step();
      if (!row) return row.error();
      if (row.value()) {
        result = PutResult{PutOutcome::dossier_code_taken, {}};
        return core::Done{};
      }
    }
    {
      auto insert = write_->insert_submission.start();
      insert.bind(1, submission.id)
          .bind(2, submission.envelope_text)
          .bind(3, submission.envelope_sha256_hex)
          .bind(4, submission.agency_code)
          .bind(5, submission.form_id)
          .bind(6, submission.form_version)
          .bind(7, submission.dossier_code)
          .bind(8, submission.receipt_text)
          .bind(9, submission.received_at);
      auto done = insert.step();
      if (!done) return done.error();
    }
    const std::int64_t cursor = sqlite3_last_insert_rowid(write_connection_.handle());
    auto status = write_->insert_status.start();
    status.bind(1, cursor)
        .bind(2, std::string_view("submitted"))
        .bind_null(3)
        .bind(4, submission.received_at);
    auto done = status.step();
    if (!done) return done.error();
    result = PutResult{PutOutcome::created, submission.receipt_text};
    return core::Done{};
  });
  if (!ran) return ran.error();
  return result;
}

core::Result<core::Done> SqliteSubmissionStore::run_write(
    const std::function<core::Result<core::Done>(SqliteDatabase&)>& job) {
  return writer_->run([this, &job] { return job(write_connection_); });
}

core::Result<bool> SqliteSubmissionStore::add_status(std::string_view agency_code,
                                                     std::string_view dossier_code,
                                                     const StatusEntry& entry) {
  bool added = false;
  auto ran = writer_->run([&]() -> core::Result<core::Done> {
    std::int64_t cursor = 0;
    {
      auto found = write_->find_dossier_for_agency.start();
      found.bind(1, dossier_code).bind(2, agency_code);
      auto row = found.step();
      if (!row) return row.error();
      if (!row.value()) return core::Done{};
      cursor = found.integer(0);
    }
    auto insert = write_->insert_status.start();
    insert.bind(1, cursor).bind(2, entry.status).bind(4, entry.at);
    if (entry.message) {
      insert.bind(3, *entry.message);
    } else {
      insert.bind_null(3);
    }
    auto done = insert.step();
    if (!done) return done.error();
    added = true;
    return core::Done{};
  });
  if (!ran) return ran.error();
  return added;
}

core::Result<std::optional<SubmissionStore::StoredReceipt>> SqliteSubmissionStore::find_receipt(
    std::string_view submission_id) {
  const std::lock_guard lock(read_mutex_);
  auto rows = read_->find_receipt.start();
  rows.bind(1, submission_id);
  auto row = rows.step();
  if (!row) return row.error();
  if (!row.value()) return std::optional<StoredReceipt>();
  return std::optional<StoredReceipt>(StoredReceipt{rows.text(0), rows.text(1)});
}

core::Result<std::optional<DossierStatus>> SqliteSubmissionStore::status(
    std::string_view dossier_code) {
  const std::lock_guard lock(read_mutex_);
  auto rows = read_->status_history.start();
  rows.bind(1, dossier_code);
  std::optional<DossierStatus> status;
  while (true) {
    auto row = rows.step();
    if (!row) return row.error();
    if (!row.value()) break;
    if (!status) status = DossierStatus{std::string(dossier_code), rows.text(0), {}};
    status->history.push_back(StatusEntry{rows.text(1), rows.optional_text(2), rows.text(3)});
  }
  return status;
}

core::Result<std::vector<StoredSubmission>> SqliteSubmissionStore::list_for_agency(
    std::string_view agency_code, std::int64_t after_cursor, int limit) {
  const std::lock_guard lock(read_mutex_);
  auto rows = read_->list_for_agency.start();
  rows.bind(1, agency_code).bind(2, after_cursor).bind(3, std::int64_t{limit});
  std::vector<StoredSubmission> submissions;
  while (true) {
    auto row = rows.step();
    if (!row) return row.error();
    if (!row.value()) break;
    submissions.push_back(read_submission(rows));
  }
  return submissions;
}

core::Result<std::optional<StoredSubmission>> SqliteSubmissionStore::find_for_agency(
    std::string_view agency_code, std::string_view submission_id) {
  const std::lock_guard lock(read_mutex_);
  auto rows = read_->find_for_agency.start();
  rows.bind(1, agency_code).bind(2, submission_id);
  auto row = rows.step();
  if (!row) return row.error();
  if (!row.value()) return std::optional<StoredSubmission>();
  return std::optional<StoredSubmission>(read_submission(rows));
}

}  // namespace tokhai::server
