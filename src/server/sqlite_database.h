// SqliteDatabase: a small RAII owner of one connection to an SQLite database
// file, through the SQLite C API (no ORM).
//
// Statements run with named parameters (":name") bound as text, so SQL is
// never assembled from values. Failures are Results carrying SQLite's own
// message. The connection is opened in serialized mode, so it may be used
// from several threads; callers that need a sequence of statements to be
// atomic use a transaction.
#pragma once

#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

struct sqlite3;

namespace tokhai::server {

using core::Done;
using core::Error;
using core::LocalizedText;
using core::Result;

// Named parameter (":instance_id") → text value.
using SqlParameters = std::map<std::string, std::string, std::less<>>;

class SqliteDatabase {
 public:
  // Opens the database file at `path`, creating it if missing (its folder must
  // exist). Error code: sqlite.open.
  static Result<SqliteDatabase> open(const std::filesystem::path& path);

  SqliteDatabase(SqliteDatabase&& other) noexcept;
  SqliteDatabase& operator=(SqliteDatabase&& other) noexcept;
  SqliteDatabase(const SqliteDatabase&) = delete;
  SqliteDatabase& operator=(const SqliteDatabase&) = delete;
  ~SqliteDatabase();

  // Runs every statement in `sql` in order, binding each named parameter from
  // `parameters`; result rows are discarded. Error codes: sqlite.prepare,
  // sqlite.parameter (a parameter missing from `parameters`), sqlite.step.
  Result<Done> execute(std::string_view sql, const SqlParameters& parameters = {});

  // Runs the single statement `sql` and returns the first column of every row
  // as text (NULL → nullopt). Error codes: as execute().
  Result<std::vector<std::optional<std::string>>> query_first_column(
      std::string_view sql, const SqlParameters& parameters = {});

  // How long a statement waits for another connection's lock before failing.
  void set_busy_timeout(int timeout_ms);

  // The connection, for prepared statements (sqlite_statement.h).
  sqlite3* handle() { return connection_; }

 private:
  explicit SqliteDatabase(sqlite3* connection) : connection_(connection) {}

  // Prepares each statement of `sql` in turn and calls `on_row` for every row
  // it yields (with the statement's first column). `single` refuses SQL with
  // more than one statement.
  Result<Done> run(std::string_view sql, const SqlParameters& parameters, bool single,
                   const std::function<void(std::optional<std::string>)>& on_row);

  sqlite3* connection_;
};

}  // namespace tokhai::server
