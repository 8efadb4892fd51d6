// The key files of a deployment (ARCHITECTURE.md "Keys"): one public file that
// the server, the app build and the agency tool all read, and one secret file
// per key holder. JSON, written by `tokhai-agency keygen` / `tokhai-server
// keygen`, read here by everyone so that they agree.
//
// Public keys (e.g. config/dev/public-keys.json):
//   {"format": "tokhai-public-keys/1",
//    "server": {"signing_public_key": b64(32)},      signs receipts
//    "agencies": [{"code": agency code,              as in the form definitions
//                  "name": text,                     for people
//                  "box_public_key": b64(32),        X25519: filings are sealed to it
//                  "signing_public_key": b64(32)}]}  Ed25519: signs agency API requests
// Server secret:  {"format": "tokhai-server-secret/1", "signing_seed": b64(32)}
// Agency secret:  {"format": "tokhai-agency-secret/1", "code": agency code,
//                  "signing_seed": b64(32), "box_seed": b64(32)}
// Secret files hold seeds; the keys are derived from them on reading. Writers
// create them with mode 0600.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "crypto/bytes.h"
#include "crypto/sealed_box.h"
#include "crypto/secret_bytes.h"
#include "crypto/signing.h"
#include "wire/wire_error.h"

namespace tokhai::wire {

constexpr std::size_t kMaxKeyFileBytes = 256 * 1024;
constexpr std::size_t kMaxAgencies = 1000;

struct AgencyPublicKeys {
  std::string code;
  std::string name;
  crypto::Bytes box_public_key;
  crypto::Bytes signing_public_key;
  bool operator==(const AgencyPublicKeys&) const = default;
};

struct PublicKeys {
  crypto::Bytes server_signing_public_key;
  std::vector<AgencyPublicKeys> agencies;  // codes unique
  // The agency with `code`, or nullptr.
  const AgencyPublicKeys* agency(std::string_view code) const;
  bool operator==(const PublicKeys&) const = default;
};

struct AgencySecret {
  std::string code;
  crypto::SigningKeyPair signing;  // its seed is the first half of secret_key
  crypto::SecretBytes box_seed;    // the box key pair's seed (not recoverable from it)
  crypto::BoxKeyPair box;
};

// Readers. Error: keys.bad_file (`where` names the member that is missing,
// of the wrong type or out of shape; a repeated agency code too).
Result<PublicKeys> parse_public_keys(std::string_view text);
Result<crypto::SigningKeyPair> parse_server_secret(std::string_view text);
Result<AgencySecret> parse_agency_secret(std::string_view text);

// Writers (pretty-printed, ending with a newline).
std::string public_keys_text(const PublicKeys& keys);
std::string server_secret_text(const crypto::SigningKeyPair& keys);
std::string agency_secret_text(const AgencySecret& secret);

// The public half of an agency secret, under `name`.
AgencyPublicKeys agency_public_keys(const AgencySecret& secret, std::string name);

// A new random agency secret for `code` (an agency code).
AgencySecret generate_agency_secret(std::string code);

}  // namespace tokhai::wire
