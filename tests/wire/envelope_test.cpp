// Envelope v1: the documented example byte for byte; what is built reads back
// byte for byte; any change breaks a signature; only the agency opens the
// payload, and only in its own envelope; volunteer blocks cannot be forged;
// text that is not canonical, and input beyond the limits, is refused with a
// code that says why and the member where.
#include "wire/envelope.h"

#include <catch2/catch.hpp>
#include <functional>
#include <string>
#include <vector>

#include "crypto/encoding.h"
#include "crypto/hash.h"
#include "crypto/sealed_box.h"
#include "crypto/signing.h"

using namespace tokhai;
using namespace tokhai::wire;
using crypto::as_bytes;
using crypto::Bytes;
using crypto::SecretBytes;

namespace {

// The example of ARCHITECTURE.md ("Envelope v1"): keys from the seeds 32×0x01
// (applicant), 32×0x02 (volunteer) and 32×0x03 (agency), the payload below
// sealed once (sealing is randomised, so the box is fixed here), signed.
constexpr std::string_view kExamplePayload = R"({"full_name":"Lê Thị Mai"})";
constexpr std::string_view kExampleSealedBox =
    "QMPKUOjVT+CgFCponantxWBEJuvKHi8rEA8yrIybqlObe6mFZfxace2wwN+Dh9hjFvcpzwpuz3k7UfpfGll2o+"
    "oefVAaWf0XzSls/0ZPyOSQsq89g750zrwznH4lF7R9hwWFCx01ryJ+GthEgxOoLjNkFtGHeFW7BxX7rR+"
    "5Jes3JwNxUEpu7OC8PnZUH/B1iwr6DdkBSA==";
constexpr std::string_view kExampleEnvelope =
    R"({"applicant_public_key":"iojj3XQJ8ZX9UtstPLpdcspnCb8dlBIb83SIAbQPb1w=",)"
    R"("assisted_by":{"name":"Nguyễn Văn An","public_key":"gTl3Dqh9F19Wo1Rmw0x+zMuNipG07jeiXfYPW4/Js5Q="},)"
    R"("attachments":[{"field":"health_certificate","media_type":"image/jpeg",)"
    R"("sha256":"ac9ff383fd05aa574518dc130f3e776f3388ad931afeb1a00aef26da59a79b4e","size_bytes":48213}],)"
    R"("created_at":"2025-07-01T08:30:00Z",)"
    R"("form":{"definition_sha256":"f1dab8ab2afe4bd2536ad3df27bf3164c967d7c1374a2ec5bc6fcaa3ac6848db",)"
    R"("id":"gplx.doi","version":"2025.1"},)"
    R"("format":"tokhai-envelope/1","id":"5f0c9a2e7b3d41c8a6e2d9f0b4c7a1e3",)"
    R"("payload":{"sealed_box":"QMPKUOjVT+CgFCponantxWBEJuvKHi8rEA8yrIybqlObe6mFZfxace2wwN+Dh9hjFvcpzwpuz3k7UfpfGll2o+)"
    R"(oefVAaWf0XzSls/0ZPyOSQsq89g750zrwznH4lF7R9hwWFCx01ryJ+GthEgxOoLjNkFtGHeFW7BxX7rR+)"
    R"(5Jes3JwNxUEpu7OC8PnZUH/B1iwr6DdkBSA==","sealed_to":"deJw3ylSxXuoNnuoYYwXj5/lDbJ5nTBOdOkY2YVoYUY="},)"
    R"("signatures":{"applicant":"3PUc8ADwhn4Bn8V92Mtma9EDAL2Ol/AgRnKUCkLeVX+lJ+6O1+80wMK2y4/3KW3XSPBW8QSy6hyTWKSjQ94JAg==",)"
    R"("assisted_by":"iLCJ0pY0CZIRp8V9B6OU96bYqD8unS02Z2qlzM1w28FiSqpszaSXCAowwY7qlELy5KgXHSf0QQFVSNcZ9KpcDQ=="}})";

