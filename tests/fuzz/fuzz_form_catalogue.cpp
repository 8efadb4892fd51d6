// fuzz_form_catalogue: the server's signed form catalogue
// (wire/form_catalogue_document.h) on any bytes, as the app reads what the
// network brings: parse_form_catalogue, then verify_form_catalogue with a
// fixed key for what it accepts; then the accepted document signed again with
// that key, which must read back and verify.
// Seeds (corpus/form_catalogue) are catalogues signed by the key of
// tests/wire/form_catalogue_document_test.cpp (a seed of 32 bytes 0x07).
// A bug is reported by abort(): an error code outside form_catalogue.*, an
// error without both messages, an accepted text that is not written back byte
// for byte, or a document signed again that does not read back or verify.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "crypto/signing.h"
#include "wire/form_catalogue_document.h"

namespace {

using namespace tokhai;

[[noreturn]] void fail(const char* what, const std::string& detail = {}) {
  std::fprintf(stderr, "fuzz_form_catalogue: %s %s\n", what, detail.c_str());
  std::abort();
}

void check_error(const core::Error& error) {
  if (!error.code.starts_with("form_catalogue.")) fail("error code of another family", error.code);
  if (error.message.vi.empty() || error.message.en.empty()) fail("message missing", error.code);
}

const crypto::SigningKeyPair& fixed_keys() {
  static const crypto::SigningKeyPair keys =
      crypto::signing_key_pair_from_seed(crypto::SecretBytes::copy_of(crypto::Bytes(32, 0x07)))
          .value();
  return keys;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto document = wire::parse_form_catalogue(crypto::as_bytes(text));
  if (!document) {
    check_error(document.error());
    return 0;
  }
  if (wire::form_catalogue_text(document.value()) != text) fail("catalogue not written back");
  auto verified = wire::verify_form_catalogue(document.value(), fixed_keys().public_key);
  if (!verified) check_error(verified.error());

  auto signed_again = wire::sign_form_catalogue(document.value(), fixed_keys());
  if (!signed_again) fail("an accepted catalogue does not sign", signed_again.error().code);
  const std::string again = wire::form_catalogue_text(signed_again.value());
  auto read_again = wire::parse_form_catalogue(crypto::as_bytes(again));
  if (!read_again) fail("a signed catalogue does not read back", read_again.error().code);
  if (!wire::verify_form_catalogue(read_again.value(), fixed_keys().public_key)) {
    fail("a signed catalogue does not verify");
  }
  return 0;
}
