// Sealed attachments ("tokhai-attachment/1"): a photo of a paper as it is
// stored on the phone, uploaded, kept by the server and opened by the agency.
// The envelope's attachments entry (envelope.h: sha256, size_bytes) describes
// these sealed bytes, so the server checks uploads without reading them.
//
// Layout (all sizes in bytes):
//   "tokhai-attachment/1" ‖ 0x00                               20, the format
//   key box: crypto_box_seal to the agency's X25519 key of      124
//     "tokhai-attachment/1 key" ‖ 0x00 ‖ submission id (16)
//     ‖ attachment index (4, big-endian) ‖ stream key (32)
//   secretstream header (crypto_secretstream_xchacha20poly1305) 24
//   chunks: 64 KiB of the photo each, the last 0..64 KiB and    plaintext + 17 each
//     tagged FINAL; each bound to the associated data
//     "tokhai-attachment/1 chunk" ‖ 0x00 ‖ submission id (16) ‖ index (4, BE)
// The stream key is random per attachment. The id and index inside the key
// box and in every chunk's associated data bind the file to its place in one
// filing: moved to another submission or index it does not open. The stream
// numbers its chunks, so dropped, repeated or reordered chunks do not open,
// and the FINAL tag tells a file cut at a chunk boundary from a whole one.
//
// Both sides stream: the sealer holds at most one chunk of the photo, the
// opener at most one sealed chunk, however large the file.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "crypto/bytes.h"
#include "crypto/hash.h"
#include "crypto/sealed_box.h"
#include "crypto/secret_bytes.h"
#include "crypto/secret_stream.h"
#include "wire/wire_error.h"

namespace tokhai::wire {

constexpr std::string_view kAttachmentFormat = "tokhai-attachment/1";
constexpr std::size_t kAttachmentChunkBytes = std::size_t{64} << 10;  // plaintext per chunk
// Format, key box and stream header: the bytes before the first chunk.
constexpr std::size_t kSealedAttachmentHeaderBytes = 20 + 124 + 24;
constexpr std::size_t kSealedAttachmentChunkBytes =
    kAttachmentChunkBytes + crypto::kSecretStreamChunkOverheadBytes;

// The size of the sealed file for `plaintext_bytes` of photo.
std::uint64_t sealed_attachment_size(std::uint64_t plaintext_bytes);

// What an envelope lists for a sealed file.
struct SealedAttachmentSummary {
  crypto::Sha256Digest sha256{};
  std::uint64_t size_bytes = 0;
};

// Seals a photo as it arrives, in pieces of any size.
class AttachmentSealer {
 public:
  // A sealer for attachment `index` of submission `submission_id` (32 hex
  // digits). Errors: sealed_attachment.bad_key (not an X25519 public key),
  // sealed_attachment.bad_value (not a submission id).
  static Result<AttachmentSealer> start(crypto::ByteView agency_public_key,
                                        std::string_view submission_id, std::uint32_t index);

  // The sealed bytes ready after `plaintext` (the first call's begin with the
  // header). A full chunk is held back until more arrives or finish(): the
  // last chunk must be tagged FINAL.
  crypto::Bytes write(crypto::ByteView plaintext);
  // The remaining sealed bytes; the file is complete. Call once.
  crypto::Bytes finish();
  // After finish(): the SHA-256 and size of every byte write() and finish()
  // returned.
  SealedAttachmentSummary summary() const { return summary_; }

 private:
  AttachmentSealer(crypto::Bytes header, crypto::Bytes associated_data,
                   crypto::SecretStreamWriter stream)
      : pending_header_(std::move(header)),
        associated_data_(std::move(associated_data)),
        stream_(std::move(stream)) {}
  crypto::Bytes emit(crypto::Bytes sealed);

  crypto::Bytes pending_header_;
  crypto::Bytes associated_data_;
  crypto::SecretStreamWriter stream_;
  crypto::SecretBytes buffer_;  // plaintext not yet sealed, ≤ one chunk
  std::size_t buffered_ = 0;
  crypto::Sha256Stream hash_;
  SealedAttachmentSummary summary_;
  bool finished_ = false;
};

// Opens a sealed file as it arrives, in pieces of any size (the agency's side).
class AttachmentOpener {
 public:
  // Error: sealed_attachment.bad_value (not a submission id). `agency` is
  // kept by reference and must outlive the opener.
  static Result<AttachmentOpener> start(const crypto::BoxKeyPair& agency,
                                        std::string_view submission_id, std::uint32_t index);

  // The photo's bytes opened from `sealed` and what came before it (possibly
  // none: a chunk opens when all of it has arrived). Errors, after which the
  // opener refuses everything: sealed_attachment.format (not this format),
  // sealed_attachment.wrong_key (sealed to another agency key, or its key box
  // altered), sealed_attachment.wrong_filing (made for another submission or
  // index), sealed_attachment.damaged (a chunk altered, moved, dropped or
  // repeated, or bytes after the last chunk), sealed_attachment.too_large
  // (past kMaxAttachmentBytes).
  Result<crypto::SecretBytes> read(crypto::ByteView sealed);
  // Whether the file was complete: its FINAL chunk arrived, nothing after.
  // Errors: those of read() for the last chunk, sealed_attachment.truncated.
  Result<crypto::SecretBytes> finish();

 private:
  AttachmentOpener(const crypto::BoxKeyPair& agency, crypto::Bytes id_and_index);
  Result<crypto::SecretBytes> open_buffered(bool at_end);
  Result<crypto::SecretBytes> fail(Error error);

  const crypto::BoxKeyPair* agency_;
  crypto::Bytes id_and_index_;
  crypto::Bytes associated_data_;
  std::optional<crypto::SecretStreamReader> stream_;
  crypto::Bytes buffer_;  // sealed bytes not yet opened, ≤ one sealed chunk
  std::uint64_t total_bytes_ = 0;
  std::optional<Error> failed_;
};

// The whole file at once (tests, small files): seal_attachment gives the
// sealed bytes and their summary; open_attachment the photo. Errors as above.
struct SealedAttachment {
  crypto::Bytes bytes;
  SealedAttachmentSummary summary;
};
Result<SealedAttachment> seal_attachment(crypto::ByteView agency_public_key,
                                         std::string_view submission_id, std::uint32_t index,
                                         crypto::ByteView plaintext);
Result<crypto::SecretBytes> open_attachment(const crypto::BoxKeyPair& agency,
                                            std::string_view submission_id, std::uint32_t index,
                                            crypto::ByteView sealed);

}  // namespace tokhai::wire
