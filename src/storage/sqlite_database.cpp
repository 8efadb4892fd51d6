// Database, Statement, Transaction over the SQLite C API (see
// sqlite_database.h).
#include "storage/sqlite_database.h"

#include <sqlite3.h>

#include <cassert>
#include <utility>

namespace tokhai::storage {
namespace {

// The error for SQLite status `status` while doing `action` ("open", "step"…).
Error sqlite_failure(sqlite3* connection, int status, std::string_view action) {
  const std::string detail = std::string(action) + ": " +
                             (connection ? sqlite3_errmsg(connection) : sqlite3_errstr(status));
  switch (status & 0xff) {
    case SQLITE_FULL:
      return storage_error("storage.full",
                           "Bộ nhớ của thiết bị đã đầy, chưa lưu được. Hãy giải phóng dung lượng "
                           "rồi thử lại (" +
                               detail + ").",
                           "The device's storage is full; nothing was saved. Free some space and "
                           "try again (" +
                               detail + ").");
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return storage_error("storage.busy",
                           "Cơ sở dữ liệu đang bận (mở ở nơi khác?). Hãy thử lại (" + detail + ").",
                           "The database is busy (open elsewhere?). Try again (" + detail + ").");
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return storage_error("storage.corrupt",
                           "Tệp dữ liệu bị hỏng hoặc không phải cơ sở dữ liệu (" + detail + ").",
                           "The data file is damaged or not a database (" + detail + ").");
    case SQLITE_CANTOPEN:
      return storage_error("storage.open", "Không mở được tệp dữ liệu (" + detail + ").",
                           "The data file cannot be opened (" + detail + ").");
    default:
      return storage_error("storage.sql", "Lỗi cơ sở dữ liệu (" + detail + ").",
                           "Database error (" + detail + ").");
  }
}

}  // namespace

// ---- Database ---------------------------------------------------------------

Result<Database> Database::open(const std::filesystem::path& path, OpenMode mode) {
  sqlite3* connection = nullptr;
  const int flags = mode == OpenMode::read_only ? SQLITE_OPEN_READONLY
                                                : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
  const int status = sqlite3_open_v2(path.string().c_str(), &connection, flags, nullptr);
  if (status != SQLITE_OK) {
    Error error = sqlite_failure(connection, status, "open " + path.string());
    if (error.code == "storage.sql") error.code = "storage.open";
    sqlite3_close_v2(connection);
    return error;
  }
  sqlite3_extended_result_codes(connection, 1);
  return Database(connection);
}

Database::Database(Database&& other) noexcept
    : connection_(std::exchange(other.connection_, nullptr)) {}

Database& Database::operator=(Database&& other) noexcept {
  if (this != &other) {
    sqlite3_close_v2(connection_);
    connection_ = std::exchange(other.connection_, nullptr);
  }
  return *this;
}

Database::~Database() { sqlite3_close_v2(connection_); }

Result<Done> Database::execute_script(std::string_view sql) {
  assert(connection_ != nullptr && "use of a moved-from Database");
  const std::string text(sql);  // sqlite3_exec needs a NUL-terminated string
  char* message = nullptr;
  const int status = sqlite3_exec(connection_, text.c_str(), nullptr, nullptr, &message);
  sqlite3_free(message);
  if (status != SQLITE_OK) return sqlite_failure(connection_, status, "exec");
  return Done{};
}

Result<Statement> Database::prepare(std::string_view sql) {
  assert(connection_ != nullptr && "use of a moved-from Database");
  sqlite3_stmt* statement = nullptr;
  const char* tail = nullptr;
  const int status =
      sqlite3_prepare_v2(connection_, sql.data(), static_cast<int>(sql.size()), &statement, &tail);
  if (status != SQLITE_OK) {
    sqlite3_finalize(statement);
    return sqlite_failure(connection_, status, "prepare");
  }
  assert(statement != nullptr && "prepare: SQL without a statement");
  assert(std::string_view(tail, static_cast<std::size_t>(sql.data() + sql.size() - tail))
                 .find_first_not_of(" \t\r\n;") == std::string_view::npos &&
         "prepare: more than one statement");
  return Statement(statement, connection_);
}

Result<std::int64_t> Database::query_integer(std::string_view sql) {
  auto statement = prepare(sql);
  if (!statement) return statement.error();
  auto row = statement.value().step();
  if (!row) return row.error();
  if (!row.value()) return sqlite_failure(connection_, SQLITE_ERROR, "no row");
  return statement.value().column_int64(0);
}

Result<std::string> Database::query_text(std::string_view sql) {
  auto statement = prepare(sql);
  if (!statement) return statement.error();
  auto row = statement.value().step();
  if (!row) return row.error();
  if (!row.value()) return sqlite_failure(connection_, SQLITE_ERROR, "no row");
  return statement.value().column_text(0);
}

std::int64_t Database::changes() const { return sqlite3_changes(connection_); }

// ---- Statement --------------------------------------------------------------

Statement::Statement(Statement&& other) noexcept
    : statement_(std::exchange(other.statement_, nullptr)),
      connection_(other.connection_),
      bind_status_(other.bind_status_),
      failed_bind_index_(other.failed_bind_index_) {}

Statement& Statement::operator=(Statement&& other) noexcept {
  if (this != &other) {
    sqlite3_finalize(statement_);
    statement_ = std::exchange(other.statement_, nullptr);
    connection_ = other.connection_;
    bind_status_ = other.bind_status_;
    failed_bind_index_ = other.failed_bind_index_;
  }
  return *this;
}

Statement::~Statement() { sqlite3_finalize(statement_); }

void Statement::remember_bind(int status, int index) {
  if (status != SQLITE_OK && bind_status_ == SQLITE_OK) {
    bind_status_ = status;
    failed_bind_index_ = index;
  }
}

Statement& Statement::bind_text(int index, std::string_view text) {
  // A null pointer would bind NULL, not the empty text.
  remember_bind(sqlite3_bind_text64(statement_, index, text.empty() ? "" : text.data(), text.size(),
                                    SQLITE_TRANSIENT, SQLITE_UTF8),
                index);
  return *this;
}

Statement& Statement::bind_blob(int index, crypto::ByteView bytes) {
  static const unsigned char kNothing = 0;
  remember_bind(sqlite3_bind_blob64(statement_, index, bytes.empty() ? &kNothing : bytes.data(),
                                    bytes.size(), SQLITE_TRANSIENT),
                index);
  return *this;
}

Statement& Statement::bind_int64(int index, std::int64_t value) {
  remember_bind(sqlite3_bind_int64(statement_, index, value), index);
  return *this;
}

Result<bool> Statement::step() {
  assert(statement_ != nullptr && "use of a moved-from Statement");
  if (bind_status_ != SQLITE_OK) {
    return sqlite_failure(connection_, bind_status_, "bind ?" + std::to_string(failed_bind_index_));
  }
  const int status = sqlite3_step(statement_);
  if (status == SQLITE_ROW) return true;
  if (status == SQLITE_DONE) return false;
  return sqlite_failure(connection_, status, "step");
}

Result<Done> Statement::run() {
  while (true) {
    auto row = step();
    if (!row) return row.error();
    if (!row.value()) return Done{};
  }
}

std::int64_t Statement::column_int64(int index) const {
  return sqlite3_column_int64(statement_, index);
}

std::string Statement::column_text(int index) const {
  const auto* text = sqlite3_column_text(statement_, index);
  const auto size_bytes = static_cast<std::size_t>(sqlite3_column_bytes(statement_, index));
  if (text == nullptr) return {};
  return std::string(reinterpret_cast<const char*>(text), size_bytes);
}

crypto::Bytes Statement::column_blob(int index) const {
  const auto* bytes = static_cast<const unsigned char*>(sqlite3_column_blob(statement_, index));
  const auto size_bytes = static_cast<std::size_t>(sqlite3_column_bytes(statement_, index));
  if (bytes == nullptr) return {};
  return crypto::Bytes(bytes, bytes + size_bytes);
}

// ---- Transaction ------------------------------------------------------------

Result<Transaction> Transaction::begin(Database& database) {
  auto begun = database.execute_script("BEGIN IMMEDIATE");
  if (!begun) return begun.error();
  return Transaction(&database);
}

Transaction::Transaction(Transaction&& other) noexcept
    : database_(std::exchange(other.database_, nullptr)) {}

Transaction::~Transaction() {
  if (database_ != nullptr) {
    (void)database_->execute_script("ROLLBACK");  // fails only if SQLite already rolled back
  }
}

Result<Done> Transaction::commit() {
  assert(database_ != nullptr && "commit() on a finished Transaction");
  auto committed = database_->execute_script("COMMIT");
  if (!committed) {
    (void)database_->execute_script("ROLLBACK");
    database_ = nullptr;
    return committed.error();
  }
  database_ = nullptr;
  return Done{};
}

}  // namespace tokhai::storage
