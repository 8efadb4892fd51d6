// The content a tokhai-envelope/1 seals for the agency (envelope.h, "payload"):
// the filing's answers as one JSON object, its text (UTF-8, as
// nlohmann::json::dump writes it: keys sorted, no whitespace) compressed with
// raw DEFLATE (RFC 1951, no zlib or gzip header: the sealed box already
// authenticates every byte).
//
// Why compress: a birth registration with both parents is about 1,060 bytes
// of answers, half of it field names; deflated it is about 500, and the whole
// envelope stays under 2 KB on a 2G link (ARCHITECTURE.md, "Filing payload").
// Compressing before sealing leaks only the compressed length, which an
// observer of the upload sees anyway; nothing an attacker chooses is mixed
// with the answers, so there is no CRIME-style oracle.
//
// The reader is for agencies, who open whatever arrives: it inflates at most
// kMaxPayloadBytes (a small sealed box cannot become a memory bomb) and
// refuses trailing bytes, so one payload has one reading.
#pragma once

#include <nlohmann/json.hpp>

#include "crypto/bytes.h"
#include "wire/wire_error.h"

namespace tokhai::wire {

// The compressed content of `answers` (a JSON object). Error:
// filing_payload.not_object, filing_payload.too_large (the text is over
// kMaxPayloadBytes of envelope.h).
Result<crypto::Bytes> encode_filing_payload(const nlohmann::json& answers);

// The answers in a payload opened from an envelope. Errors:
// filing_payload.damaged (not one complete DEFLATE stream, or bytes after it),
// filing_payload.too_large (inflates past kMaxPayloadBytes),
// filing_payload.not_json (not UTF-8 JSON text of one object).
Result<nlohmann::json> decode_filing_payload(crypto::ByteView content);

}  // namespace tokhai::wire
