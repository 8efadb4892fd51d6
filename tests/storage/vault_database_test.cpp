// The vault schema: created from an empty file, migrated version by version,
// each migration atomic; a file from a newer build refused and left untouched.
#include "storage/vault_database.h"

#include <array>
#include <catch2/catch.hpp>
#include <fstream>

#include "storage/schema_migrations.h"
#include "temp_database.h"

using namespace tokhai::storage;
using tokhai::storage::testing::TempDatabase;

namespace {

bool table_exists(Database& db, std::string_view name) {
  auto statement =
      db.prepare("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?1");
  statement.value().bind_text(1, name);
  return statement.value().step().value() && statement.value().column_int64(0) == 1;
}

// Three migrations of a made-up schema, to test the runner on every path.
constexpr std::array<std::string_view, 3> kTestMigrations = {
    "CREATE TABLE a(x INTEGER); INSERT INTO a VALUES (1);",
    "ALTER TABLE a ADD COLUMN y TEXT NOT NULL DEFAULT 'v2';",
    "CREATE TABLE c(z INTEGER); INSERT INTO c SELECT x FROM a;",
};

}  // namespace

TEST_CASE("an empty file becomes the current vault schema, durable and IndexedDB-friendly") {
  TempDatabase temp;
  auto opened = open_vault_database(temp.path());
  REQUIRE(opened.ok());
  Database& db = opened.value();
  CHECK(vault_schema_version() == static_cast<std::int64_t>(vault_migrations().size()));
  CHECK(schema_version(db).value() == vault_schema_version());
  CHECK(table_exists(db, "vaults"));
  CHECK(table_exists(db, "records"));
  CHECK(db.query_text("PRAGMA journal_mode").value() == "delete");
  CHECK(db.query_integer("PRAGMA synchronous").value() == 2);  // FULL
  CHECK(db.query_integer("PRAGMA foreign_keys").value() == 1);
  CHECK(db.query_integer("PRAGMA secure_delete").value() == 1);
  // No journal is left beside the database after the commits.
  CHECK_FALSE(std::filesystem::exists(temp.folder() / "vaults.sqlite-journal"));
  CHECK_FALSE(std::filesystem::exists(temp.folder() / "vaults.sqlite-wal"));
}

TEST_CASE("opening a current database again runs no migration and keeps its data") {
  TempDatabase temp;
  {
    Database db = open_vault_database(temp.path()).value();
    REQUIRE(db.execute_script("INSERT INTO vaults(id, display_name, secret_kind, kdf_algorithm,"
                              " kdf_ops_limit, kdf_mem_limit_bytes, kdf_salt, wrapped_data_key)"
                              " VALUES ('v', 'Bà Tư', 'pin', 2, 1, 8192, x'00', x'00')")
                .ok());
  }
  Database db = open_vault_database(temp.path()).value();
  CHECK(migrate_schema(db, vault_migrations()).value() == 0);
  CHECK(db.query_text("SELECT display_name FROM vaults").value() == "Bà Tư");
}

TEST_CASE("migrations run in order from every older version") {
  for (std::size_t start = 0; start <= kTestMigrations.size(); ++start) {
    INFO("from version " << start);
    TempDatabase temp;
    Database db = Database::open(temp.path(), OpenMode::read_write_create).value();
    const std::span<const std::string_view> all(kTestMigrations);
    REQUIRE(migrate_schema(db, all.first(start)).value() == static_cast<int>(start));
    CHECK(schema_version(db).value() == static_cast<std::int64_t>(start));
    CHECK(migrate_schema(db, all).value() == static_cast<int>(kTestMigrations.size() - start));
    CHECK(schema_version(db).value() == 3);
    CHECK(db.query_text("SELECT y FROM a").value() == "v2");
    CHECK(db.query_integer("SELECT z FROM c").value() == 1);
  }
}

TEST_CASE("a failing migration is rolled back whole and leaves the version before it") {
  TempDatabase temp;
  Database db = Database::open(temp.path(), OpenMode::read_write_create).value();
  const std::array<std::string_view, 2> broken = {
      kTestMigrations[0],
      "CREATE TABLE b(x INTEGER); INSERT INTO nowhere VALUES (1);",
  };
  auto migrated = migrate_schema(db, broken);
  REQUIRE_FALSE(migrated.ok());
  CHECK(migrated.error().code == "storage.sql");
  CHECK(schema_version(db).value() == 1);
  CHECK(table_exists(db, "a"));
  CHECK_FALSE(table_exists(db, "b"));
}

TEST_CASE("the runner refuses a version above its list and changes nothing") {
  TempDatabase temp;
  Database db = Database::open(temp.path(), OpenMode::read_write_create).value();
  const std::span<const std::string_view> all(kTestMigrations);
  REQUIRE(migrate_schema(db, all).ok());
  auto older_build = migrate_schema(db, all.first(2));
  REQUIRE_FALSE(older_build.ok());
  CHECK(older_build.error().code == "storage.schema_newer");
  CHECK(schema_version(db).value() == 3);
}

TEST_CASE("a database from a newer build is refused and not modified") {
  TempDatabase temp;
  const std::int64_t newer = vault_schema_version() + 1;
  {
    Database db = Database::open(temp.path(), OpenMode::read_write_create).value();
    REQUIRE(db.execute_script("CREATE TABLE future(x TEXT); INSERT INTO future VALUES ('giữ');"
                              "PRAGMA user_version = " +
                              std::to_string(newer))
                .ok());
  }
  const std::string before = temp.bytes();
  const auto entries_before = std::distance(std::filesystem::directory_iterator(temp.folder()),
                                            std::filesystem::directory_iterator());

  auto opened = open_vault_database(temp.path());
  REQUIRE_FALSE(opened.ok());
  CHECK(opened.error().code == "storage.schema_newer");
  CHECK(opened.error().message.vi.find("mới hơn") != std::string::npos);
  CHECK(opened.error().message.en.find("newer") != std::string::npos);
  CHECK(opened.error().where == temp.path().string());
  CHECK(temp.bytes() == before);
  // The read-only probe leaves no -wal, -shm or -journal behind either.
  CHECK(std::distance(std::filesystem::directory_iterator(temp.folder()),
                      std::filesystem::directory_iterator()) == entries_before);
}

TEST_CASE("a file that is not a database is reported and left as it is") {
  TempDatabase temp;
  {
    std::ofstream junk(temp.path(), std::ios::binary);
    junk << std::string(2048, 'z');
  }
  const std::string before = temp.bytes();
  auto opened = open_vault_database(temp.path());
  REQUIRE_FALSE(opened.ok());
  CHECK(opened.error().code == "storage.corrupt");
  CHECK(temp.bytes() == before);
}