crypto::SigningKeyPair signing_keys(unsigned char fill) {
  return crypto::signing_key_pair_from_seed(SecretBytes::copy_of(Bytes(32, fill))).value();
}

crypto::BoxKeyPair box_keys(unsigned char fill) {
  return crypto::box_key_pair_from_seed(SecretBytes::copy_of(Bytes(32, fill))).value();
}

Bytes sha256_of(std::string_view text) {
  const crypto::Sha256Digest digest = crypto::sha256(as_bytes(text));
  return Bytes(digest.begin(), digest.end());
}

struct Keys {
  crypto::SigningKeyPair applicant = signing_keys(0x01);
  crypto::SigningKeyPair volunteer = signing_keys(0x02);
  crypto::BoxKeyPair agency = box_keys(0x03);
  Volunteer helper{"Nguyễn Văn An", volunteer};
};

EnvelopeContent example_content(const Keys& keys) {
  EnvelopeContent content;
  content.id = "5f0c9a2e7b3d41c8a6e2d9f0b4c7a1e3";
  content.form = {
      "gplx.doi", "2025.1",
      crypto::from_hex("f1dab8ab2afe4bd2536ad3df27bf3164c967d7c1374a2ec5bc6fcaa3ac6848db").value()};
  content.created_at = "2025-07-01T08:30:00Z";
  content.agency_public_key = keys.agency.public_key;
  content.attachments.push_back(
      {"health_certificate", "image/jpeg", sha256_of("giấy khám sức khỏe"), 48213});
  return content;
}

// The example envelope as sign_envelope makes it from its parts.
Envelope example_envelope(const Keys& keys) {
  const EnvelopeContent content = example_content(keys);
  Envelope unsigned_envelope;
  unsigned_envelope.id = content.id;
  unsigned_envelope.form = content.form;
  unsigned_envelope.created_at = content.created_at;
  unsigned_envelope.attachments = content.attachments;
  unsigned_envelope.sealed_to = content.agency_public_key;
  unsigned_envelope.sealed_box = crypto::from_base64(kExampleSealedBox).value();
  return sign_envelope(std::move(unsigned_envelope), keys.applicant, &keys.helper).value();
}

// "ok", or the error's code and where: "envelope.bad_value@created_at". Every
// error must carry both messages.
template <class T>
std::string outcome(const Result<T>& result) {
  if (result.ok()) return "ok";
  CHECK_FALSE(result.error().message.vi.empty());
  CHECK_FALSE(result.error().message.en.empty());
  return result.error().code + "@" + result.error().where;
}

std::string parse_outcome(std::string_view text) { return outcome(parse_envelope(as_bytes(text))); }

// `text` with its one occurrence of `from` replaced by `to`.
std::string replaced(std::string_view text, std::string_view from, std::string_view to) {
  const std::size_t at = text.find(from);
  REQUIRE(at != std::string_view::npos);
  REQUIRE(text.find(from, at + 1) == std::string_view::npos);
  std::string result(text);
  result.replace(at, from.size(), to);
  return result;
}

// The applicant's signature made by hand, as envelope.h documents it.
Bytes applicant_signature(const Keys& keys, const Envelope& envelope) {
  Bytes message = crypto::to_bytes("tokhai-envelope/1 applicant");
  message.push_back(0);
  const Bytes signed_bytes = crypto::to_bytes(envelope_signed_text(envelope));
  message.insert(message.end(), signed_bytes.begin(), signed_bytes.end());
  return crypto::sign_detached(keys.applicant.secret_key, message);
}

}  // namespace

TEST_CASE("the documented example is reproduced byte for byte, verifies and opens") {
  const Keys keys;
  const Envelope envelope = example_envelope(keys);
  CHECK(envelope_text(envelope) == kExampleEnvelope);
  CHECK(envelope_signed_text(envelope) ==
        std::string(kExampleEnvelope.substr(0, kExampleEnvelope.find(R"(,"signatures":)"))) + "}");

  auto parsed = parse_envelope(as_bytes(kExampleEnvelope));
  REQUIRE(parsed.ok());
  CHECK(parsed.value() == envelope);
  CHECK(verify_envelope(parsed.value()).ok());
  auto opened = open_envelope_payload(parsed.value(), keys.agency);
  REQUIRE(opened.ok());
  CHECK(opened.value().as_text() == kExamplePayload);
}

