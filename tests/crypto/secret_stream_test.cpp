// crypto_secretstream in chunks: what the writer seals the reader opens, in
// order, with the same key and associated data; a dropped, repeated or moved
// chunk, another key, other associated data or a changed byte does not open;
// the last chunk says it is the last.
#include "crypto/secret_stream.h"

#include <catch2/catch.hpp>
#include <vector>

using namespace tokhai::crypto;

namespace {

struct Stream {
  Bytes header;
  std::vector<Bytes> chunks;
};

Stream write_three(const SecretBytes& key, ByteView associated_data) {
  SecretStreamWriter writer(key);
  Stream stream{writer.header(), {}};
  stream.chunks.push_back(writer.write(as_bytes("một"), associated_data, false));
  stream.chunks.push_back(writer.write(as_bytes(""), associated_data, false));
  stream.chunks.push_back(writer.write(as_bytes("ba"), associated_data, true));
  return stream;
}

}  // namespace

TEST_CASE("a stream opens chunk by chunk, and the last one is marked final") {
  const SecretBytes key = SecretBytes::random(kSecretStreamKeyBytes);
  const Stream stream = write_three(key, as_bytes("ad"));
  CHECK(stream.header.size() == kSecretStreamHeaderBytes);
  CHECK(stream.chunks[0].size() ==
        std::string_view("một").size() + kSecretStreamChunkOverheadBytes);

  auto reader = SecretStreamReader::start(key, stream.header);
  REQUIRE(reader.ok());
  auto first = reader.value().read(stream.chunks[0], as_bytes("ad"));
  REQUIRE(first.ok());
  CHECK(first.value().plaintext.as_text() == "một");
  CHECK_FALSE(first.value().final);
  auto second = reader.value().read(stream.chunks[1], as_bytes("ad"));
  REQUIRE(second.ok());
  CHECK(second.value().plaintext.empty());
  auto third = reader.value().read(stream.chunks[2], as_bytes("ad"));
  REQUIRE(third.ok());
  CHECK(third.value().plaintext.as_text() == "ba");
  CHECK(third.value().final);
  CHECK(reader.value().finished());
  auto after = reader.value().read(stream.chunks[2], as_bytes("ad"));
  REQUIRE_FALSE(after.ok());
  CHECK(after.error().code == "crypto.stream_forged");
}

TEST_CASE("a chunk out of order, another key, other associated data or a changed byte is refused") {
  const SecretBytes key = SecretBytes::random(kSecretStreamKeyBytes);
  const Stream stream = write_three(key, as_bytes("ad"));

  auto skipping = SecretStreamReader::start(key, stream.header);
  REQUIRE(skipping.ok());
  CHECK_FALSE(skipping.value().read(stream.chunks[1], as_bytes("ad")).ok());

  auto other_key = SecretStreamReader::start(SecretBytes::random(32), stream.header);
  REQUIRE(other_key.ok());
  CHECK_FALSE(other_key.value().read(stream.chunks[0], as_bytes("ad")).ok());

  auto other_ad = SecretStreamReader::start(key, stream.header);
  REQUIRE(other_ad.ok());
  CHECK_FALSE(other_ad.value().read(stream.chunks[0], as_bytes("ae")).ok());

  for (std::size_t at = 0; at < stream.chunks[0].size(); ++at) {
    Bytes altered = stream.chunks[0];
    altered[at] ^= 0x01;
    auto reader = SecretStreamReader::start(key, stream.header);
    REQUIRE(reader.ok());
    INFO("byte " << at);
    CHECK_FALSE(reader.value().read(altered, as_bytes("ad")).ok());
  }
  CHECK_FALSE(SecretStreamReader::start(key, ByteView(stream.header).first(23)).ok());
}
