// fuzz_envelope: parse_envelope on any bytes, and for what it accepts,
// verify_envelope and open_envelope_payload with one fixed agency key.
//
// The seeds (corpus/envelope) are envelopes signed with the fixed applicant
// and volunteer keys of tests/wire/envelope_test.cpp (Ed25519 seeds 32×0x01
// and 32×0x02) and sealed to its fixed agency key (X25519 seed 32×0x03); the
// harness writes them itself when TOKHAI_ENVELOPE_SEEDS names a folder
// (README.md). Each input is
//   1. parsed, verified and opened as it is;
//   2. when it parses, signed again with the fixed keys (the volunteer's name
//      kept), so that mutated members, payloads and attachment lists get past
//      the signatures (which the fuzzer cannot forge) to the payload's opening.
// A bug is reported by abort(): an error code the contract does not list, an
// error without its Vietnamese or English message, an accepted input that is
// not written back byte for byte, a text member of an accepted envelope with a
// control character (every pattern of envelope.h excludes them),
// a payload opened from an envelope whose signatures do not hold, or an
// envelope signed again that does not parse back, verify, and either open or
// fail for the reason envelope.h gives.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <string>
#include <string_view>

#include "crypto/hash.h"
#include "crypto/sealed_box.h"
#include "crypto/signing.h"
#include "wire/envelope.h"

namespace {

using namespace tokhai;
using wire::Envelope;

[[noreturn]] void fail(const char* what) {
  std::fprintf(stderr, "fuzz_envelope: %s\n", what);
  std::abort();
}

template <class T>
T must(wire::Result<T> result, const char* what) {
  if (!result) {
    std::fprintf(stderr, "fuzz_envelope: %s: %s @ %s (%s)\n", what, result.error().code.c_str(),
                 result.error().where.c_str(), result.error().message.en.c_str());
    std::abort();
  }
  return std::move(result).value();
}

// Whether `error` is one of `codes` and carries both messages.
void check_error(const wire::Error& error, std::initializer_list<std::string_view> codes) {
  bool listed = false;
  for (std::string_view code : codes) listed = listed || error.code == code;
  if (!listed) fail(("undocumented error " + error.code).c_str());
  if (error.message.vi.empty() || error.message.en.empty()) fail("an error without a message");
}

// The codes parse_envelope may return (envelope.h).
constexpr std::initializer_list<std::string_view> kParseErrors = {
    "envelope.too_large",      "envelope.too_deep",       "envelope.not_json",
    "envelope.format",         "envelope.not_canonical",  "envelope.duplicate_member",
    "envelope.unknown_member", "envelope.missing_member", "envelope.wrong_type",
    "envelope.bad_encoding",   "envelope.bad_value"};
constexpr std::initializer_list<std::string_view> kOpenErrors = {
    "envelope.bad_signature", "envelope.wrong_agency_key", "envelope.payload_damaged"};

crypto::SecretBytes seed_of(unsigned char fill) {
  return crypto::SecretBytes::copy_of(crypto::Bytes(32, fill));
}

bool has_control_character(std::string_view text) {
  for (const char c : text) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) return true;
  }
  return false;
}

bool has_control_character(const Envelope& envelope) {
  bool found = has_control_character(envelope.id) || has_control_character(envelope.form.id) ||
               has_control_character(envelope.form.version) ||
               has_control_character(envelope.created_at) ||
               (envelope.assisted_by && has_control_character(envelope.assisted_by->name));
  for (const wire::AttachmentEntry& entry : envelope.attachments) {
    found = found || has_control_character(entry.field) || has_control_character(entry.media_type);
  }
  return found;
}

class Harness {
 public:
  void run(crypto::ByteView input) {
    auto parsed = wire::parse_envelope(input);
    if (!parsed) {
      check_error(parsed.error(), kParseErrors);
      return;
    }
    const Envelope& envelope = parsed.value();
    const std::string text = wire::envelope_text(envelope);
    if (text != std::string_view(reinterpret_cast<const char*>(input.data()), input.size())) {
      fail("an accepted envelope is not written back byte for byte");
    }
    if (has_control_character(envelope)) fail("an accepted envelope has a control character");
    const auto verified = wire::verify_envelope(envelope);
    if (!verified) check_error(verified.error(), {"envelope.bad_signature"});
    const auto opened = wire::open_envelope_payload(envelope, agency_);
    if (!opened) {
      check_error(opened.error(), kOpenErrors);
    } else if (!verified) {
      fail("a payload was opened from an envelope whose signatures do not hold");
    }
    check_signed_again(envelope);
  }

