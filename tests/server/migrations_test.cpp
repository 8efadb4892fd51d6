// The SQLite wrapper, the migration runner and the server store: migrations
// apply once, in order, each atomically; a failing one leaves nothing behind;
// the instance id is created once and survives reopening.
#include "server/migrations.h"

#include <catch2/catch.hpp>
#include <regex>
#include <string_view>
#include <vector>

#include "server/server_store.h"
#include "server/sqlite_database.h"
#include "temp_directory.h"

using tokhai::server::apply_migrations;
using tokhai::server::ServerStore;
using tokhai::server::SqliteDatabase;
using tokhai::server::testing::TempDirectory;

namespace {

SqliteDatabase open_database(const TempDirectory& folder) {
  auto database = SqliteDatabase::open(folder.path() / "test.sqlite3");
  REQUIRE(database.ok());
  return std::move(database).value();
}

std::vector<std::optional<std::string>> column(SqliteDatabase& database, std::string_view sql) {
  auto rows = database.query_first_column(sql);
  REQUIRE(rows.ok());
  return rows.value();
}

}  // namespace

TEST_CASE("migrations apply once, in order, with named parameters bound") {
  TempDirectory folder("tokhai-migrations-");
  auto database = open_database(folder);
  const std::vector<std::string_view> migrations = {
      "CREATE TABLE a(x TEXT NOT NULL); INSERT INTO a(x) VALUES (:first);",
      "CREATE TABLE b(y TEXT); -- a comment at the end",
  };
  auto applied = apply_migrations(database, migrations, {{":first", "Hà Nội"}});
  REQUIRE(applied.ok());
  CHECK(applied.value() == 2);
  CHECK(column(database, "SELECT x FROM a") == std::vector<std::optional<std::string>>{"Hà Nội"});
  CHECK(column(database, "SELECT version FROM schema_migrations ORDER BY version") ==
        std::vector<std::optional<std::string>>{"1", "2"});

  auto again = apply_migrations(database, migrations, {{":first", "other"}});
  REQUIRE(again.ok());
  CHECK(again.value() == 0);
  CHECK(column(database, "SELECT count(*) FROM a") == std::vector<std::optional<std::string>>{"1"});
}

TEST_CASE("a failing migration is rolled back whole and not recorded") {
  TempDirectory folder("tokhai-migrations-");
  auto database = open_database(folder);
  const std::vector<std::string_view> migrations = {
      "CREATE TABLE a(x);",
      "CREATE TABLE b(y); INSERT INTO b VALUES (1); INSERT INTO missing_table VALUES (2);",
  };
  auto applied = apply_migrations(database, migrations, {});
  REQUIRE_FALSE(applied.ok());
  CHECK(applied.error().code == "sqlite.prepare");
  CHECK(applied.error().message.en.find("missing_table") != std::string::npos);
  CHECK(column(database, "SELECT name FROM sqlite_master WHERE name = 'b'").empty());
  CHECK(column(database, "SELECT version FROM schema_migrations") ==
        std::vector<std::optional<std::string>>{"1"});

  const std::vector<std::string_view> fixed = {migrations[0], "CREATE TABLE b(y);"};
  auto retried = apply_migrations(database, fixed, {});
  REQUIRE(retried.ok());
  CHECK(retried.value() == 1);
}

TEST_CASE("a missing parameter is an error, not a NULL") {
  TempDirectory folder("tokhai-migrations-");
  auto database = open_database(folder);
  const std::vector<std::string_view> migrations = {
      "CREATE TABLE a(x TEXT); INSERT INTO a VALUES (:nowhere);"};
  auto applied = apply_migrations(database, migrations, {});
  REQUIRE_FALSE(applied.ok());
  CHECK(applied.error().code == "sqlite.parameter");
  CHECK(column(database, "SELECT name FROM sqlite_master WHERE name = 'a'").empty());
}

TEST_CASE("a database from a newer build is refused, not downgraded") {
  TempDirectory folder("tokhai-migrations-");
  auto database = open_database(folder);
  const std::vector<std::string_view> three = {"CREATE TABLE a(x);", "CREATE TABLE b(x);",
                                               "CREATE TABLE c(x);"};
  REQUIRE(apply_migrations(database, three, {}).ok());
  auto older = apply_migrations(database, std::span(three).first(2), {});
  REQUIRE_FALSE(older.ok());
  CHECK(older.error().code == "migration.newer_schema");
}

TEST_CASE("the server store creates its identity once and keeps durable settings") {
  TempDirectory folder("tokhai-store-");
  std::string first_id;
  {
    auto store = ServerStore::open(folder.path());
    REQUIRE(store.ok());
    first_id = store.value().instance_id();
    CHECK(std::regex_match(first_id, std::regex("[0-9a-f]{32}")));
    CHECK(store.value().is_database_responding());
  }
  {
    auto store = ServerStore::open(folder.path());
    REQUIRE(store.ok());
    CHECK(store.value().instance_id() == first_id);
  }
  auto database = SqliteDatabase::open(folder.path() / tokhai::server::kDatabaseFileName);
  REQUIRE(database.ok());
  CHECK(column(database.value(), "PRAGMA journal_mode") ==
        std::vector<std::optional<std::string>>{"wal"});
  const auto created_at =
      column(database.value(), "SELECT value FROM server_meta WHERE key = 'created_at'");
  REQUIRE(created_at.size() == 1);
  CHECK(std::regex_match(*created_at.front(),
                         std::regex(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z)")));

  TempDirectory other_folder("tokhai-store-");
  auto other = ServerStore::open(other_folder.path());
  REQUIRE(other.ok());
  CHECK(other.value().instance_id() != first_id);
}

TEST_CASE("a store in a folder that does not exist is an error value") {
  auto store = ServerStore::open("/nonexistent/tokhai/data");
  REQUIRE_FALSE(store.ok());
  CHECK(store.error().code == "sqlite.open");
}
