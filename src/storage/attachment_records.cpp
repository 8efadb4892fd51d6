// Attachments stored as chunk records (see attachment_records.h).
#include "storage/attachment_records.h"

#include <algorithm>
#include <cstring>
#include <nlohmann/json.hpp>
#include <utility>

#include "crypto/encoding.h"

namespace tokhai::storage {
namespace {

using nlohmann::json;

constexpr std::string_view kInfoFormat = "tokhai-attachment-info/1";
constexpr std::size_t kMaxIdBytes = 100;

Error damaged(std::string_view id, std::string_view what) {
  return storage_error(
      "vault.attachment_damaged", "Tệp đính kèm trong kho bị hỏng hoặc thiếu một phần.",
      "An attachment in the vault is damaged or incomplete (" + std::string(what) + ").",
      std::string(id));
}

std::string chunk_id(std::string_view id, std::size_t n) {
  return std::string(id) + "." + std::to_string(n);
}

bool valid_id(std::string_view id) {
  if (id.empty() || id.size() > kMaxIdBytes) return false;
  return std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '-';
  });
}

std::size_t chunk_size(const StoredAttachment& attachment, std::size_t n) {
  const std::uint64_t start = std::uint64_t{n} * kAttachmentRecordChunkBytes;
  return static_cast<std::size_t>(
      std::min<std::uint64_t>(kAttachmentRecordChunkBytes, attachment.size_bytes - start));
}

}  // namespace

Result<AttachmentRecordWriter> AttachmentRecordWriter::start(UnlockedVault& vault, std::string id,
                                                             std::string field,
                                                             std::string media_type) {
  if (!valid_id(id)) {
    return storage_error("vault.bad_record_label", "Mã tệp đính kèm không hợp lệ.",
                         "The attachment id is not valid.", id);
  }
  StoredAttachment description;
  description.id = std::move(id);
  description.field = std::move(field);
  description.media_type = std::move(media_type);
  return AttachmentRecordWriter(vault, std::move(description));
}

Result<Done> AttachmentRecordWriter::put_chunk() {
  auto stored = vault_->put(
      {std::string(kAttachmentChunkKind), chunk_id(description_.id, next_chunk_), {}, {}}, buffer_);
  if (!stored) return stored.error();
  ++next_chunk_;
  buffer_.clear();
  return Done{};
}

Result<Done> AttachmentRecordWriter::write(crypto::ByteView bytes) {
  hash_.update(bytes);
  description_.size_bytes += bytes.size();
  while (!bytes.empty()) {
    const std::size_t take = std::min(bytes.size(), kAttachmentRecordChunkBytes - buffer_.size());
    buffer_.insert(buffer_.end(), bytes.begin(), bytes.begin() + static_cast<std::ptrdiff_t>(take));
    bytes = bytes.subspan(take);
    if (buffer_.size() == kAttachmentRecordChunkBytes) {
      auto stored = put_chunk();
      if (!stored) return stored;
    }
  }
  return Done{};
}

Result<StoredAttachment> AttachmentRecordWriter::finish() {
  if (description_.size_bytes == 0) {
    return storage_error("vault.attachment_empty", "Tệp đính kèm không có nội dung.",
                         "The attachment is empty.", description_.id);
  }
  if (!buffer_.empty()) {
    auto stored = put_chunk();
    if (!stored) return stored.error();
  }
  description_.sha256 = hash_.finish();
  const json info = {{"field", description_.field},
                     {"format", kInfoFormat},
                     {"media_type", description_.media_type},
                     {"sha256", crypto::to_hex(description_.sha256)},
                     {"size_bytes", description_.size_bytes}};
  auto stored = vault_->put({std::string(kAttachmentKind), description_.id, {}, {}},
                            crypto::as_bytes(info.dump()));
  if (!stored) return stored.error();
  return description_;
}

