// Receipt v1 ("tokhai-receipt/1"): the server's signed proof that it stored a
// submission (DESIGN.md §6). The server makes one when it first stores an
// envelope and answers every identical resend with the same receipt; the app
// verifies it against the server key shipped with the app and keeps it in the
// vault as the citizen's proof of filing, readable offline.
//
// Canonical JSON (canonical_json.h), exactly these members:
//   {"dossier_code": text,               the code a citizen quotes, see below
//    "envelope_sha256": hex(32),         SHA-256 of the envelope text received
//    "format": "tokhai-receipt/1",
//    "received_at": "YYYY-MM-DDTHH:MM:SSZ",  the server's clock, UTC
//    "server_public_key": b64(32),       the Ed25519 key that signed it
//    "signature": b64(64),               see below
//    "submission_id": hex(16)}           the envelope's id
// The server signs "tokhai-receipt/1 server" ‖ 0x00 ‖ the canonical text
// without "signature". The envelope's hash binds the receipt to the exact
// bytes the applicant signed, so a receipt cannot be reused for other content
// under the same id.
//
// Dossier code: "TK-YYMMDD-XXXX-XXXX": the receiving date (server's clock,
// UTC) and 40 random bits in Crockford's Base32 (digits and upper-case
// letters without I, L, O, U), easy to read out over the phone. The server
// keeps codes unique.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "crypto/bytes.h"
#include "crypto/signing.h"
#include "wire/wire_error.h"

namespace tokhai::wire {

constexpr std::string_view kReceiptFormat = "tokhai-receipt/1";
constexpr std::size_t kMaxReceiptBytes = 1024;

struct Receipt {
  std::string submission_id;
  std::string dossier_code;
  std::string received_at;
  crypto::Bytes envelope_sha256;    // crypto::kSha256Bytes
  crypto::Bytes server_public_key;  // Ed25519
  crypto::Bytes signature;
  bool operator==(const Receipt&) const = default;
};

// A fresh random dossier code for a receipt made at `received_at`
// ("YYYY-MM-DDTHH:MM:SSZ"; its date gives the YYMMDD part).
std::string new_dossier_code(std::string_view received_at);

// True when `code` has the dossier-code shape above.
bool is_dossier_code(std::string_view code);

// `receipt` signed by `server` (its key and signature set). Error:
// receipt.bad_value (`where` names the member) when a member is out of shape.
Result<Receipt> sign_receipt(Receipt receipt, const crypto::SigningKeyPair& server);

// The canonical text of `receipt` (what the server sends and the app stores).
std::string receipt_text(const Receipt& receipt);

// Reads a receipt. receipt_text() of the result is the input, byte
// for byte. The signature is not checked (verify_receipt). Errors:
// receipt.too_large, receipt.not_json, receipt.format, receipt.not_canonical,
// receipt.unknown_member, receipt.missing_member, receipt.wrong_type,
// receipt.bad_encoding, receipt.bad_value.
Result<Receipt> parse_receipt(crypto::ByteView bytes);

// Whether `receipt` is the server's receipt for exactly `envelope_text`:
// signed by `server_public_key` (the key shipped with the app), for the
// envelope's id and its hash. Errors: receipt.wrong_server_key (signed by
// another key), receipt.bad_signature, receipt.other_submission (another id,
// or the hash of other bytes; `where` says which).
Result<Done> verify_receipt(const Receipt& receipt, crypto::ByteView server_public_key,
                            std::string_view submission_id, std::string_view envelope_text);

}  // namespace tokhai::wire
