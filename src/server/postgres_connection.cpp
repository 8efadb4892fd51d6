// PostgresConnection and PostgresPool (see postgres_connection.h).
#include "server/postgres_connection.h"

#include <libpq-fe.h>

#include <charconv>
#include <utility>

#include "server/server_log.h"

namespace tokhai::server {
namespace {

core::Error postgres_error(std::string code, std::string_view detail, std::string where = {}) {
  std::string text(detail);
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  return core::Error{
      std::move(code),
      core::LocalizedText{"Lỗi cơ sở dữ liệu PostgreSQL: " + text, "PostgreSQL error: " + text},
      std::move(where)};
}

void log_notice(void*, const char* message) {
  std::string text(message);
  while (!text.empty() && text.back() == '\n') text.pop_back();
  write_log_line({{"event", "database_notice"}, {"message", text}});
}

// The error of a failed statement, with its SQLSTATE.
core::Error query_error(pg_conn* connection, const pg_result* result) {
  const char* sqlstate = result == nullptr ? nullptr : PQresultErrorField(result, PG_DIAG_SQLSTATE);
  const char* message =
      result == nullptr ? PQerrorMessage(connection) : PQresultErrorMessage(result);
  return postgres_error("postgres.query", message, sqlstate == nullptr ? "" : sqlstate);
}

}  // namespace

bool is_postgres_url(std::string_view url) {
  return url.starts_with("postgresql://") || url.starts_with("postgres://");
}

PostgresRows::PostgresRows(PostgresRows&& other) noexcept
    : result_(std::exchange(other.result_, nullptr)) {}

PostgresRows& PostgresRows::operator=(PostgresRows&& other) noexcept {
  if (this != &other) {
    if (result_ != nullptr) PQclear(result_);
    result_ = std::exchange(other.result_, nullptr);
  }
  return *this;
}

PostgresRows::~PostgresRows() {
  if (result_ != nullptr) PQclear(result_);
}

int PostgresRows::size() const { return PQntuples(result_); }

bool PostgresRows::is_null(int row, int column) const {
  return PQgetisnull(result_, row, column) != 0;
}

std::string PostgresRows::text(int row, int column) const {
  return std::string(PQgetvalue(result_, row, column),
                     static_cast<std::size_t>(PQgetlength(result_, row, column)));
}

std::optional<std::string> PostgresRows::optional_text(int row, int column) const {
  if (is_null(row, column)) return std::nullopt;
  return text(row, column);
}

std::int64_t PostgresRows::integer(int row, int column) const {
  const std::string value = text(row, column);
  std::int64_t number = 0;
  std::from_chars(value.data(), value.data() + value.size(), number);
  return number;
}

core::Result<PostgresConnection> PostgresConnection::connect(const std::string& url) {
  pg_conn* raw = PQconnectdb(url.c_str());
  if (raw == nullptr) return postgres_error("postgres.connect", "out of memory");
  PostgresConnection connection(raw);
  if (PQstatus(raw) != CONNECTION_OK) {
    return postgres_error("postgres.connect", PQerrorMessage(raw));
  }
  PQsetNoticeProcessor(raw, log_notice, nullptr);
  // A database (or URL) configured with synchronous_commit=off would report
  // commits that a crash can still lose: raise it for this session.
  auto level = connection.query("SHOW synchronous_commit");
  if (!level) return level.error();
  if (level.value().size() == 1 && level.value().text(0, 0) == "off") {
    auto raised = connection.execute("SET synchronous_commit TO on");
    if (!raised) return raised.error();
  }
  return connection;
}

PostgresConnection::PostgresConnection(PostgresConnection&& other) noexcept
    : connection_(std::exchange(other.connection_, nullptr)),
      prepared_(std::move(other.prepared_)) {}

PostgresConnection& PostgresConnection::operator=(PostgresConnection&& other) noexcept {
  if (this != &other) {
    if (connection_ != nullptr) PQfinish(connection_);
    connection_ = std::exchange(other.connection_, nullptr);
    prepared_ = std::move(other.prepared_);
  }
  return *this;
}

PostgresConnection::~PostgresConnection() {
  if (connection_ != nullptr) PQfinish(connection_);
}

core::Result<PostgresRows> PostgresConnection::query(
    std::string_view sql, std::initializer_list<PostgresParameter> parameters) {
  // libpq wants NUL-terminated texts.
  const std::string statement(sql);
  std::vector<std::string> texts;
  texts.reserve(parameters.size());
  std::vector<const char*> values;
  values.reserve(parameters.size());
  for (const auto& parameter : parameters) {
    if (parameter) {
      texts.emplace_back(*parameter);
      values.push_back(texts.back().c_str());
    } else {
      values.push_back(nullptr);
    }
  }
  auto name = prepared_name(statement);
  if (!name) return name.error();
  pg_result* result =
      name.value().empty()
          ? PQexecParams(connection_, statement.c_str(), static_cast<int>(values.size()), nullptr,
                         values.data(), nullptr, nullptr, 0)
          : PQexecPrepared(connection_, name.value().c_str(), static_cast<int>(values.size()),
                           values.data(), nullptr, nullptr, 0);
  const ExecStatusType status = result == nullptr ? PGRES_FATAL_ERROR : PQresultStatus(result);
  if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) {
    core::Error error = query_error(connection_, result);
    if (result != nullptr) PQclear(result);
    return error;
  }
  return PostgresRows(result);
}

