// Envelope v1 (see envelope.h): the checks of every member's value, shared by
// the builder and the reader; the tree written in canonical JSON; the reader
// (canonical JSON first, then members, types, encodings and values); the
// signatures and the payload's binding to its envelope.
#include "wire/envelope.h"

#include <algorithm>
#include <initializer_list>
#include <nlohmann/json.hpp>
#include <optional>
#include <utility>

#include "core/json_text.h"
#include "core/text/unicode.h"
#include "crypto/encoding.h"
#include "crypto/hash.h"
#include "crypto/random.h"
#include "wire/canonical_json.h"
#include "wire/json_members.h"

namespace tokhai::wire {
namespace {

using crypto::Bytes;
using crypto::ByteView;
using nlohmann::json;

constexpr std::string_view kApplicantContext = "tokhai-envelope/1 applicant";
constexpr std::string_view kAssistedByContext = "tokhai-envelope/1 assisted-by";
constexpr std::string_view kPayloadContext = "tokhai-envelope/1 payload";

// The sealed plaintext: context ‖ 0x00 ‖ id ‖ applicant key ‖ content.
constexpr std::size_t kPayloadHeaderBytes =
    kPayloadContext.size() + 1 + kSubmissionIdBytes + crypto::kSigningPublicKeyBytes;
constexpr std::size_t kMinSealedBoxBytes = kPayloadHeaderBytes + crypto::kSealedBoxOverheadBytes;
constexpr std::size_t kMaxSealedBoxBytes = kMinSealedBoxBytes + kMaxPayloadBytes;

constexpr std::size_t kMaxFormIdBytes = 64;
constexpr std::size_t kMaxFormVersionBytes = 32;
constexpr std::size_t kMaxFieldIdBytes = 64;
// RFC 6838 allows 127 characters for each of type and subtype; 127 bound both here.
constexpr std::size_t kMaxMediaTypeBytes = 127;

// The envelope nests 3 deep ({"attachments":[{…}]}); an attachment is 12
// tokens (its '{', seven strings, three commas and the one after it), the
// rest about 40.
constexpr JsonBounds kEnvelopeBounds{kMaxEnvelopeBytes, 3, 64 + 16 * kMaxAttachments};

static_assert(kMaxEnvelopeBytes == std::size_t{1} << 20 && kMaxAttachments == 100,
              "too_large() states the bounds");
Error too_large(std::string where) {
  return wire_error("envelope.too_large",
                    "Hồ sơ gửi đi vượt quá giới hạn (tối đa 1 MB, 100 tệp đính kèm, độ dài "
                    "từng mục).",
                    "The submission is over a limit (at most 1 MB, 100 attachments, the length "
                    "of each member).",
                    std::move(where));
}

Error too_deep() {
  return wire_error("envelope.too_deep", "Phong bì hồ sơ có các mục lồng nhau quá sâu.",
                    "The envelope nests deeper than its format allows.", "nesting");
}

Error not_json() {
  return wire_error("envelope.not_json", "Hồ sơ gửi đi không phải là JSON hợp lệ (UTF-8).",
                    "The submission is not valid JSON (UTF-8).");
}

Error not_an_envelope() {
  return wire_error("envelope.format", "Đây không phải là phong bì hồ sơ của ứng dụng.",
                    "This is not a submission envelope of this app.");
}

Error newer_format(std::string format) {
  return wire_error("envelope.format",
                    "Phong bì hồ sơ này do phiên bản ứng dụng mới hơn tạo ra. Hãy cập nhật rồi "
                    "thử lại.",
                    "This envelope was made by a newer version of the app. Update it and try "
                    "again.",
                    std::move(format));
}

Error not_canonical(std::string where) {
  return wire_error("envelope.not_canonical",
                    "Phong bì hồ sơ không ở dạng chuẩn (khoảng trắng, thứ tự các mục, cách viết "
                    "số hoặc chuỗi).",
                    "The envelope is not in canonical form (whitespace, member order, or how a "
                    "number or a text is written).",
                    std::move(where));
}

Error duplicate_member(std::string where) {
  return wire_error("envelope.duplicate_member", "Phong bì hồ sơ có một mục xuất hiện hai lần.",
                    "The envelope has a member twice.", std::move(where));
}

Error unknown_member(std::string where) {
  return wire_error("envelope.unknown_member",
                    "Phong bì hồ sơ có một mục mà phiên bản này không biết.",
                    "The envelope has a member this version does not know.", std::move(where));
}

Error missing_member(std::string where) {
  return wire_error("envelope.missing_member", "Phong bì hồ sơ thiếu một mục bắt buộc.",
                    "The envelope lacks a required member.", std::move(where));
}

Error wrong_type(std::string where) {
  return wire_error("envelope.wrong_type", "Một mục của phong bì hồ sơ có kiểu dữ liệu sai.",
                    "A member of the envelope has the wrong type.", std::move(where));
}

Error bad_encoding(std::string where) {
  return wire_error("envelope.bad_encoding",
                    "Một mục của phong bì hồ sơ không được mã hoá đúng cách (hex chữ thường "
                    "hoặc Base64 chuẩn có đệm).",
                    "A member of the envelope is not encoded as required (lower-case hex or "
                    "standard padded Base64).",
                    std::move(where));
}

Error bad_value(std::string where) {
  return wire_error("envelope.bad_value", "Một mục của phong bì hồ sơ có giá trị không hợp lệ.",
                    "A member of the envelope has a value its format does not allow.",
                    std::move(where));
}

Error bad_signature(std::string where) {
  return wire_error("envelope.bad_signature",
                    "Chữ ký trên hồ sơ không đúng: hồ sơ đã bị sửa sau khi ký, hoặc không do "
                    "người có khoá này ký.",
                    "A signature on the submission does not hold: it was changed after signing, "
                    "or not signed with this key.",
                    std::move(where));
}

Error wrong_agency_key() {
  return wire_error("envelope.wrong_agency_key",
                    "Hồ sơ này không được niêm phong cho khoá của cơ quan này.",
                    "This submission is not sealed to this agency's key.", "payload.sealed_to");
}

Error payload_damaged() {
  return wire_error("envelope.payload_damaged",
                    "Nội dung niêm phong của hồ sơ không mở được: đã bị sửa, hoặc lấy từ một hồ "
                    "sơ khác.",
                    "The sealed content cannot be opened: it was altered, or taken from another "
                    "submission.",
                    "payload.sealed_box");
}

Error from_json_problem(const JsonProblem& problem) {
  switch (problem.fault) {
    case JsonFault::too_large:
      return too_large(problem.where);
    case JsonFault::too_deep:
      return too_deep();
    case JsonFault::not_json:
      return not_json();
    case JsonFault::duplicate_member:
      return duplicate_member(problem.where);
    case JsonFault::unsorted_members:
    case JsonFault::not_integer:
    case JsonFault::not_nfc:
    case JsonFault::not_canonical:
      break;
  }
  return not_canonical(problem.where);
}

// --- Values ---------------------------------------------------------------

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_lower(char c) { return c >= 'a' && c <= 'z'; }

bool is_submission_id(std::string_view id) { return is_lower_hex_of(id, kSubmissionIdBytes); }

// ^[a-z0-9]([a-z0-9.-]{0,62}[a-z0-9])?$ (forms/schema/form.schema.json).
bool is_form_id(std::string_view id) {
  const auto inner = [](char c) { return is_lower(c) || is_digit(c) || c == '.' || c == '-'; };
  const auto edge = [](char c) { return is_lower(c) || is_digit(c); };
  return !id.empty() && edge(id.front()) && edge(id.back()) &&
         std::all_of(id.begin(), id.end(), inner);
}

bool is_form_version(std::string_view version) {
  return !version.empty() && std::all_of(version.begin(), version.end(), [](char c) {
    return is_lower(c) || (c >= 'A' && c <= 'Z') || is_digit(c) || c == '.' || c == '_' || c == '-';
  });
}

// ^[a-z][a-z0-9_]{0,63}$ (a field id of forms/schema/form.schema.json).
bool is_field_id(std::string_view id) {
  return !id.empty() && is_lower(id.front()) && std::all_of(id.begin(), id.end(), [](char c) {
    return is_lower(c) || is_digit(c) || c == '_';
  });
}

// type "/" subtype, each an RFC 6838 restricted name in lower case.
bool is_media_type(std::string_view text) {
  const auto is_name = [](std::string_view name) {
    return !name.empty() && (is_lower(name.front()) || is_digit(name.front())) &&
           std::all_of(name.begin(), name.end(), [](char c) {
             return is_lower(c) || is_digit(c) ||
                    std::string_view("!#$&^_.+-").find(c) != std::string_view::npos;
           });
  };
  const std::size_t slash = text.find('/');
  return slash != std::string_view::npos && is_name(text.substr(0, slash)) &&
         is_name(text.substr(slash + 1));
}

// A name as people write it: NFC, no control characters, single spaces, no
// space at either end.
bool is_volunteer_name(std::string_view name) {
  if (name.empty() || !core::is_valid_utf8(name) || core::to_nfc(name) != name ||
      core::collapse_whitespace(name) != name) {
    return false;
  }
  for (char32_t cp : core::decode_utf8(name)) {
    if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0)) return false;
  }
  return true;
}