TEST_CASE("what build_envelope makes reads back byte for byte, verifies and opens") {
  const Keys keys;
  EnvelopeContent content = example_content(keys);
  content.id = new_submission_id();
  CHECK(content.id.size() == 32);
  CHECK(content.id != new_submission_id());

  SECTION("without a volunteer and without attachments") { content.attachments.clear(); }
  SECTION("with three attachments") {
    content.attachments.push_back({"id_card_front", "image/png", sha256_of("front"), 1});
    content.attachments.push_back(
        {"id_card_back", "application/pdf", sha256_of("back"), kMaxAttachmentBytes});
  }
  for (const Volunteer* volunteer : {static_cast<const Volunteer*>(nullptr), &keys.helper}) {
    auto built = build_envelope(content, as_bytes(kExamplePayload), keys.applicant, volunteer);
    REQUIRE(built.ok());
    CHECK(built.value().assisted_by.has_value() == (volunteer != nullptr));
    const std::string text = envelope_text(built.value());
    auto parsed = parse_envelope(as_bytes(text));
    REQUIRE(parsed.ok());
    CHECK(parsed.value() == built.value());
    CHECK(envelope_text(parsed.value()) == text);
    CHECK(verify_envelope(parsed.value()).ok());
    auto opened = open_envelope_payload(parsed.value(), keys.agency);
    REQUIRE(opened.ok());
    CHECK(opened.value().as_text() == kExamplePayload);
  }
}

TEST_CASE("an empty payload and the largest envelope the limits allow both work") {
  const Keys keys;
  EnvelopeContent content = example_content(keys);
  auto empty = build_envelope(content, {}, keys.applicant);
  REQUIRE(empty.ok());
  auto opened = open_envelope_payload(empty.value(), keys.agency);
  REQUIRE(opened.ok());
  CHECK(opened.value().empty());

  content.form.id = std::string(63, 'a') + "1";
  content.form.version = std::string(32, 'V');
  content.attachments.assign(
      kMaxAttachments, {std::string(64, 'f'), std::string(63, 'a') + "/" + std::string(63, 'b'),
                        sha256_of("x"), kMaxAttachmentBytes});
  // A 256-byte name of 128 two-byte letters ("Đ").
  std::string name;
  for (std::size_t i = 0; i < kMaxVolunteerNameBytes / 2; ++i) name += "Đ";
  const Volunteer longest{name, keys.volunteer};
  const Bytes payload(kMaxPayloadBytes, '7');
  auto largest = build_envelope(content, payload, keys.applicant, &longest);
  REQUIRE(largest.ok());
  const std::string text = envelope_text(largest.value());
  CHECK(text.size() <= kMaxEnvelopeBytes);
  auto parsed = parse_envelope(as_bytes(text));
  REQUIRE(parsed.ok());
  CHECK(verify_envelope(parsed.value()).ok());
  CHECK(open_envelope_payload(parsed.value(), keys.agency).value().size() == kMaxPayloadBytes);
}

