// SqliteAttachmentStore (see sqlite_attachment_store.h).
#include "server/sqlite_attachment_store.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <functional>
#include <system_error>

#include "server/attachment_chunk.h"
#include "server/server_store.h"
#include "server/utc_time.h"

namespace tokhai::server {
namespace {

constexpr std::string_view kAttachmentsFolder = "attachments";

core::Error io_error(std::string_view what, const std::filesystem::path& path) {
  const std::string detail = std::string(what) + " " + path.string() + ": " + std::strerror(errno);
  return core::Error{"attachment.io",
                     core::LocalizedText{"Lỗi ghi đọc tệp đính kèm (" + detail + ").",
                                         "Attachment file error (" + detail + ")."}};
}

// An open file descriptor, closed when it goes away.
class OpenFile {
 public:
  explicit OpenFile(int fd) : fd_(fd) {}
  ~OpenFile() {
    if (fd_ >= 0) ::close(fd_);
  }
  OpenFile(const OpenFile&) = delete;
  OpenFile& operator=(const OpenFile&) = delete;
  int fd() const { return fd_; }

 private:
  int fd_;
};

bool sync_folder(const std::filesystem::path& folder) {
  const OpenFile file(::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  return file.fd() >= 0 && ::fsync(file.fd()) == 0;
}

// Creates `folder` if missing and makes its entry durable in its parent.
bool ensure_folder(const std::filesystem::path& folder) {
  if (::mkdir(folder.c_str(), 0700) != 0) return errno == EEXIST;
  return sync_folder(folder.parent_path());
}

bool write_all_at(int fd, std::string_view bytes, std::uint64_t offset) {
  while (!bytes.empty()) {
    const ssize_t written = ::pwrite(fd, bytes.data(), bytes.size(), static_cast<off_t>(offset));
    if (written < 0 && errno == EINTR) continue;
    if (written <= 0) return false;
    bytes.remove_prefix(static_cast<std::size_t>(written));
    offset += static_cast<std::uint64_t>(written);
  }
  return true;
}

bool read_all_at(int fd, std::string& out, std::uint64_t offset, std::size_t size) {
  out.resize(size);
  std::size_t done = 0;
  while (done < size) {
    const ssize_t got =
        ::pread(fd, out.data() + done, size - done, static_cast<off_t>(offset + done));
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0) return false;
    done += static_cast<std::size_t>(got);
  }
  return true;
}

}  // namespace

struct SqliteAttachmentStore::ReaderStatements {
  SqliteStatement find_pending;
  SqliteStatement list_uploads;
  SqliteStatement find_upload;
};

SqliteAttachmentStore::SqliteAttachmentStore(std::filesystem::path root,
                                             SqliteDatabase read_connection,
                                             SqliteSubmissionStore& submissions)
    : root_(std::move(root)),
      read_connection_(std::move(read_connection)),
      submissions_(submissions) {}

SqliteAttachmentStore::~SqliteAttachmentStore() = default;

core::Result<std::unique_ptr<SqliteAttachmentStore>> SqliteAttachmentStore::open(
    const std::filesystem::path& data_dir, SqliteSubmissionStore& submissions) {
  const std::filesystem::path root = data_dir / kAttachmentsFolder;
  if (!ensure_folder(root)) return io_error("mkdir", root);
  auto read_connection = open_store_connection(data_dir);
  if (!read_connection) return read_connection.error();
  std::unique_ptr<SqliteAttachmentStore> store(
      new SqliteAttachmentStore(root, std::move(read_connection).value(), submissions));
  sqlite3* r = store->read_connection_.handle();
  auto find_pending = SqliteStatement::prepare(
      r,
      "SELECT envelope, envelope_sha256, agency_code, form_id, form_version "
      "FROM pending_submissions WHERE id = ?1");
  if (!find_pending) return find_pending.error();
  auto list_uploads =
      SqliteStatement::prepare(r,
                               "SELECT size_bytes, sha256, received_bytes FROM attachment_uploads "
                               "WHERE submission_id = ?1 ORDER BY idx");
  if (!list_uploads) return list_uploads.error();
  auto find_upload =
      SqliteStatement::prepare(r,
                               "SELECT size_bytes, sha256, received_bytes FROM attachment_uploads "
                               "WHERE submission_id = ?1 AND idx = ?2");
  if (!find_upload) return find_upload.error();
  store->read_ = std::make_unique<ReaderStatements>(
      ReaderStatements{std::move(find_pending).value(), std::move(list_uploads).value(),
                       std::move(find_upload).value()});
  return store;
}

core::Result<PendingOutcome> SqliteAttachmentStore::put_pending(
    const PendingSubmission& submission) {
  PendingOutcome outcome = PendingOutcome::conflict;
  auto ran = submissions_.run_write([&](SqliteDatabase& db) -> core::Result<core::Done> {
    const SqlParameters id = {{":id", submission.id}};
    auto stored =
        db.query_first_column("SELECT envelope_sha256 FROM pending_submissions WHERE id = :id", id);
    if (!stored) return stored.error();
    if (!stored.value().empty()) {
      outcome = stored.value().front() == submission.envelope_sha256_hex ? PendingOutcome::identical
                                                                         : PendingOutcome::conflict;
      return core::Done{};
    }
    auto inserted = db.execute(
        "INSERT INTO pending_submissions(id, envelope, envelope_sha256, agency_code, form_id, "
        "form_version, pending_since) VALUES (:id, :envelope, :sha256, :agency, :form_id, "
        ":form_version, :since)",
        {{":id", submission.id},
         {":envelope", submission.envelope_text},
         {":sha256", submission.envelope_sha256_hex},
         {":agency", submission.agency_code},
         {":form_id", submission.form_id},
         {":form_version", submission.form_version},
         {":since", utc_now_seconds()}});
    if (!inserted) return inserted.error();
    for (std::size_t index = 0; index < submission.attachments.size(); ++index) {
      const AttachmentSlot& slot = submission.attachments[index];
      auto upload = db.execute(
          "INSERT OR IGNORE INTO attachment_uploads(submission_id, idx, size_bytes, sha256, "
          "received_bytes) VALUES (:id, :idx, :size, :sha256, 0)",
          {{":id", submission.id},
           {":idx", std::to_string(index)},
           {":size", std::to_string(slot.size_bytes)},
           {":sha256", slot.sha256_hex}});
      if (!upload) return upload.error();
    }
    outcome = PendingOutcome::created;
    return core::Done{};
  });
  if (!ran) return ran.error();
  return outcome;
}

core::Result<std::optional<PendingSubmission>> SqliteAttachmentStore::find_pending(
    std::string_view submission_id) {
  PendingSubmission pending;
  {
    const std::lock_guard lock(read_mutex_);
    auto rows = read_->find_pending.start();
    rows.bind(1, submission_id);
    auto row = rows.step();
    if (!row) return row.error();
    if (!row.value()) return std::optional<PendingSubmission>();
    pending.id = std::string(submission_id);
    pending.envelope_text = rows.text(0);
    pending.envelope_sha256_hex = rows.text(1);
    pending.agency_code = rows.text(2);
    pending.form_id = rows.text(3);
    pending.form_version = rows.text(4);
    auto uploads = read_->list_uploads.start();
    uploads.bind(1, submission_id);
    while (true) {
      auto next = uploads.step();
      if (!next) return next.error();
      if (!next.value()) break;
      pending.attachments.push_back(
          AttachmentSlot{static_cast<std::uint64_t>(uploads.integer(0)), uploads.text(1)});
    }
  }
  return std::optional<PendingSubmission>(std::move(pending));
}

core::Result<std::vector<AttachmentProgress>> SqliteAttachmentStore::progress(
    std::string_view submission_id) {
  const std::lock_guard lock(read_mutex_);
  auto rows = read_->list_uploads.start();
  rows.bind(1, submission_id);
  std::vector<AttachmentProgress> progress;
  while (true) {
    auto row = rows.step();
    if (!row) return row.error();
    if (!row.value()) break;
    progress.push_back(AttachmentProgress{static_cast<std::uint64_t>(rows.integer(0)),
                                          static_cast<std::uint64_t>(rows.integer(2))});
  }
  return progress;
}

core::Result<std::optional<SqliteAttachmentStore::Upload>> SqliteAttachmentStore::find_upload(
    std::string_view submission_id, std::size_t index) {
  const std::lock_guard lock(read_mutex_);
  auto rows = read_->find_upload.start();
  rows.bind(1, submission_id).bind(2, static_cast<std::int64_t>(index));
  auto row = rows.step();
  if (!row) return row.error();
  if (!row.value()) return std::optional<Upload>();
  return std::optional<Upload>(
      Upload{AttachmentSlot{static_cast<std::uint64_t>(rows.integer(0)), rows.text(1)},
             static_cast<std::uint64_t>(rows.integer(2))});
}

core::Result<core::Done> SqliteAttachmentStore::confirm(std::string_view submission_id,
                                                        std::size_t index,
                                                        std::uint64_t received_bytes) {
  return submissions_.run_write([&](SqliteDatabase& db) {
    return db.execute(
        "UPDATE attachment_uploads SET received_bytes = :received "
        "WHERE submission_id = :id AND idx = :idx",
        {{":received", std::to_string(received_bytes)},
         {":id", std::string(submission_id)},
         {":idx", std::to_string(index)}});
  });
}

std::filesystem::path SqliteAttachmentStore::file_path(std::string_view submission_id,
                                                       std::size_t index) const {
  return root_ / std::string(submission_id) / std::to_string(index);
}

std::mutex& SqliteAttachmentStore::upload_lock(std::string_view submission_id, std::size_t index) {
  const std::size_t hash = std::hash<std::string_view>{}(submission_id) + index;
  return upload_locks_[hash % upload_locks_.size()];
}

// An attachment's file, open for one chunk; the offset goes to the database.
class SqliteAttachmentStore::FileBytes final : public AttachmentBytes {
 public:
  FileBytes(SqliteAttachmentStore& store, std::string_view submission_id, std::size_t index,
            std::filesystem::path path, int fd)
      : store_(store),
        submission_id_(submission_id),
        index_(index),
        path_(std::move(path)),
        fd_(fd) {}

