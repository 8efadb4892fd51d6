// Database, Statement, Transaction: a small RAII layer over the SQLite C API
// for the vault (the server keeps its own, native-only one).
//
// SQL text never contains values: they are bound to "?N" parameters. Binding
// never fails loudly: the first failed bind is remembered and reported by the
// next step(), so a statement reads as a chain of bind_… calls and one check.
// Failures are Results with codes by cause: storage.full (the device or the
// browser's quota is full), storage.busy, storage.corrupt (not a database, or
// damaged), storage.open, storage.sql (anything else, with SQLite's message).
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

#include "crypto/bytes.h"
#include "storage/storage_error.h"

struct sqlite3;
struct sqlite3_stmt;

namespace tokhai::storage {

enum class OpenMode { read_only, read_write_create };

class Statement;

class Database {
 public:
  // Opens (or, in read_write_create, creates) the database file at `path`;
  // its folder must exist. Error: storage.open.
  static Result<Database> open(const std::filesystem::path& path, OpenMode mode);

  Database(Database&& other) noexcept;
  Database& operator=(Database&& other) noexcept;
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;
  ~Database();

  // Runs `sql`, one or more statements without parameters (schema, PRAGMAs);
  // rows are discarded.
  Result<Done> execute_script(std::string_view sql);
  // Compiles the single statement `sql`.
  Result<Statement> prepare(std::string_view sql);
  // The first column of the first row of `sql` as an integer / as text (e.g.
  // "PRAGMA user_version"); storage.sql when it returns no row.
  Result<std::int64_t> query_integer(std::string_view sql);
  Result<std::string> query_text(std::string_view sql);

  // Rows changed by the last INSERT, UPDATE or DELETE.
  std::int64_t changes() const;

 private:
  explicit Database(sqlite3* connection) : connection_(connection) {}
  sqlite3* connection_;
};

class Statement {
 public:
  Statement(Statement&& other) noexcept;
  Statement& operator=(Statement&& other) noexcept;
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  ~Statement();

  // Parameters are numbered from 1 ("?1"). Values are copied.
  Statement& bind_text(int index, std::string_view text);
  Statement& bind_blob(int index, crypto::ByteView bytes);
  Statement& bind_int64(int index, std::int64_t value);

  // Runs to the next row: true when a row is ready, false when done. Reports a
  // failed bind before running.
  Result<bool> step();
  // Runs to completion, discarding rows (INSERT, UPDATE, DELETE).
  Result<Done> run();

  // Columns of the current row, numbered from 0. NULL reads as 0, "" or no bytes.
  std::int64_t column_int64(int index) const;
  std::string column_text(int index) const;
  crypto::Bytes column_blob(int index) const;

 private:
  friend class Database;
  Statement(sqlite3_stmt* statement, sqlite3* connection)
      : statement_(statement), connection_(connection) {}
  void remember_bind(int status, int index);

  sqlite3_stmt* statement_;
  sqlite3* connection_;
  int bind_status_ = 0;  // SQLITE_OK, or the first failed bind's status
  int failed_bind_index_ = 0;
};

// BEGIN IMMEDIATE … COMMIT; rolled back by the destructor unless committed, so
// an early `return error` leaves the database as it was.
class Transaction {
 public:
  static Result<Transaction> begin(Database& database);
  Transaction(Transaction&& other) noexcept;
  Transaction& operator=(Transaction&&) = delete;
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  ~Transaction();

  Result<Done> commit();

 private:
  explicit Transaction(Database* database) : database_(database) {}
  Database* database_;  // null once committed or rolled back
};

}  // namespace tokhai::storage
