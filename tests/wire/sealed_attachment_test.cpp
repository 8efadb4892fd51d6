// tokhai-attachment/1: a photo sealed in pieces of any size opens, in pieces
// of any size, as the same bytes for the agency it was sealed to; the summary
// is the SHA-256 and size of the sealed bytes; the sealed file is truncated,
// reordered, moved to another filing or opened with another key only to be
// refused.
#include "wire/sealed_attachment.h"

#include <catch2/catch.hpp>
#include <cstring>

#include "crypto/random.h"

using namespace tokhai;
using namespace tokhai::wire;
using crypto::Bytes;
using crypto::ByteView;

namespace {

constexpr std::string_view kId = "5f0c9a2e7b3d41c8a6e2d9f0b4c7a1e3";
constexpr std::string_view kOtherId = "00112233445566778899aabbccddeeff";

crypto::BoxKeyPair agency_keys(unsigned char fill) {
  return crypto::box_key_pair_from_seed(crypto::SecretBytes::copy_of(Bytes(32, fill))).value();
}

std::string outcome(const Result<crypto::SecretBytes>& opened) {
  return opened.ok() ? "opened" : opened.error().code;
}

Bytes as_plain_bytes(const crypto::SecretBytes& secret) {
  return Bytes(secret.view().begin(), secret.view().end());
}

// Opens `sealed` fed in pieces of `piece_bytes`.
Result<crypto::SecretBytes> open_in_pieces(const crypto::BoxKeyPair& agency, ByteView sealed,
                                           std::size_t piece_bytes, std::string_view id = kId,
                                           std::uint32_t index = 2) {
  auto opener = AttachmentOpener::start(agency, id, index);
  if (!opener) return opener.error();
  Bytes photo;
  while (!sealed.empty()) {
    const std::size_t take = std::min(piece_bytes, sealed.size());
    auto piece = opener.value().read(sealed.first(take));
    if (!piece) return piece.error();
    const Bytes plain = as_plain_bytes(piece.value());
    photo.insert(photo.end(), plain.begin(), plain.end());
    sealed = sealed.subspan(take);
  }
  auto tail = opener.value().finish();
  if (!tail) return tail.error();
  const Bytes plain = as_plain_bytes(tail.value());
  photo.insert(photo.end(), plain.begin(), plain.end());
  return crypto::SecretBytes::copy_of(photo);
}

}  // namespace

TEST_CASE("a sealed attachment opens as the same bytes, whatever its size and pieces") {
  const crypto::BoxKeyPair agency = agency_keys(0x03);
  for (std::size_t size :
       {std::size_t{0}, std::size_t{1}, kAttachmentChunkBytes - 1, kAttachmentChunkBytes,
        kAttachmentChunkBytes + 1, 3 * kAttachmentChunkBytes, std::size_t{300 << 10}}) {
    INFO("size " << size);
    const Bytes photo = crypto::random_bytes(size);
    // Written in uneven pieces, as a decoder would hand them over.
    auto sealer = AttachmentSealer::start(agency.public_key, kId, 2);
    REQUIRE(sealer.ok());
    Bytes sealed;
    for (std::size_t at = 0; at < size; at += 10007) {
      const Bytes out = sealer.value().write(
          ByteView(photo).subspan(at, std::min<std::size_t>(10007, size - at)));
      sealed.insert(sealed.end(), out.begin(), out.end());
    }
    const Bytes last = sealer.value().finish();
    sealed.insert(sealed.end(), last.begin(), last.end());

    CHECK(sealed.size() == sealed_attachment_size(size));
    CHECK(sealer.value().summary().size_bytes == sealed.size());
    CHECK(sealer.value().summary().sha256 == crypto::sha256(sealed));
    CHECK(std::memcmp(sealed.data(), "tokhai-attachment/1\0", 20) == 0);

    for (std::size_t piece : {std::size_t{1000}, kSealedAttachmentChunkBytes, sealed.size()}) {
      if (size > 70000 && piece == 1000) continue;  // the byte-at-a-time path is covered below
      auto opened = open_in_pieces(agency, sealed, piece);
      REQUIRE(opened.ok());
      CHECK(as_plain_bytes(opened.value()) == photo);
    }
  }
  // One byte at a time across a chunk boundary.
  auto small = seal_attachment(agency.public_key, kId, 2, crypto::random_bytes(70000));
  REQUIRE(small.ok());
  CHECK(open_in_pieces(agency, small.value().bytes, 1).ok());
}

TEST_CASE("seal_attachment's sizes: 168 bytes of header and 17 per 64 KiB chunk") {
  CHECK(sealed_attachment_size(0) == 168 + 17);
  CHECK(sealed_attachment_size(65536) == 168 + 65536 + 17);
  CHECK(sealed_attachment_size(65537) == 168 + 65537 + 34);
  const crypto::BoxKeyPair agency = agency_keys(0x03);
  auto sealed = seal_attachment(agency.public_key, kId, 0, crypto::random_bytes(200000));
  REQUIRE(sealed.ok());
  CHECK(sealed.value().bytes.size() == sealed_attachment_size(200000));
  CHECK(sealed.value().summary.size_bytes == sealed.value().bytes.size());
  CHECK(sealed.value().summary.sha256 == crypto::sha256(sealed.value().bytes));
  // A fresh key per attachment: the same photo never seals to the same bytes.
  auto again = seal_attachment(agency.public_key, kId, 0, crypto::random_bytes(10));
  CHECK(again.value().bytes !=
        seal_attachment(agency.public_key, kId, 0, crypto::random_bytes(10)).value().bytes);
}

