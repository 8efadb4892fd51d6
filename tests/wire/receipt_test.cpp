// Receipt v1: what the server signs reads back byte for byte; the app accepts
// it only from the pinned server key, for the id and the exact bytes it sent;
// any change to any member breaks it; dossier codes have their documented
// shape; damaged or foreign text is refused with a receipt.* code.
#include "wire/receipt.h"

#include <catch2/catch.hpp>
#include <set>
#include <string>

#include "crypto/encoding.h"
#include "crypto/hash.h"
#include "crypto/signing.h"

using namespace tokhai;
using namespace tokhai::wire;
using crypto::as_bytes;
using crypto::Bytes;
using crypto::SecretBytes;

namespace {

constexpr std::string_view kEnvelopeText = R"({"format":"tokhai-envelope/1","id":"stand-in"})";
constexpr std::string_view kSubmissionId = "5f0c9a2e7b3d41c8a6e2d9f0b4c7a1e3";

crypto::SigningKeyPair signing_keys(unsigned char fill) {
  return crypto::signing_key_pair_from_seed(SecretBytes::copy_of(Bytes(32, fill))).value();
}

Bytes sha256_of(std::string_view text) {
  const crypto::Sha256Digest digest = crypto::sha256(as_bytes(text));
  return Bytes(digest.begin(), digest.end());
}

Receipt unsigned_receipt() {
  Receipt receipt;
  receipt.submission_id = std::string(kSubmissionId);
  receipt.dossier_code = "TK-250701-7F3K-9QZC";
  receipt.received_at = "2025-07-01T08:31:02Z";
  receipt.envelope_sha256 = sha256_of(kEnvelopeText);
  return receipt;
}

std::string code_of(const Result<Done>& result) { return result ? "" : result.error().code; }

}  // namespace

TEST_CASE("a signed receipt reads back byte for byte and verifies for what was sent") {
  const auto server = signing_keys(0x07);
  const Receipt receipt = sign_receipt(unsigned_receipt(), server).value();
  const std::string text = receipt_text(receipt);
  CHECK(text == R"({"dossier_code":"TK-250701-7F3K-9QZC","envelope_sha256":")" +
                    crypto::to_hex(sha256_of(kEnvelopeText)) +
                    R"(","format":"tokhai-receipt/1","received_at":"2025-07-01T08:31:02Z",)"
                    R"("server_public_key":")" +
                    crypto::to_base64(server.public_key) + R"(","signature":")" +
                    crypto::to_base64(receipt.signature) + R"(","submission_id":")" +
                    std::string(kSubmissionId) + R"("})");
  auto parsed = parse_receipt(as_bytes(text));
  REQUIRE(parsed);
  CHECK(parsed.value() == receipt);
  CHECK(verify_receipt(parsed.value(), server.public_key, kSubmissionId, kEnvelopeText));
}

TEST_CASE("a receipt from another key, for another id or other bytes is refused") {
  const auto server = signing_keys(0x07);
  const auto impostor = signing_keys(0x08);
  const Receipt receipt = sign_receipt(unsigned_receipt(), server).value();

  CHECK(code_of(verify_receipt(receipt, impostor.public_key, kSubmissionId, kEnvelopeText)) ==
        "receipt.wrong_server_key");
  // The impostor signs a receipt naming itself: the pinned key still refuses it.
  const Receipt forged = sign_receipt(unsigned_receipt(), impostor).value();
  CHECK(code_of(verify_receipt(forged, server.public_key, kSubmissionId, kEnvelopeText)) ==
        "receipt.wrong_server_key");

  const auto other_id =
      verify_receipt(receipt, server.public_key, "00000000000000000000000000000000", kEnvelopeText);
  CHECK(code_of(other_id) == "receipt.other_submission");
  CHECK(other_id.error().where == "submission_id");
  const auto other_bytes =
      verify_receipt(receipt, server.public_key, kSubmissionId, std::string(kEnvelopeText) + " ");
  CHECK(code_of(other_bytes) == "receipt.other_submission");
  CHECK(other_bytes.error().where == "envelope_sha256");
}

