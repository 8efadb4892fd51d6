// PIN and passphrase rules and normalisation (see vault_secret.h).
#include "storage/vault_secret.h"

#include <algorithm>

#include "core/text/unicode.h"

namespace tokhai::storage {
namespace {

std::size_t count_code_points(std::string_view utf8) {
  return static_cast<std::size_t>(std::count_if(utf8.begin(), utf8.end(), [](char byte) {
    return (static_cast<unsigned char>(byte) & 0xc0) != 0x80;
  }));
}

// Zeroes a std::string's characters before it is dropped (best effort: copies
// made while the string grew are out of reach).
void wipe(std::string& text) {
  volatile char* bytes = text.data();
  for (std::size_t i = 0; i < text.size(); ++i) bytes[i] = 0;
  text.clear();
}

}  // namespace

std::string_view secret_kind_name(SecretKind kind) {
  return kind == SecretKind::pin ? "pin" : "passphrase";
}

std::optional<SecretKind> secret_kind_from_name(std::string_view name) {
  for (SecretKind kind : {SecretKind::pin, SecretKind::passphrase}) {
    if (name == secret_kind_name(kind)) return kind;
  }
  return std::nullopt;
}

Result<Done> check_new_secret(const VaultSecret& secret) {
  if (secret.kind == SecretKind::pin) {
    if (!std::all_of(secret.text.begin(), secret.text.end(),
                     [](char c) { return c >= '0' && c <= '9'; })) {
      return storage_error("vault.pin_not_digits", "Mã PIN chỉ gồm các chữ số 0–9.",
                           "A PIN has digits 0–9 only.");
    }
    if (secret.text.size() < kMinPinDigits) {
      return storage_error("vault.secret_too_short", "Mã PIN cần ít nhất 6 chữ số.",
                           "A PIN needs at least 6 digits.");
    }
    if (secret.text.size() > kMaxPinDigits) {
      return storage_error("vault.secret_too_long", "Mã PIN dài quá 64 chữ số.",
                           "A PIN has at most 64 digits.");
    }
    return Done{};
  }
  const std::size_t chars = count_code_points(secret.text);
  if (chars < kMinPassphraseChars) {
    return storage_error("vault.secret_too_short", "Mật khẩu cần ít nhất 8 ký tự.",
                         "A passphrase needs at least 8 characters.");
  }
  if (chars > kMaxPassphraseChars || secret.text.size() > kMaxPassphraseBytes) {
    return storage_error("vault.secret_too_long", "Mật khẩu dài quá 256 ký tự.",
                         "A passphrase has at most 256 characters.");
  }
  if (std::all_of(secret.text.begin(), secret.text.end(),
                  [](char c) { return c == ' ' || (c >= '\t' && c <= '\r'); })) {
    return storage_error("vault.secret_blank", "Mật khẩu không được chỉ gồm khoảng trắng.",
                         "A passphrase cannot be only spaces.");
  }
  return Done{};
}

crypto::SecretBytes secret_for_hashing(std::string_view text) {
  std::string normalized = core::to_nfc(text);
  crypto::SecretBytes secret = crypto::SecretBytes::copy_of(crypto::as_bytes(normalized));
  wipe(normalized);
  return secret;
}

}  // namespace tokhai::storage
