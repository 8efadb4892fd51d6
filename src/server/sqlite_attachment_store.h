// SqliteAttachmentStore: the AttachmentStore of the embedded default. The
// bytes of attachment i of submission S are the file
// DATA_DIR/attachments/S/i; the confirmed offsets and the pending envelopes
// are rows of the server's SQLite database (migration 3, server_store.cpp),
// written through the SqliteSubmissionStore's group commit.
//
// Durability of a chunk: the new bytes are written at the confirmed offset,
// the file is fsync'ed, and only then is the new offset committed (synced)
// in the database. The file may therefore be longer than the confirmed
// offset (a crash, or a failure, between the two steps): each write first
// truncates it back to the confirmed offset, so bytes nobody confirmed are
// never counted and never served. A file shorter than its confirmed offset
// (a disk that lost synced data) lowers the offset to what is there.
#pragma once

#include <array>
#include <filesystem>
#include <memory>
#include <mutex>

#include "server/attachment_store.h"
#include "server/sqlite_database.h"
#include "server/sqlite_statement.h"
#include "server/sqlite_submission_store.h"

namespace tokhai::server {

class SqliteAttachmentStore final : public AttachmentStore {
 public:
  // Opens the store in `data_dir` (migrated by ServerStore::open), writing
  // through `submissions`, which must outlive it. Error codes: those of
  // open_store_connection, sqlite.prepare, attachment.io.
  static core::Result<std::unique_ptr<SqliteAttachmentStore>> open(
      const std::filesystem::path& data_dir, SqliteSubmissionStore& submissions);

  ~SqliteAttachmentStore() override;

  core::Result<PendingOutcome> put_pending(const PendingSubmission& submission) override;
  core::Result<std::optional<PendingSubmission>> find_pending(
      std::string_view submission_id) override;
  core::Result<std::vector<AttachmentProgress>> progress(std::string_view submission_id) override;
  core::Result<ChunkResult> write_chunk(std::string_view submission_id, std::size_t index,
                                        std::uint64_t offset, std::string_view bytes) override;
  core::Result<std::optional<std::string>> read_complete(std::string_view submission_id,
                                                         std::size_t index) override;
  core::Result<core::Done> forget_pending(std::string_view submission_id) override;

 private:
  struct ReaderStatements;
  class FileBytes;
  struct Upload {
    AttachmentSlot slot;
    std::uint64_t received_bytes = 0;
  };

  SqliteAttachmentStore(std::filesystem::path root, SqliteDatabase read_connection,
                        SqliteSubmissionStore& submissions);

  // The row of attachment `index`, or nullopt.
  core::Result<std::optional<Upload>> find_upload(std::string_view submission_id,
                                                  std::size_t index);
  // Commits `received_bytes` as the confirmed offset of attachment `index`.
  core::Result<core::Done> confirm(std::string_view submission_id, std::size_t index,
                                   std::uint64_t received_bytes);
  std::filesystem::path file_path(std::string_view submission_id, std::size_t index) const;
  // The lock that serializes writes to attachment `index` of `submission_id`.
  std::mutex& upload_lock(std::string_view submission_id, std::size_t index);

  std::filesystem::path root_;  // DATA_DIR/attachments
  SqliteDatabase read_connection_;
  std::unique_ptr<ReaderStatements> read_;
  std::mutex read_mutex_;  // serializes use of read_connection_
  SqliteSubmissionStore& submissions_;
  std::array<std::mutex, 64> upload_locks_;
};

}  // namespace tokhai::server
