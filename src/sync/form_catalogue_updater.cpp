// FormCatalogueUpdater (see form_catalogue_updater.h): the check, the
// downloads one at a time, and the folder they are kept in.
#include "sync/form_catalogue_updater.h"

#include <algorithm>
#include <charconv>
#include <filesystem>
#include <system_error>
#include <utility>

#include "core/form/form_definition.h"
#include "core/json_text.h"
#include "core/text_file.h"
#include "crypto/encoding.h"
#include "crypto/hash.h"

namespace tokhai::sync {
namespace {

constexpr std::string_view kCataloguePath = "/api/v1/forms/catalogue";
constexpr std::string_view kStateFile = "state.json";
constexpr std::int64_t kRequestTimeoutMs = 60'000;

core::Error update_error(std::string code, std::string vi, std::string en, std::string where = {}) {
  return core::Error{"form_updates." + code, core::LocalizedText{std::move(vi), std::move(en)},
                     std::move(where)};
}

core::Error http_error(const HttpResponse& response, std::string where) {
  if (!response.arrived()) {
    return update_error("offline", "Không kết nối được máy chủ để cập nhật biểu mẫu.",
                        "Could not reach the server to update the forms.",
                        std::string(network_failure_code(*response.failure)));
  }
  return update_error(
      "http_status",
      "Máy chủ trả lời " + std::to_string(response.status) + " khi cập nhật biểu mẫu.",
      "The server answered " + std::to_string(response.status) + " while updating the forms.",
      std::move(where));
}

std::string hex_sha256(std::string_view text) {
  const crypto::Sha256Digest digest = crypto::sha256(crypto::as_bytes(text));
  return crypto::to_hex(digest);
}

nlohmann::json error_json(const core::Error& error) {
  return {{"code", error.code},
          {"where", error.where},
          {"message", {{"vi", error.message.vi}, {"en", error.message.en}}}};
}

// "2024.10" after "2024.9": dot-separated parts, numbers compared as numbers.
bool version_before(std::string_view a, std::string_view b) {
  while (!a.empty() || !b.empty()) {
    const std::string_view part_a = a.substr(0, a.find('.'));
    const std::string_view part_b = b.substr(0, b.find('.'));
    unsigned long long number_a = 0, number_b = 0;
    const auto read_a = std::from_chars(part_a.data(), part_a.data() + part_a.size(), number_a);
    const auto read_b = std::from_chars(part_b.data(), part_b.data() + part_b.size(), number_b);
    const bool numeric = !part_a.empty() && !part_b.empty() &&
                         read_a.ptr == part_a.data() + part_a.size() &&
                         read_b.ptr == part_b.data() + part_b.size();
    if (numeric ? number_a != number_b : part_a != part_b) {
      return numeric ? number_a < number_b : part_a < part_b;
    }
    a.remove_prefix(std::min(a.size(), part_a.size() + 1));
    b.remove_prefix(std::min(b.size(), part_b.size() + 1));
  }
  return false;
}

// Whether `a` was or will be in effect before `b`.
bool effective_before(const core::FormSummary& a, const core::FormSummary& b) {
  if (a.effective_date != b.effective_date) return a.effective_date < b.effective_date;
  return version_before(a.version, b.version);
}

}  // namespace

std::vector<core::FormSummary> offered_versions(const std::vector<core::FormSummary>& forms,
                                                std::string_view today) {
  std::vector<const core::FormSummary*> best;  // one per id
  for (const core::FormSummary& form : forms) {
    auto same = std::find_if(best.begin(), best.end(),
                             [&](const core::FormSummary* kept) { return kept->id == form.id; });
    if (same == best.end()) {
      best.push_back(&form);
      continue;
    }
    const bool effective = form.effective_date <= today;
    const bool kept_effective = (*same)->effective_date <= today;
    // An effective version beats one still to come; among effective ones the
    // newest wins, among future ones the soonest.
    const bool better = effective != kept_effective ? effective
                        : effective                 ? effective_before(**same, form)
                                                    : effective_before(form, **same);
    if (better) *same = &form;
  }
  std::sort(best.begin(), best.end(),
            [](const core::FormSummary* a, const core::FormSummary* b) { return a->id < b->id; });
  std::vector<core::FormSummary> offered;
  for (const core::FormSummary* form : best) offered.push_back(*form);
  return offered;
}

FormCatalogueUpdater::FormCatalogueUpdater(Transport& transport, const SyncClock& clock,
                                           std::string folder, crypto::Bytes server_public_key,
                                           HasForm bundled)
    : transport_(transport),
      clock_(clock),
      folder_(std::move(folder)),
      server_public_key_(std::move(server_public_key)),
      bundled_(std::move(bundled)) {}

FormCatalogueUpdater::~FormCatalogueUpdater() { *alive_ = false; }

void FormCatalogueUpdater::open() {
  stored_.clear();
  const auto text = core::read_text_file(std::filesystem::path(folder_) / kStateFile);
  if (!text) return;  // nothing stored yet
  const nlohmann::json state = core::parse_json_text(*text);
  const auto* format = core::json_member(state, "format");
  if (format == nullptr || !format->is_string() ||
      format->get_ref<const std::string&>() != kFormUpdatesFormat) {
    form_errors_.push_back(
        update_error("damaged_state", "Tệp trạng thái cập nhật biểu mẫu bị hỏng.",
                     "The form updates' state file is damaged.", std::string(kStateFile)));
    return;
  }
  if (const auto* serial = core::json_member(state, "serial");
      serial != nullptr && serial->is_number_unsigned()) {
    serial_ = serial->get<std::uint64_t>();
  }
  if (const auto* checked = core::json_member(state, "checked_at_ms");
      checked != nullptr && checked->is_number_integer()) {
    checked_at_ms_ = checked->get<std::int64_t>();
  }
  const auto* forms = core::json_member(state, "forms");
  if (forms == nullptr || !forms->is_array()) return;
  for (const nlohmann::json& item : *forms) {
    if (!item.is_object()) continue;
    StoredForm form;
    for (auto [key, target] :
         {std::pair{"id", &form.id}, std::pair{"version", &form.version},
          std::pair{"definition_sha256", &form.definition_sha256}, std::pair{"file", &form.path}}) {
      const auto* value = core::json_member(item, key);
      if (value != nullptr && value->is_string()) *target = value->get<std::string>();
    }
    // The file name is ours (<id>@<version>.json); never a path from elsewhere.
    if (!wire::is_catalogue_name(form.id) || !wire::is_catalogue_name(form.version) ||
        form.path != form.id + "@" + form.version + ".json") {
      continue;
    }
    form.path = (std::filesystem::path(folder_) / form.path).string();
    const auto bytes = core::read_text_file(form.path);
    if (!bytes || hex_sha256(*bytes) != form.definition_sha256) {
      form_errors_.push_back(
          update_error("damaged_file", "Một biểu mẫu đã tải về bị hỏng; sẽ tải lại.",
                       "A downloaded form is damaged; it will be downloaded again.",
                       form.id + "@" + form.version));
      continue;
    }
    stored_.push_back(std::move(form));
  }
}

bool FormCatalogueUpdater::check_if_due(bool network_came_back) {
  if (busy()) return false;
  const std::int64_t now_utc = clock_.utc_unix_ms();
  const std::int64_t now = clock_.monotonic_ms();
  const bool failed_before = last_error_.has_value();
  if (failed_before) {
    if (!(network_came_back && offline_) && now < next_check_monotonic_ms_) return false;
  } else if (checked_at_ms_ != 0 && now_utc >= checked_at_ms_ &&
             now_utc - checked_at_ms_ < kCheckIntervalMs) {
    return false;  // a good check not long ago (a clock that went back counts as due)
  }
  phase_ = Phase::checking;
  HttpRequest request;
  request.path = std::string(kCataloguePath);
  request.headers.push_back({"Accept", "application/json"});
  request.timeout_ms = kRequestTimeoutMs;
  transport_.send(std::move(request), [this, alive = alive_](HttpResponse response) {
    if (*alive) catalogue_answered(response);
  });
  return true;
}

void FormCatalogueUpdater::catalogue_answered(const HttpResponse& response) {
  if (!response.arrived() || response.status != 200) {
    finish(http_error(response, std::string(kCataloguePath)), !response.arrived());
    return;
  }
  auto document = wire::parse_form_catalogue(crypto::as_bytes(response.body));
  if (!document) {
    finish(document.error());
    return;
  }
  auto verified = wire::verify_form_catalogue(document.value(), server_public_key_);
  if (!verified) {
    finish(verified.error());
    return;
  }
  if (document.value().serial < serial_) {
    finish(update_error(
        "rollback", "Máy chủ gửi một danh mục biểu mẫu cũ hơn danh mục đã nhận; bỏ qua.",
        "The server sent an older form catalogue than the one already accepted; ignored.",
        std::to_string(document.value().serial) + " < " + std::to_string(serial_)));
    return;
  }
  serial_ = document.value().serial;
  form_errors_.clear();
  queue_.clear();
  for (const wire::CatalogueForm& form : document.value().forms) {
    if (!has(form.id, form.version)) queue_.push_back(form);
  }
  phase_ = Phase::downloading;
  download_next();
}

void FormCatalogueUpdater::download_next() {
  if (queue_.empty()) {
    checked_at_ms_ = clock_.utc_unix_ms();
    finish(std::nullopt);
    return;
  }
  const wire::CatalogueForm form = queue_.front();
  HttpRequest request;
  request.path = "/api/v1/forms/" + form.id + "/" + form.version;
  request.timeout_ms = kRequestTimeoutMs;
  transport_.send(std::move(request), [this, alive = alive_, form](HttpResponse response) {
    if (*alive) form_answered(form, response);
  });
}

void FormCatalogueUpdater::form_answered(const wire::CatalogueForm& form,
                                         const HttpResponse& response) {
  const std::string name = form.id + "@" + form.version;
  if (!response.arrived()) {
    // Offline in the middle: the rest waits for the next check.
    finish(http_error(response, name), true);
    return;
  }
  queue_.erase(queue_.begin());
  auto problem = [&]() -> std::optional<core::Error> {
    if (response.status != 200) return http_error(response, name);
    if (response.body.size() != form.size_bytes) {
      return update_error("size_mismatch", "Biểu mẫu tải về không đúng kích thước đã ký.",
                          "The downloaded form does not have the signed size.", name);
    }
    if (hex_sha256(response.body) != crypto::to_hex(form.definition_sha256)) {
      return update_error("hash_mismatch", "Biểu mẫu tải về không khớp mã băm đã ký.",
                          "The downloaded form does not match the signed hash.", name);
    }
    auto definition = core::load_form_definition(response.body, name + ".json");
    if (!definition) return definition.error();
    const auto& summary = definition.value().summary;
    if (summary.id != form.id || summary.version != form.version) {
      return update_error("not_listed", "Biểu mẫu tải về không phải biểu mẫu đã ký.",
                          "The downloaded form is not the one the list names.", name);
    }
    auto stored = store(form, response.body);
    if (!stored) return stored.error();
    return std::nullopt;
  }();
  if (problem) {
    form_errors_.push_back(*problem);
  } else {
    notify();
  }
  download_next();
}

bool FormCatalogueUpdater::has(std::string_view id, std::string_view version) const {
  if (bundled_ && bundled_(id, version)) return true;
  return std::any_of(stored_.begin(), stored_.end(), [&](const StoredForm& form) {
    return form.id == id && form.version == version;
  });
}

core::Result<core::Done> FormCatalogueUpdater::store(const wire::CatalogueForm& form,
                                                     const std::string& body) {
  const std::string file = form.id + "@" + form.version + ".json";
  std::error_code ignored;
  std::filesystem::create_directories(folder_, ignored);
  const std::filesystem::path path = std::filesystem::path(folder_) / file;
  auto failed = [&] {
    return update_error("write_failed", "Không lưu được biểu mẫu đã tải về.",
                        "Could not store the downloaded form.", file);
  };
  if (!core::write_file_atomically(path, body)) return failed();
  stored_.push_back({form.id, form.version, crypto::to_hex(form.definition_sha256), path.string()});
  if (!write_state()) {
    stored_.pop_back();
    return failed();
  }
  return core::Done{};
}

core::Result<core::Done> FormCatalogueUpdater::write_state() const {
  nlohmann::json forms = nlohmann::json::array();
  for (const StoredForm& form : stored_) {
    forms.push_back({{"definition_sha256", form.definition_sha256},
                     {"file", std::filesystem::path(form.path).filename().string()},
                     {"id", form.id},
                     {"version", form.version}});
  }
  const nlohmann::json state = {{"checked_at_ms", checked_at_ms_},
                                {"format", kFormUpdatesFormat},
                                {"forms", std::move(forms)},
                                {"serial", serial_}};
  std::error_code ignored;
  std::filesystem::create_directories(folder_, ignored);
  if (!core::write_file_atomically(std::filesystem::path(folder_) / kStateFile, state.dump())) {
    return update_error("write_failed", "Không lưu được trạng thái cập nhật biểu mẫu.",
                        "Could not store the form updates' state.", std::string(kStateFile));
  }
  return core::Done{};
}

void FormCatalogueUpdater::finish(std::optional<core::Error> error, bool offline) {
  phase_ = Phase::idle;
  queue_.clear();
  offline_ = offline;
  last_error_ = std::move(error);
  if (last_error_) next_check_monotonic_ms_ = clock_.monotonic_ms() + kRetryAfterFailureMs;
  // The accepted serial and the time of a good check outlive the page; a
  // failed write only means the next start checks again.
  if (!last_error_ || serial_ != 0) (void)write_state();
  notify();
}

void FormCatalogueUpdater::notify() const {
  if (listener_) listener_();
}

nlohmann::json FormCatalogueUpdater::state_json() const {
  nlohmann::json stored = nlohmann::json::array();
  for (const StoredForm& form : stored_) {
    stored.push_back({{"id", form.id}, {"version", form.version}});
  }
  nlohmann::json form_errors = nlohmann::json::array();
  for (const core::Error& error : form_errors_) form_errors.push_back(error_json(error));
  const char* phase = phase_ == Phase::checking      ? "checking"
                      : phase_ == Phase::downloading ? "downloading"
                                                     : "idle";
  return {{"state", phase},
          {"serial", serial_},
          {"checked_at_ms", checked_at_ms_},
          {"last_error", last_error_ ? error_json(*last_error_) : nlohmann::json(nullptr)},
          {"form_errors", std::move(form_errors)},
          {"stored", std::move(stored)}};
}

}  // namespace tokhai::sync
