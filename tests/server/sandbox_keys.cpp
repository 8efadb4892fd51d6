// SandboxKeys and the envelope and request helpers (see sandbox_keys.h).
#include "sandbox_keys.h"

#include <sys/stat.h>

#include <chrono>
#include <fstream>
#include <stdexcept>

#include "core/json_text.h"
#include "core/text_file.h"
#include "crypto/encoding.h"
#include "crypto/hash.h"
#include "wire/filing_payload.h"

namespace tokhai::server::testing {
namespace {

void write_file(const std::filesystem::path& path, std::string_view bytes) {
  std::filesystem::create_directories(path.parent_path());
  std::ofstream file(path, std::ios::binary);
  file.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  if (!file) throw std::runtime_error("cannot write " + path.string());
}

std::string read_file(const std::filesystem::path& path) {
  auto text = core::read_text_file(path);
  if (!text) throw std::runtime_error("cannot read " + path.string());
  return std::move(*text);
}

// A small valid form definition; `public_key` empty leaves agency.public_key out.
std::string form_definition(std::string_view id, std::string_view agency_code,
                            const std::string& public_key) {
  const std::string key_member =
      public_key.empty() ? "" : R"(, "public_key": ")" + public_key + "\"";
  return R"({
  "format": "tokhai-form/1",
  "id": ")" +
         std::string(id) +
         R"(",
  "version": ")" +
         std::string(kTestFormVersion) +
         R"(",
  "title": {"vi": "Tờ khai thử nghiệm", "en": "Test declaration"},
  "legal_basis": {"vi": "Không áp dụng", "en": "None"},
  "effective_date": "2026-01-01",
  "agency": {"code": ")" +
         std::string(agency_code) + R"(", "name": {"vi": "Cơ quan thử nghiệm"})" + key_member +
         R"(},
  "pages": [{"id": "p1", "title": {"vi": "Trang 1"},
             "fields": [{"id": "full_name", "type": "text", "label": {"vi": "Họ và tên"}}]}]
}
)";
}

const wire::AgencySecret& agency_for(const SandboxKeys& keys, std::string_view form_id) {
  return form_id == kCsgtForm ? keys.csgt() : keys.ubnd();
}

}  // namespace

SandboxKeys::SandboxKeys(const std::filesystem::path& root)
    : root_(root),
      server_(crypto::generate_signing_key_pair()),
      ubnd_(wire::generate_agency_secret("ubnd-xa")),
      csgt_(wire::generate_agency_secret("csgt")) {
  wire::PublicKeys public_keys;
  public_keys.server_signing_public_key = server_.public_key;
  public_keys.agencies.push_back(wire::agency_public_keys(ubnd_, "Ủy ban nhân dân xã (thử)"));
  public_keys.agencies.push_back(wire::agency_public_keys(csgt_, "Cảnh sát giao thông (thử)"));
  write_file(keys_file(), wire::public_keys_text(public_keys));
  write_file(server_secret_file(), wire::server_secret_text(server_));
  chmod(server_secret_file().c_str(), 0600);
  write_file(forms_dir() / (std::string(kUbndForm) + ".json"),
             form_definition(kUbndForm, "ubnd-xa", crypto::to_base64(ubnd_.box.public_key)));
  write_file(forms_dir() / (std::string(kCsgtForm) + ".json"),
             form_definition(kCsgtForm, "csgt", crypto::to_base64(csgt_.box.public_key)));
  write_file(forms_dir() / "test.no-key.json", form_definition("test.no-key", "csgt", ""));
}

std::string SandboxKeys::form_text(std::string_view form_id) const {
  return read_file(forms_dir() / (std::string(form_id) + ".json"));
}

crypto::Bytes SandboxKeys::form_sha256(std::string_view form_id) const {
  const auto digest = crypto::sha256(crypto::as_bytes(form_text(form_id)));
  return crypto::Bytes(digest.begin(), digest.end());
}

std::string make_envelope(const SandboxKeys& keys, const crypto::SigningKeyPair& applicant,
                          const EnvelopeRecipe& recipe) {
  wire::EnvelopeContent content;
  content.id = recipe.id.empty() ? wire::new_submission_id() : recipe.id;
  content.form.id = recipe.form_id;
  content.form.version = recipe.form_version;
  content.form.definition_sha256 =
      recipe.definition_sha256 ? *recipe.definition_sha256 : keys.form_sha256(recipe.form_id);
  content.created_at = "2026-12-03T08:30:00Z";
  content.attachments = recipe.attachments;
  content.agency_public_key =
      recipe.sealed_to ? *recipe.sealed_to : agency_for(keys, recipe.form_id).box.public_key;
  auto payload = wire::encode_filing_payload(core::parse_json_text(recipe.payload));
  if (!payload) throw std::runtime_error("encode_filing_payload: " + payload.error().code);
  auto envelope = wire::build_envelope(content, payload.value(), applicant);
  if (!envelope) throw std::runtime_error("build_envelope: " + envelope.error().code);
  return wire::envelope_text(envelope.value());
}

std::int64_t unix_now() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::string agency_authorization_now(const wire::AgencySecret& agency, std::string_view method,
                                     std::string_view target, std::string_view body,
                                     std::int64_t unix_time) {
  return wire::agency_authorization(agency.code, unix_time ? unix_time : unix_now(), agency.signing,
                                    wire::AgencyRequest{method, target, body});
}

}  // namespace tokhai::server::testing
