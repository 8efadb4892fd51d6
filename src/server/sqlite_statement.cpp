// SqliteStatement and StatementUse (see sqlite_statement.h).
#include "server/sqlite_statement.h"

#include <sqlite3.h>

#include <utility>

namespace tokhai::server {
namespace {

core::Error statement_error(std::string code, std::string_view what, std::string_view detail) {
  return core::Error{
      std::move(code),
      core::LocalizedText{"Lỗi cơ sở dữ liệu (" + std::string(what) + "): " + std::string(detail),
                          "Database error (" + std::string(what) + "): " + std::string(detail)}};
}

}  // namespace

StatementUse::~StatementUse() {
  sqlite3_reset(statement_->statement_);
  sqlite3_clear_bindings(statement_->statement_);
}

StatementUse& StatementUse::bind(int index, std::string_view text) {
  sqlite3_bind_text(statement_->statement_, index, text.data(), static_cast<int>(text.size()),
                    SQLITE_TRANSIENT);
  return *this;
}

StatementUse& StatementUse::bind(int index, std::int64_t number) {
  sqlite3_bind_int64(statement_->statement_, index, number);
  return *this;
}

StatementUse& StatementUse::bind_null(int index) {
  sqlite3_bind_null(statement_->statement_, index);
  return *this;
}

core::Result<bool> StatementUse::step() {
  const int stepped = sqlite3_step(statement_->statement_);
  if (stepped == SQLITE_ROW) return true;
  if (stepped == SQLITE_DONE) return false;
  return statement_error("sqlite.step", "step", sqlite3_errmsg(statement_->connection_));
}

std::string StatementUse::text(int column) const {
  return optional_text(column).value_or(std::string());
}

std::optional<std::string> StatementUse::optional_text(int column) const {
  const auto* text = sqlite3_column_text(statement_->statement_, column);
  if (text == nullptr) return std::nullopt;
  const auto size_bytes =
      static_cast<std::size_t>(sqlite3_column_bytes(statement_->statement_, column));
  return std::string(reinterpret_cast<const char*>(text), size_bytes);
}

std::int64_t StatementUse::integer(int column) const {
  return sqlite3_column_int64(statement_->statement_, column);
}

core::Result<SqliteStatement> SqliteStatement::prepare(sqlite3* connection, std::string_view sql) {
  sqlite3_stmt* statement = nullptr;
  const char* tail = nullptr;
  const int prepared = sqlite3_prepare_v3(connection, sql.data(), static_cast<int>(sql.size()),
                                          SQLITE_PREPARE_PERSISTENT, &statement, &tail);
  if (prepared != SQLITE_OK || statement == nullptr) {
    sqlite3_finalize(statement);
    return statement_error("sqlite.prepare", "prepare",
                           prepared != SQLITE_OK ? sqlite3_errmsg(connection) : "empty statement");
  }
  return SqliteStatement(connection, statement);
}

SqliteStatement::SqliteStatement(SqliteStatement&& other) noexcept
    : connection_(other.connection_), statement_(std::exchange(other.statement_, nullptr)) {}

SqliteStatement& SqliteStatement::operator=(SqliteStatement&& other) noexcept {
  if (this != &other) {
    sqlite3_finalize(statement_);
    connection_ = other.connection_;
    statement_ = std::exchange(other.statement_, nullptr);
  }
  return *this;
}

SqliteStatement::~SqliteStatement() { sqlite3_finalize(statement_); }

core::Result<core::Done> SqliteStatement::run() {
  auto use = start();
  auto stepped = use.step();
  if (!stepped) return stepped.error();
  return core::Done{};
}

}  // namespace tokhai::server