TEST_CASE("changing any member after signing breaks a signature") {
  const Keys keys;
  const Envelope original = example_envelope(keys);
  const std::vector<std::function<void(Envelope&)>> changes = {
      [](Envelope& e) { e.id[0] = 'a'; },
      [](Envelope& e) { e.form.id = "gplx.cap-lai"; },
      [](Envelope& e) { e.form.version = "2025.2"; },
      [](Envelope& e) { e.form.definition_sha256[31] ^= 1; },
      [](Envelope& e) { e.created_at = "2025-07-01T08:30:01Z"; },
      [](Envelope& e) { e.applicant_public_key = signing_keys(0x09).public_key; },
      [](Envelope& e) { e.assisted_by->name = "Nguyễn Văn Ân"; },
      [](Envelope& e) { e.assisted_by->public_key = signing_keys(0x09).public_key; },
      [](Envelope& e) {
        e.assisted_by.reset();
        e.signatures.assisted_by.clear();
      },
      [](Envelope& e) { e.attachments.clear(); },
      [](Envelope& e) { e.attachments.push_back(e.attachments[0]); },
      [](Envelope& e) { e.attachments[0].field = "photo"; },
      [](Envelope& e) { e.attachments[0].media_type = "image/png"; },
      [](Envelope& e) { e.attachments[0].sha256[0] ^= 0x80; },
      [](Envelope& e) { e.attachments[0].size_bytes += 1; },
      [](Envelope& e) { e.sealed_to = box_keys(0x09).public_key; },
      [](Envelope& e) { e.sealed_box[60] ^= 1; },
      [](Envelope& e) { std::swap(e.signatures.applicant, e.signatures.assisted_by); },
      [](Envelope& e) { e.signatures.applicant[5] ^= 1; },
      [](Envelope& e) { e.signatures.assisted_by[63] ^= 0x10; },
  };
  for (std::size_t i = 0; i < changes.size(); ++i) {
    CAPTURE(i);
    Envelope changed = original;
    changes[i](changed);
    const std::string text = envelope_text(changed);
    REQUIRE(text != kExampleEnvelope);
    auto parsed = parse_envelope(as_bytes(text));
    REQUIRE(parsed.ok());  // still well formed: only the signatures can tell
    CHECK(outcome(verify_envelope(parsed.value())).starts_with("envelope.bad_signature@"));
    CHECK_FALSE(open_envelope_payload(parsed.value(), keys.agency).ok());
  }
}

TEST_CASE("no single changed byte of an envelope is both well formed and verified") {
  const std::string original(kExampleEnvelope);
  for (std::size_t at = 0; at < original.size(); ++at) {
    for (unsigned char flip : {0x01, 0x20}) {
      std::string text = original;
      text[at] = static_cast<char>(static_cast<unsigned char>(text[at]) ^ flip);
      auto parsed = parse_envelope(as_bytes(text));
      if (parsed.ok()) {
        CAPTURE(at, text);
        CHECK_FALSE(verify_envelope(parsed.value()).ok());
      }
    }
  }
}

TEST_CASE("only the agency the payload was sealed to opens it, and only in its envelope") {
  const Keys keys;
  const Envelope envelope = example_envelope(keys);

  CHECK(outcome(open_envelope_payload(envelope, box_keys(0x04))) ==
        "envelope.wrong_agency_key@payload.sealed_to");

  // A key pair that claims the agency's public key without its secret key.
  crypto::BoxKeyPair impostor = box_keys(0x04);
  impostor.public_key = keys.agency.public_key;
  CHECK(outcome(open_envelope_payload(envelope, impostor)) ==
        "envelope.payload_damaged@payload.sealed_box");

  // Someone who copies the sealed box into an envelope of their own, or the
  // applicant into another submission: it verifies, but does not open there.
  Envelope lifted = envelope;
  lifted.assisted_by.reset();
  auto theirs = sign_envelope(lifted, signing_keys(0x05));
  REQUIRE(theirs.ok());
  REQUIRE(verify_envelope(theirs.value()).ok());
  CHECK(outcome(open_envelope_payload(theirs.value(), keys.agency)) ==
        "envelope.payload_damaged@payload.sealed_box");
  lifted.id = "00000000000000000000000000000001";
  auto other_id = sign_envelope(lifted, keys.applicant);
  REQUIRE(other_id.ok());
  CHECK(outcome(open_envelope_payload(other_id.value(), keys.agency)) ==
        "envelope.payload_damaged@payload.sealed_box");

  // The applicant re-signs a box whose bytes changed.
  Envelope altered = envelope;
  altered.sealed_box.back() ^= 1;
  auto resigned = sign_envelope(altered, keys.applicant, &keys.helper);
  REQUIRE(resigned.ok());
  CHECK(outcome(open_envelope_payload(resigned.value(), keys.agency)) ==
        "envelope.payload_damaged@payload.sealed_box");
}

