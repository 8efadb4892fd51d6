// Sending a filing, as the citizen sees it: the "Ký và gửi" page (what will
// be sent, the declaration, the signature), the outbox list ("Hồ sơ đã gửi /
// đang chờ gửi") with each item's state, and one item's page (its state and
// reason, "Gửi lại", the receipt, the agency's status).
//
// These are drawings only: the outbox (sync::Outbox), the status lookup
// (sync::StatusLookup) and the signing live in CitizenApp, which acts on what
// the pages return. Everything shown is readable offline: receipts and the
// last status come from the vault.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/filing.h"
#include "app/form_screen.h"
#include "core/localized_text.h"
#include "core/result.h"
#include "sync/outbox.h"
#include "sync/status_lookup.h"

namespace tokhai::app {

// "HH:MM dd/mm/yyyy" in the phone's time zone, from "YYYY-MM-DDTHH:MM:SSZ"
// (the text itself when it is not in that shape) or from Unix ms.
std::string local_time_text(std::string_view iso_utc);
std::string local_time_text(std::int64_t unix_ms);

// The "Ký và gửi" page of one filing.
class SendPage {
 public:
  struct Part {
    std::string form_id;
    std::string version;
    core::LocalizedText title;
    core::LocalizedText agency_name;
    bool has_agency_key = false;
    std::size_t sealed_bytes = 0;
    const FormScreen* screen = nullptr;  // its answers, shown in plain words
  };
  enum class Action { none, back, sign };

  // Shows `filing` (started and valid); `filing` must outlive the page's use.
  void open(const Filing& filing);
  // `signer` is the vault's display name; `can_send` false when this build has
  // no server key; `online` what the browser says.
  Action draw(const UiFrame& ui, std::string_view signer, bool can_send, bool online);
  // Why the last signing failed (shown above the button), or clear it.
  void set_error(std::optional<core::Error> error) { error_ = std::move(error); }
  bool all_parts_sendable() const;
  nlohmann::json state_json() const;

 private:
  std::vector<Part> parts_;
  bool declared_ = false;
  bool declare_first_ = false;  // "sign" tapped without the declaration ticked
  std::optional<core::Error> error_;
};

// What the outbox pages read.
struct OutboxView {
  const sync::Outbox* outbox = nullptr;  // null while no vault is open
  const sync::StatusLookup* statuses = nullptr;
  const std::optional<core::Error>* problem = nullptr;  // the outbox could not be opened
  bool online = true;
  // The procedure's title for a form id (the id itself when unknown).
  std::function<core::LocalizedText(std::string_view form_id)> title_of;
};

enum class OutboxAction { none, back, open_item, resend, refresh_status };

// The list. On open_item, `item_id` is the item tapped.
OutboxAction draw_outbox_list(const UiFrame& ui, const OutboxView& view, std::string& item_id);
// One item (`item_id`); resend and refresh_status are about it.
OutboxAction draw_outbox_item(const UiFrame& ui, const OutboxView& view,
                              const std::string& item_id);

// One line for an item's state: "Đang chờ mạng", "Đang gửi 40%", "Đã gửi · Mã
// hồ sơ TK-…", "Bị từ chối: …", "Cần xem lại: …".
std::string outbox_state_text(const sync::OutboxItem& item, bool online, core::Language language);

// The outbox for window.citizenApp.state(): ids, states, dossier codes,
// reasons, progress and the cached status of each item.
nlohmann::json outbox_state_json(const OutboxView& view);

}  // namespace tokhai::app
