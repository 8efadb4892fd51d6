// The "Ký và gửi" page and the outbox pages (see outbox_screens.h).
#include "app/outbox_screens.h"

#include <imgui.h>

#include <algorithm>
#include <cstdio>
#include <ctime>

#include "app/ui_text.h"
#include "crypto/sealed_box.h"
#include "sync/reason_text.h"
#include "wire/envelope.h"
#include "wire/filing_payload.h"

namespace tokhai::app {
namespace {

// The prefix wire/envelope.h binds into every sealed payload, with its 0x00.

std::string_view tr(const core::LocalizedText& text, core::Language language) {
  return text.in(language);
}

// The agency's words for a status (statuses of sync/status_lookup.h).
core::LocalizedText status_name(std::string_view status) {
  if (status == "submitted") return {"Đã nộp, chờ cơ quan tiếp nhận", "Filed, awaiting the agency"};
  if (status == "received") return {"Cơ quan đã tiếp nhận", "Received by the agency"};
  if (status == "processing") return {"Đang xử lý", "Being processed"};
  if (status == "needs_information") {
    return {"Cần bổ sung thông tin", "More information needed"};
  }
  if (status == "completed") return {"Đã giải quyết xong", "Completed"};
  if (status == "rejected") return {"Bị từ chối", "Refused"};
  return {std::string(status), std::string(status)};
}

bool retryable(const sync::OutboxItem& item) {
  return item.state == sync::OutboxState::queued ||
         item.state == sync::OutboxState::needs_attention;
}

int percent_sent(const sync::OutboxItem& item) {
  if (item.bytes_total == 0) return 0;
  return static_cast<int>(std::min<std::uint64_t>(100, item.bytes_sent * 100 / item.bytes_total));
}

}  // namespace

std::string local_time_text(std::int64_t unix_ms) {
  const std::time_t seconds = static_cast<std::time_t>(unix_ms / 1000);
  std::tm local{};
  localtime_r(&seconds, &local);
  char text[32];
  std::strftime(text, sizeof text, "%H:%M %d/%m/%Y", &local);
  return text;
}

std::string local_time_text(std::string_view iso_utc) {
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
  const std::string text(iso_utc);
  if (text.size() != 20 || std::sscanf(text.c_str(), "%4d-%2d-%2dT%2d:%2d:%2dZ", &year, &month,
                                       &day, &hour, &minute, &second) != 6) {
    return text;
  }
  std::tm utc{};
  utc.tm_year = year - 1900;
  utc.tm_mon = month - 1;
  utc.tm_mday = day;
  utc.tm_hour = hour;
  utc.tm_min = minute;
  utc.tm_sec = second;
  return local_time_text(static_cast<std::int64_t>(timegm(&utc)) * 1000);
}

// ---------------------------------------------------------------------------
// "Ký và gửi"
// ---------------------------------------------------------------------------

void SendPage::open(const Filing& filing) {
  parts_.clear();
  declared_ = false;
  declare_first_ = false;
  error_.reset();
  for (const Filing::SendPart& part : filing.send_parts()) {
    const core::FormSummary& form = part.definition->summary;
    // The size shown is what will be sealed; a payload that cannot be made
    // shows 0 here and its error when the person signs.
    auto payload = wire::encode_filing_payload(part.answers);
    parts_.push_back(Part{form.id, form.version, form.title, form.agency_name,
                          !part.definition->agency_public_key.empty(),
                          payload ? wire::sealed_box_size(payload.value().size()) : 0,
                          part.screen});
  }
}

bool SendPage::all_parts_sendable() const {
  return !parts_.empty() &&
         std::all_of(parts_.begin(), parts_.end(), [](const Part& p) { return p.has_agency_key; });
}

SendPage::Action SendPage::draw(const UiFrame& ui, std::string_view signer, bool can_send,
                                bool online) {
  const Palette& c = ui.theme.colours();
  const core::Language lang = ui.language;
  if (text_button(ui.theme, ui.record, "send:back", tr(ui_text::kBackToForm, lang))) {
    return Action::back;
  }
  ImGui::PushFont(ui.theme.heading());
  wrapped_text(tr(ui_text::kSendTitle, lang), c.primary);
  ImGui::PopFont();
  wrapped_text(tr(ui_text::kSendIntro, lang), c.text);
  labelled_text(ui.theme, tr(ui_text::kSendSigner, lang), signer);

  for (const Part& part : parts_) {
    gap(ui.theme, 10);
    labelled_text(ui.theme, tr(ui_text::kSendProcedure, lang), tr(part.title, lang));
    labelled_text(ui.theme, tr(ui_text::kAgency, lang), tr(part.agency_name, lang));
    if (!part.has_agency_key) {
      notice_box(ui.theme,
                 ui_text::fill(tr(ui_text::kNoAgencyKey, lang), {tr(part.agency_name, lang)}),
                 c.warning, c.warning_background);
      continue;
    }
    labelled_text(ui.theme, tr(ui_text::kSealedSize, lang),
                  ui_text::fill(tr(ui_text::kBytes, lang), {std::to_string(part.sealed_bytes)}));
    gap(ui.theme, 4);
    wrapped_text(tr(ui_text::kSendAnswers, lang), c.primary);
    if (part.screen != nullptr) part.screen->draw_answers(ui);
  }
  gap(ui.theme, 12);
  if (!can_send) {
    notice_box(ui.theme, tr(ui_text::kNoServerKey, lang), c.warning, c.warning_background);
    gap(ui.theme, 24);
    return Action::none;
  }
  if (!all_parts_sendable()) {
    gap(ui.theme, 24);
    return Action::none;
  }
  if (choice_row(ui.theme, ui.record, "send:declaration", tr(ui_text::kSendDeclaration, lang),
                 declared_, true)) {
    declared_ = !declared_;
    declare_first_ = false;
  }
  if (declare_first_) wrapped_text(tr(ui_text::kDeclareFirst, lang), c.error);
  if (!online) notice_box(ui.theme, tr(ui_text::kSendOffline, lang), c.text, c.card_pressed);
  if (error_) {
    notice_box(
        ui.theme,
        std::string(tr(ui_text::kSignFailed, lang)) + " " + std::string(tr(error_->message, lang)),
        c.error, c.error_background);
  }
  gap(ui.theme, 8);
  Action action = Action::none;
  if (action_button(ui.theme, ui.record, "send:sign", tr(ui_text::kSignNow, lang), true)) {
    if (declared_) {
      action = Action::sign;
    } else {
      declare_first_ = true;
    }
  }
  gap(ui.theme, 24);
  return action;
}

nlohmann::json SendPage::state_json() const {
  nlohmann::json state;
  state["declared"] = declared_;
  state["declare_first"] = declare_first_;
  state["sendable"] = all_parts_sendable();
  state["error"] = error_ ? nlohmann::json{{"code", error_->code}, {"where", error_->where}}
                          : nlohmann::json(nullptr);
  state["parts"] = nlohmann::json::array();
  for (const Part& part : parts_) {
    state["parts"].push_back({{"form", part.form_id},
                              {"version", part.version},
                              {"agency", part.agency_name.vi},
                              {"has_agency_key", part.has_agency_key},
                              {"sealed_bytes", part.sealed_bytes}});
  }
  return state;
}

// ---------------------------------------------------------------------------
// The outbox
// ---------------------------------------------------------------------------

std::string outbox_state_text(const sync::OutboxItem& item, bool online, core::Language language) {
  switch (item.state) {
    case sync::OutboxState::queued: {
      const bool network = !online || item.last_reason.starts_with("network.");
      std::string text(
          tr(network ? ui_text::kStateWaitingNetwork : ui_text::kStateQueued, language));
      if (online && item.next_attempt_utc_ms > 0 && item.attempts > 0) {
        text += " · " + ui_text::fill(tr(ui_text::kStateRetryAt, language),
                                      {local_time_text(item.next_attempt_utc_ms).substr(0, 5)});
      }
      return text;
    }
    case sync::OutboxState::sending:
      return ui_text::fill(tr(ui_text::kStateSending, language),
                           {std::to_string(percent_sent(item))});
    case sync::OutboxState::sent:
      return ui_text::fill(tr(ui_text::kStateSent, language), {item.dossier_code});
    case sync::OutboxState::rejected:
      return std::string(tr(ui_text::kStateRejected, language)) + ": " +
             std::string(tr(sync::reason_text(item.last_reason), language));
    case sync::OutboxState::needs_attention:
      return std::string(tr(ui_text::kStateNeedsAttention, language)) + ": " +
             std::string(tr(sync::reason_text(item.last_reason), language));
  }
  return {};
}

OutboxAction draw_outbox_list(const UiFrame& ui, const OutboxView& view, std::string& item_id) {
  const Palette& c = ui.theme.colours();
  const core::Language lang = ui.language;
  if (text_button(ui.theme, ui.record, "back", tr(ui_text::kBack, lang))) return OutboxAction::back;
  ImGui::PushFont(ui.theme.heading());
  wrapped_text(tr(ui_text::kOutboxTitle, lang), c.text);
  ImGui::PopFont();
  if (view.problem != nullptr && *view.problem) {
    notice_box(ui.theme,
               std::string(tr(ui_text::kOutboxProblem, lang)) + " " +
                   std::string(tr((*view.problem)->message, lang)),
               c.error, c.error_background);
  }
  if (view.outbox == nullptr) return OutboxAction::none;
  if (view.outbox->unreadable_records() > 0) {
    notice_box(ui.theme,
               ui_text::fill(tr(ui_text::kOutboxUnreadable, lang),
                             {std::to_string(view.outbox->unreadable_records())}),
               c.error, c.error_background);
  }
  const auto& items = view.outbox->items();
  if (items.empty()) wrapped_text(tr(ui_text::kOutboxEmpty, lang), c.muted);
  OutboxAction action = OutboxAction::none;
  // Newest first: the one just signed is on top.
  for (auto it = items.rbegin(); it != items.rend(); ++it) {
    const sync::OutboxItem& item = *it;
    const std::string title(tr(view.title_of(item.form_id), lang));
    const std::string subtitle = outbox_state_text(item, view.online, lang) + "\n" +
                                 std::string(tr(ui_text::kSignedAt, lang)) + " " +
                                 local_time_text(item.added_utc_ms);
    if (card_button(ui.theme, ui.record, "outbox:" + item.submission_id, title, subtitle)) {
      item_id = item.submission_id;
      action = OutboxAction::open_item;
    }
  }
  gap(ui.theme, 24);
  return action;
}

OutboxAction draw_outbox_item(const UiFrame& ui, const OutboxView& view,
                              const std::string& item_id) {
  const Palette& c = ui.theme.colours();
  const core::Language lang = ui.language;
  if (text_button(ui.theme, ui.record, "back", tr(ui_text::kBack, lang))) return OutboxAction::back;
  const sync::OutboxItem* item = view.outbox ? view.outbox->find(item_id) : nullptr;
  if (item == nullptr) return OutboxAction::back;
  OutboxAction action = OutboxAction::none;

  ImGui::PushFont(ui.theme.heading());
  wrapped_text(tr(view.title_of(item->form_id), lang), c.text);
  ImGui::PopFont();
  const bool problem = item->state == sync::OutboxState::rejected ||
                       item->state == sync::OutboxState::needs_attention;
  const unsigned colour = item->state == sync::OutboxState::sent ? c.success
                          : problem                              ? c.error
                                                                 : c.text;
  notice_box(ui.theme, outbox_state_text(*item, view.online, lang), colour,
             problem ? c.error_background : c.card_pressed);
  if (item->state == sync::OutboxState::sending) {
    progress_bar(ui.theme, static_cast<float>(percent_sent(*item)) / 100.0f);
  }
  // Each photo's upload as the server confirmed it: what a break will not
  // send again.
  if (item->state != sync::OutboxState::sent && item->state != sync::OutboxState::rejected) {
    for (std::size_t n = 0; n < item->attachments.size(); ++n) {
      const sync::OutboxAttachment& file = item->attachments[n];
      const std::uint64_t kib = 1024;
      wrapped_text(ui_text::fill(tr(ui_text::kPhotoUploaded, lang),
                                 {std::to_string(n + 1), std::to_string(file.confirmed_bytes / kib),
                                  std::to_string((file.size_bytes + kib - 1) / kib)}),
                   c.muted);
      progress_bar(ui.theme, file.size_bytes == 0 ? 1.0f
                                                  : static_cast<float>(file.confirmed_bytes) /
                                                        static_cast<float>(file.size_bytes));
    }
  }
  if (item->state == sync::OutboxState::queued && !item->last_reason.empty()) {
    wrapped_text(tr(sync::reason_text(item->last_reason), lang), c.muted);
  }
  if (retryable(*item)) {
    gap(ui.theme, 4);
    if (action_button(ui.theme, ui.record, "outbox:resend", tr(ui_text::kResend, lang), true)) {
      action = OutboxAction::resend;
    }
  }

  if (item->state == sync::OutboxState::sent) {
    gap(ui.theme, 10);
    ImGui::PushFont(ui.theme.heading());
    wrapped_text(tr(ui_text::kReceiptTitle, lang), c.primary);
    ImGui::PopFont();
    wrapped_text(tr(ui_text::kDossierCode, lang), c.muted);
    ImGui::PushFont(ui.theme.heading());
    wrapped_text(item->dossier_code, c.text);
    ImGui::PopFont();
    labelled_text(ui.theme, tr(ui_text::kReceivedAt, lang), local_time_text(item->received_at));
    notice_box(ui.theme, tr(ui_text::kReceiptVerified, lang), c.success, c.card_pressed);

    gap(ui.theme, 10);
    ImGui::PushFont(ui.theme.heading());
    wrapped_text(tr(ui_text::kStatusTitle, lang), c.primary);
    ImGui::PopFont();
    const sync::DossierStatusView* status =
        view.statuses ? view.statuses->status(item->submission_id) : nullptr;
    if (status != nullptr && status->cached) {
      const sync::DossierStatus& known = *status->cached;
      const unsigned status_colour = known.status == "completed"           ? c.success
                                     : known.status == "rejected"          ? c.error
                                     : known.status == "needs_information" ? c.warning
                                                                           : c.text;
      wrapped_text(tr(status_name(known.status), lang), status_colour);
      if (!known.message.empty()) notice_box(ui.theme, known.message, c.text, c.card_pressed);
      wrapped_text(
          ui_text::fill(tr(ui_text::kStatusAsOf, lang),
                        {local_time_text(known.updated_at), local_time_text(known.fetched_utc_ms)}),
          c.muted);
      if (known.history.size() > 1) {
        gap(ui.theme, 4);
        wrapped_text(tr(ui_text::kStatusHistory, lang), c.muted);
        for (const sync::DossierStatusEvent& event : known.history) {
          std::string line =
              local_time_text(event.at) + " · " + std::string(tr(status_name(event.status), lang));
          if (!event.message.empty()) line += ": " + event.message;
          wrapped_text(line, c.text);
        }
      }
    } else {
      wrapped_text(tr(ui_text::kStatusNone, lang), c.muted);
    }
    if (status != nullptr && status->refreshing) {
      wrapped_text(tr(ui_text::kStatusRefreshing, lang), c.muted);
    } else if (status != nullptr && status->last_error) {
      wrapped_text(std::string(tr(ui_text::kStatusFailed, lang)) + " " +
                       std::string(tr(sync::reason_text(status->last_error->code), lang)),
                   c.warning);
    }
    gap(ui.theme, 4);
    if (action_button(ui.theme, ui.record, "outbox:refresh-status",
                      tr(ui_text::kStatusRefresh, lang), false)) {
      action = OutboxAction::refresh_status;
    }
  }

  gap(ui.theme, 10);
  labelled_text(ui.theme, tr(ui_text::kSignedAt, lang), local_time_text(item->added_utc_ms));
  labelled_text(ui.theme, tr(ui_text::kAttempts, lang), std::to_string(item->attempts));
  labelled_text(ui.theme, tr(ui_text::kSubmissionId, lang), item->submission_id);
  gap(ui.theme, 24);
  return action;
}

nlohmann::json outbox_state_json(const OutboxView& view) {
  nlohmann::json state;
  state["online"] = view.online;
  state["open"] = view.outbox != nullptr;
  state["problem"] = (view.problem != nullptr && *view.problem)
                         ? nlohmann::json((*view.problem)->code)
                         : nlohmann::json(nullptr);
  state["items"] = nlohmann::json::array();
  if (view.outbox == nullptr) return state;
  state["unreadable"] = view.outbox->unreadable_records();
  for (const sync::OutboxItem& item : view.outbox->items()) {
    nlohmann::json entry{{"id", item.submission_id},
                         {"form", item.form_id},
                         {"version", item.form_version},
                         {"state", sync::outbox_state_name(item.state)},
                         {"text", outbox_state_text(item, view.online, core::Language::vi)},
                         {"reason", item.last_reason},
                         {"attempts", item.attempts},
                         {"next_attempt_utc_ms", item.next_attempt_utc_ms},
                         {"bytes_sent", item.bytes_sent},
                         {"bytes_total", item.bytes_total},
                         {"envelope_bytes", item.envelope_text.size()},
                         {"attachments", nlohmann::json::array()},
                         {"dossier_code", item.dossier_code},
                         {"received_at", item.received_at},
                         {"receipt_verified", item.state == sync::OutboxState::sent},
                         {"status", nullptr}};
    for (const sync::OutboxAttachment& file : item.attachments) {
      entry["attachments"].push_back(
          {{"size_bytes", file.size_bytes}, {"confirmed_bytes", file.confirmed_bytes}});
    }
    const sync::DossierStatusView* status =
        view.statuses ? view.statuses->status(item.submission_id) : nullptr;
    if (status != nullptr) {
      entry["status"] = {
          {"status", status->cached ? nlohmann::json(status->cached->status) : nullptr},
          {"message", status->cached ? nlohmann::json(status->cached->message) : nullptr},
          {"refreshing", status->refreshing},
          {"error", status->last_error ? nlohmann::json(status->last_error->code) : nullptr}};
    }
    state["items"].push_back(std::move(entry));
  }
  return state;
}

}  // namespace tokhai::app