Result<StoredAttachment> read_attachment(UnlockedVault& vault, std::string_view id) {
  auto record = vault.get(kAttachmentKind, id);
  if (!record) return record.error();
  const json info = json::parse(record.value().content.as_text(), nullptr,
                                /*allow_exceptions=*/false);
  if (!info.is_object() || info.value("format", "") != kInfoFormat || !info.contains("field") ||
      !info["field"].is_string() || !info.contains("media_type") ||
      !info["media_type"].is_string() || !info.contains("sha256") || !info["sha256"].is_string() ||
      !info.contains("size_bytes") || !info["size_bytes"].is_number_unsigned()) {
    return damaged(id, "description");
  }
  auto sha256 = crypto::from_hex(info["sha256"].get<std::string>());
  if (!sha256 || sha256.value().size() != crypto::kSha256Bytes) return damaged(id, "sha256");
  StoredAttachment attachment;
  attachment.id = std::string(id);
  attachment.field = info["field"].get<std::string>();
  attachment.media_type = info["media_type"].get<std::string>();
  std::copy(sha256.value().begin(), sha256.value().end(), attachment.sha256.begin());
  attachment.size_bytes = info["size_bytes"].get<std::uint64_t>();
  if (attachment.size_bytes == 0) return damaged(id, "size");
  return attachment;
}

Result<crypto::SecretBytes> read_attachment_chunk(UnlockedVault& vault,
                                                  const StoredAttachment& attachment,
                                                  std::size_t n) {
  if (n >= attachment.chunk_count()) return damaged(attachment.id, "chunk past the end");
  auto record = vault.get(kAttachmentChunkKind, chunk_id(attachment.id, n));
  if (!record) {
    if (record.error().code == "vault.record_not_found") {
      return damaged(attachment.id, "chunk " + std::to_string(n) + " missing");
    }
    return record.error();
  }
  if (record.value().content.size() != chunk_size(attachment, n)) {
    return damaged(attachment.id, "chunk " + std::to_string(n) + " of the wrong size");
  }
  return std::move(record.value().content);
}

Result<crypto::Bytes> read_attachment_range(UnlockedVault& vault,
                                            const StoredAttachment& attachment,
                                            std::uint64_t offset, std::size_t length) {
  if (offset > attachment.size_bytes) return damaged(attachment.id, "offset past the end");
  const std::uint64_t end = std::min<std::uint64_t>(attachment.size_bytes, offset + length);
  crypto::Bytes bytes;
  bytes.reserve(static_cast<std::size_t>(end - offset));
  std::uint64_t at = offset;
  while (at < end) {
    const std::size_t n = static_cast<std::size_t>(at / kAttachmentRecordChunkBytes);
    auto chunk = read_attachment_chunk(vault, attachment, n);
    if (!chunk) return chunk.error();
    const std::size_t from =
        static_cast<std::size_t>(at - std::uint64_t{n} * kAttachmentRecordChunkBytes);
    const std::size_t take =
        static_cast<std::size_t>(std::min<std::uint64_t>(chunk.value().size() - from, end - at));
    const crypto::ByteView piece = chunk.value().view().subspan(from, take);
    bytes.insert(bytes.end(), piece.begin(), piece.end());
    at += take;
  }
  return bytes;
}

Result<Done> check_attachment(UnlockedVault& vault, const StoredAttachment& attachment) {
  crypto::Sha256Stream hash;
  for (std::size_t n = 0; n < attachment.chunk_count(); ++n) {
    auto chunk = read_attachment_chunk(vault, attachment, n);
    if (!chunk) return chunk.error();
    hash.update(chunk.value().view());
  }
  if (hash.finish() != attachment.sha256) return damaged(attachment.id, "sha256");
  return Done{};
}

Result<bool> remove_attachment(UnlockedVault& vault, std::string_view id) {
  std::size_t known_chunks = 0;
  auto description = read_attachment(vault, id);
  if (description) known_chunks = description.value().chunk_count();
  auto removed_description = vault.remove(kAttachmentKind, id);
  if (!removed_description) return removed_description.error();
  bool removed_any = removed_description.value();
  // Past the described chunks too: a half-written attachment, or a longer one
  // written under the same id before.
  for (std::size_t n = 0;; ++n) {
    auto removed = vault.remove(kAttachmentChunkKind, chunk_id(id, n));
    if (!removed) return removed.error();
    removed_any = removed_any || removed.value();
    if (!removed.value() && n >= known_chunks) break;
  }
  return removed_any;
}

}  // namespace tokhai::storage
