// FormRegistry: the procedure forms this server accepts submissions for, read
// from FORMS_DIR/*.json at start: id, version, the SHA-256 of the file's bytes
// exactly as shipped (what the app puts in the envelope as
// form.definition_sha256) and the receiving agency's code and X25519 key.
//
// A form is accepted only when its definition loads, it names an agency's
// public key (agency.public_key), and that agency is in the public keys file
// with the same box key: otherwise nobody could open what is sealed to it.
// The forms left out are reported (one Error each) for the log, and the
// others still load.
//
// The registry also keeps each accepted file's bytes, served to the app at
// GET /api/v1/forms/{id}/{version}, and the serial of the signed form
// catalogue (wire/form_catalogue_document.h): the integer in the file
// FORMS_DIR/catalogue-serial, which whoever publishes forms raises whenever
// the set of forms changes (1 when the file is absent).
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/result.h"
#include "crypto/bytes.h"
#include "wire/form_catalogue_document.h"
#include "wire/key_files.h"

namespace tokhai::server {

struct AcceptedForm {
  std::string id;
  std::string version;
  crypto::Bytes definition_sha256;
  std::string definition_sha256_hex;
  std::string agency_code;
  crypto::Bytes agency_box_public_key;
  std::string effective_date;
  std::string definition;  // the file's bytes, exactly as hashed
};

class FormRegistry {
 public:
  FormRegistry() = default;

  // The form with `id` and `version`, or nullptr.
  const AcceptedForm* find(std::string_view id, std::string_view version) const;

  // Every accepted form, by id then version.
  const std::vector<AcceptedForm>& forms() const { return forms_; }

  // The forms that were left out, and why (form.* codes, form.no_agency_key,
  // form.unknown_agency, form.agency_key_mismatch, form.duplicate).
  const std::vector<core::Error>& skipped() const { return skipped_; }

  // The body of GET /api/v1/forms:
  // {"forms":[{"id","version","definition_sha256","agency"}]}.
  const std::string& catalogue_json() const { return catalogue_json_; }

  // The unsigned form catalogue of every accepted form whose id and version
  // are wire::is_catalogue_name (the others are never offered), issued at `issued_at`
  // ("YYYY-MM-DDTHH:MM:SSZ"); the route signs it with the server's key.
  wire::FormCatalogueDocument catalogue_document(std::string issued_at) const;

  // The serial of the signed catalogue (see above).
  std::uint64_t catalogue_serial() const { return catalogue_serial_; }

  // Reads every *.json file directly inside `directory`, and its
  // catalogue-serial. Error codes: config.forms_dir (the folder cannot be
  // read), config.catalogue_serial (the serial file is not one integer).
  static core::Result<FormRegistry> load(const std::filesystem::path& directory,
                                         const wire::PublicKeys& keys);

 private:
  std::vector<AcceptedForm> forms_;
  std::map<std::pair<std::string, std::string>, std::size_t, std::less<>> index_;
  std::vector<core::Error> skipped_;
  std::string catalogue_json_;
  std::uint64_t catalogue_serial_ = 1;
};

}  // namespace tokhai::server
