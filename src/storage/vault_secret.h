// The secret that unlocks a vault: a PIN or a passphrase, and the rules a new
// one must follow.
//
// Rules (checked when a secret is set, not when one is tried):
//   PIN         6 to 64 ASCII digits (the phone's numeric keyboard).
//   passphrase  8 to 256 characters (Unicode code points) and at most 1024
//               bytes of UTF-8, not only spaces.
// Both are used as typed except for Unicode normalisation to NFC, so that
// "Hoà" typed with Telex and with VNI (or NFD) unlocks the same vault;
// spaces and case count.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "crypto/secret_bytes.h"
#include "storage/storage_error.h"

namespace tokhai::storage {

enum class SecretKind { pin, passphrase };

constexpr std::size_t kMinPinDigits = 6;
constexpr std::size_t kMaxPinDigits = 64;
constexpr std::size_t kMinPassphraseChars = 8;
constexpr std::size_t kMaxPassphraseChars = 256;
constexpr std::size_t kMaxPassphraseBytes = 1024;

struct VaultSecret {
  SecretKind kind = SecretKind::pin;
  std::string_view text;
};

// "pin" or "passphrase", as stored.
std::string_view secret_kind_name(SecretKind kind);
// The kind named `name` by secret_kind_name; nullopt for any other text.
std::optional<SecretKind> secret_kind_from_name(std::string_view name);

// Whether `secret` may protect a vault. Errors: vault.secret_too_short,
// vault.secret_too_long, vault.pin_not_digits, vault.secret_blank.
Result<Done> check_new_secret(const VaultSecret& secret);

// The bytes that are hashed: `text` in NFC, in wiped memory.
crypto::SecretBytes secret_for_hashing(std::string_view text);

}  // namespace tokhai::storage
