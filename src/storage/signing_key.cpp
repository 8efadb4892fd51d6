// The vault's signing key as a sealed record (see signing_key.h).
#include "storage/signing_key.h"

#include <string>

#include "crypto/secret_bytes.h"

namespace tokhai::storage {

Result<crypto::SigningKeyPair> load_signing_key(UnlockedVault& vault) {
  auto record = vault.get(kKeyKind, kSigningKeyId);
  if (!record) return record.error();
  auto keys = crypto::signing_key_pair_from_seed(record.value().content);
  if (!keys) {
    return storage_error("vault.signing_key_invalid",
                         "Khóa ký của hồ sơ bị hỏng; không ký được hồ sơ gửi đi.",
                         "The papers' signing key is damaged; filings cannot be signed.",
                         std::string(kKeyKind) + "/" + std::string(kSigningKeyId));
  }
  return std::move(keys).value();
}

Result<crypto::SigningKeyPair> ensure_signing_key(UnlockedVault& vault) {
  auto loaded = load_signing_key(vault);
  if (loaded || loaded.error().code != "vault.record_not_found") return loaded;
  crypto::SecretBytes seed = crypto::SecretBytes::random(crypto::kSigningSeedBytes);
  auto keys = crypto::signing_key_pair_from_seed(seed);
  if (!keys) return keys.error();
  auto written =
      vault.put({std::string(kKeyKind), std::string(kSigningKeyId), {}, {}}, seed.view());
  if (!written) return written.error();
  return std::move(keys).value();
}

}  // namespace tokhai::storage
