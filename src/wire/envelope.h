// Envelope v1 ("tokhai-envelope/1"): one finished filing as it travels from
// the phone to the server and on to the agency (DESIGN.md §6). The app builds
// and signs it, the server parses and verifies it (it cannot read the
// payload), the agency's tool verifies it again and opens the payload. All of
// them use this one implementation.
//
// The envelope is canonical JSON (canonical_json.h) with exactly these
// members, keys sorted; optional members are left out, never null:
//   {"applicant_public_key": b64(32),         Ed25519, the applicant's key
//    "assisted_by": {                          only when a volunteer helped:
//      "name": text,                             the volunteer's name, NFC, 1–256 bytes
//      "public_key": b64(32)},                   their Ed25519 key (not the applicant's)
//    "attachments": [                          0–100 entries, in the applicant's order
//      {"field": field id,                       the attachment field, ^[a-z][a-z0-9_]{0,63}$
//       "media_type": type/subtype,              of the content, lower case, no parameters
//       "sha256": hex(32),                       SHA-256 of the bytes uploaded
//       "size_bytes": n}],                       size of the bytes uploaded, 1..32 MiB
//    "created_at": "YYYY-MM-DDTHH:MM:SSZ",     UTC, whole seconds, a real date and time
//    "form": {"definition_sha256": hex(32),    SHA-256 of the definition file's bytes
//             "id": form id,                   ^[a-z0-9]([a-z0-9.-]{0,62}[a-z0-9])?$
//             "version": text},                ^[A-Za-z0-9._-]{1,32}$, e.g. "2024.1"
//    "format": "tokhai-envelope/1",
//    "id": hex(16),                            the submission id: 32 lower-case hex
//                                              digits, random, made by the phone
//    "payload": {"sealed_box": b64,            crypto_box_seal of the plaintext below
//                "sealed_to": b64(32)},        the agency's X25519 key it was sealed to
//    "signatures": {"applicant": b64(64),      Ed25519, see "Signatures"
//                   "assisted_by": b64(64)}}   present exactly when "assisted_by" is
// hex(n): n bytes as 2n lower-case hex digits. b64(n): n bytes in standard
// Base64 (RFC 4648 §4, with '=' padding, unused bits zero) — the encoding of
// the agency key in form definitions, so "sealed_to" compares to it as text.
// Hashes are hex so that sha256sum's output compares to them.
//
// Signatures. The signed bytes are the canonical text of the envelope without
// its "signatures" member (every other member, "assisted_by" included). The
// applicant signs "tokhai-envelope/1 applicant" ‖ 0x00 ‖ signed bytes; the
// volunteer signs "tokhai-envelope/1 assisted-by" ‖ 0x00 ‖ signed bytes. Both
// sign the same bytes, in either order: the applicant's signature covers the
// volunteer's name and key, so a volunteer block cannot be added, removed or
// changed without the applicant, and the volunteer's own signature shows that
// the volunteer agreed to be named. The prefixes keep a signature made for one
// role (or for any other message the same key signs) from counting for the
// other.
//
// Payload. The sealed box (X25519, crypto_box_seal) holds
//   "tokhai-envelope/1 payload" ‖ 0x00 ‖ id (16 bytes) ‖ applicant key (32)
//   ‖ content (0..512 KiB; opaque here: for a filing it is the answers
//     deflated as filing_payload.h says)
// The id and key inside bind the content to this envelope: a sealed box lifted
// into another envelope (another applicant's, or a new id) no longer opens as
// that envelope's payload, although nobody but the agency can see inside.
//
// Attachments are listed, not carried: they are uploaded separately (in
// chunks, sealed), and "sha256"/"size_bytes" describe the bytes uploaded so
// that the server checks each upload against the signed list without reading
// it. No file names: a name can carry personal data, and the server reads the
// list.
//
// A reader refuses, before any signature is checked: more than 1 MiB, nesting
// deeper than 3, text that is not canonical (whitespace, key order, duplicate
// keys, escapes, floats or signs), unknown or missing members, other types,
// other encodings, values out of the bounds above.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "crypto/bytes.h"
#include "crypto/hash.h"
#include "crypto/sealed_box.h"
#include "crypto/secret_bytes.h"
#include "crypto/signing.h"
#include "wire/wire_error.h"