Result<Done> check_form(const FormReference& form) {
  if (form.id.size() > kMaxFormIdBytes) return too_large("form.id");
  if (!is_form_id(form.id)) return bad_value("form.id");
  if (form.version.size() > kMaxFormVersionBytes) return too_large("form.version");
  if (!is_form_version(form.version)) return bad_value("form.version");
  if (form.definition_sha256.size() != kDefinitionHashBytes) {
    return bad_value("form.definition_sha256");
  }
  return Done{};
}

Result<Done> check_attachments(const std::vector<AttachmentEntry>& attachments) {
  if (attachments.size() > kMaxAttachments) return too_large("attachments");
  for (std::size_t i = 0; i < attachments.size(); ++i) {
    const AttachmentEntry& entry = attachments[i];
    const std::string where = "attachments[" + std::to_string(i) + "]";
    if (entry.field.size() > kMaxFieldIdBytes) return too_large(where + ".field");
    if (!is_field_id(entry.field)) return bad_value(where + ".field");
    if (entry.media_type.size() > kMaxMediaTypeBytes) return too_large(where + ".media_type");
    if (!is_media_type(entry.media_type)) return bad_value(where + ".media_type");
    if (entry.sha256.size() != crypto::kSha256Bytes) return bad_value(where + ".sha256");
    if (entry.size_bytes > kMaxAttachmentBytes) return too_large(where + ".size_bytes");
    if (entry.size_bytes == 0) return bad_value(where + ".size_bytes");
  }
  return Done{};
}

