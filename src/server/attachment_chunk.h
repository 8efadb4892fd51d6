// apply_chunk: the upload rule every AttachmentStore follows (see
// attachment_store.h, ChunkOutcome), apart from where the bytes are kept.
// A store hands over its attachment's bytes as an AttachmentBytes (a file,
// rows of a table) with the attachment's slot and confirmed offset, under
// whatever lock or transaction makes the call the only writer of that
// attachment.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/result.h"
#include "server/attachment_store.h"

namespace tokhai::server {

// The stored bytes of one attachment: exactly `confirmed` bytes when
// apply_chunk starts.
class AttachmentBytes {
 public:
  virtual ~AttachmentBytes() = default;
  // `size` stored bytes from `offset` (all below the confirmed offset).
  virtual core::Result<std::string> read(std::uint64_t offset, std::size_t size) = 0;
  // Stores `bytes` at `offset`, the confirmed offset, durably.
  virtual core::Result<core::Done> append(std::uint64_t offset, std::string_view bytes) = 0;
  // Drops every stored byte.
  virtual core::Result<core::Done> discard() = 0;
  // Records `received_bytes` as the confirmed offset, durably.
  virtual core::Result<core::Done> confirm(std::uint64_t received_bytes) = 0;
};

// Applies `chunk`, which starts at `offset`, to an attachment announced as
// `slot` of which `confirmed` bytes are stored. Errors: those of `bytes`.
core::Result<ChunkResult> apply_chunk(AttachmentBytes& bytes, const AttachmentSlot& slot,
                                      std::uint64_t confirmed, std::uint64_t offset,
                                      std::string_view chunk);

}  // namespace tokhai::server
