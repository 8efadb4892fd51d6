// The SQLite wrapper: bound values, transactions, errors by cause.
#include "storage/sqlite_database.h"

#include <catch2/catch.hpp>
#include <fstream>

#include "temp_database.h"

using namespace tokhai::storage;
using tokhai::crypto::Bytes;
using tokhai::storage::testing::TempDatabase;

TEST_CASE("values go in through bound parameters and come back as they were") {
  TempDatabase temp;
  auto database = Database::open(temp.path(), OpenMode::read_write_create);
  REQUIRE(database.ok());
  Database& db = database.value();
  REQUIRE(db.execute_script("CREATE TABLE t(name TEXT, data BLOB, n INTEGER)").ok());

  // A value that would break SQL assembled by hand stays a value.
  const std::string awkward = "Hoà'); DROP TABLE t; --";
  const Bytes data = {0x00, 0xff, 0x10};
  auto insert = db.prepare("INSERT INTO t(name, data, n) VALUES (?1, ?2, ?3)");
  REQUIRE(insert.ok());
  insert.value().bind_text(1, awkward).bind_blob(2, data).bind_int64(3, -42);
  REQUIRE(insert.value().run().ok());
  CHECK(db.changes() == 1);
  auto empty = db.prepare("INSERT INTO t(name, data, n) VALUES (?1, ?2, ?3)");
  REQUIRE(empty.ok());
  empty.value().bind_text(1, "").bind_blob(2, Bytes{}).bind_int64(3, 0);
  REQUIRE(empty.value().run().ok());

  auto select =
      db.prepare("SELECT name, data, n, name IS NULL, data IS NULL FROM t ORDER BY rowid");
  REQUIRE(select.ok());
  Statement& row = select.value();
  REQUIRE(row.step().value());
  CHECK(row.column_text(0) == awkward);
  CHECK(row.column_blob(1) == data);
  CHECK(row.column_int64(2) == -42);
  REQUIRE(row.step().value());
  CHECK(row.column_text(0).empty());
  CHECK(row.column_blob(1).empty());
  CHECK(row.column_int64(3) == 0);  // empty text, not NULL
  CHECK(row.column_int64(4) == 0);  // empty blob, not NULL
  CHECK_FALSE(row.step().value());
  CHECK(db.query_integer("SELECT count(*) FROM t").value() == 2);
}

TEST_CASE("a transaction not committed is rolled back") {
  TempDatabase temp;
  Database db = Database::open(temp.path(), OpenMode::read_write_create).value();
  REQUIRE(db.execute_script("CREATE TABLE t(x INTEGER)").ok());
  {
    auto transaction = Transaction::begin(db);
    REQUIRE(transaction.ok());
    REQUIRE(db.execute_script("INSERT INTO t VALUES (1)").ok());
  }
  CHECK(db.query_integer("SELECT count(*) FROM t").value() == 0);
  {
    auto transaction = Transaction::begin(db);
    REQUIRE(transaction.ok());
    REQUIRE(db.execute_script("INSERT INTO t VALUES (2)").ok());
    REQUIRE(transaction.value().commit().ok());
  }
  CHECK(db.query_integer("SELECT sum(x) FROM t").value() == 2);
}

TEST_CASE("errors say what failed") {
  TempDatabase temp;
  Database db = Database::open(temp.path(), OpenMode::read_write_create).value();
  auto bad_sql = db.prepare("SELEC 1");
  REQUIRE_FALSE(bad_sql.ok());
  CHECK(bad_sql.error().code == "storage.sql");
  CHECK_FALSE(bad_sql.error().message.vi.empty());
  CHECK_FALSE(bad_sql.error().message.en.empty());

  auto statement = db.prepare("SELECT ?1");
  REQUIRE(statement.ok());
  statement.value().bind_int64(2, 7);  // no such parameter: reported by step()
  auto stepped = statement.value().step();
  REQUIRE_FALSE(stepped.ok());
  CHECK(stepped.error().code == "storage.sql");

  auto missing = Database::open(temp.folder() / "missing.sqlite", OpenMode::read_only);
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.error().code == "storage.open");

  {
    std::ofstream junk(temp.folder() / "junk.sqlite", std::ios::binary);
    junk << std::string(4096, 'x');
  }
  auto junk = Database::open(temp.folder() / "junk.sqlite", OpenMode::read_only);
  REQUIRE(junk.ok());  // SQLite reads lazily
  auto version = junk.value().query_integer("PRAGMA user_version");
  REQUIRE_FALSE(version.ok());
  CHECK(version.error().code == "storage.corrupt");
}