TEST_CASE("changing any signed member breaks the receipt's signature") {
  const auto server = signing_keys(0x07);
  const Receipt receipt = sign_receipt(unsigned_receipt(), server).value();
  std::vector<Receipt> changed(4, receipt);
  changed[0].dossier_code = "TK-250701-7F3K-9QZD";
  changed[1].received_at = "2025-07-01T08:31:03Z";
  changed[2].envelope_sha256[0] ^= 1;
  changed[3].signature[10] ^= 1;
  for (const Receipt& tampered : changed) {
    // Re-read from text, as the app would after storing it.
    auto reread = parse_receipt(as_bytes(receipt_text(tampered)));
    REQUIRE(reread);
    const auto verdict =
        verify_receipt(reread.value(), server.public_key, kSubmissionId, kEnvelopeText);
    CHECK((code_of(verdict) == "receipt.bad_signature" ||
           code_of(verdict) == "receipt.other_submission"));
    CHECK_FALSE(verdict);
  }
}

TEST_CASE("dossier codes have the documented shape and are not repeated") {
  std::set<std::string> seen;
  for (int i = 0; i < 200; ++i) {
    const std::string code = new_dossier_code("2025-07-01T08:31:02Z");
    INFO(code);
    CHECK(is_dossier_code(code));
    CHECK(code.starts_with("TK-250701-"));
    CHECK(code.find_first_of("ILOU") == std::string::npos);
    seen.insert(code);
  }
  CHECK(seen.size() == 200);
  CHECK_FALSE(is_dossier_code("TK-250701-7F3K-9QZ"));
  CHECK_FALSE(is_dossier_code("TK-250701-7F3K-9QZI"));  // I is not in the alphabet
  CHECK_FALSE(is_dossier_code("TK-2507A1-7F3K-9QZC"));
  CHECK_FALSE(is_dossier_code("XX-250701-7F3K-9QZC"));
}

TEST_CASE("damaged, foreign and out-of-shape receipts are refused with a code") {
  const auto server = signing_keys(0x07);
  const std::string text = receipt_text(sign_receipt(unsigned_receipt(), server).value());
  const auto code_of_text = [](std::string_view input) {
    auto parsed = parse_receipt(as_bytes(input));
    return parsed ? std::string() : parsed.error().code;
  };
  CHECK(code_of_text("") == "receipt.not_json");
  CHECK(code_of_text(text.substr(0, text.size() - 1)) == "receipt.not_json");
  CHECK(code_of_text(" " + text) == "receipt.not_canonical");
  CHECK(code_of_text(std::string(2000, ' ')) == "receipt.too_large");
  CHECK(code_of_text(R"({"format":"tokhai-envelope/1"})") == "receipt.format");
  CHECK(code_of_text(R"({"format":"tokhai-receipt/2"})") == "receipt.format");

  auto replace = [&](std::string_view from, std::string_view to) {
    std::string changed = text;
    changed.replace(changed.find(from), from.size(), to);
    return changed;
  };
  CHECK(code_of_text(replace(R"("dossier_code":)", R"("zz":1,"dossier_code":)")) ==
        "receipt.not_canonical");  // members out of order
  CHECK(code_of_text(replace(R"("dossier_code":)", R"("dossier_cod":)")) ==
        "receipt.unknown_member");
  CHECK(code_of_text(
            replace(R"("format":"tokhai-receipt/1",)", R"("format":"tokhai-receipt/1","fz":1,)")) ==
        "receipt.unknown_member");
  CHECK(code_of_text(replace(R"("received_at":"2025-07-01T08:31:02Z",)", "")) ==
        "receipt.missing_member");
  CHECK(code_of_text(replace(R"("received_at":"2025-07-01T08:31:02Z")", R"("received_at":7)")) ==
        "receipt.wrong_type");
  CHECK(code_of_text(replace(R"("received_at":"2025-07-01T08:31:02Z")",
                             R"("received_at":"2025-07-01T25:31:02Z")")) == "receipt.bad_value");
  CHECK(code_of_text(replace(R"("dossier_code":"TK-250701-7F3K-9QZC")",
                             R"("dossier_code":"TK-250701-7F3K-9QZc")")) == "receipt.bad_value");
  CHECK(code_of_text(replace(R"("submission_id":"5f0c)", R"("submission_id":"5F0C)")) ==
        "receipt.bad_value");
}
