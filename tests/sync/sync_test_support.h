// What the sync tests share: signed envelopes made with test keys, the
// receipts a server with its own test key would give for them, and an outbox
// on a real vault (tests/storage's VaultFixture) with the test doubles.
#pragma once

#include <catch2/catch.hpp>
#include <memory>
#include <string>

#include "../storage/vault_test_support.h"
#include "crypto/bytes.h"
#include "crypto/hash.h"
#include "crypto/sealed_box.h"
#include "crypto/signing.h"
#include "fake_clock.h"
#include "fake_random_source.h"
#include "fake_transport.h"
#include "sync/outbox.h"
#include "wire/envelope.h"
#include "wire/receipt.h"

namespace tokhai::sync::testing {

inline crypto::SigningKeyPair signing_keys(unsigned char fill) {
  return crypto::signing_key_pair_from_seed(crypto::SecretBytes::copy_of(crypto::Bytes(32, fill)))
      .value();
}

// Envelopes of one applicant for one agency, as the app makes them.
struct TestFilings {
  crypto::SigningKeyPair applicant = signing_keys(0x11);
  crypto::BoxKeyPair agency =
      crypto::box_key_pair_from_seed(crypto::SecretBytes::copy_of(crypto::Bytes(32, 0x22))).value();

  // A signed envelope's text; `id` empty: a new random id.
  std::string envelope(std::string id = {},
                       std::string_view payload = R"({"ho_ten":"Lê Thị Mai"})") {
    wire::EnvelopeContent content;
    content.id = id.empty() ? wire::new_submission_id() : std::move(id);
    content.form = {"khai-sinh", "2025.1", crypto::Bytes(32, 0xab)};
    content.created_at = "2025-07-01T08:30:00Z";
    content.agency_public_key = agency.public_key;
    auto built = wire::build_envelope(content, crypto::as_bytes(payload), applicant);
    REQUIRE(built.ok());
    return wire::envelope_text(built.value());
  }
};

// The server's side of a PUT: its signing key and the receipt it answers with.
struct TestServer {
  crypto::SigningKeyPair keys = signing_keys(0x33);

  std::string receipt_for(std::string_view envelope_text,
                          std::string_view received_at = "2025-07-01T08:31:00Z") const {
    auto envelope = wire::parse_envelope(crypto::as_bytes(envelope_text));
    REQUIRE(envelope.ok());
    const crypto::Sha256Digest digest = crypto::sha256(crypto::as_bytes(envelope_text));
    wire::Receipt receipt;
    receipt.submission_id = envelope.value().id;
    receipt.dossier_code = wire::new_dossier_code(received_at);
    receipt.received_at = std::string(received_at);
    receipt.envelope_sha256 = crypto::Bytes(digest.begin(), digest.end());
    auto signed_receipt = wire::sign_receipt(std::move(receipt), keys);
    REQUIRE(signed_receipt.ok());
    return wire::receipt_text(signed_receipt.value());
  }
};

inline std::string submission_path(std::string_view envelope_text) {
  return "/api/v1/submissions/" + wire::parse_envelope(crypto::as_bytes(envelope_text)).value().id;
}

inline std::string id_of(std::string_view envelope_text) {
  return wire::parse_envelope(crypto::as_bytes(envelope_text)).value().id;
}

// An outbox on a real vault in a temporary file, with the test doubles.
struct OutboxFixture {
  storage::testing::VaultFixture vault_fixture;
  storage::UnlockedVault vault = vault_fixture.create("Lê Thị Mai", "246810");
  FakeClock clock;
  FakeRandomSource random;
  FakeTransport transport;
  TestFilings filings;
  TestServer server;
  int changes = 0;

  OutboxOptions options(int max_concurrent_sends = 2) const {
    OutboxOptions result;
    result.server_public_key = server.keys.public_key;
    result.max_concurrent_sends = max_concurrent_sends;
    return result;
  }

  std::unique_ptr<Outbox> open(int max_concurrent_sends = 2) {
    auto outbox = Outbox::open(vault, transport, clock, random, options(max_concurrent_sends));
    REQUIRE(outbox.ok());
    outbox.value()->set_change_listener([this] { ++changes; });
    return std::move(outbox).value();
  }

  // Answers the pending PUT of `envelope_text` with the server's receipt.
  void accept(std::string_view envelope_text, int status = 201) {
    transport.respond(transport.pending_for(submission_path(envelope_text)), status,
                      server.receipt_for(envelope_text));
  }
};

}  // namespace tokhai::sync::testing