TEST_CASE("a volunteer block the volunteer did not sign is refused") {
  const Keys keys;
  const Envelope envelope = example_envelope(keys);
  const crypto::SigningKeyPair mallory = signing_keys(0x06);

  SECTION("the applicant names a volunteer and signs with a key of their own making") {
    const Volunteer pretend{"Nguyễn Văn An", mallory};
    Envelope forged = sign_envelope(envelope, keys.applicant, &pretend).value();
    forged.assisted_by->public_key = keys.volunteer.public_key;
    forged.signatures.applicant = applicant_signature(keys, forged);
    REQUIRE(parse_envelope(as_bytes(envelope_text(forged))).ok());
    CHECK(outcome(verify_envelope(forged)) == "envelope.bad_signature@signatures.assisted_by");
  }
  SECTION("the volunteer's signature is copied from another filing they helped with") {
    EnvelopeContent other = example_content(keys);
    other.id = new_submission_id();
    const Envelope helped = build_envelope(other, {}, keys.applicant, &keys.helper).value();
    Envelope forged = envelope;
    forged.created_at = "2025-07-02T09:00:00Z";
    forged.signatures.applicant = applicant_signature(keys, forged);
    forged.signatures.assisted_by = helped.signatures.assisted_by;
    CHECK(outcome(verify_envelope(forged)) == "envelope.bad_signature@signatures.assisted_by");
  }
  SECTION("the name is changed and the applicant signs again") {
    Envelope forged = envelope;
    forged.assisted_by->name = "Trần Văn Bảo";
    forged.signatures.applicant = applicant_signature(keys, forged);
    CHECK(outcome(verify_envelope(forged)) == "envelope.bad_signature@signatures.assisted_by");
  }
  SECTION("the volunteer's key signed as an applicant, not as a volunteer") {
    Envelope forged = envelope;
    Bytes message = crypto::to_bytes("tokhai-envelope/1 applicant");
    message.push_back(0);
    const Bytes signed_bytes = crypto::to_bytes(envelope_signed_text(forged));
    message.insert(message.end(), signed_bytes.begin(), signed_bytes.end());
    forged.signatures.assisted_by = crypto::sign_detached(keys.volunteer.secret_key, message);
    CHECK(outcome(verify_envelope(forged)) == "envelope.bad_signature@signatures.assisted_by");
  }
  SECTION("a block without its signature, or a signature without its block") {
    const std::string text(kExampleEnvelope);
    const std::size_t volunteer_signature = text.find(R"(,"assisted_by":"iLCJ)");
    const std::string without_signature =
        text.substr(0, volunteer_signature) + text.substr(text.find("=\"}}") + 2);
    CHECK(parse_outcome(without_signature) == "envelope.missing_member@signatures.assisted_by");
    const std::size_t block = text.find(R"("assisted_by":{)");
    const std::string without_block =
        text.substr(0, block) + text.substr(text.find(R"("attachments")"));
    CHECK(parse_outcome(without_block) == "envelope.unknown_member@signatures.assisted_by");
  }
  SECTION("the applicant cannot be their own volunteer") {
    const Volunteer self{"Lê Thị Mai", keys.applicant};
    CHECK(outcome(build_envelope(example_content(keys), {}, keys.applicant, &self)) ==
          "envelope.bad_value@assisted_by.public_key");
  }
}