// Every member but the signatures, in the order of the text.
Result<Done> check_unsigned(const Envelope& envelope) {
  if (envelope.applicant_public_key.size() != crypto::kSigningPublicKeyBytes) {
    return bad_value("applicant_public_key");
  }
  if (envelope.assisted_by) {
    const AssistedBy& assisted = *envelope.assisted_by;
    if (assisted.name.size() > kMaxVolunteerNameBytes) return too_large("assisted_by.name");
    if (!is_volunteer_name(assisted.name)) return bad_value("assisted_by.name");
    if (assisted.public_key.size() != crypto::kSigningPublicKeyBytes ||
        assisted.public_key == envelope.applicant_public_key) {
      return bad_value("assisted_by.public_key");
    }
  }
  auto attachments = check_attachments(envelope.attachments);
  if (!attachments) return attachments;
  if (!is_utc_timestamp(envelope.created_at)) return bad_value("created_at");
  auto form = check_form(envelope.form);
  if (!form) return form;
  if (!is_submission_id(envelope.id)) return bad_value("id");
  if (envelope.sealed_box.size() > kMaxSealedBoxBytes) return too_large("payload.sealed_box");
  if (envelope.sealed_box.size() < kMinSealedBoxBytes) return bad_value("payload.sealed_box");
  if (envelope.sealed_to.size() != crypto::kBoxPublicKeyBytes) {
    return bad_value("payload.sealed_to");
  }
  return Done{};
}

