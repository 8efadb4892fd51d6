// Attachments in chunk records: a 1 MiB attachment written in uneven pieces
// reads back chunk by chunk and by range, byte for byte; a missing, altered or
// resized chunk is an error, never wrong bytes; removal leaves no chunk
// behind, also of an attachment whose writing was cut off.
#include "storage/attachment_records.h"

#include <catch2/catch.hpp>

#include "crypto/random.h"
#include "vault_test_support.h"

using namespace tokhai;
using namespace tokhai::storage;
using namespace tokhai::storage::testing;
using crypto::Bytes;
using crypto::ByteView;

namespace {

Result<StoredAttachment> store(UnlockedVault& vault, std::string id, ByteView bytes,
                               std::size_t piece_bytes = 10007) {
  auto writer =
      AttachmentRecordWriter::start(vault, std::move(id), "giay_chung_sinh", "image/jpeg");
  if (!writer) return writer.error();
  for (std::size_t at = 0; at < bytes.size(); at += piece_bytes) {
    auto written =
        writer.value().write(bytes.subspan(at, std::min(piece_bytes, bytes.size() - at)));
    if (!written) return written.error();
  }
  return writer.value().finish();
}

std::size_t rows_of(UnlockedVault& vault) { return vault.audit().value().records.size(); }

}  // namespace

TEST_CASE("a 1 MiB attachment is stored in 64 KiB records and read back chunk by chunk") {
  VaultFixture f;
  UnlockedVault vault = f.create_bare("An", "123456");
  const Bytes bytes = crypto::random_bytes((std::size_t{1} << 20) + 5);
  auto stored = store(vault, "photo-1", bytes);
  REQUIRE(stored.ok());
  CHECK(stored.value().size_bytes == bytes.size());
  CHECK(stored.value().sha256 == crypto::sha256(bytes));
  CHECK(stored.value().chunk_count() == 17);
  CHECK(rows_of(vault) == 18);  // 17 chunks and the description

  auto described = read_attachment(vault, "photo-1");
  REQUIRE(described.ok());
  CHECK(described.value() == stored.value());
  CHECK(described.value().field == "giay_chung_sinh");
  CHECK(described.value().media_type == "image/jpeg");
  CHECK(check_attachment(vault, described.value()).ok());

  Bytes joined;
  for (std::size_t n = 0; n < described.value().chunk_count(); ++n) {
    auto chunk = read_attachment_chunk(vault, described.value(), n);
    REQUIRE(chunk.ok());
    CHECK(chunk.value().size() <= kAttachmentRecordChunkBytes);
    joined.insert(joined.end(), chunk.value().view().begin(), chunk.value().view().end());
  }
  CHECK(joined == bytes);

  // Ranges across chunk boundaries and to the end, as an upload reads them.
  for (std::uint64_t offset : {std::uint64_t{0}, std::uint64_t{65535}, std::uint64_t{524288},
                               std::uint64_t{bytes.size() - 3}, std::uint64_t{bytes.size()}}) {
    INFO("offset " << offset);
    auto range = read_attachment_range(vault, described.value(), offset, 512 << 10);
    REQUIRE(range.ok());
    const std::size_t expected = std::min<std::size_t>(512 << 10, bytes.size() - offset);
    CHECK(range.value() == Bytes(bytes.begin() + static_cast<std::ptrdiff_t>(offset),
                                 bytes.begin() + static_cast<std::ptrdiff_t>(offset + expected)));
  }
  CHECK(read_attachment_range(vault, described.value(), bytes.size() + 1, 10).error().code ==
        "vault.attachment_damaged");
}