core::Result<std::string> PostgresConnection::prepared_name(const std::string& sql) {
  const auto found = prepared_.find(sql);
  if (found != prepared_.end()) return found->second;
  if (prepared_.size() >= kMaxPreparedStatements) return std::string();
  std::string name = "tokhai_" + std::to_string(prepared_.size() + 1);
  pg_result* result = PQprepare(connection_, name.c_str(), sql.c_str(), 0, nullptr);
  if (result == nullptr || PQresultStatus(result) != PGRES_COMMAND_OK) {
    core::Error error = query_error(connection_, result);
    if (result != nullptr) PQclear(result);
    return error;
  }
  PQclear(result);
  prepared_.emplace(sql, name);
  return name;
}

core::Result<core::Done> PostgresConnection::execute(std::string_view sql) {
  const std::string statements(sql);
  pg_result* result = PQexec(connection_, statements.c_str());
  const ExecStatusType status = result == nullptr ? PGRES_FATAL_ERROR : PQresultStatus(result);
  if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) {
    core::Error error = query_error(connection_, result);
    if (result != nullptr) PQclear(result);
    return error;
  }
  PQclear(result);
  return core::Done{};
}

bool PostgresConnection::is_broken() const { return PQstatus(connection_) != CONNECTION_OK; }

bool PostgresConnection::check_alive() {
  // A server that goes away sends a FATAL message, then closes: the first read
  // takes the message (PQisBusy hands it to the notice processor), the second
  // sees the end of the stream and marks the connection bad. Neither blocks.
  for (int read = 0; read < 2 && !is_broken(); ++read) {
    PQconsumeInput(connection_);
    (void)PQisBusy(connection_);
  }
  return !is_broken();
}

core::Result<std::unique_ptr<PostgresPool>> PostgresPool::open(std::string url, std::size_t size) {
  std::unique_ptr<PostgresPool> pool(new PostgresPool(std::move(url), size == 0 ? 1 : size));
  auto first = PostgresConnection::connect(pool->url_);
  if (!first) return first.error();
  pool->idle_.push_back(std::make_unique<PostgresConnection>(std::move(first).value()));
  pool->open_count_ = 1;
  return pool;
}

core::Result<PostgresPool::Lease> PostgresPool::acquire() {
  {
    std::unique_lock lock(mutex_);
    returned_.wait(lock, [this] { return !idle_.empty() || open_count_ < size_; });
    while (!idle_.empty()) {
      auto connection = std::move(idle_.back());
      idle_.pop_back();
      if (connection->check_alive()) return Lease(*this, std::move(connection));
      --open_count_;  // closed while idle (a database restart): replaced below
    }
    ++open_count_;
  }
  auto connection = PostgresConnection::connect(url_);
  if (!connection) {
    {
      const std::lock_guard lock(mutex_);
      --open_count_;
    }
    returned_.notify_one();
    return connection.error();
  }
  return Lease(*this, std::make_unique<PostgresConnection>(std::move(connection).value()));
}

void PostgresPool::give_back(std::unique_ptr<PostgresConnection> connection) {
  {
    const std::lock_guard lock(mutex_);
    if (connection->is_broken()) {
      --open_count_;  // dropped: the next acquire connects afresh
    } else {
      idle_.push_back(std::move(connection));
    }
  }
  returned_.notify_one();
}

PostgresPool::Lease::~Lease() {
  if (connection_) pool_->give_back(std::move(connection_));
}

}  // namespace tokhai::server
