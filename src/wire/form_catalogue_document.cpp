// Form catalogue v1 (see form_catalogue_document.h): the canonical tree,
// signing, the reader and verification against the pinned server key.
#include "wire/form_catalogue_document.h"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <tuple>
#include <utility>

#include "core/dates.h"
#include "core/json_text.h"
#include "crypto/encoding.h"
#include "crypto/hash.h"
#include "wire/canonical_json.h"
#include "wire/json_members.h"

namespace tokhai::wire {
namespace {

using crypto::Bytes;
using crypto::ByteView;
using nlohmann::json;

constexpr std::string_view kServerContext = "tokhai-form-catalogue/1 server";
constexpr std::size_t kMaxNameBytes = 64;
// Five members per form and five at the top: 12 tokens per form is ample.
constexpr JsonBounds kCatalogueBounds{kMaxFormCatalogueBytes, 3, 16 + 12 * kMaxCatalogueForms};

Error catalogue_error(std::string code, std::string vi, std::string en, std::string where = {}) {
  return wire_error("form_catalogue." + code, std::move(vi), std::move(en), std::move(where));
}

Error damaged(std::string code, std::string where = {}) {
  return catalogue_error(
      std::move(code), "Danh mục biểu mẫu của máy chủ không đọc được (sai định dạng hoặc bị hỏng).",
      "The server's form catalogue cannot be read (wrong format or damaged).", std::move(where));
}

Error from_member_problem(const MemberProblem& problem) {
  return damaged(member_fault_code(problem.fault), problem.where);
}

template <typename T>
Result<T> with_errors(MemberResult<T> read) {
  if (!read) return from_member_problem(read.error());
  return std::move(read).value();
}

bool is_iso_date(std::string_view text) { return core::parse_iso_date(text).has_value(); }

bool form_order(const CatalogueForm& a, const CatalogueForm& b) {
  return std::tie(a.id, a.version) < std::tie(b.id, b.version);
}

// Members in shape and forms in order, each id and version once.
Result<Done> check(const FormCatalogueDocument& document, bool with_signature) {
  if (!is_utc_timestamp(document.issued_at)) return damaged("bad_value", "issued_at");
  if (document.serial > kMaxCanonicalInteger) return damaged("bad_value", "serial");
  if (document.forms.size() > kMaxCatalogueForms) return damaged("bad_value", "forms");
  for (std::size_t i = 0; i < document.forms.size(); ++i) {
    const CatalogueForm& form = document.forms[i];
    const std::string at = "forms[" + std::to_string(i) + "]";
    if (!is_catalogue_name(form.id)) return damaged("bad_value", at + ".id");
    if (!is_catalogue_name(form.version)) return damaged("bad_value", at + ".version");
    if (form.definition_sha256.size() != crypto::kSha256Bytes) {
      return damaged("bad_value", at + ".definition_sha256");
    }
    if (form.size_bytes == 0 || form.size_bytes > kMaxCatalogueDefinitionBytes) {
      return damaged("bad_value", at + ".size");
    }
    if (!is_iso_date(form.effective_date)) return damaged("bad_value", at + ".effective_date");
    if (i == 0) continue;
    const CatalogueForm& before = document.forms[i - 1];
    if (before.id == form.id && before.version == form.version) {
      return damaged("duplicate", at);
    }
    if (!form_order(before, form)) return damaged("unsorted", at);
  }
  if (with_signature && document.signature.size() != crypto::kSignatureBytes) {
    return damaged("bad_value", "signature");
  }
  return Done{};
}

json catalogue_tree(const FormCatalogueDocument& document, bool with_signature) {
  json forms = json::array();
  for (const CatalogueForm& form : document.forms) {
    forms.push_back({{"definition_sha256", crypto::to_hex(form.definition_sha256)},
                     {"effective_date", form.effective_date},
                     {"id", form.id},
                     {"size", form.size_bytes},
                     {"version", form.version}});
  }
  json doc = {{"format", kFormCatalogueFormat},
              {"forms", std::move(forms)},
              {"issued_at", document.issued_at},
              {"serial", document.serial}};
  if (with_signature) doc["signature"] = crypto::to_base64(document.signature);
  return doc;
}

Bytes server_message(const FormCatalogueDocument& document) {
  return signed_message(kServerContext,
                        canonical_json(catalogue_tree(document, /*with_signature=*/false)));
}

Result<CatalogueForm> read_form(const json& item, const std::string& path) {
  if (!item.is_object()) return damaged("wrong_type", path);
  auto members =
      require_members(item, path, {"definition_sha256", "effective_date", "id", "size", "version"});
  if (!members) return from_member_problem(members.error());
  CatalogueForm form;
  auto hash = with_errors(hex_member(item, path, "definition_sha256"));
  if (!hash) return hash.error();
  form.definition_sha256 = std::move(hash).value();
  auto date = with_errors(text_member(item, path, "effective_date"));
  if (!date) return date.error();
  form.effective_date = std::move(date).value();
  auto id = with_errors(text_member(item, path, "id"));
  if (!id) return id.error();
  form.id = std::move(id).value();
  auto size = with_errors(integer_member(item, path, "size"));
  if (!size) return size.error();
  form.size_bytes = size.value();
  auto version = with_errors(text_member(item, path, "version"));
  if (!version) return version.error();
  form.version = std::move(version).value();
  return form;
}

}  // namespace

bool is_catalogue_name(std::string_view text) {
  if (text.empty() || text.size() > kMaxNameBytes || text.front() == '.') return false;
  return std::all_of(text.begin(), text.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '-';
  });
}

