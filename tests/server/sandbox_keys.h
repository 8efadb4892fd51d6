// SandboxKeys: the keys and forms a test server runs with, made fresh for
// each sandbox (never the repository's config/dev keys):
//   keys/public-keys.json      the server key and two agencies, "ubnd-xa" and "csgt"
//   keys/server.secret.json    the server's seed (mode 0600)
//   forms/test.khai-bao.json   a one-field form received by ubnd-xa
//   forms/test.doi-bang.json   a one-field form received by csgt
//   forms/test.no-key.json     a form without agency.public_key (left out)
// and the helpers that make envelopes and agency requests with them.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "crypto/bytes.h"
#include "crypto/signing.h"
#include "wire/agency_request.h"
#include "wire/envelope.h"
#include "wire/key_files.h"

namespace tokhai::server::testing {

inline constexpr std::string_view kUbndForm = "test.khai-bao";
inline constexpr std::string_view kCsgtForm = "test.doi-bang";
inline constexpr std::string_view kTestFormVersion = "2026.1";

class SandboxKeys {
 public:
  // Makes the keys and writes the files under `root`.
  explicit SandboxKeys(const std::filesystem::path& root);

  std::filesystem::path keys_file() const { return root_ / "keys" / "public-keys.json"; }
  std::filesystem::path server_secret_file() const { return root_ / "keys" / "server.secret.json"; }
  std::filesystem::path forms_dir() const { return root_ / "forms"; }

  const crypto::SigningKeyPair& server() const { return server_; }
  const wire::AgencySecret& ubnd() const { return ubnd_; }
  const wire::AgencySecret& csgt() const { return csgt_; }

  // The bytes of the form file `form_id` and their SHA-256.
  std::string form_text(std::string_view form_id) const;
  crypto::Bytes form_sha256(std::string_view form_id) const;

 private:
  std::filesystem::path root_;
  crypto::SigningKeyPair server_;
  wire::AgencySecret ubnd_;
  wire::AgencySecret csgt_;
};

// What to build: the defaults make a valid envelope for kUbndForm.
struct EnvelopeRecipe {
  std::string id;  // empty: a new random id
  std::string form_id = std::string(kUbndForm);
  std::string form_version = std::string(kTestFormVersion);
  const crypto::Bytes* definition_sha256 = nullptr;       // null: the form file's hash
  const crypto::Bytes* sealed_to = nullptr;               // null: the form's agency key
  std::string payload = R"({"full_name":"Lê Thị Mai"})";  // the answers' JSON text
  std::vector<wire::AttachmentEntry> attachments;         // listed, in order
};

// A signed envelope's text, signed by `applicant`.
std::string make_envelope(const SandboxKeys& keys, const crypto::SigningKeyPair& applicant,
                          const EnvelopeRecipe& recipe = {});

// The Authorization header of `agency` for METHOD `target` with `body`, made now
// (or at `unix_time` when given).
std::string agency_authorization_now(const wire::AgencySecret& agency, std::string_view method,
                                     std::string_view target, std::string_view body = {},
                                     std::int64_t unix_time = 0);

// Seconds since 1970 now.
std::int64_t unix_now();

}  // namespace tokhai::server::testing
