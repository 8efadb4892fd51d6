// tokhai-agency's commands (see agency_commands.h).
#include "tools/agency/agency_commands.h"

#include <charconv>
#include <fstream>
#include <nlohmann/json.hpp>
#include <optional>
#include <system_error>

#include "core/json_text.h"
#include "core/text_file.h"
#include "crypto/encoding.h"
#include "crypto/hash.h"
#include "crypto/signing.h"
#include "tools/agency/durable_file.h"
#include "wire/agency_request.h"
#include "wire/envelope.h"
#include "wire/filing_payload.h"
#include "wire/receipt.h"
#include "wire/sealed_attachment.h"

namespace tokhai::tools {
namespace {

using nlohmann::json;

constexpr int kPageSize = 50;

core::Error refused(const HttpAnswer& answer) {
  std::string code = "http " + std::to_string(answer.status);
  const json body = core::parse_json_text(answer.body);
  if (const json* error = core::json_member(body, "error")) {
    if (const json* name = core::json_member(*error, "code"); name && name->is_string()) {
      code = name->get<std::string>();
    }
  }
  return core::Error{
      "agency_tool.refused", {"Máy chủ từ chối yêu cầu.", "The server refused the request."}, code};
}

core::Error bad_answer(std::string where) {
  return core::Error{"agency_tool.bad_answer",
                     {"Máy chủ trả lời không đúng định dạng.",
                      "The server's answer is not in the expected format."},
                     std::move(where)};
}

std::uint64_t read_cursor(const std::filesystem::path& out_dir) {
  const auto text = core::read_text_file(out_dir / kCursorFileName);
  if (!text) return 0;
  std::uint64_t cursor = 0;
  std::from_chars(text->data(), text->data() + text->size(), cursor);
  return cursor;
}

json envelope_summary(const wire::Envelope& envelope) {
  json doc = {{"submission_id", envelope.id},
              {"created_at", envelope.created_at},
              {"form",
               {{"id", envelope.form.id},
                {"version", envelope.form.version},
                {"definition_sha256", crypto::to_hex(envelope.form.definition_sha256)}}},
              {"applicant_public_key", crypto::to_base64(envelope.applicant_public_key)}};
  if (envelope.assisted_by) {
    doc["assisted_by"] = {{"name", envelope.assisted_by->name},
                          {"public_key", crypto::to_base64(envelope.assisted_by->public_key)}};
  }
  json attachments = json::array();
  for (const auto& entry : envelope.attachments) {
    attachments.push_back({{"field", entry.field},
                           {"media_type", entry.media_type},
                           {"sha256", crypto::to_hex(entry.sha256)},
                           {"size_bytes", entry.size_bytes}});
  }
  doc["attachments"] = std::move(attachments);
  return doc;
}

// The file name extension for an attachment of `media_type`.
std::string extension_for(const std::string& media_type) {
  if (media_type == "image/jpeg") return ".jpg";
  if (media_type == "image/png") return ".png";
  if (media_type == "application/pdf") return ".pdf";
  return ".bin";
}

// Downloads the attachments of `envelope`, checks each against the envelope's
// size and SHA-256, opens it with the agency's key (wire/sealed_attachment.h)
// and writes the photo to <dossier>.attachments/<index><extension>. Adds each
// file's name to `listed` (the dossier's "attachments"). An attachment that
// does not open (sealed to another key or filing, damaged) is the dossier's
// problem, returned as such: the dossier goes to .invalid.json.
core::Result<std::optional<core::Error>> write_attachments(AgencyClient& client,
                                                           const wire::Envelope& envelope,
                                                           const crypto::BoxKeyPair& agency,
                                                           const std::filesystem::path& folder,
                                                           json& listed, std::size_t& written) {
  if (envelope.attachments.empty()) return std::optional<core::Error>();
  std::error_code ignored;
  std::filesystem::create_directories(folder, ignored);
  for (std::size_t index = 0; index < envelope.attachments.size(); ++index) {
    const wire::AttachmentEntry& entry = envelope.attachments[index];
    auto answer = client.get("/api/v1/agency/submissions/" + envelope.id + "/attachments/" +
                             std::to_string(index));
    if (!answer) return answer.error();
    if (answer.value().status != 200) return refused(answer.value());
    const std::string& bytes = answer.value().body;
    const crypto::Sha256Digest digest = crypto::sha256(crypto::as_bytes(bytes));
    if (bytes.size() != entry.size_bytes ||
        crypto::Bytes(digest.begin(), digest.end()) != entry.sha256) {
      return bad_answer("attachments/" + std::to_string(index));
    }
    auto photo = wire::open_attachment(agency, envelope.id, static_cast<std::uint32_t>(index),
                                       crypto::as_bytes(bytes));
    if (!photo) {
      core::Error problem = photo.error();
      problem.where = "attachments/" + std::to_string(index);
      return std::optional<core::Error>(std::move(problem));
    }
    const std::string name = std::to_string(index) + extension_for(entry.media_type);
    auto stored = write_file_durably(
        folder / name,
        std::string_view(reinterpret_cast<const char*>(photo.value().data()), photo.value().size()),
        0600);
    if (!stored) return stored.error();
    listed[index]["file"] = (folder.filename() / name).string();
    ++written;
  }
  return std::optional<core::Error>();
}

// The file for one pulled item: "<dossier>.json", or "<dossier>.invalid.json"
// with the reason when the envelope does not verify or open; the attachments
// of a valid one first, so that a "<dossier>.json" has all of them.
core::Result<bool> write_item(AgencyClient& client, const json& item,
                              const wire::AgencySecret& secret,
                              const std::filesystem::path& out_dir, PullReport& report) {
  const json* dossier = core::json_member(item, "dossier_code");
  const json* envelope_text = core::json_member(item, "envelope");
  const json* received_at = core::json_member(item, "received_at");
  if (!dossier || !dossier->is_string() || !wire::is_dossier_code(dossier->get<std::string>()) ||
      !envelope_text || !envelope_text->is_string() || !received_at || !received_at->is_string()) {
    return bad_answer("items");
  }
  const std::string code = dossier->get<std::string>();
  const std::string& text = envelope_text->get_ref<const std::string&>();
  json doc = {{"dossier_code", code}, {"received_at", *received_at}};
  std::optional<core::Error> problem;
  auto envelope = wire::parse_envelope(crypto::as_bytes(text));
  if (!envelope) {
    problem = envelope.error();
  } else {
    doc.update(envelope_summary(envelope.value()));
    auto content = wire::open_envelope_payload(envelope.value(), secret.box);
    if (!content) {
      problem = content.error();
    } else if (auto answers = wire::decode_filing_payload(content.value().view())) {
      doc["content"] = std::move(answers).value();
    } else {
      // Kept as it was opened, so that nothing the applicant sent is lost.
      problem = answers.error();
      doc["content_base64"] = crypto::to_base64(content.value().view());
    }
  }
  doc["envelope"] = text;
  if (!problem) {
    auto opened =
        write_attachments(client, envelope.value(), secret.box, out_dir / (code + ".attachments"),
                          doc["attachments"], report.attachments);
    if (!opened) return opened.error();
    problem = std::move(opened).value();
  }
  if (problem) {
    doc["problem"] = {{"code", problem->code},
                      {"where", problem->where},
                      {"message", {{"vi", problem->message.vi}, {"en", problem->message.en}}}};
  }
  const std::filesystem::path path = out_dir / (code + (problem ? ".invalid.json" : ".json"));
  auto written = write_file_durably(path, doc.dump(2) + "\n", 0600);
  if (!written) return written.error();
  return !problem.has_value();
}

core::Result<core::Done> refuse_existing(const std::filesystem::path& secret_path) {
  std::error_code ignored;
  if (!std::filesystem::exists(secret_path, ignored)) return core::Done{};
  return core::Error{"agency_tool.exists",
                     {"Tệp khoá đã có; không ghi đè để khỏi mất khoá cũ.",
                      "The key file exists; it is not overwritten, so the old key is not lost."},
                     secret_path.string()};
}

}  // namespace

core::Result<std::string> server_keygen(const std::filesystem::path& secret_path) {
  auto absent = refuse_existing(secret_path);
  if (!absent) return absent.error();
  const crypto::SigningKeyPair keys = crypto::generate_signing_key_pair();
  auto written = write_file_durably(secret_path, wire::server_secret_text(keys), 0600);
  if (!written) return written.error();
  const json doc = {{"signing_public_key", crypto::to_base64(keys.public_key)}};
  return doc.dump(2) + "\n";
}

core::Result<std::string> keygen(const std::string& code, const std::string& name,
                                 const std::filesystem::path& secret_path) {
  if (!wire::is_agency_code(code)) {
    return core::Error{"agency_tool.bad_code",
                       {"Mã cơ quan chỉ gồm chữ thường không dấu, số và dấu '-' (tối đa 32).",
                        "An agency code has only lower-case letters, digits and '-' (at most "
                        "32)."},
                       code};
  }
  auto absent = refuse_existing(secret_path);
  if (!absent) return absent.error();
  const wire::AgencySecret secret = wire::generate_agency_secret(code);
  auto written = write_file_durably(secret_path, wire::agency_secret_text(secret), 0600);
  if (!written) return written.error();
  const wire::AgencyPublicKeys entry = wire::agency_public_keys(secret, name);
  const json doc = {{"code", entry.code},
                    {"name", entry.name},
                    {"box_public_key", crypto::to_base64(entry.box_public_key)},
                    {"signing_public_key", crypto::to_base64(entry.signing_public_key)}};
  return doc.dump(2) + "\n";
}

core::Result<PullReport> pull(AgencyClient& client, const wire::AgencySecret& secret,
                              const std::filesystem::path& out_dir) {
  std::error_code created;
  std::filesystem::create_directories(out_dir, created);
  PullReport report;
  report.cursor = read_cursor(out_dir);
  for (;;) {
    auto answer = client.get("/api/v1/agency/submissions?after=" + std::to_string(report.cursor) +
                             "&limit=" + std::to_string(kPageSize));
    if (!answer) return answer.error();
    if (answer.value().status != 200) return refused(answer.value());
    const json page = core::parse_json_text(answer.value().body);
    const json* items = core::json_member(page, "items");
    const json* next = core::json_member(page, "next_cursor");
    if (!items || !items->is_array() || !next || !next->is_number_unsigned()) {
      return bad_answer("page");
    }
    for (const json& item : *items) {
      auto written = write_item(client, item, secret, out_dir, report);
      if (!written) return written.error();
      ++(written.value() ? report.written : report.invalid);
    }
    const std::uint64_t next_cursor = next->get<std::uint64_t>();
    if (items->empty() || next_cursor <= report.cursor) break;
    report.cursor = next_cursor;
    auto saved =
        write_file_durably(out_dir / kCursorFileName, std::to_string(report.cursor) + "\n");
    if (!saved) return saved.error();
  }
  return report;
}

core::Result<std::string> post_status(AgencyClient& client, const std::string& dossier,
                                      const std::string& status, const std::string& message) {
  json body = {{"status", status}};
  if (!message.empty()) body["message"] = message;
  auto answer = client.post("/api/v1/agency/status/" + dossier, body.dump());
  if (!answer) return answer.error();
  if (answer.value().status != 200) return refused(answer.value());
  return answer.value().body;
}

}  // namespace tokhai::tools
