// Form catalogue v1 ("tokhai-form-catalogue/1"): the server's signed list of
// the form definitions it accepts, which the app fetches when online to learn
// of new form versions (issue 8). The app trusts a definition it downloads
// only when its size and SHA-256 are the ones this signed list gives.
//
// Canonical JSON (canonical_json.h), exactly these members:
//   {"format": "tokhai-form-catalogue/1",
//    "forms": [{"definition_sha256": hex(32),  SHA-256 of the file's bytes
//               "effective_date": "YYYY-MM-DD", from when the form applies
//               "id": text, "version": text,    [a-z0-9.-], 1–64 bytes
//               "size": integer}, …],          the file's size in bytes
//    "issued_at": "YYYY-MM-DDTHH:MM:SSZ",      the server's clock, UTC
//    "serial": integer,                        grows whenever the list changes
//    "signature": b64(64)}
// Forms are sorted by id, then version, each pair once. The server signs
// "tokhai-form-catalogue/1 server" ‖ 0x00 ‖ the canonical text without
// "signature", with its receipt key (the key the app pins). The serial lets
// the app refuse an older list replayed to it (roll-back): it keeps the
// highest serial it accepted and takes no list below it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "crypto/bytes.h"
#include "crypto/signing.h"
#include "wire/wire_error.h"

namespace tokhai::wire {

constexpr std::string_view kFormCatalogueFormat = "tokhai-form-catalogue/1";
constexpr std::size_t kMaxFormCatalogueBytes = 256 * 1024;
constexpr std::size_t kMaxCatalogueForms = 1000;
// The largest definition the list may announce (the shipped ones are < 64 KiB).
constexpr std::uint64_t kMaxCatalogueDefinitionBytes = 2 * 1024 * 1024;

struct CatalogueForm {
  std::string id;
  std::string version;
  crypto::Bytes definition_sha256;  // crypto::kSha256Bytes
  std::uint64_t size_bytes = 0;
  std::string effective_date;
  bool operator==(const CatalogueForm&) const = default;
};

struct FormCatalogueDocument {
  std::string issued_at;
  std::uint64_t serial = 0;
  std::vector<CatalogueForm> forms;
  crypto::Bytes signature;
  bool operator==(const FormCatalogueDocument&) const = default;
};

// Whether `text` may be a form id or version in the list: 1–64 bytes of
// lower-case ASCII letters, digits, '.' and '-', not starting with '.' (the app
// names files after them).
bool is_catalogue_name(std::string_view text);

// `document` signed by `server`, its forms sorted. Error:
// form_catalogue.bad_value (`where` names the member) when a member is out of
// shape, form_catalogue.duplicate when an id and version appear twice.
Result<FormCatalogueDocument> sign_form_catalogue(FormCatalogueDocument document,
                                                  const crypto::SigningKeyPair& server);

// The canonical text of `document` (what the server sends).
std::string form_catalogue_text(const FormCatalogueDocument& document);

// Reads a list; form_catalogue_text() of the result is the input, byte for
// byte. The signature is not checked (verify_form_catalogue). Errors:
// form_catalogue.too_large, .not_json, .format, .not_canonical,
// .unknown_member, .missing_member, .wrong_type, .bad_encoding, .bad_value,
// .duplicate, .unsorted.
Result<FormCatalogueDocument> parse_form_catalogue(crypto::ByteView bytes);

// Whether `document` is signed by `server_public_key` (the pinned key).
// Error: form_catalogue.bad_signature.
Result<Done> verify_form_catalogue(const FormCatalogueDocument& document,
                                   crypto::ByteView server_public_key);

}  // namespace tokhai::wire
