// crypto_secretstream_xchacha20poly1305 in chunks (see secret_stream.h).
#include "crypto/secret_stream.h"

#include <sodium.h>

#include <cassert>
#include <utility>

#include "crypto/crypto_init.h"

namespace tokhai::crypto {
namespace {

using StreamState = crypto_secretstream_xchacha20poly1305_state;

static_assert(kSecretStreamKeyBytes == crypto_secretstream_xchacha20poly1305_KEYBYTES);
static_assert(kSecretStreamHeaderBytes == crypto_secretstream_xchacha20poly1305_HEADERBYTES);
static_assert(kSecretStreamChunkOverheadBytes == crypto_secretstream_xchacha20poly1305_ABYTES);
// The state is only unsigned char arrays, so SecretBytes' buffer (not aligned
// by sodium_malloc for odd sizes) holds it.
static_assert(alignof(StreamState) == 1);

StreamState* state_of(SecretBytes& state) { return reinterpret_cast<StreamState*>(state.data()); }

Error forged() {
  return crypto_error("crypto.stream_forged",
                      "Tệp mã hoá không mở được: sai khoá, sai thứ tự hoặc đã bị thay đổi.",
                      "The encrypted file cannot be opened: wrong key, out of order, or altered.");
}

}  // namespace

SecretStreamWriter::SecretStreamWriter(const SecretBytes& key)
    : state_(sizeof(StreamState)), header_(kSecretStreamHeaderBytes) {
  require_crypto();
  assert(key.size() == kSecretStreamKeyBytes && "SecretStreamWriter: the key must be 32 bytes");
  crypto_secretstream_xchacha20poly1305_init_push(state_of(state_), header_.data(), key.data());
}

Bytes SecretStreamWriter::write(ByteView plaintext, ByteView associated_data, bool final) {
  assert(!finished_ && "SecretStreamWriter: a chunk after the final one");
  Bytes sealed(plaintext.size() + kSecretStreamChunkOverheadBytes);
  unsigned long long sealed_size = 0;
  crypto_secretstream_xchacha20poly1305_push(
      state_of(state_), sealed.data(), &sealed_size, plaintext.data(), plaintext.size(),
      associated_data.data(), associated_data.size(),
      final ? crypto_secretstream_xchacha20poly1305_TAG_FINAL
            : crypto_secretstream_xchacha20poly1305_TAG_MESSAGE);
  assert(sealed_size == sealed.size());
  finished_ = final;
  if (final) state_.wipe();
  return sealed;
}

Result<SecretStreamReader> SecretStreamReader::start(const SecretBytes& key, ByteView header) {
  require_crypto();
  assert(key.size() == kSecretStreamKeyBytes && "SecretStreamReader: the key must be 32 bytes");
  if (header.size() != kSecretStreamHeaderBytes) return forged();
  SecretBytes state(sizeof(StreamState));
  if (crypto_secretstream_xchacha20poly1305_init_pull(state_of(state), header.data(), key.data()) !=
      0) {
    return forged();
  }
  return SecretStreamReader(std::move(state));
}

Result<SecretStreamReader::Chunk> SecretStreamReader::read(ByteView sealed_chunk,
                                                           ByteView associated_data) {
  if (finished_ || sealed_chunk.size() < kSecretStreamChunkOverheadBytes) return forged();
  Chunk chunk{SecretBytes(sealed_chunk.size() - kSecretStreamChunkOverheadBytes), false};
  unsigned char nothing = 0;
  unsigned long long plaintext_size = 0;
  unsigned char tag = 0;
  if (crypto_secretstream_xchacha20poly1305_pull(
          state_of(state_), chunk.plaintext.empty() ? &nothing : chunk.plaintext.data(),
          &plaintext_size, &tag, sealed_chunk.data(), sealed_chunk.size(), associated_data.data(),
          associated_data.size()) != 0) {
    return forged();
  }
  assert(plaintext_size == chunk.plaintext.size());
  if (tag == crypto_secretstream_xchacha20poly1305_TAG_FINAL) {
    chunk.final = true;
    finished_ = true;
    state_.wipe();
  } else if (tag != crypto_secretstream_xchacha20poly1305_TAG_MESSAGE) {
    // We only ever write MESSAGE and FINAL: PUSH and REKEY are someone else's stream.
    return forged();
  }
  return chunk;
}

}  // namespace tokhai::crypto
