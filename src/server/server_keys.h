// ServerKeys: the keys tokhai-server runs with, read at start from two files
// in the formats of wire/key_files.h:
//   KEYS_FILE           the public keys file: the server's receipt key (which
//                       the app pins) and every agency's box and signing keys
//                       (the registry: who may pull what, sealed to which key)
//   SERVER_SECRET_FILE  the seed of the server's receipt signing key; its
//                       public half must be the file's "server" key
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "core/result.h"
#include "crypto/signing.h"
#include "wire/key_files.h"

namespace tokhai::server {

struct ServerKeys {
  wire::PublicKeys public_keys;
  std::string public_keys_text;            // the file's bytes, served at GET /api/v1/keys
  crypto::SigningKeyPair signing;          // signs receipts
  bool secret_readable_by_others = false;  // the secret file's mode lets others read it
};

// Reads both files. Error codes: config.keys_file, config.server_secret
// (unreadable or malformed; `where` names the member), config.server_key_mismatch
// (the secret is not the key the public file publishes).
core::Result<ServerKeys> load_server_keys(const std::filesystem::path& keys_file,
                                          const std::filesystem::path& server_secret_file);

// True when `path` lies in a "config/dev" folder: the repository's
// development keys, which everyone has; the server warns when it uses them.
bool is_development_key_path(const std::filesystem::path& path);

}  // namespace tokhai::server
