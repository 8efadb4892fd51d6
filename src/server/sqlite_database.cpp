// SqliteDatabase: opening, closing, and statement execution with named
// parameters (see sqlite_database.h).
#include "server/sqlite_database.h"

#include <sqlite3.h>

#include <memory>
#include <utility>

namespace tokhai::server {
namespace {

struct StatementFinalizer {
  void operator()(sqlite3_stmt* statement) const { sqlite3_finalize(statement); }
};
using StatementHandle = std::unique_ptr<sqlite3_stmt, StatementFinalizer>;

Error sqlite_error(std::string code, std::string_view what, std::string_view detail) {
  return Error{
      std::move(code),
      LocalizedText{"Lỗi cơ sở dữ liệu (" + std::string(what) + "): " + std::string(detail),
                    "Database error (" + std::string(what) + "): " + std::string(detail)}};
}

bool is_blank(std::string_view text) {
  return text.find_first_not_of(" \t\r\n;") == std::string_view::npos;
}

}  // namespace

Result<SqliteDatabase> SqliteDatabase::open(const std::filesystem::path& path) {
  sqlite3* connection = nullptr;
  const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX;
  const int status = sqlite3_open_v2(path.c_str(), &connection, flags, nullptr);
  if (status != SQLITE_OK) {
    const std::string detail =
        path.string() + ": " + (connection ? sqlite3_errmsg(connection) : sqlite3_errstr(status));
    sqlite3_close_v2(connection);
    return sqlite_error("sqlite.open", "open", detail);
  }
  sqlite3_extended_result_codes(connection, 1);
  return SqliteDatabase(connection);
}

SqliteDatabase::SqliteDatabase(SqliteDatabase&& other) noexcept
    : connection_(std::exchange(other.connection_, nullptr)) {}

SqliteDatabase& SqliteDatabase::operator=(SqliteDatabase&& other) noexcept {
  if (this != &other) {
    sqlite3_close_v2(connection_);
    connection_ = std::exchange(other.connection_, nullptr);
  }
  return *this;
}

SqliteDatabase::~SqliteDatabase() { sqlite3_close_v2(connection_); }

Result<Done> SqliteDatabase::execute(std::string_view sql, const SqlParameters& parameters) {
  return run(sql, parameters, false, [](std::optional<std::string>) {});
}

Result<std::vector<std::optional<std::string>>> SqliteDatabase::query_first_column(
    std::string_view sql, const SqlParameters& parameters) {
  std::vector<std::optional<std::string>> values;
  auto ran = run(sql, parameters, true, [&values](std::optional<std::string> value) {
    values.push_back(std::move(value));
  });
  if (!ran) return ran.error();
  return values;
}

void SqliteDatabase::set_busy_timeout(int timeout_ms) {
  sqlite3_busy_timeout(connection_, timeout_ms);
}

Result<Done> SqliteDatabase::run(std::string_view sql, const SqlParameters& parameters, bool single,
                                 const std::function<void(std::optional<std::string>)>& on_row) {
  assert(connection_ != nullptr && "use of a moved-from SqliteDatabase");
  std::string_view rest = sql;
  bool ran_one = false;
  while (!is_blank(rest)) {
    if (single && ran_one) {
      return sqlite_error("sqlite.prepare", "prepare", "expected a single statement");
    }
    sqlite3_stmt* raw = nullptr;
    const char* tail = nullptr;
    const int prepared =
        sqlite3_prepare_v2(connection_, rest.data(), static_cast<int>(rest.size()), &raw, &tail);
    StatementHandle statement(raw);
    if (prepared != SQLITE_OK) {
      return sqlite_error("sqlite.prepare", "prepare", sqlite3_errmsg(connection_));
    }
    rest.remove_prefix(static_cast<std::size_t>(tail - rest.data()));
    if (!statement) continue;  // only a comment
    ran_one = true;
    const int parameter_count = sqlite3_bind_parameter_count(statement.get());
    for (int index = 1; index <= parameter_count; ++index) {
      const char* name = sqlite3_bind_parameter_name(statement.get(), index);
      const auto found = name ? parameters.find(std::string_view(name)) : parameters.end();
      if (found == parameters.end()) {
        return sqlite_error("sqlite.parameter", "bind",
                            std::string("no value for parameter ") + (name ? name : "?"));
      }
      const std::string& value = found->second;
      if (sqlite3_bind_text(statement.get(), index, value.data(), static_cast<int>(value.size()),
                            SQLITE_TRANSIENT) != SQLITE_OK) {
        return sqlite_error("sqlite.parameter", "bind", sqlite3_errmsg(connection_));
      }
    }
    while (true) {
      const int stepped = sqlite3_step(statement.get());
      if (stepped == SQLITE_DONE) break;
      if (stepped != SQLITE_ROW) {
        return sqlite_error("sqlite.step", "step", sqlite3_errmsg(connection_));
      }
      const auto* text = sqlite3_column_text(statement.get(), 0);
      if (text == nullptr) {
        on_row(std::nullopt);
      } else {
        const auto size_bytes = static_cast<std::size_t>(sqlite3_column_bytes(statement.get(), 0));
        on_row(std::string(reinterpret_cast<const char*>(text), size_bytes));
      }
    }
  }
  return Done{};
}

}  // namespace tokhai::server
