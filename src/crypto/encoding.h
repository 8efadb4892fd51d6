// Hex and Base64 for bytes that travel as text (ids, keys, signatures in JSON),
// through libsodium's constant-time codecs.
#pragma once

#include <string>
#include <string_view>

#include "crypto/bytes.h"
#include "crypto/crypto_error.h"

namespace tokhai::crypto {

enum class Base64Variant {
  standard,             // RFC 4648 §4 alphabet with '=' padding
  url_safe_no_padding,  // RFC 4648 §5 alphabet ('-', '_'), no padding: ids and URLs
};

// Lower-case hex, two digits per byte.
std::string to_hex(ByteView bytes);
// The bytes of `hex` (either case, even length, nothing else). Error:
// crypto.bad_hex.
Result<Bytes> from_hex(std::string_view hex);

std::string to_base64(ByteView bytes, Base64Variant variant = Base64Variant::standard);
// The bytes of `text` in `variant` (no whitespace accepted). Error:
// crypto.bad_base64.
Result<Bytes> from_base64(std::string_view text, Base64Variant variant = Base64Variant::standard);

}  // namespace tokhai::crypto
