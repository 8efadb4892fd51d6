// Form catalogue v1: what the server signs reads back byte for byte and
// verifies with its key only; any change to a member, another key, or a
// damaged or foreign text is refused with a form_catalogue.* code.
#include "wire/form_catalogue_document.h"

#include <catch2/catch.hpp>
#include <string>

#include "core/text_file.h"
#include "crypto/encoding.h"
#include "crypto/hash.h"
#include "crypto/signing.h"

using namespace tokhai;
using namespace tokhai::wire;
using crypto::as_bytes;
using crypto::Bytes;
using crypto::SecretBytes;

namespace {

crypto::SigningKeyPair signing_keys(unsigned char fill) {
  return crypto::signing_key_pair_from_seed(SecretBytes::copy_of(Bytes(32, fill))).value();
}

Bytes sha256_of(std::string_view text) {
  const crypto::Sha256Digest digest = crypto::sha256(as_bytes(text));
  return Bytes(digest.begin(), digest.end());
}

FormCatalogueDocument unsigned_document() {
  FormCatalogueDocument document;
  document.issued_at = "2026-12-03T08:00:00Z";
  document.serial = 7;
  // Out of order on purpose: signing sorts them.
  document.forms.push_back({"ho-tich.khai-tu", "2024.1", sha256_of("b"), 1200, "2024-07-01"});
  document.forms.push_back({"ho-tich.khai-sinh", "2026.1", sha256_of("a"), 3400, "2026-12-01"});
  return document;
}

std::string code_of(const Result<FormCatalogueDocument>& result) {
  return result ? "" : result.error().code;
}

}  // namespace

TEST_CASE("a signed form catalogue reads back byte for byte and verifies with the server key") {
  const auto server = signing_keys(0x07);
  const FormCatalogueDocument document = sign_form_catalogue(unsigned_document(), server).value();
  REQUIRE(document.forms.size() == 2);
  CHECK(document.forms[0].id == "ho-tich.khai-sinh");
  const std::string text = form_catalogue_text(document);
  CHECK(text.starts_with(
      R"({"format":"tokhai-form-catalogue/1","forms":[{"definition_sha256":")" +
      crypto::to_hex(sha256_of("a")) +
      R"(","effective_date":"2026-12-01","id":"ho-tich.khai-sinh","size":3400,"version":"2026.1"},)"));
  CHECK(text.ends_with(R"("issued_at":"2026-12-03T08:00:00Z","serial":7,"signature":")" +
                       crypto::to_base64(document.signature) + R"("})"));
  auto parsed = parse_form_catalogue(as_bytes(text));
  REQUIRE(parsed);
  CHECK(parsed.value() == document);
  CHECK(form_catalogue_text(parsed.value()) == text);
  CHECK(verify_form_catalogue(parsed.value(), server.public_key));
}

TEST_CASE("a form catalogue signed by another key is refused") {
  const auto server = signing_keys(0x07);
  const auto impostor = signing_keys(0x08);
  const FormCatalogueDocument forged = sign_form_catalogue(unsigned_document(), impostor).value();
  const auto verified = verify_form_catalogue(forged, server.public_key);
  REQUIRE_FALSE(verified);
  CHECK(verified.error().code == "form_catalogue.bad_signature");
  CHECK_FALSE(verified.error().message.vi.empty());
  CHECK_FALSE(verify_form_catalogue(forged, Bytes{}));
}

TEST_CASE("a change to any signed member breaks the signature") {
  const auto server = signing_keys(0x07);
  const FormCatalogueDocument signed_document =
      sign_form_catalogue(unsigned_document(), server).value();
  auto tampered = [&](auto change) {
    FormCatalogueDocument copy = signed_document;
    change(copy);
    // Through the text, as the app receives it.
    auto parsed = parse_form_catalogue(as_bytes(form_catalogue_text(copy)));
    REQUIRE(parsed);
    return static_cast<bool>(verify_form_catalogue(parsed.value(), server.public_key));
  };
  CHECK_FALSE(tampered([](auto& d) { d.serial = 8; }));
  CHECK_FALSE(tampered([](auto& d) { d.issued_at = "2026-12-03T08:00:01Z"; }));
  CHECK_FALSE(tampered([](auto& d) { d.forms[0].version = "2026.2"; }));
  CHECK_FALSE(tampered([](auto& d) { d.forms[0].size_bytes = 3401; }));
  CHECK_FALSE(tampered([](auto& d) { d.forms[1].definition_sha256 = sha256_of("c"); }));
  CHECK_FALSE(tampered([](auto& d) { d.forms[1].effective_date = "2024-07-02"; }));
  CHECK_FALSE(tampered([](auto& d) { d.forms.pop_back(); }));
  CHECK(tampered([](auto&) {}));
}

