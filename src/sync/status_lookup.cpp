// Dossier status lookups and their cache in the vault (status_lookup.h).
#include "sync/status_lookup.h"

#include <nlohmann/json.hpp>

#include "core/json_text.h"
#include "crypto/bytes.h"
#include "sync/server_answer.h"
#include "wire/receipt.h"

namespace tokhai::sync {
namespace {

constexpr std::string_view kStatusPath = "/api/v1/status/";
constexpr std::string_view kCacheFormat = "tokhai-dossier-status-cache/1";
constexpr std::size_t kMaxHistoryEntries = 1000;
constexpr std::int64_t kStatusTimeoutMs = 30'000;

Error bad_answer(std::string where) {
  return sync_error("sync.bad_status_answer",
                    "Máy chủ trả lời về tình trạng hồ sơ không đúng định dạng.",
                    "The server's answer about the dossier's status is not in the expected form.",
                    std::move(where));
}

// A status name: 1–32 characters of a–z and _. Names this build does not know
// (a newer server) are kept; the app shows them generically.
bool is_status_name(const std::string& text) {
  if (text.empty() || text.size() > 32) return false;
  for (char c : text) {
    if (!((c >= 'a' && c <= 'z') || c == '_')) return false;
  }
  return true;
}

// "YYYY-MM-DDTHH:MM:SSZ" in shape (the server's clock; shown, not computed with).
bool is_utc_time(const std::string& text) {
  if (text.size() != 20) return false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    const char expected = i == 4 || i == 7     ? '-'
                          : i == 10            ? 'T'
                          : i == 13 || i == 16 ? ':'
                          : i == 19            ? 'Z'
                                               : '0';
    if (expected == '0' ? !(c >= '0' && c <= '9') : c != expected) return false;
  }
  return true;
}

// Reads member `key` of `object` as text into `out`. Missing is an error
// unless `optional`.
Result<Done> read_text(const nlohmann::json& object, std::string_view key, std::string& out,
                       bool optional, std::string_view where_prefix = {}) {
  const nlohmann::json* member = core::json_member(object, key);
  if (member == nullptr && optional) return Done{};
  if (member == nullptr || !member->is_string()) {
    return bad_answer(std::string(where_prefix) + std::string(key));
  }
  out = member->get<std::string>();
  return Done{};
}

Error network_error(NetworkFailure failure) {
  return sync_error(std::string(network_failure_code(failure)),
                    "Không kết nối được với máy chủ để xem tình trạng hồ sơ.",
                    "Could not reach the server to look up the dossier's status.");
}

}  // namespace

Result<DossierStatus> parse_dossier_status(std::string_view body) {
  if (body.size() > kMaxStatusBodyBytes) return bad_answer("bytes");
  if (core::json_shape(body, 4, 4 * kMaxHistoryEntries + 64) != core::JsonShape::within_bounds) {
    return bad_answer("shape");
  }
  const nlohmann::json json = core::parse_json_text(body);
  if (json.is_discarded() || !json.is_object()) return bad_answer("json");
  DossierStatus status;
  for (auto read : {read_text(json, "dossier_code", status.dossier_code, false),
                    read_text(json, "status", status.status, false),
                    read_text(json, "message", status.message, true),
                    read_text(json, "updated_at", status.updated_at, false)}) {
    if (!read) return read.error();
  }
  if (!wire::is_dossier_code(status.dossier_code)) return bad_answer("dossier_code");
  if (!is_status_name(status.status)) return bad_answer("status");
  if (status.message.size() > kMaxStatusMessageBytes) return bad_answer("message");
  if (!is_utc_time(status.updated_at)) return bad_answer("updated_at");

  const nlohmann::json* history = core::json_member(json, "history");
  if (history == nullptr || !history->is_array() || history->size() > kMaxHistoryEntries) {
    return bad_answer("history");
  }
  for (std::size_t i = 0; i < history->size(); ++i) {
    const nlohmann::json& entry = (*history)[i];
    const std::string where = "history[" + std::to_string(i) + "].";
    if (!entry.is_object()) return bad_answer(where);
    DossierStatusEvent event;
    for (auto read : {read_text(entry, "status", event.status, false, where),
                      read_text(entry, "message", event.message, true, where),
                      read_text(entry, "at", event.at, false, where)}) {
      if (!read) return read.error();
    }
    if (!is_status_name(event.status)) return bad_answer(where + "status");
    if (event.message.size() > kMaxStatusMessageBytes) return bad_answer(where + "message");
    if (!is_utc_time(event.at)) return bad_answer(where + "at");
    status.history.push_back(std::move(event));
  }
  return status;
}