TEST_CASE("text that is not the canonical envelope is refused with the reason") {
  const std::string text(kExampleEnvelope);
  REQUIRE(parse_outcome(text) == "ok");

  // Whitespace, order, duplicates, numbers and escapes.
  CHECK(parse_outcome(text + "\n") == "envelope.not_canonical@byte 1091");
  CHECK(parse_outcome(" " + text) == "envelope.not_canonical@byte 0");
  CHECK(parse_outcome("\xef\xbb\xbf" + text) == "envelope.not_canonical@byte 0");
  CHECK(parse_outcome(replaced(text, R"("created_at":)", R"("created_at": )")) ==
        "envelope.not_canonical@byte 354");
  CHECK(parse_outcome(replaced(text, R"("size_bytes":48213)", R"("size_bytes":48213.0)")) ==
        "envelope.not_canonical@attachments[0].size_bytes");
  CHECK(parse_outcome(replaced(text, R"("size_bytes":48213)", R"("size_bytes":4.8213e4)")) ==
        "envelope.not_canonical@attachments[0].size_bytes");
  CHECK(parse_outcome(replaced(text, R"("size_bytes":48213)", R"("size_bytes":-48213)")) ==
        "envelope.not_canonical@attachments[0].size_bytes");
  CHECK(parse_outcome(
            replaced(text, R"("name":"Nguyễn Văn An")", R"("name":"Nguy\u1ec5n Văn An")")) ==
        "envelope.not_canonical@byte 98");
  CHECK(parse_outcome(replaced(text, "Nguyễn", "Nguye\xcc\x82\xcc\x83n")) ==  // NFD
        "envelope.not_canonical@assisted_by.name");
  CHECK(parse_outcome(replaced(text, R"("format":"tokhai-envelope/1",)", "")
                          .insert(1, R"("format":"tokhai-envelope/1",)")) ==
        "envelope.not_canonical@applicant_public_key");
  CHECK(parse_outcome(replaced(text, R"("id":"5f0c)",
                               R"("id":"5f0c9a2e7b3d41c8a6e2d9f0b4c7a1e3","id":"5f0c)")) ==
        "envelope.duplicate_member@id");

  // Members and types.
  CHECK(parse_outcome(replaced(text, R"("created_at":)", R"("comment":"x","created_at":)")) ==
        "envelope.unknown_member@comment");
  CHECK(parse_outcome(
            replaced(text, R"(,"version":"2025.1")", R"(,"note":"x","version":"2025.1")")) ==
        "envelope.unknown_member@form.note");
  CHECK(parse_outcome(replaced(text, R"("created_at":"2025-07-01T08:30:00Z",)", "")) ==
        "envelope.missing_member@created_at");
  CHECK(parse_outcome(replaced(text, R"("size_bytes":48213)", R"("size_bytes":"48213")")) ==
        "envelope.wrong_type@attachments[0].size_bytes");
  CHECK(parse_outcome(replaced(replaced(text, R"("attachments":[)", R"("attachments":{"a":)"),
                               "}],", "}},")) == "envelope.wrong_type@attachments");
  const std::size_t block_end = text.find(R"(},"attachments")");
  CHECK(parse_outcome(text.substr(0, text.find(R"("assisted_by":{)")) + R"("assisted_by":null)" +
                      text.substr(block_end + 1)) == "envelope.wrong_type@assisted_by");

  // Encodings.
  CHECK(parse_outcome(replaced(text, "ac9ff383", "AC9FF383")) ==
        "envelope.bad_encoding@attachments[0].sha256");
  CHECK(parse_outcome(replaced(text, "gTl3Dqh9F19Wo1Rmw0x+zMuNipG07jeiXfYPW4/Js5Q=",
                               "gTl3Dqh9F19Wo1Rmw0x-zMuNipG07jeiXfYPW4_Js5Q=")) ==
        "envelope.bad_encoding@assisted_by.public_key");
  CHECK(parse_outcome(replaced(text, "Pb1w=", "Pb1w")) ==
        "envelope.bad_encoding@applicant_public_key");
  CHECK(parse_outcome(replaced(text, "Pb1w=", "Pb1x=")) ==  // unused bits not zero
        "envelope.bad_encoding@applicant_public_key");
  CHECK(parse_outcome(replaced(text, "Pb1w=", "Pb1w==")) ==
        "envelope.bad_encoding@applicant_public_key");

  // Values.
  for (std::string_view created_at :
       {"2025-07-01T08:30:00.000Z", "2025-07-01T08:30:00+07:00", "2025-07-01 08:30:00Z",
        "2025-02-29T08:30:00Z", "2025-07-01T24:00:00Z", "2025-07-01T08:60:00Z",
        "2025-07-01T08:30:60Z", "2025-7-01T08:30:00Z"}) {
    CAPTURE(created_at);
    CHECK(parse_outcome(replaced(text, "2025-07-01T08:30:00Z", created_at)) ==
          "envelope.bad_value@created_at");
  }
  CHECK(parse_outcome(replaced(text, "2025-07-01T08:30:00Z", "2024-02-29T23:59:59Z")) == "ok");
  CHECK(parse_outcome(replaced(text, R"("id":"5f0c9a2e7b3d41c8a6e2d9f0b4c7a1e3")",
                               R"("id":"5F0C9A2E7B3D41C8A6E2D9F0B4C7A1E3")")) ==
        "envelope.bad_value@id");
  CHECK(parse_outcome(replaced(text, R"("id":"gplx.doi")", R"("id":"GPLX.doi")")) ==
        "envelope.bad_value@form.id");
  CHECK(parse_outcome(replaced(text, R"("image/jpeg")", R"("image/JPEG")")) ==
        "envelope.bad_value@attachments[0].media_type");
  CHECK(parse_outcome(replaced(text, R"("size_bytes":48213)", R"("size_bytes":0)")) ==
        "envelope.bad_value@attachments[0].size_bytes");
  CHECK(parse_outcome(replaced(text, "iojj3XQJ8ZX9UtstPLpdcspnCb8dlBIb83SIAbQPb1w=",
                               std::string(32, 'A'))) == "envelope.bad_value@applicant_public_key");

  // Not an envelope of this version.
  CHECK(parse_outcome(replaced(text, R"("tokhai-envelope/1")", R"("tokhai-envelope/2")")) ==
        "envelope.format@tokhai-envelope/2");
  CHECK(parse_outcome(R"({"format":"tokhai-vault-export/1"})") == "envelope.format@");
  CHECK(parse_outcome("{\n  \"format\": \"tokhai-form/1\"\n}") == "envelope.format@");
  CHECK(parse_outcome("[]") == "envelope.format@");
  CHECK(parse_outcome(text.substr(0, 500)) == "envelope.not_json@");
  CHECK(parse_outcome("") == "envelope.not_json@");
}

