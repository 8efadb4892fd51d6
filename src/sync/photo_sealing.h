// From a page photo kept in the vault to the sealed file an envelope lists
// (issue 7). While a filing is a draft, each page photo is stored as it was
// prepared (a JPEG, storage/attachment_records.h: sealed with the vault's key
// like every record); when the person signs, each is sealed to the agency for
// its place in that one submission (wire/sealed_attachment.h) and stored
// again, as the bytes the outbox uploads. Both are read and written one 64 KiB
// chunk at a time.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/result.h"
#include "crypto/bytes.h"
#include "storage/attachment_records.h"
#include "storage/unlocked_vault.h"
#include "wire/envelope.h"

namespace tokhai::sync {

struct SealedPhoto {
  storage::StoredAttachment stored;  // the sealed bytes' vault attachment
  wire::AttachmentEntry entry;       // what the envelope lists for them
};

// Seals vault attachment `photo_id` to `agency_public_key` as attachment
// `index` of submission `submission_id`, stored as vault attachment
// `sealed_id` (replacing a half-written one). The entry's field and media type
// are the photo's. Errors: those of storage::read_attachment and
// read_attachment_chunk (vault.record_not_found: the photo is gone;
// vault.attachment_damaged), sealed_attachment.bad_key,
// sealed_attachment.bad_value, those of storage::AttachmentRecordWriter.
core::Result<SealedPhoto> seal_stored_photo(storage::UnlockedVault& vault,
                                            std::string_view photo_id,
                                            crypto::ByteView agency_public_key,
                                            std::string_view submission_id, std::uint32_t index,
                                            std::string sealed_id);

}  // namespace tokhai::sync