TEST_CASE("damaged, foreign or out-of-shape catalogues are refused with a code") {
  const auto server = signing_keys(0x07);
  const std::string text =
      form_catalogue_text(sign_form_catalogue(unsigned_document(), server).value());
  auto parse = [](std::string_view candidate) { return parse_form_catalogue(as_bytes(candidate)); };

  CHECK(code_of(parse("")) == "form_catalogue.not_json");
  CHECK(code_of(parse("[]")) == "form_catalogue.wrong_type");
  CHECK(code_of(parse(R"({"format":"tokhai-receipt/1"})")) == "form_catalogue.format");
  const auto newer = parse(R"({"format":"tokhai-form-catalogue/2"})");
  CHECK(code_of(newer) == "form_catalogue.format");
  CHECK(newer.error().message.en.find("newer") != std::string::npos);
  CHECK(code_of(parse(" " + text)) == "form_catalogue.not_canonical");
  CHECK(code_of(parse(std::string(kMaxFormCatalogueBytes + 1, ' '))) == "form_catalogue.too_large");

  std::string extra = text;
  extra.insert(1, R"("extra":1,)");
  CHECK(code_of(parse(extra)) == "form_catalogue.unknown_member");

  std::string without_serial = text;
  const auto serial_at = without_serial.find(R"("serial":7,)");
  REQUIRE(serial_at != std::string::npos);
  without_serial.erase(serial_at, std::string_view(R"("serial":7,)").size());
  CHECK(code_of(parse(without_serial)) == "form_catalogue.missing_member");

  // A file name the app could be tricked into writing elsewhere.
  FormCatalogueDocument bad = unsigned_document();
  bad.forms[0].id = "../../vault";
  CHECK(sign_form_catalogue(bad, server).error().code == "form_catalogue.bad_value");
  bad = unsigned_document();
  bad.forms[0].size_bytes = 0;
  CHECK(sign_form_catalogue(bad, server).error().where == "forms[1].size");
  bad = unsigned_document();
  bad.forms[1] = bad.forms[0];
  CHECK(sign_form_catalogue(bad, server).error().code == "form_catalogue.duplicate");
  bad = unsigned_document();
  bad.forms[0].effective_date = "2024-02-30";
  CHECK(sign_form_catalogue(bad, server).error().code == "form_catalogue.bad_value");

  CHECK(is_catalogue_name("ho-tich.khai-sinh"));
  CHECK_FALSE(is_catalogue_name(".hidden"));
  CHECK_FALSE(is_catalogue_name("a/b"));
  CHECK_FALSE(is_catalogue_name(""));
  CHECK_FALSE(is_catalogue_name("Upper"));
}

TEST_CASE("the fuzzing seeds are catalogues signed with the test key") {
  const auto server = signing_keys(0x07);
  for (const char* name : {"empty", "new-version", "shipped-forms"}) {
    CAPTURE(name);
    const auto text = core::read_text_file(std::string("tests/fuzz/corpus/form_catalogue/") + name);
    REQUIRE(text);
    auto parsed = parse_form_catalogue(as_bytes(*text));
    REQUIRE(parsed);
    CHECK(verify_form_catalogue(parsed.value(), server.public_key));
  }
  for (const char* name : {"unsorted-forms", "duplicate-form"}) {
    CAPTURE(name);
    const auto text =
        core::read_text_file(std::string("tests/fuzz/regressions/form_catalogue/") + name);
    REQUIRE(text);
    CHECK_FALSE(parse_form_catalogue(as_bytes(*text)));
  }
}
