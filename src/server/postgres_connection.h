// PostgresConnection and PostgresPool: tokhai-server's use of libpq, the
// PostgreSQL client library (issue 9: several server instances on one
// database).
//
// A connection is opened from a connection URL
// ("postgresql://user@host:port/dbname?options=…", libpq's own syntax: every
// libpq parameter such as sslmode, connect_timeout or options may be given).
// Statements are sent with parameters kept apart from the SQL text
// (PQexecParams), so values are never spliced into SQL. Each new connection
// keeps synchronous_commit at least "on" (a commit is flushed to disk before
// it is reported), because the server answers a submission only once it is
// durable. Notices from the database go to the JSON log, never raw to stderr.
//
// A libpq connection serves one thread at a time; PostgresPool hands out up
// to `size` of them, connecting lazily, dropping any that broke and checking
// an idle one before lending it, so after a database restart only requests
// that were in flight fail.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <initializer_list>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/result.h"

struct pg_conn;
struct pg_result;

namespace tokhai::server {

// True for the URLs that name a PostgreSQL database: postgresql:// or postgres://.
bool is_postgres_url(std::string_view url);

// The rows a statement returned. Move-only; frees the libpq result.
class PostgresRows {
 public:
  explicit PostgresRows(pg_result* result) : result_(result) {}
  PostgresRows(PostgresRows&& other) noexcept;
  PostgresRows& operator=(PostgresRows&& other) noexcept;
  PostgresRows(const PostgresRows&) = delete;
  PostgresRows& operator=(const PostgresRows&) = delete;
  ~PostgresRows();

  int size() const;
  bool is_null(int row, int column) const;
  // The text of a value (empty for NULL).
  std::string text(int row, int column) const;
  std::optional<std::string> optional_text(int row, int column) const;
  // The value as a whole number (0 for NULL or anything else).
  std::int64_t integer(int row, int column) const;

 private:
  pg_result* result_;
};

// One statement parameter: its text, or nullopt for SQL NULL.
using PostgresParameter = std::optional<std::string_view>;

class PostgresConnection {
 public:
  // Connects to `url`. Error code: postgres.connect (the message says why,
  // without the password).
  static core::Result<PostgresConnection> connect(const std::string& url);

  PostgresConnection(PostgresConnection&& other) noexcept;
  PostgresConnection& operator=(PostgresConnection&& other) noexcept;
  PostgresConnection(const PostgresConnection&) = delete;
  PostgresConnection& operator=(const PostgresConnection&) = delete;
  ~PostgresConnection();

  // Runs one statement with `parameters` as $1, $2, … (text format). The
  // statement is prepared on this connection the first time its text is seen
  // (up to kMaxPreparedStatements texts), so repeated statements skip
  // parsing and planning. Error code: postgres.query, with the SQLSTATE in
  // Error::where.
  core::Result<PostgresRows> query(std::string_view sql,
                                   std::initializer_list<PostgresParameter> parameters = {});

  // Runs `sql`, which may hold several statements and no parameters; they
  // run as one transaction unless they contain transaction commands.
  // Error code: postgres.query.
  core::Result<core::Done> execute(std::string_view sql);

  // True once the connection to the server is lost; such a connection is
  // of no further use.
  bool is_broken() const;

  // Reads what the server sent while the connection was idle (a restarting
  // server says goodbye and closes it), then whether it is still usable.
  bool check_alive();

 private:
  static constexpr std::size_t kMaxPreparedStatements = 64;

  explicit PostgresConnection(pg_conn* connection) : connection_(connection) {}
  // The name of `sql`'s prepared statement on this connection, preparing it
  // now if needed; "" (unnamed, parsed each time) once the cache is full.
  core::Result<std::string> prepared_name(const std::string& sql);

  pg_conn* connection_;
  std::unordered_map<std::string, std::string> prepared_;  // SQL text → statement name
};

class PostgresPool {
 public:
  // A pool of up to `size` connections to `url`. The first connection is made
  // now, so that a wrong URL or an unreachable database stops the server at
  // start. Error code: postgres.connect.
  static core::Result<std::unique_ptr<PostgresPool>> open(std::string url, std::size_t size);

  // A connection lent to one caller until the Lease goes away.
  class Lease {
   public:
    Lease(PostgresPool& pool, std::unique_ptr<PostgresConnection> connection)
        : pool_(&pool), connection_(std::move(connection)) {}
    Lease(Lease&& other) noexcept = default;
    Lease& operator=(Lease&&) = delete;
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    ~Lease();
    PostgresConnection& operator*() { return *connection_; }
    PostgresConnection* operator->() { return connection_.get(); }

   private:
    PostgresPool* pool_;
    std::unique_ptr<PostgresConnection> connection_;
  };

  // A connection: an idle one, a new one while fewer than `size` are open,
  // or the next one returned. Error code: postgres.connect.
  core::Result<Lease> acquire();

 private:
  PostgresPool(std::string url, std::size_t size) : url_(std::move(url)), size_(size) {}
  void give_back(std::unique_ptr<PostgresConnection> connection);

  std::string url_;
  std::size_t size_;
  std::mutex mutex_;
  std::condition_variable returned_;
  std::vector<std::unique_ptr<PostgresConnection>> idle_;
  std::size_t open_count_ = 0;  // idle and lent
};

}  // namespace tokhai::server