Result<FormCatalogueDocument> sign_form_catalogue(FormCatalogueDocument document,
                                                  const crypto::SigningKeyPair& server) {
  std::sort(document.forms.begin(), document.forms.end(), form_order);
  auto checked = check(document, /*with_signature=*/false);
  if (!checked) return checked.error();
  document.signature = crypto::sign_detached(server.secret_key, server_message(document));
  return document;
}

std::string form_catalogue_text(const FormCatalogueDocument& document) {
  return canonical_json(catalogue_tree(document, /*with_signature=*/true));
}

Result<FormCatalogueDocument> parse_form_catalogue(ByteView bytes) {
  const std::string_view text(reinterpret_cast<const char*>(bytes.data()), bytes.size());
  if (text.size() > kMaxFormCatalogueBytes) {
    return catalogue_error("too_large", "Danh mục biểu mẫu của máy chủ dài bất thường.",
                           "The server's form catalogue is unusually long.", "bytes");
  }
  auto value = parse_canonical_json(text, kCatalogueBounds);
  if (!value) {
    return damaged(is_unreadable(value.error().fault) ? "not_json" : "not_canonical",
                   value.error().where);
  }
  const json& doc = value.value();
  if (!doc.is_object()) return damaged("wrong_type", "");
  if (const auto fault = format_fault(doc, kFormCatalogueFormat)) {
    if (*fault == FormatFault::newer) {
      return catalogue_error(
          "format", "Danh mục biểu mẫu này do máy chủ mới hơn tạo ra. Hãy cập nhật ứng dụng.",
          "This form catalogue was made by a newer server. Update the app.", "format");
    }
    return damaged("format", "format");
  }
  auto members = require_members(doc, "", {"format", "forms", "issued_at", "serial", "signature"});
  if (!members) return from_member_problem(members.error());

  FormCatalogueDocument document;
  const json& forms = *core::json_member(doc, "forms");
  if (!forms.is_array()) return damaged("wrong_type", "forms");
  if (forms.size() > kMaxCatalogueForms) return damaged("bad_value", "forms");
  for (std::size_t i = 0; i < forms.size(); ++i) {
    auto form = read_form(forms[i], "forms[" + std::to_string(i) + "]");
    if (!form) return form.error();
    document.forms.push_back(std::move(form).value());
  }
  auto issued_at = with_errors(text_member(doc, "", "issued_at"));
  if (!issued_at) return issued_at.error();
  document.issued_at = std::move(issued_at).value();
  auto serial = with_errors(integer_member(doc, "", "serial"));
  if (!serial) return serial.error();
  document.serial = serial.value();
  auto signature = with_errors(base64_member(doc, "", "signature"));
  if (!signature) return signature.error();
  document.signature = std::move(signature).value();

  auto checked = check(document, /*with_signature=*/true);
  if (!checked) return checked.error();
  return document;
}

Result<Done> verify_form_catalogue(const FormCatalogueDocument& document,
                                   ByteView server_public_key) {
  if (server_public_key.size() != crypto::kSigningPublicKeyBytes ||
      !crypto::verify_detached(server_public_key, server_message(document), document.signature)) {
    return catalogue_error("bad_signature",
                           "Chữ ký trên danh mục biểu mẫu không đúng: danh mục không do máy chủ "
                           "mà ứng dụng tin cậy ký, hoặc đã bị sửa.",
                           "The signature on the form catalogue does not hold: it was not signed "
                           "by the server this app trusts, or it was altered.",
                           "signature");
  }
  return Done{};
}

}  // namespace tokhai::wire
