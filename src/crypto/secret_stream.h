// Authenticated encryption of a stream in chunks:
// crypto_secretstream_xchacha20poly1305. One random 32-byte key per stream; a
// 24-byte header starts it; every chunk adds kSecretStreamChunkOverheadBytes
// (a tag byte and the Poly1305 tag) and may bind associated data. The chunks
// are numbered inside the cipher state, so a chunk dropped, repeated or moved
// does not open; the sender marks the last chunk FINAL, so a stream cut after
// a chunk boundary is told apart from a complete one.
//
// The state is secret (it holds the running key) and lives in SecretBytes.
#pragma once

#include <cstddef>

#include "crypto/bytes.h"
#include "crypto/crypto_error.h"
#include "crypto/secret_bytes.h"

namespace tokhai::crypto {

constexpr std::size_t kSecretStreamKeyBytes = 32;
constexpr std::size_t kSecretStreamHeaderBytes = 24;
constexpr std::size_t kSecretStreamChunkOverheadBytes = 17;

// The writing side.
class SecretStreamWriter {
 public:
  // A stream under `key` (kSecretStreamKeyBytes); header() is its first bytes.
  explicit SecretStreamWriter(const SecretBytes& key);

  const Bytes& header() const { return header_; }

  // `plaintext` sealed as the next chunk, bound to `associated_data`; `final`
  // marks the last chunk (nothing may be written after it).
  Bytes write(ByteView plaintext, ByteView associated_data, bool final);

 private:
  SecretBytes state_;
  Bytes header_;
  bool finished_ = false;
};

// The reading side.
class SecretStreamReader {
 public:
  // Error: crypto.stream_forged (a header of the wrong size).
  static Result<SecretStreamReader> start(const SecretBytes& key, ByteView header);

  struct Chunk {
    SecretBytes plaintext;
    bool final = false;
  };

  // Opens the next chunk. Errors: crypto.stream_forged (wrong key, other
  // associated data, out of order, altered, or a chunk after the final one).
  Result<Chunk> read(ByteView sealed_chunk, ByteView associated_data);

  bool finished() const { return finished_; }

 private:
  explicit SecretStreamReader(SecretBytes state) : state_(std::move(state)) {}
  SecretBytes state_;
  bool finished_ = false;
};

}  // namespace tokhai::crypto
