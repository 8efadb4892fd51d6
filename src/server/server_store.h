// ServerStore: the backend's embedded SQLite database, DATA_DIR/tokhai.sqlite3.
//
// Opening it sets the durability settings every connection needs (WAL
// journal, synchronous=FULL so that a reported commit survives power loss,
// foreign keys, a busy timeout) and applies the schema migrations. Migration 1
// creates server_meta(key, value) and records this installation's random
// instance_id and its created_at time, once: they never change afterwards.
// Migration 2 adds the submissions and their status history
// (sqlite_submission_store.h uses them, on connections of its own); migration
// 3 the pending submissions and attachment uploads (sqlite_attachment_store.h).
#pragma once

#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include "core/result.h"
#include "server/sqlite_database.h"

namespace tokhai::server {

using core::Done;
using core::Error;
using core::LocalizedText;
using core::Result;

// The database file's name inside DATA_DIR.
inline constexpr std::string_view kDatabaseFileName = "tokhai.sqlite3";

// How long a statement waits for another connection's write lock.
inline constexpr int kDatabaseBusyTimeoutMs = 5000;

// A new connection to the database in `data_dir` with the settings above
// (WAL, synchronous=FULL, foreign keys, busy timeout). Error codes:
// sqlite.open, store.journal_mode, sqlite.*.
Result<SqliteDatabase> open_store_connection(const std::filesystem::path& data_dir);

class ServerStore {
 public:
  // Opens or creates the database in `data_dir` (which must exist) and
  // migrates it. Error codes: store.random, store.journal_mode, store.meta,
  // migration.*, sqlite.*.
  static Result<ServerStore> open(const std::filesystem::path& data_dir);

  // This installation's id: 32 lower-case hex digits (128 random bits) fixed
  // when the database was created.
  const std::string& instance_id() const { return instance_id_; }

  // True when the database answers a trivial query (SELECT 1). Thread-safe.
  bool is_database_responding();

 private:
  ServerStore(SqliteDatabase database, std::string instance_id)
      : mutex_(std::make_unique<std::mutex>()),
        database_(std::move(database)),
        instance_id_(std::move(instance_id)) {}

  std::unique_ptr<std::mutex> mutex_;  // serializes use of database_
  SqliteDatabase database_;
  std::string instance_id_;
};

}  // namespace tokhai::server