Result<Done> check_signature_sizes(const Envelope& envelope) {
  if (envelope.signatures.applicant.size() != crypto::kSignatureBytes) {
    return bad_value("signatures.applicant");
  }
  if (envelope.assisted_by.has_value()
          ? envelope.signatures.assisted_by.size() != crypto::kSignatureBytes
          : !envelope.signatures.assisted_by.empty()) {
    return bad_value("signatures.assisted_by");
  }
  return Done{};
}

// --- Writing and signing ----------------------------------------------------

json envelope_tree(const Envelope& envelope, bool with_signatures) {
  json doc = json::object();
  doc["applicant_public_key"] = crypto::to_base64(envelope.applicant_public_key);
  if (envelope.assisted_by) {
    doc["assisted_by"] = {{"name", envelope.assisted_by->name},
                          {"public_key", crypto::to_base64(envelope.assisted_by->public_key)}};
  }
  json attachments = json::array();
  for (const AttachmentEntry& entry : envelope.attachments) {
    attachments.push_back({{"field", entry.field},
                           {"media_type", entry.media_type},
                           {"sha256", crypto::to_hex(entry.sha256)},
                           {"size_bytes", entry.size_bytes}});
  }
  doc["attachments"] = std::move(attachments);
  doc["created_at"] = envelope.created_at;
  doc["form"] = {{"definition_sha256", crypto::to_hex(envelope.form.definition_sha256)},
                 {"id", envelope.form.id},
                 {"version", envelope.form.version}};
  doc["format"] = kEnvelopeFormat;
  doc["id"] = envelope.id;
  doc["payload"] = {{"sealed_box", crypto::to_base64(envelope.sealed_box)},
                    {"sealed_to", crypto::to_base64(envelope.sealed_to)}};
  if (with_signatures) {
    json signatures = {{"applicant", crypto::to_base64(envelope.signatures.applicant)}};
    if (envelope.assisted_by) {
      signatures["assisted_by"] = crypto::to_base64(envelope.signatures.assisted_by);
    }
    doc["signatures"] = std::move(signatures);
  }
  return doc;
}

// "tokhai-envelope/1 payload" ‖ 0x00 ‖ id ‖ applicant key; `id` is a
// submission id (checked by the caller).
Bytes payload_header(std::string_view id, ByteView applicant_public_key) {
  Bytes header = crypto::to_bytes(kPayloadContext);
  header.push_back(0);
  const Bytes id_bytes = crypto::from_hex(id).value();
  header.insert(header.end(), id_bytes.begin(), id_bytes.end());
  header.insert(header.end(), applicant_public_key.begin(), applicant_public_key.end());
  return header;
}

// --- Reading ------------------------------------------------------------------

Error from_member_problem(MemberProblem problem) {
  switch (problem.fault) {
    case MemberFault::unknown_member:
      return unknown_member(std::move(problem.where));
    case MemberFault::missing_member:
      return missing_member(std::move(problem.where));
    case MemberFault::wrong_type:
      break;
    case MemberFault::bad_encoding:
      return bad_encoding(std::move(problem.where));
  }
  return wrong_type(std::move(problem.where));
}

// The member readers of json_members.h with this format's errors.
Result<Done> require_exactly(const json& object, std::string_view path,
                             std::initializer_list<std::string_view> keys) {
  auto done = wire::require_members(object, path, keys);
  if (!done) return from_member_problem(done.error());
  return Done{};
}

