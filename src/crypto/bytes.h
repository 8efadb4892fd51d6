// Bytes and views of bytes, as every function of src/crypto takes and returns
// them, with the conversions from text. Nothing here is secret: secrets live
// in SecretBytes (secret_bytes.h).
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace tokhai::crypto {

using Bytes = std::vector<unsigned char>;
using ByteView = std::span<const unsigned char>;

// The bytes of `text` (UTF-8 stays UTF-8), without copying.
inline ByteView as_bytes(std::string_view text) {
  return {reinterpret_cast<const unsigned char*>(text.data()), text.size()};
}

// A copy of `text`'s bytes.
inline Bytes to_bytes(std::string_view text) {
  const ByteView view = as_bytes(text);
  return Bytes(view.begin(), view.end());
}

// `bytes` as a std::string (for text that was stored as bytes).
inline std::string to_string(ByteView bytes) {
  return std::string(reinterpret_cast<const char*>(bytes.data()), bytes.size());
}

}  // namespace tokhai::crypto
