// The filing payload: the answers an agency opens are the answers the phone
// sealed, Vietnamese text and all; a typical birth registration travels in an
// envelope under 2 KB; anything that is not one complete raw DEFLATE stream of
// one JSON object, or that would inflate past the limit, is refused with a
// filing_payload.* code.
#include "wire/filing_payload.h"

#include <zlib.h>

#include <catch2/catch.hpp>
#include <string>

#include "core/json_text.h"
#include "core/text_file.h"
#include "crypto/sealed_box.h"
#include "crypto/signing.h"
#include "wire/envelope.h"

using namespace tokhai;
using namespace tokhai::wire;
using crypto::Bytes;

namespace {

nlohmann::json birth_answers() {
  auto text = core::read_text_file("tests/forms/ho-tich.khai-sinh/valid.answers.json");
  REQUIRE(text);
  nlohmann::json answers = core::parse_json_text(*text);
  REQUIRE(answers.is_object());
  return answers;
}

// Raw DEFLATE (or, with window_bits 15, a zlib stream) of any bytes: inputs
// the encoder would never make.
Bytes deflate_bytes(std::string_view text, int window_bits = -15) {
  z_stream z{};
  REQUIRE(deflateInit2(&z, 9, Z_DEFLATED, window_bits, 8, Z_DEFAULT_STRATEGY) == Z_OK);
  Bytes out(deflateBound(&z, static_cast<uLong>(text.size())));
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(text.data()));
  z.avail_in = static_cast<uInt>(text.size());
  z.next_out = out.data();
  z.avail_out = static_cast<uInt>(out.size());
  REQUIRE(deflate(&z, Z_FINISH) == Z_STREAM_END);
  out.resize(z.total_out);
  deflateEnd(&z);
  return out;
}

std::string code_of(const Result<nlohmann::json>& decoded) {
  REQUIRE_FALSE(decoded.ok());
  CHECK_FALSE(decoded.error().message.vi.empty());
  CHECK_FALSE(decoded.error().message.en.empty());
  return decoded.error().code;
}

crypto::SigningKeyPair applicant_keys() {
  return crypto::signing_key_pair_from_seed(crypto::SecretBytes::copy_of(Bytes(32, 0x01))).value();
}

crypto::BoxKeyPair agency_keys() {
  return crypto::box_key_pair_from_seed(crypto::SecretBytes::copy_of(Bytes(32, 0x03))).value();
}

}  // namespace

TEST_CASE("the agency reads back exactly the answers the phone sealed") {
  const nlohmann::json answers = birth_answers();
  auto encoded = encode_filing_payload(answers);
  REQUIRE(encoded);
  auto decoded = decode_filing_payload(encoded.value());
  REQUIRE(decoded);
  CHECK(decoded.value() == answers);
  CHECK(decoded.value()["child_birth_place"] == "Bệnh viện Sản - Nhi Vĩnh Phúc");
  // Field names repeat across answers: the deflated form is under half.
  CHECK(encoded.value().size() * 2 < answers.dump().size());

  const nlohmann::json empty = nlohmann::json::object();
  auto none = encode_filing_payload(empty);
  REQUIRE(none);
  CHECK(decode_filing_payload(none.value()).value() == empty);
}

TEST_CASE("a birth registration with both parents travels in under 2 KB") {
  const nlohmann::json answers = birth_answers();
  REQUIRE(answers.value("parents_known", "") == "ca-hai");
  auto payload = encode_filing_payload(answers);
  REQUIRE(payload);
  const crypto::SigningKeyPair applicant = applicant_keys();
  const crypto::BoxKeyPair agency = agency_keys();
  EnvelopeContent content;
  content.id = new_submission_id();
  content.form = {"ho-tich.khai-sinh", "2025.1", Bytes(kDefinitionHashBytes, 0xab)};
  content.created_at = "2026-12-03T08:30:00Z";
  content.agency_public_key = agency.public_key;
  auto envelope = build_envelope(content, payload.value(), applicant);
  REQUIRE(envelope);
  CHECK(envelope.value().sealed_box.size() == sealed_box_size(payload.value().size()));
  CHECK(envelope_text(envelope.value()).size() <= 2048);

  auto opened = open_envelope_payload(envelope.value(), agency);
  REQUIRE(opened);
  CHECK(decode_filing_payload(opened.value().view()).value() == answers);
}

TEST_CASE("only a JSON object within the size limit is encoded") {
  auto list = encode_filing_payload(nlohmann::json::array({1, 2}));
  REQUIRE_FALSE(list);
  CHECK(list.error().code == "filing_payload.not_object");

  nlohmann::json huge = {{"note", std::string(kMaxPayloadBytes, 'a')}};
  auto too_large = encode_filing_payload(huge);
  REQUIRE_FALSE(too_large);
  CHECK(too_large.error().code == "filing_payload.too_large");
}

TEST_CASE("a payload inflates to at most the limit, however small it is sealed") {
  // {"note":"aaaa…"} of exactly kMaxPayloadBytes: the largest accepted.
  const std::string wrapper = R"({"note":""})";
  const std::string at_limit =
      R"({"note":")" + std::string(kMaxPayloadBytes - wrapper.size(), 'a') + R"("})";
  REQUIRE(at_limit.size() == kMaxPayloadBytes);
  auto accepted = decode_filing_payload(deflate_bytes(at_limit));
  REQUIRE(accepted);
  CHECK(accepted.value()["note"].get_ref<const std::string&>().size() ==
        kMaxPayloadBytes - wrapper.size());

  // One byte more, and a bomb: 16 MiB of spaces deflate to about 16 KB.
  const std::string over =
      R"({"note":")" + std::string(kMaxPayloadBytes - wrapper.size() + 1, 'a') + R"("})";
  CHECK(code_of(decode_filing_payload(deflate_bytes(over))) == "filing_payload.too_large");
  const Bytes bomb = deflate_bytes(std::string(std::size_t{16} << 20, ' '));
  CHECK(bomb.size() < (std::size_t{1} << 15));
  CHECK(code_of(decode_filing_payload(bomb)) == "filing_payload.too_large");
}

TEST_CASE("a payload that is not one whole raw DEFLATE stream is damaged") {
  auto encoded = encode_filing_payload(birth_answers());
  REQUIRE(encoded);
  const Bytes& whole = encoded.value();

  CHECK(code_of(decode_filing_payload({})) == "filing_payload.damaged");
  for (std::size_t cut = 0; cut < whole.size(); ++cut) {
    INFO("first " << cut << " bytes");
    CHECK(code_of(decode_filing_payload(crypto::ByteView(whole.data(), cut))) ==
          "filing_payload.damaged");
  }
  Bytes trailing = whole;
  trailing.push_back(0x00);
  CHECK(code_of(decode_filing_payload(trailing)) == "filing_payload.damaged");
  // A zlib stream (with its header) is another format.
  CHECK(code_of(decode_filing_payload(deflate_bytes(birth_answers().dump(), 15))) ==
        "filing_payload.damaged");
  CHECK(code_of(decode_filing_payload(crypto::as_bytes(birth_answers().dump()))) ==
        "filing_payload.damaged");
}

TEST_CASE("a payload that inflates to anything but a JSON object is refused") {
  for (std::string_view text :
       {std::string_view("not json"), std::string_view("[1,2]"), std::string_view(R"("text")"),
        std::string_view(""), std::string_view(R"({"a":1}{"b":2})"),
        std::string_view("{\"name\":\"L\xff\"}")}) {
    INFO(text);
    CHECK(code_of(decode_filing_payload(deflate_bytes(text))) == "filing_payload.not_json");
  }
}
