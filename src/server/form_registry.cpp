// Loading the accepted forms (see form_registry.h).
#include "server/form_registry.h"

#include <algorithm>
#include <charconv>
#include <nlohmann/json.hpp>
#include <system_error>
#include <tuple>

#include "core/form/form_definition.h"
#include "core/text_file.h"
#include "crypto/encoding.h"
#include "crypto/hash.h"
#include "server/in_quotes.h"
#include "wire/canonical_json.h"

namespace tokhai::server {
namespace {

core::Error form_error(std::string code, const std::filesystem::path& file, std::string vi,
                       std::string en) {
  return core::Error{std::move(code), core::LocalizedText{std::move(vi), std::move(en)},
                     file.filename().string()};
}

// The accepted form in `text` (the file `file`), or why it is left out.
core::Result<AcceptedForm> read_accepted_form(const std::string& text,
                                              const std::filesystem::path& file,
                                              const wire::PublicKeys& keys) {
  auto definition = core::load_form_definition(text, file.filename().string());
  if (!definition) return definition.error();
  const auto& summary = definition.value().summary;
  const std::string& key_text = definition.value().agency_public_key;
  if (key_text.empty()) {
    return form_error("form.no_agency_key", file,
                      "Biểu mẫu chưa có khóa công khai của cơ quan tiếp nhận (agency.public_key).",
                      "The form has no receiving agency key (agency.public_key).");
  }
  const wire::AgencyPublicKeys* agency = keys.agency(summary.agency_code);
  if (agency == nullptr) {
    return form_error(
        "form.unknown_agency", file,
        "Cơ quan " + in_quotes(summary.agency_code) + " không có trong tệp khóa công khai.",
        "Agency " + in_quotes(summary.agency_code) + " is not in the public keys file.");
  }
  auto key = crypto::from_base64(key_text);
  if (!key || key.value() != agency->box_public_key) {
    return form_error("form.agency_key_mismatch", file,
                      "Khóa agency.public_key của biểu mẫu khác khóa của cơ quan " +
                          in_quotes(summary.agency_code) + " trong tệp khóa công khai.",
                      "The form's agency.public_key differs from agency " +
                          in_quotes(summary.agency_code) + "'s key in the public keys file.");
  }
  const crypto::Sha256Digest digest = crypto::sha256(crypto::as_bytes(text));
  AcceptedForm form;
  form.id = summary.id;
  form.version = summary.version;
  form.definition_sha256.assign(digest.begin(), digest.end());
  form.definition_sha256_hex = crypto::to_hex(form.definition_sha256);
  form.agency_code = summary.agency_code;
  form.agency_box_public_key = std::move(key).value();
  form.effective_date = summary.effective_date;
  form.definition = text;
  return form;
}

// The integer in `directory`/catalogue-serial (surrounding blanks allowed), 1
// when there is no such file.
core::Result<std::uint64_t> read_catalogue_serial(const std::filesystem::path& directory) {
  const std::filesystem::path file = directory / "catalogue-serial";
  std::error_code error;
  if (!std::filesystem::exists(file, error)) return std::uint64_t{1};
  const auto text = core::read_text_file(file);
  std::uint64_t serial = 0;
  if (text) {
    const std::size_t first = text->find_first_not_of(" \t\r\n");
    const std::size_t last = text->find_last_not_of(" \t\r\n");
    if (first != std::string::npos) {
      const char* begin = text->data() + first;
      const char* end = text->data() + last + 1;
      const auto [stop, failure] = std::from_chars(begin, end, serial);
      if (failure == std::errc{} && stop == end && serial <= wire::kMaxCanonicalInteger) {
        return serial;
      }
    }
  }
  const std::string shown = in_quotes(file.string());
  return core::Error{"config.catalogue_serial",
                     core::LocalizedText{"Tệp " + shown + " phải chứa đúng một số nguyên.",
                                         "The file " + shown + " must hold one integer."}};
}

}  // namespace

const AcceptedForm* FormRegistry::find(std::string_view id, std::string_view version) const {
  const auto found = index_.find(std::pair<std::string, std::string>(id, version));
  return found == index_.end() ? nullptr : &forms_[found->second];
}

wire::FormCatalogueDocument FormRegistry::catalogue_document(std::string issued_at) const {
  wire::FormCatalogueDocument document;
  document.issued_at = std::move(issued_at);
  document.serial = catalogue_serial_;
  for (const AcceptedForm& form : forms_) {
    // A version the app could not name a file after is not offered for download.
    if (!wire::is_catalogue_name(form.id) || !wire::is_catalogue_name(form.version) ||
        form.definition.size() > wire::kMaxCatalogueDefinitionBytes) {
      continue;
    }
    document.forms.push_back({form.id, form.version, form.definition_sha256, form.definition.size(),
                              form.effective_date});
  }
  return document;
}

core::Result<FormRegistry> FormRegistry::load(const std::filesystem::path& directory,
                                              const wire::PublicKeys& keys) {
  std::error_code error;
  std::vector<std::filesystem::path> files;
  for (std::filesystem::directory_iterator it(directory, error), end; !error && it != end;
       it.increment(error)) {
    if (it->path().extension() == ".json" && it->is_regular_file()) files.push_back(it->path());
  }
  if (error) {
    const std::string shown = in_quotes(directory.string());
    return core::Error{
        "config.forms_dir",
        core::LocalizedText{"Không đọc được thư mục biểu mẫu " + shown + ": " + error.message(),
                            "Cannot read the forms folder " + shown + ": " + error.message()}};
  }
  std::sort(files.begin(), files.end());

  FormRegistry registry;
  auto serial = read_catalogue_serial(directory);
  if (!serial) return serial.error();
  registry.catalogue_serial_ = serial.value();
  for (const auto& file : files) {
    const auto text = core::read_text_file(file);
    if (!text) {
      registry.skipped_.push_back(
          form_error("form.unreadable", file, "Không đọc được tệp.", "Cannot read the file."));
      continue;
    }
    auto form = read_accepted_form(*text, file, keys);
    if (!form) {
      registry.skipped_.push_back(form.error());
      continue;
    }
    auto key = std::make_pair(form.value().id, form.value().version);
    if (registry.index_.contains(key)) {
      registry.skipped_.push_back(form_error("form.duplicate", file,
                                             "Trùng mã và phiên bản với một biểu mẫu khác.",
                                             "Same id and version as another form."));
      continue;
    }
    registry.index_.emplace(std::move(key), registry.forms_.size());
    registry.forms_.push_back(std::move(form).value());
  }
  std::sort(registry.forms_.begin(), registry.forms_.end(),
            [](const AcceptedForm& a, const AcceptedForm& b) {
              return std::tie(a.id, a.version) < std::tie(b.id, b.version);
            });
  registry.index_.clear();
  nlohmann::ordered_json list = nlohmann::ordered_json::array();
  for (std::size_t i = 0; i < registry.forms_.size(); ++i) {
    const auto& form = registry.forms_[i];
    registry.index_.emplace(std::make_pair(form.id, form.version), i);
    list.push_back({{"id", form.id},
                    {"version", form.version},
                    {"definition_sha256", form.definition_sha256_hex},
                    {"agency", form.agency_code}});
  }
  registry.catalogue_json_ = nlohmann::ordered_json{{"forms", std::move(list)}}.dump();
  return registry;
}

}  // namespace tokhai::server