  core::Result<std::string> read(std::uint64_t offset, std::size_t size) override {
    std::string bytes;
    if (!read_all_at(fd_, bytes, offset, size)) return io_error("read", path_);
    return bytes;
  }
  core::Result<core::Done> append(std::uint64_t offset, std::string_view bytes) override {
    if (!write_all_at(fd_, bytes, offset) || ::fsync(fd_) != 0) return io_error("write", path_);
    return core::Done{};
  }
  core::Result<core::Done> discard() override { return truncate(0); }
  core::Result<core::Done> confirm(std::uint64_t received_bytes) override {
    return store_.confirm(submission_id_, index_, received_bytes);
  }
  core::Result<core::Done> truncate(std::uint64_t size) {
    if (::ftruncate(fd_, static_cast<off_t>(size)) != 0 || ::fsync(fd_) != 0) {
      return io_error("truncate", path_);
    }
    return core::Done{};
  }

 private:
  SqliteAttachmentStore& store_;
  std::string_view submission_id_;
  std::size_t index_;
  std::filesystem::path path_;
  int fd_;
};

core::Result<ChunkResult> SqliteAttachmentStore::write_chunk(std::string_view submission_id,
                                                             std::size_t index,
                                                             std::uint64_t offset,
                                                             std::string_view bytes) {
  const std::lock_guard lock(upload_lock(submission_id, index));
  auto found = find_upload(submission_id, index);
  if (!found) return found.error();
  if (!found.value()) return ChunkResult{ChunkOutcome::unknown, {}};
  const Upload upload = *found.value();

  const std::filesystem::path path = file_path(submission_id, index);
  if (!ensure_folder(path.parent_path())) return io_error("mkdir", path.parent_path());
  const OpenFile file(::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600));
  if (file.fd() < 0) return io_error("open", path);
  FileBytes stored(*this, submission_id, index, path, file.fd());
  struct stat status {};
  if (::fstat(file.fd(), &status) != 0) return io_error("stat", path);
  const auto on_disk = static_cast<std::uint64_t>(status.st_size);
  std::uint64_t confirmed = upload.received_bytes;
  if (on_disk > confirmed) {
    // An append that was never confirmed: drop it before anything else.
    auto truncated = stored.truncate(confirmed);
    if (!truncated) return truncated.error();
  } else if (on_disk < confirmed) {
    confirmed = on_disk;
    auto lowered = stored.confirm(confirmed);
    if (!lowered) return lowered.error();
  }
  return apply_chunk(stored, upload.slot, confirmed, offset, bytes);
}

core::Result<std::optional<std::string>> SqliteAttachmentStore::read_complete(
    std::string_view submission_id, std::size_t index) {
  auto found = find_upload(submission_id, index);
  if (!found) return found.error();
  if (!found.value() || found.value()->received_bytes != found.value()->slot.size_bytes) {
    return std::optional<std::string>();
  }
  const std::filesystem::path path = file_path(submission_id, index);
  const OpenFile file(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (file.fd() < 0) return io_error("open", path);
  std::string bytes;
  if (!read_all_at(file.fd(), bytes, 0, static_cast<std::size_t>(found.value()->slot.size_bytes))) {
    return io_error("read", path);
  }
  return std::optional<std::string>(std::move(bytes));
}

core::Result<core::Done> SqliteAttachmentStore::forget_pending(std::string_view submission_id) {
  return submissions_.run_write([&](SqliteDatabase& db) {
    return db.execute("DELETE FROM pending_submissions WHERE id = :id",
                      {{":id", std::string(submission_id)}});
  });
}

}  // namespace tokhai::server
