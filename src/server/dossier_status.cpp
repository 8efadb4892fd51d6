// Status lookup (see dossier_status.h).
#include "server/dossier_status.h"

#include <array>
#include <nlohmann/json.hpp>

#include "wire/receipt.h"

namespace tokhai::server {
namespace {

constexpr std::array<std::string_view, 5> kAgencyStatuses = {
    "received", "processing", "needs_information", "completed", "rejected"};

// Equality that takes the same time wherever the first difference is.
bool same_text(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  unsigned char difference = 0;
  for (std::size_t i = 0; i < a.size(); ++i) {
    difference |= static_cast<unsigned char>(a[i] ^ b[i]);
  }
  return difference == 0;
}

nlohmann::ordered_json entry_json(const StatusEntry& entry) {
  nlohmann::ordered_json json = {{"status", entry.status}};
  if (entry.message) json["message"] = *entry.message;
  json["at"] = entry.at;
  return json;
}

}  // namespace

bool is_agency_status(std::string_view status) {
  for (const auto known : kAgencyStatuses) {
    if (known == status) return true;
  }
  return false;
}

bool status_needs_message(std::string_view status) {
  return status == "needs_information" || status == "rejected";
}

ApiReply lookup_status(SubmissionStore& store, std::string_view dossier_code,
                       std::optional<std::string_view> submission_header) {
  if (!submission_header || !wire::is_dossier_code(dossier_code)) {
    return api_refusal(ApiErrorCode::not_found);
  }
  auto found = store.status(dossier_code);
  if (!found) return api_refusal(ApiErrorCode::internal);
  if (!found.value() || !same_text(found.value()->submission_id, *submission_header)) {
    return api_refusal(ApiErrorCode::not_found);
  }
  const DossierStatus& status = *found.value();
  const StatusEntry& latest = status.history.back();
  nlohmann::ordered_json body = {{"dossier_code", status.dossier_code}, {"status", latest.status}};
  if (latest.message) body["message"] = *latest.message;
  body["updated_at"] = latest.at;
  nlohmann::ordered_json history = nlohmann::ordered_json::array();
  for (const auto& entry : status.history) history.push_back(entry_json(entry));
  body["history"] = std::move(history);
  return api_ok(body.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace));
}

}  // namespace tokhai::server