TEST_CASE("a truncated sealed attachment never opens") {
  const crypto::BoxKeyPair agency = agency_keys(0x03);
  const Bytes photo = crypto::random_bytes(3 * kAttachmentChunkBytes);
  const Bytes sealed = seal_attachment(agency.public_key, kId, 2, photo).value().bytes;
  // At every chunk boundary, inside the last chunk, inside the header.
  for (std::size_t cut :
       {std::size_t{0}, std::size_t{10}, std::size_t{100}, kSealedAttachmentHeaderBytes,
        kSealedAttachmentHeaderBytes + kSealedAttachmentChunkBytes,
        kSealedAttachmentHeaderBytes + 2 * kSealedAttachmentChunkBytes, sealed.size() - 1}) {
    INFO("cut at " << cut);
    const std::string code = outcome(open_attachment(agency, kId, 2, ByteView(sealed).first(cut)));
    CHECK((code == "sealed_attachment.truncated" || code == "sealed_attachment.damaged"));
  }
  CHECK(outcome(open_attachment(
            agency, kId, 2,
            ByteView(sealed).first(kSealedAttachmentHeaderBytes + kSealedAttachmentChunkBytes))) ==
        "sealed_attachment.truncated");
  Bytes longer = sealed;
  longer.push_back(0);
  CHECK(outcome(open_attachment(agency, kId, 2, longer)) == "sealed_attachment.damaged");
}

TEST_CASE("reordered or altered chunks, another filing and another key are refused") {
  const crypto::BoxKeyPair agency = agency_keys(0x03);
  const Bytes photo = crypto::random_bytes(3 * kAttachmentChunkBytes + 5);
  const Bytes sealed = seal_attachment(agency.public_key, kId, 2, photo).value().bytes;
  REQUIRE(open_attachment(agency, kId, 2, sealed).ok());

  // Chunks 0 and 1 swapped.
  Bytes swapped = sealed;
  const std::size_t first = kSealedAttachmentHeaderBytes;
  std::swap_ranges(swapped.begin() + first, swapped.begin() + first + kSealedAttachmentChunkBytes,
                   swapped.begin() + first + kSealedAttachmentChunkBytes);
  CHECK(outcome(open_attachment(agency, kId, 2, swapped)) == "sealed_attachment.damaged");
  // A chunk dropped.
  Bytes dropped = sealed;
  dropped.erase(dropped.begin() + first, dropped.begin() + first + kSealedAttachmentChunkBytes);
  CHECK(outcome(open_attachment(agency, kId, 2, dropped)) == "sealed_attachment.damaged");
  // A chunk repeated.
  Bytes repeated = sealed;
  repeated.insert(repeated.begin() + first, sealed.begin() + first,
                  sealed.begin() + first + kSealedAttachmentChunkBytes);
  CHECK(outcome(open_attachment(agency, kId, 2, repeated)) == "sealed_attachment.damaged");

  CHECK(outcome(open_attachment(agency, kOtherId, 2, sealed)) == "sealed_attachment.wrong_filing");
  CHECK(outcome(open_attachment(agency, kId, 1, sealed)) == "sealed_attachment.wrong_filing");
  CHECK(outcome(open_attachment(agency_keys(0x04), kId, 2, sealed)) ==
        "sealed_attachment.wrong_key");
  Bytes not_ours = sealed;
  not_ours[0] = 'T';
  CHECK(outcome(open_attachment(agency, kId, 2, not_ours)) == "sealed_attachment.format");
  CHECK(outcome(open_attachment(agency, kId, 2, crypto::as_bytes("\xff\xd8\xff\xe0"))) ==
        "sealed_attachment.format");

  // Every byte of the header and of the first and last chunk's edges matters.
  for (std::size_t at :
       {std::size_t{5}, std::size_t{20}, std::size_t{100}, kSealedAttachmentHeaderBytes - 1,
        kSealedAttachmentHeaderBytes, kSealedAttachmentHeaderBytes + 1000, sealed.size() - 1}) {
    Bytes altered = sealed;
    altered[at] ^= 0x01;
    INFO("byte " << at);
    CHECK_FALSE(open_attachment(agency, kId, 2, altered).ok());
  }
}

TEST_CASE("bad arguments are errors, not crashes") {
  const crypto::BoxKeyPair agency = agency_keys(0x03);
  CHECK(AttachmentSealer::start(agency.public_key, "not-an-id", 0).error().code ==
        "sealed_attachment.bad_value");
  CHECK(AttachmentSealer::start(agency.public_key, "5F0C9A2E7B3D41C8A6E2D9F0B4C7A1E3", 0)
            .error()
            .code == "sealed_attachment.bad_value");
  CHECK(AttachmentSealer::start(Bytes(31, 1), kId, 0).error().code == "sealed_attachment.bad_key");
  CHECK(AttachmentOpener::start(agency, "", 0).error().code == "sealed_attachment.bad_value");
}
