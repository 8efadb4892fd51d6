// The DHT check of jpeg_guard.h.
#include "media/jpeg_guard.h"

#include <cstddef>

#include "media/jpeg_markers.h"

namespace tokhai::media {
namespace {

using namespace jpeg;

constexpr std::size_t kMaxSymbols = 256;

// The byte at `at`, or 0 past the end (what stb reads there).
unsigned byte_at(std::span<const unsigned char> bytes, std::size_t at) {
  return at < bytes.size() ? bytes[at] : 0;
}

// Reads the tables of a DHT segment whose payload (after the length) starts
// at `at` and whose length field says `length`, as stb_image's
// stbi__process_marker does: while bytes remain by the length, a class/id
// byte, 16 counts, then as many symbols as the counts add up to.
bool tables_fit(std::span<const unsigned char> jpeg, std::size_t at, long length) {
  long left = length - 2;
  while (left > 0) {
    const unsigned class_and_id = byte_at(jpeg, at);
    if ((class_and_id >> 4) > 1 || (class_and_id & 15) > 3) return true;  // stb stops here
    std::size_t symbols = 0;
    for (std::size_t i = 1; i <= 16; ++i) symbols += byte_at(jpeg, at + i);
    if (symbols > kMaxSymbols) return false;
    at += 17 + symbols;
    left -= 17 + static_cast<long>(symbols);
  }
  return true;
}

}  // namespace

bool jpeg_huffman_tables_fit(std::span<const unsigned char> jpeg) {
  if (jpeg.size() < 2 || jpeg[0] != kMarkerPrefix || jpeg[1] != kStartOfImage) return true;
  std::size_t at = 2;
  while (at + 1 < jpeg.size()) {
    if (jpeg[at] != kMarkerPrefix) {  // junk or entropy-coded data
      ++at;
      continue;
    }
    const unsigned char marker = jpeg[at + 1];
    if (marker == kMarkerPrefix) {  // a fill byte
      ++at;
      continue;
    }
    if (marker == 0x00 || is_standalone_marker(marker)) {  // a stuffed 0xFF, a restart
      at += 2;
      continue;
    }
    if (marker == kEndOfImage) return true;
    const long length = static_cast<long>(byte_at(jpeg, at + 2) << 8 | byte_at(jpeg, at + 3));
    if (marker == kDefineHuffmanTables && !tables_fit(jpeg, at + 4, length)) return false;
    at += 2 + static_cast<std::size_t>(length);
  }
  return true;
}

}  // namespace tokhai::media
