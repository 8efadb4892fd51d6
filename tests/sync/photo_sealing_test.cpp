// Sealing a page photo kept in the vault for one submission (issue 7): what
// the app does for each photo of a filing when the person signs. The agency
// opens the sealed copy to exactly the photo's bytes; the envelope's entry
// matches the sealed copy byte for byte; a photo sealed for one place opens
// nowhere else; a missing photo is an error, not an empty file.
#include <catch2/catch.hpp>
#include <string>

#include "crypto/random.h"
#include "storage/attachment_records.h"
#include "sync/photo_sealing.h"
#include "sync_test_support.h"
#include "wire/sealed_attachment.h"

using namespace tokhai;
using namespace tokhai::sync;
using namespace tokhai::sync::testing;

namespace {

crypto::Bytes store_photo(storage::UnlockedVault& vault, const std::string& id, std::size_t size) {
  crypto::Bytes photo = crypto::random_bytes(size);
  auto writer = storage::AttachmentRecordWriter::start(vault, id, "giay_chung_sinh", "image/jpeg");
  REQUIRE(writer.ok());
  REQUIRE(writer.value().write(photo).ok());
  REQUIRE(writer.value().finish().ok());
  return photo;
}

crypto::Bytes read_all(storage::UnlockedVault& vault, const storage::StoredAttachment& stored) {
  auto bytes =
      storage::read_attachment_range(vault, stored, 0, static_cast<std::size_t>(stored.size_bytes));
  REQUIRE(bytes.ok());
  return bytes.value();
}

}  // namespace

TEST_CASE("photo sealing: the agency opens the sealed copy to the photo the phone kept") {
  OutboxFixture f;
  const std::string id = wire::new_submission_id();
  // Below, at and across the 64 KiB record and stream chunk sizes.
  for (const std::size_t size :
       {std::size_t{1}, std::size_t{65536}, std::size_t{65537}, std::size_t{300'000}}) {
    INFO(size);
    const crypto::Bytes photo = store_photo(f.vault, "p1", size);
    auto sealed = seal_stored_photo(f.vault, "p1", f.filings.agency.public_key, id, 2, id + "-2");
    REQUIRE(sealed.ok());
    const crypto::Bytes bytes = read_all(f.vault, sealed.value().stored);
    CHECK(sealed.value().entry.field == "giay_chung_sinh");
    CHECK(sealed.value().entry.media_type == "image/jpeg");
    CHECK(sealed.value().entry.size_bytes == bytes.size());
    CHECK(bytes.size() == wire::sealed_attachment_size(size));
    const crypto::Sha256Digest digest = crypto::sha256(bytes);
    CHECK(sealed.value().entry.sha256 == crypto::Bytes(digest.begin(), digest.end()));
    CHECK(storage::check_attachment(f.vault, sealed.value().stored).ok());

    auto opened = wire::open_attachment(f.filings.agency, id, 2, bytes);
    REQUIRE(opened.ok());
    CHECK(crypto::Bytes(opened.value().view().begin(), opened.value().view().end()) == photo);
    // Bound to its place: another index or submission does not open it.
    CHECK(wire::open_attachment(f.filings.agency, id, 1, bytes).error().code ==
          "sealed_attachment.wrong_filing");
    CHECK(
        wire::open_attachment(f.filings.agency, wire::new_submission_id(), 2, bytes).error().code ==
        "sealed_attachment.wrong_filing");
    // The photo itself stays for the draft.
    CHECK(storage::read_attachment(f.vault, "p1").ok());
    REQUIRE(storage::remove_attachment(f.vault, "p1").ok());
  }
}

TEST_CASE("photo sealing: sealing again replaces a half-written sealed copy") {
  OutboxFixture f;
  const std::string id = wire::new_submission_id();
  const crypto::Bytes photo = store_photo(f.vault, "p1", 70'000);
  // What a closed tab leaves: chunks of a larger sealed copy, no description.
  auto half =
      storage::AttachmentRecordWriter::start(f.vault, id + "-0", "giay_chung_sinh", "image/jpeg");
  REQUIRE(half.ok());
  REQUIRE(half.value().write(crypto::random_bytes(5 * storage::kAttachmentRecordChunkBytes)).ok());

  auto sealed = seal_stored_photo(f.vault, "p1", f.filings.agency.public_key, id, 0, id + "-0");
  REQUIRE(sealed.ok());
  CHECK(sealed.value().stored.chunk_count() == 2);
  auto opened =
      wire::open_attachment(f.filings.agency, id, 0, read_all(f.vault, sealed.value().stored));
  REQUIRE(opened.ok());
  CHECK(crypto::Bytes(opened.value().view().begin(), opened.value().view().end()) == photo);
  // No chunk of the half-written copy is left past the sealed one's end.
  auto leftovers = f.vault.list(storage::kAttachmentChunkKind);
  REQUIRE(leftovers.ok());
  // The photo's 2 chunks and the sealed copy's 2.
  CHECK(leftovers.value().records.size() == 4);
}

TEST_CASE("photo sealing: a photo that is gone or a bad key is an error") {
  OutboxFixture f;
  const std::string id = wire::new_submission_id();
  CHECK(seal_stored_photo(f.vault, "p9", f.filings.agency.public_key, id, 0, id + "-0")
            .error()
            .code == "vault.record_not_found");
  store_photo(f.vault, "p1", 10);
  CHECK(seal_stored_photo(f.vault, "p1", crypto::Bytes(5, 1), id, 0, id + "-0").error().code ==
        "sealed_attachment.bad_key");
  CHECK(seal_stored_photo(f.vault, "p1", f.filings.agency.public_key, "not-an-id", 0, "x")
            .error()
            .code == "sealed_attachment.bad_value");
}
