// open_storage and the SQLite storage (see storage.h).
#include "server/storage.h"

#include "server/postgres_storage.h"
#include "server/server_store.h"
#include "server/sqlite_attachment_store.h"
#include "server/sqlite_submission_store.h"
#include "wire/agency_request.h"

namespace tokhai::server {
namespace {

// One server on its embedded SQLite database; agency signatures are
// remembered in memory, which is enough for a single process.
class SqliteStorage final : public Storage {
 public:
  SqliteStorage(ServerStore meta, std::unique_ptr<SqliteSubmissionStore> submissions,
                std::unique_ptr<SqliteAttachmentStore> attachments)
      : meta_(std::move(meta)),
        submissions_(std::move(submissions)),
        attachments_(std::move(attachments)),
        replays_(wire::kAgencyRequestMaxSkewSeconds) {}

  std::string_view engine() const override { return "sqlite"; }
  const std::string& instance_id() const override { return meta_.instance_id(); }
  bool is_database_responding() override { return meta_.is_database_responding(); }
  SubmissionStore& submissions() override { return *submissions_; }
  ReplayLedger& agency_replays() override { return replays_; }
  AttachmentStore& attachments() override { return *attachments_; }

 private:
  ServerStore meta_;
  std::unique_ptr<SqliteSubmissionStore> submissions_;
  std::unique_ptr<SqliteAttachmentStore> attachments_;  // writes through submissions_
  ReplayGuard replays_;
};

}  // namespace

core::Result<std::unique_ptr<Storage>> open_storage(const std::string& database_url,
                                                    const std::filesystem::path& data_dir) {
  if (is_postgres_url(database_url)) {
    auto storage = PostgresStorage::open(database_url);
    if (!storage) return storage.error();
    return std::unique_ptr<Storage>(std::move(storage).value());
  }
  auto meta = ServerStore::open(data_dir);
  if (!meta) return meta.error();
  auto submissions = SqliteSubmissionStore::open(data_dir);
  if (!submissions) return submissions.error();
  auto attachments = SqliteAttachmentStore::open(data_dir, *submissions.value());
  if (!attachments) return attachments.error();
  return std::unique_ptr<Storage>(std::make_unique<SqliteStorage>(
      std::move(meta).value(), std::move(submissions).value(), std::move(attachments).value()));
}

}  // namespace tokhai::server