namespace tokhai::wire {

constexpr std::string_view kEnvelopeFormat = "tokhai-envelope/1";
constexpr std::size_t kMaxEnvelopeBytes = std::size_t{1} << 20;
constexpr std::size_t kMaxPayloadBytes = std::size_t{512} << 10;  // the content, unsealed
constexpr std::size_t kMaxAttachments = 100;
constexpr std::uint64_t kMaxAttachmentBytes = std::uint64_t{32} << 20;
constexpr std::size_t kMaxVolunteerNameBytes = 256;
constexpr std::size_t kSubmissionIdBytes = 16;
constexpr std::size_t kDefinitionHashBytes = crypto::kSha256Bytes;

struct FormReference {
  std::string id;
  std::string version;
  crypto::Bytes definition_sha256;  // kDefinitionHashBytes
  bool operator==(const FormReference&) const = default;
};

struct AttachmentEntry {
  std::string field;
  std::string media_type;
  crypto::Bytes sha256;  // crypto::kSha256Bytes
  std::uint64_t size_bytes = 0;
  bool operator==(const AttachmentEntry&) const = default;
};

struct AssistedBy {
  std::string name;
  crypto::Bytes public_key;  // Ed25519
  bool operator==(const AssistedBy&) const = default;
};

struct Signatures {
  crypto::Bytes applicant;
  crypto::Bytes assisted_by;  // empty exactly when the envelope has no assisted_by
  bool operator==(const Signatures&) const = default;
};

// An envelope as it travels. A parsed envelope is well formed, not trusted:
// verify_envelope says whether its signatures hold.
struct Envelope {
  std::string id;
  FormReference form;
  std::string created_at;
  crypto::Bytes applicant_public_key;
  std::optional<AssistedBy> assisted_by;
  std::vector<AttachmentEntry> attachments;
  crypto::Bytes sealed_to;   // the agency's X25519 public key
  crypto::Bytes sealed_box;  // the payload (see above)
  Signatures signatures;
  bool operator==(const Envelope&) const = default;
};

// What the app knows when a filing is finished.
struct EnvelopeContent {
  std::string id;  // new_submission_id(), kept with the outbox item
  FormReference form;
  std::string created_at;           // the phone's clock, UTC
  crypto::Bytes agency_public_key;  // from the form definition (agency.public_key)
  std::vector<AttachmentEntry> attachments;
};

// A volunteer who helped and signs too.
struct Volunteer {
  std::string name;
  const crypto::SigningKeyPair& keys;
};

// A fresh random submission id: 16 bytes as 32 lower-case hex digits.
std::string new_submission_id();

// The size of the sealed box that build_envelope makes for `content_bytes` of
// content (what the phone shows before signing).
std::size_t sealed_box_size(std::size_t content_bytes);

// Seals `payload` to content.agency_public_key and signs the envelope with the
// applicant's keys (and the volunteer's, when given). Errors: those of
// sign_envelope; envelope.too_large (a payload over kMaxPayloadBytes);
// envelope.bad_value (where "payload.sealed_to": not an agency key).
Result<Envelope> build_envelope(const EnvelopeContent& content, crypto::ByteView payload,
                                const crypto::SigningKeyPair& applicant,
                                const Volunteer* volunteer = nullptr);

// `envelope` with its applicant key, assisted-by block and signatures set
// from `applicant` and `volunteer` (none when null); every other member is
// kept and checked. build_envelope uses it; so do tests, to sign a fixed
// sealed payload. Errors: envelope.bad_value, envelope.too_large (`where`
// names the member).
Result<Envelope> sign_envelope(Envelope envelope, const crypto::SigningKeyPair& applicant,
                               const Volunteer* volunteer = nullptr);

// The canonical text of `envelope` (what travels).
std::string envelope_text(const Envelope& envelope);

// The bytes both signatures cover: envelope_text without "signatures".
std::string envelope_signed_text(const Envelope& envelope);

// Reads an envelope. For every input it accepts, envelope_text() of the result
// is the input, byte for byte. Signatures are not checked (verify_envelope).
// Errors (`where` names the member, or "byte N"): envelope.too_large,
// envelope.too_deep, envelope.not_json, envelope.format (not an envelope, or a
// newer version), envelope.not_canonical, envelope.duplicate_member,
// envelope.unknown_member, envelope.missing_member, envelope.wrong_type,
// envelope.bad_encoding, envelope.bad_value.
Result<Envelope> parse_envelope(crypto::ByteView bytes);

// Whether the applicant's signature, and the volunteer's when there is an
// assisted-by block, hold. Error: envelope.bad_signature (where
// "signatures.applicant" or "signatures.assisted_by").
Result<Done> verify_envelope(const Envelope& envelope);

// The content sealed in the payload, for the agency holding `agency`'s secret
// key. Verifies the signatures first. Errors: those of verify_envelope;
// envelope.wrong_agency_key (sealed to another key); envelope.payload_damaged
// (the box does not open with this key, or was made for another envelope).
Result<crypto::SecretBytes> open_envelope_payload(const Envelope& envelope,
                                                  const crypto::BoxKeyPair& agency);

}  // namespace tokhai::wire
