// Attachments in the vault, stored in chunks (issue 7): a photo's sealed bytes
// (wire/sealed_attachment.h) are kept as records of at most 64 KiB, written
// and read one chunk at a time, so a 5 MB attachment never needs 5 MB of
// contiguous memory (twice) on the phone.
//
// Records, all sealed like every other record (unlocked_vault.h):
//   kind "attachment_chunk", id "<attachment id>.<n>"   bytes [n·64 KiB, …) of
//        the attachment, exactly 64 KiB except the last (1..64 KiB)
//   kind "attachment", id "<attachment id>"             its description, JSON
//        {"field","format":"tokhai-attachment-info/1","media_type","sha256",
//         "size_bytes"}
// The description is written after the last chunk and removed before the
// first, so an attachment is either complete or has no description: a
// half-written one (the tab closed) has only chunks, which remove_attachment
// clears. A chunk that is missing, of the wrong size or altered is an error
// (vault.attachment_damaged, or the vault's vault.record_tampered), never
// short or wrong bytes.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "crypto/bytes.h"
#include "crypto/hash.h"
#include "crypto/secret_bytes.h"
#include "storage/storage_error.h"
#include "storage/unlocked_vault.h"

namespace tokhai::storage {

inline constexpr std::string_view kAttachmentKind = "attachment";
inline constexpr std::string_view kAttachmentChunkKind = "attachment_chunk";
constexpr std::size_t kAttachmentRecordChunkBytes = std::size_t{64} << 10;

// What the description record holds.
struct StoredAttachment {
  std::string id;          // 1–100 characters of A–Z a–z 0–9 _ -
  std::string field;       // the form's attachment field
  std::string media_type;  // e.g. image/jpeg (of the photo the bytes seal)
  crypto::Sha256Digest sha256{};
  std::uint64_t size_bytes = 0;
  bool operator==(const StoredAttachment&) const = default;

  std::size_t chunk_count() const {
    return static_cast<std::size_t>((size_bytes + kAttachmentRecordChunkBytes - 1) /
                                    kAttachmentRecordChunkBytes);
  }
};

// Writes one attachment as its bytes arrive (a sealer's output), holding at
// most one chunk. Nothing is visible as an attachment until finish().
class AttachmentRecordWriter {
 public:
  // Error: vault.bad_record_label (an id outside the rules above). `vault` is
  // kept by reference and must outlive the writer.
  static Result<AttachmentRecordWriter> start(UnlockedVault& vault, std::string id,
                                              std::string field, std::string media_type);

  // Stores every full chunk. Errors: those of UnlockedVault::put.
  Result<Done> write(crypto::ByteView bytes);
  // Stores the last chunk, then the description. Errors: vault.attachment_empty
  // (no bytes), those of UnlockedVault::put.
  Result<StoredAttachment> finish();

 private:
  AttachmentRecordWriter(UnlockedVault& vault, StoredAttachment description)
      : vault_(&vault), description_(std::move(description)) {}
  Result<Done> put_chunk();

  UnlockedVault* vault_;
  StoredAttachment description_;
  crypto::Bytes buffer_;
  std::size_t next_chunk_ = 0;
  crypto::Sha256Stream hash_;
};

// The description of attachment `id`. Errors: vault.record_not_found,
// vault.attachment_damaged (not a description), those of UnlockedVault::get.
Result<StoredAttachment> read_attachment(UnlockedVault& vault, std::string_view id);

// Chunk `n` of `attachment`, checked for its size. Errors:
// vault.attachment_damaged (missing, or of the wrong size), those of
// UnlockedVault::get.
Result<crypto::SecretBytes> read_attachment_chunk(UnlockedVault& vault,
                                                  const StoredAttachment& attachment,
                                                  std::size_t n);

// Bytes [offset, offset + length) of `attachment` (length cut at its end),
// read chunk by chunk: what an upload sends. Errors: those of
// read_attachment_chunk; vault.attachment_damaged for an offset past the end.
Result<crypto::Bytes> read_attachment_range(UnlockedVault& vault,
                                            const StoredAttachment& attachment,
                                            std::uint64_t offset, std::size_t length);

// Reads every chunk and compares the SHA-256 with the description. Errors:
// vault.attachment_damaged, those of read_attachment_chunk.
Result<Done> check_attachment(UnlockedVault& vault, const StoredAttachment& attachment);

// Removes the description, then every chunk (also those of a half-written
// attachment without one). True when anything was removed.
Result<bool> remove_attachment(UnlockedVault& vault, std::string_view id);

}  // namespace tokhai::storage