TEST_CASE("limits: total size, attachments, string lengths, nesting, payload") {
  const Keys keys;
  const std::string text(kExampleEnvelope);
  CHECK(parse_outcome(std::string(kMaxEnvelopeBytes + 1, ' ')) == "envelope.too_large@bytes");
  CHECK(parse_outcome(replaced(text, R"("attachments":[)", R"("attachments":[[[]],)")) ==
        "envelope.too_deep@nesting");
  std::string many_tokens = text;
  std::string empty_objects;
  for (int i = 0; i < 1000; ++i) empty_objects += "{},";
  many_tokens.insert(many_tokens.find(R"("attachments":[)") + 15, empty_objects);
  CHECK(parse_outcome(many_tokens) == "envelope.too_large@tokens");

  EnvelopeContent content = example_content(keys);
  const AttachmentEntry entry = content.attachments[0];  // not a reference into the vector
  content.attachments.assign(kMaxAttachments + 1, entry);
  CHECK(outcome(build_envelope(content, {}, keys.applicant)) == "envelope.too_large@attachments");
  Envelope over = example_envelope(keys);
  over.attachments.assign(kMaxAttachments + 1, entry);
  CHECK(parse_outcome(envelope_text(over)) == "envelope.too_large@attachments");

  content = example_content(keys);
  content.attachments[0].size_bytes = kMaxAttachmentBytes + 1;
  CHECK(outcome(build_envelope(content, {}, keys.applicant)) ==
        "envelope.too_large@attachments[0].size_bytes");
  content = example_content(keys);
  content.form.id = std::string(65, 'a');
  CHECK(outcome(build_envelope(content, {}, keys.applicant)) == "envelope.too_large@form.id");
  content = example_content(keys);
  content.attachments[0].media_type = "image/" + std::string(122, 'a');
  CHECK(outcome(build_envelope(content, {}, keys.applicant)) ==
        "envelope.too_large@attachments[0].media_type");

  const Volunteer long_name{std::string(kMaxVolunteerNameBytes + 1, 'A'), keys.volunteer};
  CHECK(outcome(build_envelope(example_content(keys), {}, keys.applicant, &long_name)) ==
        "envelope.too_large@assisted_by.name");
  Envelope long_named = example_envelope(keys);
  long_named.assisted_by->name = long_name.name;
  CHECK(parse_outcome(envelope_text(long_named)) == "envelope.too_large@assisted_by.name");

  CHECK(outcome(build_envelope(example_content(keys), Bytes(kMaxPayloadBytes + 1),
                               keys.applicant)) == "envelope.too_large@payload");
  Envelope big_box = example_envelope(keys);
  big_box.sealed_box.resize(kMaxPayloadBytes + 200);
  CHECK(parse_outcome(envelope_text(big_box)) == "envelope.too_large@payload.sealed_box");
  Envelope small_box = example_envelope(keys);
  small_box.sealed_box.resize(100);
  CHECK(parse_outcome(envelope_text(small_box)) == "envelope.bad_value@payload.sealed_box");
}