StatusLookup::StatusLookup(storage::UnlockedVault& vault, Transport& transport,
                           const SyncClock& clock)
    : vault_(vault),
      transport_(transport),
      clock_(clock),
      self_(std::make_shared<StatusLookup*>(this)) {}

StatusLookup::~StatusLookup() = default;

Result<std::unique_ptr<StatusLookup>> StatusLookup::open(storage::UnlockedVault& vault,
                                                         Transport& transport,
                                                         const SyncClock& clock) {
  auto listing = vault.list(kDossierStatusRecordKind);
  if (!listing) return listing.error();
  std::unique_ptr<StatusLookup> lookup(new StatusLookup(vault, transport, clock));
  for (const storage::RecordMeta& meta : listing.value().records) {
    auto record = vault.get(meta.label.kind, meta.label.id);
    if (!record) continue;  // a damaged cache entry: the next refresh replaces it
    const nlohmann::json cache = core::parse_json_text(record.value().content.as_text());
    const nlohmann::json* format = core::json_member(cache, "format");
    const nlohmann::json* fetched = core::json_member(cache, "fetched_utc_ms");
    const nlohmann::json* answer = core::json_member(cache, "answer");
    if (format == nullptr || *format != kCacheFormat || fetched == nullptr ||
        !fetched->is_number_integer() || answer == nullptr || !answer->is_string()) {
      continue;
    }
    auto status = parse_dossier_status(answer->get_ref<const std::string&>());
    if (!status) continue;
    status.value().fetched_utc_ms = fetched->get<std::int64_t>();
    lookup->views_[meta.label.id].cached = std::move(status).value();
  }
  return lookup;
}

const DossierStatusView* StatusLookup::status(std::string_view submission_id) const {
  const auto found = views_.find(submission_id);
  return found == views_.end() ? nullptr : &found->second;
}

void StatusLookup::refresh(const OutboxItem& item) {
  if (item.state != OutboxState::sent || !wire::is_dossier_code(item.dossier_code)) return;
  DossierStatusView& view = views_[item.submission_id];
  if (view.refreshing) return;
  view.refreshing = true;

  HttpRequest request;
  request.method = HttpMethod::get;
  request.path = std::string(kStatusPath) + item.dossier_code;
  request.headers = {{"X-Tokhai-Submission", item.submission_id}, {"Accept", "application/json"}};
  request.timeout_ms = kStatusTimeoutMs;
  const std::weak_ptr<StatusLookup*> weak = self_;
  transport_.send(std::move(request),
                  [weak, id = item.submission_id, code = item.dossier_code](HttpResponse response) {
                    if (const auto self = weak.lock())
                      (*self)->finish(id, code, std::move(response));
                  });
  if (listener_) listener_();
}

void StatusLookup::finish(const std::string& submission_id, const std::string& dossier_code,
                          HttpResponse response) {
  DossierStatusView& view = views_[submission_id];
  view.refreshing = false;
  if (!response.arrived()) {
    view.last_error = network_error(*response.failure);
  } else if (response.status == 404) {
    view.last_error = sync_error("sync.status_not_found", "Máy chủ không tìm thấy hồ sơ này.",
                                 "The server does not know this dossier.", dossier_code);
  } else if (response.status != 200) {
    view.last_error = sync_error(
        server_error_code(response.body).value_or("http." + std::to_string(response.status)),
        "Chưa xem được tình trạng hồ sơ; hãy thử lại sau.",
        "The dossier's status could not be fetched; try again later.", dossier_code);
  } else if (auto status = parse_dossier_status(response.body); !status) {
    view.last_error = status.error();
  } else if (status.value().dossier_code != dossier_code) {
    view.last_error = bad_answer("dossier_code");
  } else {
    status.value().fetched_utc_ms = clock_.utc_unix_ms();
    const nlohmann::json cache = {{"format", kCacheFormat},
                                  {"fetched_utc_ms", status.value().fetched_utc_ms},
                                  {"answer", response.body}};
    const std::string cache_text =
        cache.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    auto stored = vault_.put({std::string(kDossierStatusRecordKind), submission_id, "", ""},
                             crypto::as_bytes(cache_text));
    view.cached = std::move(status).value();
    if (stored) {
      view.last_error.reset();
    } else {
      view.last_error = stored.error();
    }
  }
  if (listener_) listener_();
}

}  // namespace tokhai::sync