TEST_CASE("a missing, resized or altered chunk is an error") {
  VaultFixture f;
  UnlockedVault vault = f.create_bare("An", "123456");
  const Bytes bytes = crypto::random_bytes(200000);
  const StoredAttachment stored = store(vault, "photo-2", bytes).value();

  REQUIRE(vault.remove(kAttachmentChunkKind, "photo-2.1").value());
  CHECK(read_attachment_chunk(vault, stored, 1).error().code == "vault.attachment_damaged");
  CHECK(read_attachment_range(vault, stored, 0, 200000).error().code == "vault.attachment_damaged");
  CHECK(check_attachment(vault, stored).error().code == "vault.attachment_damaged");

  // The right place, the wrong size.
  REQUIRE(vault.put({std::string(kAttachmentChunkKind), "photo-2.1", {}, {}}, Bytes(100, 7)).ok());
  CHECK(read_attachment_chunk(vault, stored, 1).error().code == "vault.attachment_damaged");

  // The right size, other bytes: only the hash tells.
  REQUIRE(vault
              .put({std::string(kAttachmentChunkKind), "photo-2.1", {}, {}},
                   Bytes(kAttachmentRecordChunkBytes, 7))
              .ok());
  CHECK(read_attachment_chunk(vault, stored, 1).ok());
  CHECK(check_attachment(vault, stored).error().code == "vault.attachment_damaged");

  // A chunk's row altered outside the app.
  const StoredAttachment other = store(vault, "photo-3", bytes).value();
  Database raw = f.raw();
  std::vector<RawRecord> rows = raw_records(raw);
  RawRecord chunk = rows.at(rows.size() - 2);  // photo-3's last chunk (then its description)
  chunk.sealed_body[30] ^= 0x01;
  write_raw_record(raw, chunk.rowid, chunk);
  CHECK(check_attachment(vault, other).error().code == "vault.record_tampered");
  CHECK(read_attachment_chunk(vault, other, 3).error().code == "vault.record_tampered");

  CHECK(read_attachment(vault, "photo-9").error().code == "vault.record_not_found");
  REQUIRE(
      vault.put({std::string(kAttachmentKind), "photo-9", {}, {}}, crypto::as_bytes("{}")).ok());
  CHECK(read_attachment(vault, "photo-9").error().code == "vault.attachment_damaged");
}

TEST_CASE("removing an attachment removes every chunk, also of a half-written one") {
  VaultFixture f;
  UnlockedVault vault = f.create_bare("An", "123456");
  REQUIRE(store(vault, "keep", crypto::random_bytes(1000)).ok());
  REQUIRE(store(vault, "photo-4", crypto::random_bytes(300000)).ok());
  CHECK(rows_of(vault) == 2 + 6);
  CHECK(remove_attachment(vault, "photo-4").value());
  CHECK(rows_of(vault) == 2);
  CHECK(read_attachment(vault, "photo-4").error().code == "vault.record_not_found");
  CHECK_FALSE(remove_attachment(vault, "photo-4").value());

  // Cut off before finish(): chunks and no description.
  auto writer = AttachmentRecordWriter::start(vault, "photo-5", "cccd", "image/jpeg");
  REQUIRE(writer.ok());
  REQUIRE(writer.value().write(crypto::random_bytes(3 * kAttachmentRecordChunkBytes + 1)).ok());
  CHECK(rows_of(vault) == 2 + 3);
  CHECK(read_attachment(vault, "photo-5").error().code == "vault.record_not_found");
  CHECK(remove_attachment(vault, "photo-5").value());
  CHECK(rows_of(vault) == 2);
  CHECK(check_attachment(vault, read_attachment(vault, "keep").value()).ok());
}

TEST_CASE("attachment ids and empty attachments are refused") {
  VaultFixture f;
  UnlockedVault vault = f.create_bare("An", "123456");
  CHECK(AttachmentRecordWriter::start(vault, "", "f", "image/jpeg").error().code ==
        "vault.bad_record_label");
  CHECK(AttachmentRecordWriter::start(vault, "a.1", "f", "image/jpeg").error().code ==
        "vault.bad_record_label");
  CHECK(
      AttachmentRecordWriter::start(vault, std::string(101, 'a'), "f", "image/jpeg").error().code ==
      "vault.bad_record_label");
  auto empty = AttachmentRecordWriter::start(vault, "empty", "f", "image/jpeg");
  REQUIRE(empty.ok());
  CHECK(empty.value().finish().error().code == "vault.attachment_empty");
  CHECK(rows_of(vault) == 0);
}
