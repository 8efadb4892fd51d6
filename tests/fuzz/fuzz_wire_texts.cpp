// fuzz_wire_texts: the smaller readers of src/wire on any bytes. The first
// byte picks the reader (its value mod 5), the rest is its input:
//   0  parse_receipt, then verify_receipt with a fixed key for what it accepts
//   1  parse_agency_authorization, then verify_agency_request
//   2  parse_public_keys
//   3  parse_agency_secret and parse_server_secret
//   4  decode_filing_payload (the deflated answers an agency opens), then
//      encode_filing_payload of what it accepts, decoded again to the same
// Seeds (corpus/wire_texts) are valid inputs of each, made by the tests' keys.
// A bug is reported by abort(): an error code outside the reader's contract,
// an error without both messages, an accepted receipt that is not written back
// byte for byte, accepted keys that are not written back to the same keys, or
// accepted answers that do not come back the same through encode and decode.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "crypto/signing.h"
#include "wire/agency_request.h"
#include "wire/filing_payload.h"
#include "wire/key_files.h"
#include "wire/receipt.h"

namespace {

using namespace tokhai;

[[noreturn]] void fail(const char* what, const std::string& detail = {}) {
  std::fprintf(stderr, "fuzz_wire_texts: %s %s\n", what, detail.c_str());
  std::abort();
}

void check_error(const core::Error& error, std::string_view family) {
  if (!error.code.starts_with(family)) fail("error code of another family", error.code);
  if (error.message.vi.empty() || error.message.en.empty()) fail("message missing", error.code);
}

const crypto::SigningKeyPair& fixed_keys() {
  static const crypto::SigningKeyPair keys =
      crypto::signing_key_pair_from_seed(crypto::SecretBytes::copy_of(crypto::Bytes(32, 0x07)))
          .value();
  return keys;
}

void fuzz_receipt(std::string_view text) {
  auto receipt = wire::parse_receipt(crypto::as_bytes(text));
  if (!receipt) return check_error(receipt.error(), "receipt.");
  if (wire::receipt_text(receipt.value()) != text) fail("receipt not written back");
  auto verified = wire::verify_receipt(receipt.value(), fixed_keys().public_key,
                                       receipt.value().submission_id, "{}");
  if (!verified) check_error(verified.error(), "receipt.");
}

void fuzz_authorization(std::string_view text) {
  auto authorization = wire::parse_agency_authorization(text);
  if (!authorization) return check_error(authorization.error(), "agency_auth.");
  if (!wire::is_agency_code(authorization.value().agency)) fail("bad agency code accepted");
  auto verified = wire::verify_agency_request(authorization.value(), fixed_keys().public_key,
                                              {"GET", "/api/v1/agency/submissions", ""},
                                              authorization.value().unix_time);
  if (!verified) check_error(verified.error(), "agency_auth.");
}

void fuzz_key_files(std::string_view text) {
  auto keys = wire::parse_public_keys(text);
  if (!keys) return check_error(keys.error(), "keys.");
  auto again = wire::parse_public_keys(wire::public_keys_text(keys.value()));
  if (!again || !(again.value() == keys.value())) fail("public keys not written back");
}

void fuzz_secrets(std::string_view text) {
  auto agency = wire::parse_agency_secret(text);
  if (agency) {
    auto again = wire::parse_agency_secret(wire::agency_secret_text(agency.value()));
    if (!again || again.value().box.public_key != agency.value().box.public_key ||
        again.value().signing.public_key != agency.value().signing.public_key) {
      fail("agency secret not written back");
    }
  } else {
    check_error(agency.error(), "keys.");
  }
  auto server = wire::parse_server_secret(text);
  if (!server) check_error(server.error(), "keys.");
}

void fuzz_filing_payload(std::string_view bytes) {
  auto answers = wire::decode_filing_payload(crypto::as_bytes(bytes));
  if (!answers) return check_error(answers.error(), "filing_payload.");
  if (!answers.value().is_object()) fail("answers that are not an object accepted");
  auto encoded = wire::encode_filing_payload(answers.value());
  if (!encoded) fail("accepted answers not encoded", encoded.error().code);
  auto again = wire::decode_filing_payload(encoded.value());
  if (!again || again.value() != answers.value()) fail("answers not written back");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
  switch (data[0] % 5) {
    case 0:
      fuzz_receipt(text);
      break;
    case 1:
      fuzz_authorization(text);
      break;
    case 2:
      fuzz_key_files(text);
      break;
    case 3:
      fuzz_secrets(text);
      break;
    default:
      fuzz_filing_payload(text);
      break;
  }
  return 0;
}
