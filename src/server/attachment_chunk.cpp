// apply_chunk (see attachment_chunk.h).
#include "server/attachment_chunk.h"

#include <algorithm>

#include "crypto/encoding.h"
#include "crypto/hash.h"

namespace tokhai::server {

core::Result<ChunkResult> apply_chunk(AttachmentBytes& bytes, const AttachmentSlot& slot,
                                      std::uint64_t confirmed, std::uint64_t offset,
                                      std::string_view chunk) {
  const AttachmentProgress before{slot.size_bytes, confirmed};
  if (offset + chunk.size() > slot.size_bytes)
    return ChunkResult{ChunkOutcome::beyond_size, before};
  if (offset > confirmed) return ChunkResult{ChunkOutcome::offset_mismatch, before};

  // Bytes below the confirmed offset must be exactly what is stored.
  const auto overlap =
      static_cast<std::size_t>(std::min<std::uint64_t>(chunk.size(), confirmed - offset));
  if (overlap > 0) {
    auto stored = bytes.read(offset, overlap);
    if (!stored) return stored.error();
    if (stored.value() != chunk.substr(0, overlap)) {
      return ChunkResult{ChunkOutcome::offset_mismatch, before};
    }
  }
  const std::string_view fresh = chunk.substr(overlap);
  if (fresh.empty()) return ChunkResult{ChunkOutcome::already_stored, before};

  auto appended = bytes.append(confirmed, fresh);
  if (!appended) return appended.error();
  const std::uint64_t received = confirmed + fresh.size();
  if (received == slot.size_bytes) {
    auto whole = bytes.read(0, static_cast<std::size_t>(received));
    if (!whole) return whole.error();
    const crypto::Sha256Digest digest = crypto::sha256(crypto::as_bytes(whole.value()));
    if (crypto::to_hex(crypto::ByteView(digest.data(), digest.size())) != slot.sha256_hex) {
      auto discarded = bytes.discard();
      if (!discarded) return discarded.error();
      auto reset = bytes.confirm(0);
      if (!reset) return reset.error();
      return ChunkResult{ChunkOutcome::hash_mismatch, AttachmentProgress{slot.size_bytes, 0}};
    }
  }
  auto recorded = bytes.confirm(received);
  if (!recorded) return recorded.error();
  return ChunkResult{ChunkOutcome::appended, AttachmentProgress{slot.size_bytes, received},
                     fresh.size()};
}

}  // namespace tokhai::server