template <typename T>
Result<T> with_errors(MemberResult<T> read) {
  if (!read) return from_member_problem(std::move(read).error());
  return std::move(read).value();
}

Result<std::string> read_text(const json& object, std::string_view path, std::string_view key) {
  return with_errors(wire::text_member(object, path, key));
}

Result<Bytes> read_hex(const json& object, std::string_view path, std::string_view key) {
  return with_errors(wire::hex_member(object, path, key));
}

Result<Bytes> read_base64(const json& object, std::string_view path, std::string_view key) {
  return with_errors(wire::base64_member(object, path, key));
}

Result<std::uint64_t> read_integer(const json& object, std::string_view path,
                                   std::string_view key) {
  return with_errors(wire::integer_member(object, path, key));
}

Result<Done> read_assisted_by(const json& doc, Envelope& out) {
  const json* assisted = core::json_member(doc, "assisted_by");
  if (assisted == nullptr) return Done{};
  auto members = require_exactly(*assisted, "assisted_by", {"name", "public_key"});
  if (!members) return members;
  auto name = read_text(*assisted, "assisted_by", "name");
  if (!name) return name.error();
  auto key = read_base64(*assisted, "assisted_by", "public_key");
  if (!key) return key.error();
  out.assisted_by = AssistedBy{std::move(name).value(), std::move(key).value()};
  return Done{};
}

Result<Done> read_attachments(const json& doc, Envelope& out) {
  const json& list = *core::json_member(doc, "attachments");
  if (!list.is_array()) return wrong_type("attachments");
  if (list.size() > kMaxAttachments) return too_large("attachments");
  for (std::size_t i = 0; i < list.size(); ++i) {
    const std::string where = "attachments[" + std::to_string(i) + "]";
    const json& item = list[i];
    auto members = require_exactly(item, where, {"field", "media_type", "sha256", "size_bytes"});
    if (!members) return members;
    AttachmentEntry entry;
    auto field = read_text(item, where, "field");
    if (!field) return field.error();
    entry.field = std::move(field).value();
    auto media_type = read_text(item, where, "media_type");
    if (!media_type) return media_type.error();
    entry.media_type = std::move(media_type).value();
    auto sha256 = read_hex(item, where, "sha256");
    if (!sha256) return sha256.error();
    entry.sha256 = std::move(sha256).value();
    auto size = read_integer(item, where, "size_bytes");
    if (!size) return size.error();
    entry.size_bytes = size.value();
    out.attachments.push_back(std::move(entry));
  }
  return Done{};
}

Result<Done> read_form(const json& doc, Envelope& out) {
  const json& form = *core::json_member(doc, "form");
  auto members = require_exactly(form, "form", {"definition_sha256", "id", "version"});
  if (!members) return members;
  auto hash = read_hex(form, "form", "definition_sha256");
  if (!hash) return hash.error();
  auto id = read_text(form, "form", "id");
  if (!id) return id.error();
  auto version = read_text(form, "form", "version");
  if (!version) return version.error();
  out.form = {std::move(id).value(), std::move(version).value(), std::move(hash).value()};
  return Done{};
}

Result<Done> read_payload(const json& doc, Envelope& out) {
  const json& payload = *core::json_member(doc, "payload");
  auto members = require_exactly(payload, "payload", {"sealed_box", "sealed_to"});
  if (!members) return members;
  // Four characters per three bytes: a longer text is refused before decoding.
  const json& box = *core::json_member(payload, "sealed_box");
  if (box.is_string() &&
      box.get_ref<const std::string&>().size() > (kMaxSealedBoxBytes + 2) / 3 * 4) {
    return too_large("payload.sealed_box");
  }
  auto sealed_box = read_base64(payload, "payload", "sealed_box");
  if (!sealed_box) return sealed_box.error();
  out.sealed_box = std::move(sealed_box).value();
  auto sealed_to = read_base64(payload, "payload", "sealed_to");
  if (!sealed_to) return sealed_to.error();
  out.sealed_to = std::move(sealed_to).value();
  return Done{};
}

