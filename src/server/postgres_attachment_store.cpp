// The PostgreSQL AttachmentStore (see postgres_attachment_store.h).
#include "server/postgres_attachment_store.h"

#include <algorithm>

#include "crypto/encoding.h"
#include "server/attachment_chunk.h"
#include "server/utc_time.h"

namespace tokhai::server {
namespace {

// Runs `body` inside BEGIN … COMMIT on `connection`; rolls back if it fails.
template <typename Body>
auto in_transaction(PostgresConnection& connection, Body&& body) -> decltype(body()) {
  auto begun = connection.execute("BEGIN");
  if (!begun) return begun.error();
  auto result = body();
  if (!result) {
    (void)connection.execute("ROLLBACK");  // fails only on a broken connection
    return result;
  }
  auto committed = connection.execute("COMMIT");
  if (!committed) return committed.error();
  return result;
}

// The bytes of `rows` (column `column` holds encode(bytes, 'hex')).
core::Result<std::string> hex_column(const PostgresRows& rows, int row, int column) {
  auto bytes = crypto::from_hex(rows.text(row, column));
  if (!bytes) return bytes.error();
  return std::string(bytes.value().begin(), bytes.value().end());
}

// One attachment's chunk rows, inside the transaction that locked its row.
class ChunkRows final : public AttachmentBytes {
 public:
  ChunkRows(PostgresConnection& connection, std::string_view submission_id, std::string index)
      : connection_(connection), submission_id_(submission_id), index_(std::move(index)) {}

  core::Result<std::string> read(std::uint64_t offset, std::size_t size) override {
    const std::string from = std::to_string(offset);
    const std::string to = std::to_string(offset + size);
    auto rows = connection_.query(
        "SELECT offset_bytes, encode(bytes, 'hex') FROM attachment_chunks "
        "WHERE submission_id = $1 AND idx = $2 AND offset_bytes < $4 "
        "AND offset_bytes + octet_length(bytes) > $3 ORDER BY offset_bytes",
        {submission_id_, index_, from, to});
    if (!rows) return rows.error();
    std::string bytes;
    for (int row = 0; row < rows.value().size(); ++row) {
      const auto start = static_cast<std::uint64_t>(rows.value().integer(row, 0));
      auto chunk = hex_column(rows.value(), row, 1);
      if (!chunk) return chunk.error();
      // Chunks are contiguous: each was appended at the confirmed offset.
      const std::uint64_t skip = offset > start ? offset - start : 0;
      bytes += chunk.value().substr(static_cast<std::size_t>(skip));
    }
    bytes.resize(std::min(bytes.size(), size));
    return bytes;
  }

  core::Result<core::Done> append(std::uint64_t offset, std::string_view bytes) override {
    const std::string at = std::to_string(offset);
    const std::string hex = crypto::to_hex(crypto::as_bytes(bytes));
    auto inserted = connection_.query(
        "INSERT INTO attachment_chunks(submission_id, idx, offset_bytes, bytes) "
        "VALUES ($1, $2, $3, decode($4, 'hex'))",
        {submission_id_, index_, at, hex});
    if (!inserted) return inserted.error();
    return core::Done{};
  }

  core::Result<core::Done> discard() override {
    auto deleted =
        connection_.query("DELETE FROM attachment_chunks WHERE submission_id = $1 AND idx = $2",
                          {submission_id_, index_});
    if (!deleted) return deleted.error();
    return core::Done{};
  }

  core::Result<core::Done> confirm(std::uint64_t received_bytes) override {
    const std::string received = std::to_string(received_bytes);
    auto updated = connection_.query(
        "UPDATE attachment_uploads SET received_bytes = $3 WHERE submission_id = $1 AND idx = $2",
        {submission_id_, index_, received});
    if (!updated) return updated.error();
    return core::Done{};
  }

 private:
  PostgresConnection& connection_;
  std::string_view submission_id_;
  std::string index_;
};

class PostgresAttachmentStore final : public AttachmentStore {
 public:
  explicit PostgresAttachmentStore(PostgresPool& pool) : pool_(pool) {}

  core::Result<PendingOutcome> put_pending(const PendingSubmission& submission) override {
    auto connection = pool_.acquire();
    if (!connection) return connection.error();
    PostgresConnection& db = *connection.value();
    return in_transaction(db, [&]() -> core::Result<PendingOutcome> {
      const std::string since = utc_now_seconds();
      auto inserted = db.query(
          "INSERT INTO pending_submissions(id, envelope, envelope_sha256, agency_code, form_id, "
          "form_version, pending_since) VALUES ($1, $2, $3, $4, $5, $6, $7) "
          "ON CONFLICT DO NOTHING RETURNING 1",
          {submission.id, submission.envelope_text, submission.envelope_sha256_hex,
           submission.agency_code, submission.form_id, submission.form_version, since});
      if (!inserted) return inserted.error();
      if (inserted.value().size() == 0) {
        // Pending already (committed by now: the insert waited for it).
        auto stored = db.query("SELECT envelope_sha256 FROM pending_submissions WHERE id = $1",
                               {submission.id});
        if (!stored) return stored.error();
        if (stored.value().size() == 1 &&
            stored.value().text(0, 0) != submission.envelope_sha256_hex) {
          return PendingOutcome::conflict;
        }
        return PendingOutcome::identical;
      }
      for (std::size_t index = 0; index < submission.attachments.size(); ++index) {
        const std::string idx = std::to_string(index);
        const std::string size = std::to_string(submission.attachments[index].size_bytes);
        auto upload = db.query(
            "INSERT INTO attachment_uploads(submission_id, idx, size_bytes, sha256, "
            "received_bytes) VALUES ($1, $2, $3, $4, 0) ON CONFLICT DO NOTHING",
            {submission.id, idx, size, submission.attachments[index].sha256_hex});
        if (!upload) return upload.error();
      }
      return PendingOutcome::created;
    });
  }

