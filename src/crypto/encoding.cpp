// Hex and Base64 through sodium_bin2hex / sodium_bin2base64 and their
// inverses (see encoding.h).
#include "crypto/encoding.h"

#include <sodium.h>

#include "crypto/crypto_init.h"

namespace tokhai::crypto {
namespace {

int sodium_variant(Base64Variant variant) {
  return variant == Base64Variant::standard ? sodium_base64_VARIANT_ORIGINAL
                                            : sodium_base64_VARIANT_URLSAFE_NO_PADDING;
}

}  // namespace

std::string to_hex(ByteView bytes) {
  std::string hex(bytes.size() * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), bytes.data(), bytes.size());
  hex.pop_back();
  return hex;
}

Result<Bytes> from_hex(std::string_view hex) {
  if (hex.empty()) return Bytes{};
  Bytes bytes(hex.size() / 2);
  std::size_t decoded = 0;
  const char* end = nullptr;
  if (hex.size() % 2 != 0 ||
      sodium_hex2bin(bytes.data(), bytes.size(), hex.data(), hex.size(), nullptr, &decoded, &end) !=
          0 ||
      end != hex.data() + hex.size() || decoded != bytes.size()) {
    return crypto_error("crypto.bad_hex", "Chuỗi không phải là mã hex hợp lệ.",
                        "The text is not valid hex.");
  }
  return bytes;
}

std::string to_base64(ByteView bytes, Base64Variant variant) {
  require_crypto();
  const int sodium = sodium_variant(variant);
  std::string text(sodium_base64_encoded_len(bytes.size(), sodium), '\0');
  sodium_bin2base64(text.data(), text.size(), bytes.data(), bytes.size(), sodium);
  text.pop_back();  // the terminating NUL
  return text;
}

Result<Bytes> from_base64(std::string_view text, Base64Variant variant) {
  require_crypto();
  Bytes bytes(text.size() / 4 * 3 + 3);
  std::size_t decoded = 0;
  const char* end = nullptr;
  if (sodium_base642bin(bytes.data(), bytes.size(), text.data(), text.size(), nullptr, &decoded,
                        &end, sodium_variant(variant)) != 0 ||
      end != text.data() + text.size()) {
    return crypto_error("crypto.bad_base64", "Chuỗi không phải là mã Base64 hợp lệ.",
                        "The text is not valid Base64.");
  }
  bytes.resize(decoded);
  return bytes;
}

}  // namespace tokhai::crypto