Result<Done> read_signatures(const json& doc, Envelope& out) {
  const json& signatures = *core::json_member(doc, "signatures");
  auto members = out.assisted_by
                     ? require_exactly(signatures, "signatures", {"applicant", "assisted_by"})
                     : require_exactly(signatures, "signatures", {"applicant"});
  if (!members) return members;
  auto applicant = read_base64(signatures, "signatures", "applicant");
  if (!applicant) return applicant.error();
  out.signatures.applicant = std::move(applicant).value();
  if (out.assisted_by) {
    auto assisted = read_base64(signatures, "signatures", "assisted_by");
    if (!assisted) return assisted.error();
    out.signatures.assisted_by = std::move(assisted).value();
  }
  return Done{};
}

// The error of a document that is not an envelope of this version: no
// "format", another format, or a newer version of this one.
std::optional<Error> format_error(const json& doc) {
  const auto fault = format_fault(doc, kEnvelopeFormat);
  if (!fault) return std::nullopt;
  if (*fault == FormatFault::newer) {
    return newer_format(core::json_member(doc, "format")->get_ref<const std::string&>());
  }
  return not_an_envelope();
}

// The error of a text that is not canonical JSON. When it parses as JSON but is
// not an envelope of this version at all, that is the error: "not an envelope"
// says more than "not canonical" about a form definition or a newer envelope
// sent here. (Only on this error path is the text parsed a second time.)
Error non_canonical_error(std::string_view text, const JsonProblem& problem) {
  if (!is_unreadable(problem.fault)) {
    if (auto error = format_error(core::parse_json_text(text))) return *std::move(error);
  }
  return from_json_problem(problem);
}

}  // namespace

std::string new_submission_id() { return crypto::random_hex_id(kSubmissionIdBytes); }

std::string envelope_text(const Envelope& envelope) {
  return canonical_json(envelope_tree(envelope, /*with_signatures=*/true));
}

std::string envelope_signed_text(const Envelope& envelope) {
  return canonical_json(envelope_tree(envelope, /*with_signatures=*/false));
}

Result<Envelope> sign_envelope(Envelope envelope, const crypto::SigningKeyPair& applicant,
                               const Volunteer* volunteer) {
  envelope.applicant_public_key = applicant.public_key;
  envelope.assisted_by.reset();
  if (volunteer != nullptr) {
    envelope.assisted_by = AssistedBy{volunteer->name, volunteer->keys.public_key};
  }
  auto checked = check_unsigned(envelope);
  if (!checked) return checked.error();
  const std::string signed_text = envelope_signed_text(envelope);
  envelope.signatures.applicant =
      crypto::sign_detached(applicant.secret_key, signed_message(kApplicantContext, signed_text));
  envelope.signatures.assisted_by.clear();
  if (volunteer != nullptr) {
    envelope.signatures.assisted_by = crypto::sign_detached(
        volunteer->keys.secret_key, signed_message(kAssistedByContext, signed_text));
  }
  if (envelope_text(envelope).size() > kMaxEnvelopeBytes) return too_large("bytes");
  return envelope;
}

std::size_t sealed_box_size(std::size_t content_bytes) {
  return kMinSealedBoxBytes + content_bytes;
}

Result<Envelope> build_envelope(const EnvelopeContent& content, ByteView payload,
                                const crypto::SigningKeyPair& applicant,
                                const Volunteer* volunteer) {
  if (!is_submission_id(content.id)) return bad_value("id");
  if (applicant.public_key.size() != crypto::kSigningPublicKeyBytes) {
    return bad_value("applicant_public_key");
  }
  if (payload.size() > kMaxPayloadBytes) return too_large("payload");
  const Bytes header = payload_header(content.id, applicant.public_key);
  crypto::SecretBytes plaintext(header.size() + payload.size());
  std::copy(header.begin(), header.end(), plaintext.data());
  std::copy(payload.begin(), payload.end(), plaintext.data() + header.size());
  auto sealed = crypto::seal_to(content.agency_public_key, plaintext.view());
  if (!sealed) return bad_value("payload.sealed_to");

  Envelope envelope;
  envelope.id = content.id;
  envelope.form = content.form;
  envelope.created_at = content.created_at;
  envelope.attachments = content.attachments;
  envelope.sealed_to = content.agency_public_key;
  envelope.sealed_box = std::move(sealed).value();
  return sign_envelope(std::move(envelope), applicant, volunteer);
}