  core::Result<std::optional<PendingSubmission>> find_pending(
      std::string_view submission_id) override {
    auto connection = pool_.acquire();
    if (!connection) return connection.error();
    auto rows = connection.value()->query(
        "SELECT envelope, envelope_sha256, agency_code, form_id, form_version "
        "FROM pending_submissions WHERE id = $1",
        {submission_id});
    if (!rows) return rows.error();
    if (rows.value().size() == 0) return std::optional<PendingSubmission>();
    PendingSubmission pending{std::string(submission_id),
                              rows.value().text(0, 0),
                              rows.value().text(0, 1),
                              rows.value().text(0, 2),
                              rows.value().text(0, 3),
                              rows.value().text(0, 4),
                              {}};
    auto uploads = connection.value()->query(
        "SELECT size_bytes, sha256 FROM attachment_uploads WHERE submission_id = $1 ORDER BY idx",
        {submission_id});
    if (!uploads) return uploads.error();
    for (int row = 0; row < uploads.value().size(); ++row) {
      pending.attachments.push_back(
          AttachmentSlot{static_cast<std::uint64_t>(uploads.value().integer(row, 0)),
                         uploads.value().text(row, 1)});
    }
    return std::optional<PendingSubmission>(std::move(pending));
  }

  core::Result<std::vector<AttachmentProgress>> progress(std::string_view submission_id) override {
    auto connection = pool_.acquire();
    if (!connection) return connection.error();
    auto rows = connection.value()->query(
        "SELECT size_bytes, received_bytes FROM attachment_uploads WHERE submission_id = $1 "
        "ORDER BY idx",
        {submission_id});
    if (!rows) return rows.error();
    std::vector<AttachmentProgress> progress;
    for (int row = 0; row < rows.value().size(); ++row) {
      progress.push_back(
          AttachmentProgress{static_cast<std::uint64_t>(rows.value().integer(row, 0)),
                             static_cast<std::uint64_t>(rows.value().integer(row, 1))});
    }
    return progress;
  }

  core::Result<ChunkResult> write_chunk(std::string_view submission_id, std::size_t index,
                                        std::uint64_t offset, std::string_view bytes) override {
    auto connection = pool_.acquire();
    if (!connection) return connection.error();
    PostgresConnection& db = *connection.value();
    const std::string idx = std::to_string(index);
    return in_transaction(db, [&]() -> core::Result<ChunkResult> {
      auto upload = db.query(
          "SELECT size_bytes, sha256, received_bytes FROM attachment_uploads "
          "WHERE submission_id = $1 AND idx = $2 FOR UPDATE",
          {submission_id, idx});
      if (!upload) return upload.error();
      if (upload.value().size() == 0) return ChunkResult{ChunkOutcome::unknown, {}};
      const AttachmentSlot slot{static_cast<std::uint64_t>(upload.value().integer(0, 0)),
                                upload.value().text(0, 1)};
      const auto confirmed = static_cast<std::uint64_t>(upload.value().integer(0, 2));
      ChunkRows stored(db, submission_id, idx);
      return apply_chunk(stored, slot, confirmed, offset, bytes);
    });
  }

  core::Result<std::optional<std::string>> read_complete(std::string_view submission_id,
                                                         std::size_t index) override {
    auto connection = pool_.acquire();
    if (!connection) return connection.error();
    const std::string idx = std::to_string(index);
    auto upload = connection.value()->query(
        "SELECT size_bytes FROM attachment_uploads "
        "WHERE submission_id = $1 AND idx = $2 AND received_bytes = size_bytes",
        {submission_id, idx});
    if (!upload) return upload.error();
    if (upload.value().size() == 0) return std::optional<std::string>();
    ChunkRows stored(*connection.value(), submission_id, idx);
    auto bytes = stored.read(0, static_cast<std::size_t>(upload.value().integer(0, 0)));
    if (!bytes) return bytes.error();
    return std::optional<std::string>(std::move(bytes).value());
  }

  core::Result<core::Done> forget_pending(std::string_view submission_id) override {
    auto connection = pool_.acquire();
    if (!connection) return connection.error();
    auto deleted =
        connection.value()->query("DELETE FROM pending_submissions WHERE id = $1", {submission_id});
    if (!deleted) return deleted.error();
    return core::Done{};
  }

 private:
  PostgresPool& pool_;
};

}  // namespace

std::unique_ptr<AttachmentStore> make_postgres_attachment_store(PostgresPool& pool) {
  return std::make_unique<PostgresAttachmentStore>(pool);
}

}  // namespace tokhai::server
