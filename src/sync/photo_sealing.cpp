// From a page photo in the vault to a sealed attachment (see photo_sealing.h).
#include "sync/photo_sealing.h"

#include <utility>

#include "wire/sealed_attachment.h"

namespace tokhai::sync {

core::Result<SealedPhoto> seal_stored_photo(storage::UnlockedVault& vault,
                                            std::string_view photo_id,
                                            crypto::ByteView agency_public_key,
                                            std::string_view submission_id, std::uint32_t index,
                                            std::string sealed_id) {
  auto photo = storage::read_attachment(vault, photo_id);
  if (!photo) return photo.error();
  auto sealer = wire::AttachmentSealer::start(agency_public_key, submission_id, index);
  if (!sealer) return sealer.error();
  // A sealed copy left half-written by an earlier try (the tab closed) goes
  // first: the writer would otherwise leave its extra chunks behind.
  if (auto removed = storage::remove_attachment(vault, sealed_id); !removed) {
    return removed.error();
  }
  auto writer = storage::AttachmentRecordWriter::start(vault, sealed_id, photo.value().field,
                                                       photo.value().media_type);
  if (!writer) return writer.error();
  for (std::size_t n = 0; n < photo.value().chunk_count(); ++n) {
    auto chunk = storage::read_attachment_chunk(vault, photo.value(), n);
    if (!chunk) return chunk.error();
    const crypto::Bytes sealed = sealer.value().write(chunk.value().view());
    if (auto written = writer.value().write(sealed); !written) return written.error();
  }
  const crypto::Bytes last = sealer.value().finish();
  if (auto written = writer.value().write(last); !written) return written.error();
  auto stored = writer.value().finish();
  if (!stored) return stored.error();
  const wire::SealedAttachmentSummary summary = sealer.value().summary();
  SealedPhoto out;
  out.entry = wire::AttachmentEntry{photo.value().field, photo.value().media_type,
                                    crypto::Bytes(summary.sha256.begin(), summary.sha256.end()),
                                    summary.size_bytes};
  out.stored = std::move(stored).value();
  return out;
}

}  // namespace tokhai::sync
