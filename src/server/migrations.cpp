// apply_migrations: see migrations.h.
#include "server/migrations.h"

#include <charconv>

#include "server/utc_time.h"

namespace tokhai::server {
namespace {

constexpr std::string_view kCreateMigrationsTable =
    "CREATE TABLE IF NOT EXISTS schema_migrations("
    "version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)";

// The highest version recorded, 0 for a new database.
Result<long long> highest_applied_version(SqliteDatabase& database) {
  auto rows = database.query_first_column(
      "SELECT CAST(COALESCE(MAX(version), 0) AS TEXT) FROM schema_migrations");
  if (!rows) return rows.error();
  long long version = 0;
  if (!rows.value().empty() && rows.value().front()) {
    const std::string& text = *rows.value().front();
    std::from_chars(text.data(), text.data() + text.size(), version);
  }
  return version;
}

// Applies migration `version` unless another process recorded it first;
// returns whether this call applied it.
Result<bool> apply_one(SqliteDatabase& database, long long version, std::string_view sql,
                       const SqlParameters& parameters) {
  auto begun = database.execute("BEGIN IMMEDIATE");
  if (!begun) return begun.error();
  const SqlParameters version_parameters = {{":version", std::to_string(version)},
                                            {":applied_at", utc_now_iso8601()}};
  auto recorded = database.query_first_column(
      "SELECT version FROM schema_migrations WHERE version = :version", version_parameters);
  Result<Done> outcome = Done{};
  const bool applies_now = recorded && recorded.value().empty();
  if (!recorded) {
    outcome = recorded.error();
  } else if (applies_now) {
    outcome = database.execute(sql, parameters);
    if (outcome) {
      outcome = database.execute(
          "INSERT INTO schema_migrations(version, applied_at) VALUES (:version, :applied_at)",
          version_parameters);
    }
  }
  if (!outcome) {
    (void)database.execute("ROLLBACK");  // fails only if SQLite already rolled back
    return outcome.error();
  }
  auto committed = database.execute("COMMIT");
  if (!committed) {
    (void)database.execute("ROLLBACK");
    return committed.error();
  }
  return applies_now;
}

}  // namespace

Result<int> apply_migrations(SqliteDatabase& database, std::span<const std::string_view> migrations,
                             const SqlParameters& parameters) {
  auto created = database.execute(kCreateMigrationsTable);
  if (!created) return created.error();
  auto highest = highest_applied_version(database);
  if (!highest) return highest.error();
  const auto known = static_cast<long long>(migrations.size());
  if (highest.value() > known) {
    const std::string detail =
        "schema version " + std::to_string(highest.value()) + " > " + std::to_string(known);
    return Error{
        "migration.newer_schema",
        LocalizedText{"Cơ sở dữ liệu được tạo bởi phiên bản máy chủ mới hơn (" + detail + ").",
                      "The database was written by a newer server (" + detail + ")."}};
  }
  int applied = 0;
  for (long long version = highest.value() + 1; version <= known; ++version) {
    auto done =
        apply_one(database, version, migrations[static_cast<std::size_t>(version - 1)], parameters);
    if (!done) return done.error();
    applied += done.value() ? 1 : 0;
  }
  return applied;
}

}  // namespace tokhai::server
