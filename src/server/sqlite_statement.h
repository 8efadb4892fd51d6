// SqliteStatement: one prepared statement, kept and reused, for the paths
// that run many times a second (storing submissions), where preparing the SQL
// anew each time would cost more than running it. Parameters are positional
// (?1, ?2, …) and bound as text or integers, never spliced into SQL.
//
// A statement is used by one thread at a time, on the connection it was
// prepared on, and must be destroyed before that connection closes. Each use
// starts with start() and ends when the StatementUse it returns goes away,
// which resets the statement so that it holds no read snapshot open.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.h"

struct sqlite3;
struct sqlite3_stmt;

namespace tokhai::server {

class SqliteStatement;

// One use of a statement: bind, step, read columns; resets it on destruction.
class StatementUse {
 public:
  explicit StatementUse(SqliteStatement& statement) : statement_(&statement) {}
  ~StatementUse();
  StatementUse(const StatementUse&) = delete;
  StatementUse& operator=(const StatementUse&) = delete;

  StatementUse& bind(int index, std::string_view text);
  StatementUse& bind(int index, std::int64_t number);
  StatementUse& bind_null(int index);

  // The next row: true when there is one, false when done. Error code:
  // sqlite.step (with SQLite's message).
  core::Result<bool> step();

  std::string text(int column) const;
  std::optional<std::string> optional_text(int column) const;
  std::int64_t integer(int column) const;

 private:
  SqliteStatement* statement_;
};

class SqliteStatement {
 public:
  // Prepares the single statement `sql` on `connection`. Error code:
  // sqlite.prepare.
  static core::Result<SqliteStatement> prepare(sqlite3* connection, std::string_view sql);

  SqliteStatement(SqliteStatement&& other) noexcept;
  SqliteStatement& operator=(SqliteStatement&& other) noexcept;
  SqliteStatement(const SqliteStatement&) = delete;
  SqliteStatement& operator=(const SqliteStatement&) = delete;
  ~SqliteStatement();

  // Begins a use of the statement (its bindings cleared).
  StatementUse start() { return StatementUse(*this); }

  // Runs the statement once with no parameters and no rows wanted.
  core::Result<core::Done> run();

 private:
  friend class StatementUse;
  SqliteStatement(sqlite3* connection, sqlite3_stmt* statement)
      : connection_(connection), statement_(statement) {}

  sqlite3* connection_;
  sqlite3_stmt* statement_;
};

}  // namespace tokhai::server
