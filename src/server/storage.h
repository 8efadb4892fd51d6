// Storage: the database tokhai-server keeps everything in, whichever engine
// holds it: the embedded SQLite file DATA_DIR/tokhai.sqlite3 (the default:
// one server, a commune or a test), or a PostgreSQL database named by a
// connection URL (several server instances behind a load balancer: a
// province, the nation; postgres_storage.h).
//
// Both engines give the same behaviour: submissions stored once and durably
// (submission_store.h), attachments uploaded in chunks (attachment_store.h),
// agency cursors, status histories, the installation's id, and the record
// of used agency signatures (replay_guard.h), which the PostgreSQL storage
// shares between every instance on it.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include "core/result.h"
#include "server/attachment_store.h"
#include "server/replay_guard.h"
#include "server/submission_store.h"

namespace tokhai::server {

class Storage {
 public:
  virtual ~Storage() = default;

  // "sqlite" or "postgresql".
  virtual std::string_view engine() const = 0;

  // The installation's id: 32 lower-case hex digits fixed when the database
  // was created (shared by every instance on one PostgreSQL database).
  virtual const std::string& instance_id() const = 0;

  // True when the database answers a trivial query (SELECT 1). Thread-safe.
  virtual bool is_database_responding() = 0;

  virtual SubmissionStore& submissions() = 0;
  virtual ReplayLedger& agency_replays() = 0;

  // Where attachments are uploaded (attachment_store.h): files in DATA_DIR
  // beside SQLite, chunk rows in PostgreSQL.
  virtual AttachmentStore& attachments() = 0;
};

// Opens and migrates the storage: PostgreSQL when `database_url` is a
// postgresql:// or postgres:// URL, else (empty) SQLite in `data_dir`, which
// must exist, with attachment files in data_dir/attachments. Error codes:
// those of ServerStore::open, SqliteSubmissionStore::open and
// SqliteAttachmentStore::open, or of PostgresStorage::open.
core::Result<std::unique_ptr<Storage>> open_storage(const std::string& database_url,
                                                    const std::filesystem::path& data_dir);

}  // namespace tokhai::server