TEST_CASE("the builder refuses what a reader would refuse") {
  const Keys keys;
  const auto build = [&](const std::function<void(EnvelopeContent&)>& change,
                         const Volunteer* volunteer = nullptr) {
    EnvelopeContent content = example_content(keys);
    change(content);
    return outcome(build_envelope(content, as_bytes("{}"), keys.applicant, volunteer));
  };
  CHECK(build([](EnvelopeContent& c) { c.id = "5f0c"; }) == "envelope.bad_value@id");
  CHECK(build([](EnvelopeContent& c) { c.form.id = "gplx..doi-"; }) ==
        "envelope.bad_value@form.id");
  CHECK(build([](EnvelopeContent& c) { c.form.version = "2025 1"; }) ==
        "envelope.bad_value@form.version");
  CHECK(build([](EnvelopeContent& c) { c.form.definition_sha256.pop_back(); }) ==
        "envelope.bad_value@form.definition_sha256");
  CHECK(build([](EnvelopeContent& c) { c.created_at = "01/07/2025"; }) ==
        "envelope.bad_value@created_at");
  CHECK(build([](EnvelopeContent& c) { c.attachments[0].field = "Giay"; }) ==
        "envelope.bad_value@attachments[0].field");
  for (std::string_view media_type : {"image", "image/", "/jpeg", "image/jpeg; q=1", "ảnh/jpeg"}) {
    CAPTURE(media_type);
    CHECK(build([&](EnvelopeContent& c) { c.attachments[0].media_type = media_type; }) ==
          "envelope.bad_value@attachments[0].media_type");
  }
  CHECK(build([](EnvelopeContent& c) { c.attachments[0].sha256.pop_back(); }) ==
        "envelope.bad_value@attachments[0].sha256");
  CHECK(build([](EnvelopeContent& c) { c.agency_public_key.pop_back(); }) ==
        "envelope.bad_value@payload.sealed_to");
  CHECK(build([](EnvelopeContent& c) { c.agency_public_key = Bytes(32); }) ==  // low order
        "envelope.bad_value@payload.sealed_to");
  for (std::string_view name :
       {"", " An", "An ", "Nguyễn  An", "Nguyễn\tAn", "An\x7f", "Nguye\xcc\x82\xcc\x83n", "\xff"}) {
    CAPTURE(name);
    const Volunteer volunteer{std::string(name), keys.volunteer};
    CHECK(build([](EnvelopeContent&) {}, &volunteer) == "envelope.bad_value@assisted_by.name");
  }
}