Result<Envelope> parse_envelope(ByteView bytes) {
  const std::string_view text(reinterpret_cast<const char*>(bytes.data()), bytes.size());
  auto value = parse_canonical_json(text, kEnvelopeBounds);
  if (!value) return non_canonical_error(text, value.error());
  const json& doc = value.value();
  if (auto error = format_error(doc)) return *std::move(error);
  const bool assisted = core::json_member(doc, "assisted_by") != nullptr;
  auto members =
      assisted ? require_exactly(doc, "",
                                 {"applicant_public_key", "assisted_by", "attachments",
                                  "created_at", "form", "format", "id", "payload", "signatures"})
               : require_exactly(doc, "",
                                 {"applicant_public_key", "attachments", "created_at", "form",
                                  "format", "id", "payload", "signatures"});
  if (!members) return members.error();

  Envelope envelope;
  auto applicant_key = read_base64(doc, "", "applicant_public_key");
  if (!applicant_key) return applicant_key.error();
  envelope.applicant_public_key = std::move(applicant_key).value();
  for (auto read : {read_assisted_by, read_attachments}) {
    auto done = read(doc, envelope);
    if (!done) return done.error();
  }
  auto created_at = read_text(doc, "", "created_at");
  if (!created_at) return created_at.error();
  envelope.created_at = std::move(created_at).value();
  auto form = read_form(doc, envelope);
  if (!form) return form.error();
  auto id = read_text(doc, "", "id");
  if (!id) return id.error();
  envelope.id = std::move(id).value();
  for (auto read : {read_payload, read_signatures}) {
    auto done = read(doc, envelope);
    if (!done) return done.error();
  }

  auto checked = check_unsigned(envelope);
  if (!checked) return checked.error();
  auto signature_sizes = check_signature_sizes(envelope);
  if (!signature_sizes) return signature_sizes.error();
  return envelope;
}

Result<Done> verify_envelope(const Envelope& envelope) {
  const std::string signed_text = envelope_signed_text(envelope);
  if (!crypto::verify_detached(envelope.applicant_public_key,
                               signed_message(kApplicantContext, signed_text),
                               envelope.signatures.applicant)) {
    return bad_signature("signatures.applicant");
  }
  const bool volunteer_holds =
      envelope.assisted_by
          ? crypto::verify_detached(envelope.assisted_by->public_key,
                                    signed_message(kAssistedByContext, signed_text),
                                    envelope.signatures.assisted_by)
          : envelope.signatures.assisted_by.empty();
  if (!volunteer_holds) return bad_signature("signatures.assisted_by");
  return Done{};
}

Result<crypto::SecretBytes> open_envelope_payload(const Envelope& envelope,
                                                  const crypto::BoxKeyPair& agency) {
  auto verified = verify_envelope(envelope);
  if (!verified) return verified.error();
  if (!is_submission_id(envelope.id)) return bad_value("id");
  if (agency.public_key != envelope.sealed_to) return wrong_agency_key();
  auto opened = crypto::open_sealed(agency, envelope.sealed_box);
  if (!opened) return payload_damaged();
  const ByteView plaintext = opened.value().view();
  const Bytes header = payload_header(envelope.id, envelope.applicant_public_key);
  if (plaintext.size() < header.size() ||
      !std::equal(header.begin(), header.end(), plaintext.begin())) {
    return payload_damaged();
  }
  return crypto::SecretBytes::copy_of(plaintext.subspan(header.size()));
}

}  // namespace tokhai::wire