  // Envelopes of every shape, signed and sealed with the fixed keys, into
  // `folder`: the seeds.
  void write_seeds(const std::filesystem::path& folder) const {
    std::filesystem::create_directories(folder);
    wire::EnvelopeContent content;
    content.id = "5f0c9a2e7b3d41c8a6e2d9f0b4c7a1e3";
    content.form = {"gplx.doi", "2025.1", digest("form definition")};
    content.created_at = "2025-07-01T08:30:00Z";
    content.agency_public_key = agency_.public_key;
    const wire::Volunteer helper{"Nguyễn Văn An", volunteer_};
    const auto answers = crypto::as_bytes(R"({"full_name":"Lê Thị Mai"})");

    write_file(folder / "no-volunteer-no-attachments",
               must(wire::build_envelope(content, answers, applicant_), "build"));
    write_file(folder / "empty-payload",
               must(wire::build_envelope(content, {}, applicant_), "build"));
    content.attachments.push_back({"health_certificate", "image/jpeg", digest("photo"), 48213});
    write_file(folder / "volunteer-one-attachment",
               must(wire::build_envelope(content, answers, applicant_, &helper), "build"));
    content.attachments.push_back({"id_card_front", "image/png", digest("front"), 1});
    content.attachments.push_back({"id_card_back", "application/pdf", digest("back"), 33554432});
    write_file(folder / "volunteer-three-attachments",
               must(wire::build_envelope(content, answers, applicant_, &helper), "build"));
  }

 private:
  // Step 2: `envelope` signed with the fixed keys must read back, verify, and
  // open when it is sealed to the fixed agency (the box and its binding may
  // still have been mutated: then payload_damaged).
  void check_signed_again(const Envelope& envelope) const {
    const wire::Volunteer helper{envelope.assisted_by ? envelope.assisted_by->name : "",
                                 volunteer_};
    const Envelope signed_again =
        must(wire::sign_envelope(envelope, applicant_, envelope.assisted_by ? &helper : nullptr),
             "sign an accepted envelope again");
    const Envelope reread =
        must(wire::parse_envelope(crypto::as_bytes(wire::envelope_text(signed_again))),
             "parse an envelope signed again");
    if (!(reread == signed_again)) fail("an envelope signed again reads back differently");
    must(wire::verify_envelope(reread), "verify an envelope signed again");
    const auto opened = wire::open_envelope_payload(reread, agency_);
    if (opened) return;
    check_error(opened.error(), {"envelope.wrong_agency_key", "envelope.payload_damaged"});
    if ((opened.error().code == "envelope.wrong_agency_key") !=
        (reread.sealed_to != agency_.public_key)) {
      fail("wrong_agency_key for a box sealed to the agency's key, or the other way round");
    }
  }

  static crypto::Bytes digest(std::string_view text) {
    const crypto::Sha256Digest sha = crypto::sha256(crypto::as_bytes(text));
    return crypto::Bytes(sha.begin(), sha.end());
  }

  static void write_file(const std::filesystem::path& path, const Envelope& envelope) {
    const std::string text = wire::envelope_text(envelope);
    std::ofstream out(path, std::ios::binary);
    out.write(text.data(), static_cast<std::streamsize>(text.size()));
    if (!out) fail("cannot write a seed");
  }

  crypto::SigningKeyPair applicant_ =
      must(crypto::signing_key_pair_from_seed(seed_of(0x01)), "key");
  crypto::SigningKeyPair volunteer_ =
      must(crypto::signing_key_pair_from_seed(seed_of(0x02)), "key");
  crypto::BoxKeyPair agency_ = must(crypto::box_key_pair_from_seed(seed_of(0x03)), "key");
};

Harness& harness() {
  static Harness instance;
  return instance;
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  if (const char* seeds = std::getenv("TOKHAI_ENVELOPE_SEEDS")) harness().write_seeds(seeds);
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  harness().run({data, size});
  return 0;
}
