// fuzz_sealed_attachment: the agency's reader of sealed attachments
// (wire/sealed_attachment.h, "tokhai-attachment/1") on any bytes, fed in
// pieces of any size, with one fixed agency key (X25519 seed 32×0x03, the
// agency of tests/wire/envelope_test.cpp), submission id
// 5f0c9a2e7b3d41c8a6e2d9f0b4c7a1e3 and index 2.
//
// The first input byte chooses what the rest is:
//   even: a sealed file, read in pieces of 1 + byte·257 bytes then finished;
//   odd:  a photo, sealed with the fixed key and then, per the next byte,
//         left alone, truncated, altered at one byte or lengthened at a place
//         the next four bytes choose, so that mutations reach the chunks
//         behind the key box (which the fuzzer cannot forge).
// Seeds (corpus/sealed_attachment) are files sealed to the fixed key with a
// random ephemeral key, so the harness writes them when
// TOKHAI_SEALED_ATTACHMENT_SEEDS names a folder (README.md).
// A bug is reported by abort(): an error code the contract does not list, an
// error without both messages, a result after an error, a file that opens as
// bytes other than those sealed, or a changed file that opens at all.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>

#include "crypto/random.h"
#include "crypto/sealed_box.h"
#include "wire/sealed_attachment.h"

namespace {

using namespace tokhai;
using crypto::Bytes;
using crypto::ByteView;

constexpr std::string_view kId = "5f0c9a2e7b3d41c8a6e2d9f0b4c7a1e3";
constexpr std::uint32_t kIndex = 2;

[[noreturn]] void fail(const char* what) {
  std::fprintf(stderr, "fuzz_sealed_attachment: %s\n", what);
  std::abort();
}

void check_error(const wire::Error& error) {
  static constexpr std::string_view kCodes[] = {
      "sealed_attachment.format",  "sealed_attachment.wrong_key", "sealed_attachment.wrong_filing",
      "sealed_attachment.damaged", "sealed_attachment.too_large", "sealed_attachment.truncated"};
  bool listed = false;
  for (std::string_view code : kCodes) listed = listed || error.code == code;
  if (!listed) fail(("undocumented error " + error.code).c_str());
  if (error.message.vi.empty() || error.message.en.empty()) fail("an error without a message");
}

const crypto::BoxKeyPair& agency() {
  static const crypto::BoxKeyPair keys =
      crypto::box_key_pair_from_seed(crypto::SecretBytes::copy_of(Bytes(32, 0x03))).value();
  return keys;
}

// Reads `sealed` in pieces; the photo, or the error (checked, and sticky).
wire::Result<Bytes> read_in_pieces(ByteView sealed, std::size_t piece_bytes) {
  auto opener = wire::AttachmentOpener::start(agency(), kId, kIndex);
  if (!opener) fail("start refused the fixed id");
  Bytes photo;
  while (!sealed.empty()) {
    const std::size_t take = std::min(piece_bytes, sealed.size());
    auto piece = opener.value().read(sealed.first(take));
    sealed = sealed.subspan(take);
    if (!piece) {
      check_error(piece.error());
      if (opener.value().read(crypto::as_bytes("x")).ok() || opener.value().finish().ok()) {
        fail("the opener went on after an error");
      }
      return piece.error();
    }
    photo.insert(photo.end(), piece.value().view().begin(), piece.value().view().end());
  }
  auto tail = opener.value().finish();
  if (!tail) {
    check_error(tail.error());
    return tail.error();
  }
  photo.insert(photo.end(), tail.value().view().begin(), tail.value().view().end());
  return photo;
}

void run_sealed(ByteView sealed, std::size_t piece_bytes) {
  auto photo = read_in_pieces(sealed, piece_bytes);
  if (!photo) return;
  // What opens is a file this key opens the same way whole.
  auto whole = wire::open_attachment(agency(), kId, kIndex, sealed);
  if (!whole || Bytes(whole.value().view().begin(), whole.value().view().end()) != photo.value()) {
    fail("read in pieces and whole disagree");
  }
}

void run_photo(ByteView input) {
  if (input.size() < 5) return;
  const unsigned change = input[0] % 4;
  const std::uint32_t where = static_cast<std::uint32_t>(input[1]) << 24 |
                              static_cast<std::uint32_t>(input[2]) << 16 |
                              static_cast<std::uint32_t>(input[3]) << 8 | input[4];
  const ByteView photo = input.subspan(5);
  auto sealed = wire::seal_attachment(agency().public_key, kId, kIndex, photo);
  if (!sealed) fail("sealing refused the fixed key");
  Bytes file = std::move(sealed.value().bytes);
  if (change == 0) {
    auto opened = read_in_pieces(file, 1 + where % 70000);
    if (!opened || opened.value() != Bytes(photo.begin(), photo.end())) {
      fail("a sealed photo did not open as itself");
    }
    return;
  }
  const std::size_t at = where % file.size();
  if (change == 1) file.resize(at);
  if (change == 2) file[at] ^= static_cast<unsigned char>(1 + (where >> 24) % 255);
  if (change == 3) file.insert(file.begin() + static_cast<std::ptrdiff_t>(at), input[0]);
  if (read_in_pieces(file, 1 + (where >> 8) % 70000).ok()) fail("a changed file opened");
}

void write_seeds(const char* folder) {
  std::filesystem::create_directories(folder);
  const struct {
    const char* name;
    std::size_t size;
  } seeds[] = {{"empty-photo", 0}, {"small-photo", 100}, {"two-chunks", 70000}};
  for (const auto& seed : seeds) {
    auto sealed =
        wire::seal_attachment(agency().public_key, kId, kIndex, crypto::random_bytes(seed.size));
    std::ofstream out(std::filesystem::path(folder) / seed.name, std::ios::binary);
    out.put('\x04');  // even: a sealed file, in pieces of 1029 bytes
    out.write(reinterpret_cast<const char*>(sealed.value().bytes.data()),
              static_cast<std::streamsize>(sealed.value().bytes.size()));
  }
  std::ofstream photo(std::filesystem::path(folder) / "photo-to-seal", std::ios::binary);
  photo.write("\x01\x00\x00\x01\x00tokhai photo bytes", 23);
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  if (const char* seeds = std::getenv("TOKHAI_SEALED_ATTACHMENT_SEEDS")) write_seeds(seeds);
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const ByteView input(data, size);
  if (input[0] % 2 == 0) {
    run_sealed(input.subspan(1), 1 + std::size_t{input[0]} * 257);
  } else {
    run_photo(input.subspan(1));
  }
  return 0;
}
