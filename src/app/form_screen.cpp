// The form's pages, review and end state (see form_screen.h).
//
// [SECTION] helpers: keys, labels, values
// [SECTION] pages and fields
// [SECTION] text fields and the text agent
// [SECTION] choices, pickers and the calendar
// [SECTION] review and the end state
// [SECTION] state for tests
#include "app/form_screen.h"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>

#include "app/ui_text.h"
#include "core/dates.h"
#include "core/text/unicode.h"
#include "platform/photos.h"

namespace tokhai::app {
namespace {

using core::FieldType;
using core::Language;
using core::expr::Value;

constexpr size_t kInlineChoiceLimit = 7;  // longer lists open a searchable picker
constexpr size_t kPickerRowLimit = 60;    // rows drawn before "type more"

std::string_view tr(const core::LocalizedText& text, Language language) {
  return text.in(language);
}

bool is_text_like(FieldType type) {
  switch (type) {
    case FieldType::text:
    case FieldType::multiline:
    case FieldType::integer:
    case FieldType::decimal:
    case FieldType::date:
    case FieldType::time:
    case FieldType::personal_id:
    case FieldType::phone:
    case FieldType::email:
    case FieldType::health_insurance:
      return true;
    default:
      return false;
  }
}

platform::Keyboard keyboard_of(FieldType type) {
  switch (type) {
    case FieldType::integer:
    case FieldType::personal_id:
    case FieldType::date:
    case FieldType::time:
      return platform::Keyboard::numeric;
    case FieldType::decimal:
      return platform::Keyboard::decimal;
    case FieldType::phone:
      return platform::Keyboard::telephone;
    case FieldType::email:
      return platform::Keyboard::email;
    case FieldType::multiline:
      return platform::Keyboard::multiline;
    default:
      return platform::Keyboard::text;
  }
}

std::string format_number(double number) {
  char buffer[32];
  if (std::floor(number) == number && std::fabs(number) < 1e15) {
    std::snprintf(buffer, sizeof buffer, "%.0f", number);
  } else {
    std::snprintf(buffer, sizeof buffer, "%.10g", number);
  }
  return buffer;
}

// Digits typed into a date or time field, shown with their separators as the
// user types: "1503" → "15/03", "150320" → "15/03/20", "0730" → "07:30".
// Anything that is not digits and separators is left as typed.
std::string with_separators(std::string_view typed, char separator, size_t max_digits) {
  std::string digits;
  for (char c : typed) {
    if (c >= '0' && c <= '9') {
      digits.push_back(c);
    } else if (c != separator) {
      return std::string(typed);
    }
  }
  if (digits.size() > max_digits) digits.resize(max_digits);
  std::string out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if ((i == 2 || (i == 4 && max_digits == 8)) && out.size() < 8) out.push_back(separator);
    out.push_back(digits[i]);
  }
  return out;
}

// The reference list a field's codes come from: its choices_from, or the one
// its type implies; empty for fields without one.
std::string data_list_of(const core::FieldDefinition& field) {
  if (!field.choices_from.empty()) return field.choices_from;
  if (field.type == FieldType::ethnicity) return "ethnicities";
  if (field.type == FieldType::nationality) return "nationalities";
  return {};
}

}  // namespace

// ---------------------------------------------------------------------------
// [SECTION] helpers: keys, labels, values
// ---------------------------------------------------------------------------

FormScreen::FormScreen(const core::FormDefinition& form, const core::FormDataSets* data,
                       core::CalendarDate today)
    : form_(form),
      data_(data),
      own_session_(std::make_unique<core::FormSession>(form, today, data)),
      session_(own_session_.get()),
      today_(today) {
  if (!page_has_relevant_fields(page_)) go_to_page(0);
}

FormScreen::FormScreen(const core::FormDefinition& form, const core::FormDataSets* data,
                       BundlePart part)
    : form_(form),
      data_(data),
      session_(part.bundle->session(form.summary.id)),
      part_(part),
      today_(session_->today()) {
  if (!page_has_relevant_fields(page_)) go_to_page(0);
}

void FormScreen::show_review() {
  stop_editing();
  picker_.reset();
  calendar_.reset();
  mode_ = Mode::review;
  reviewed_ = true;
  scroll_request_ = true;
}

void FormScreen::show_ready() {
  stop_editing();
  mode_ = Mode::ready;
  scroll_request_ = true;
}

std::string FormScreen::key(FieldRef ref) const {
  const auto& field = def(ref);
  if (ref.row < 0) return "field:" + field.id;
  return "field:" + field.group + "[" + std::to_string(ref.row) + "]." + field.id;
}

std::optional<FormScreen::FieldRef> FormScreen::parse_path(std::string_view path) const {
  // "field" or "group[row].field", as FormSession::issues() writes them.
  const auto open = path.find('[');
  if (open == std::string_view::npos) {
    const auto* field = form_.field(path);
    if (field == nullptr) return std::nullopt;
    return FieldRef{form_.field_index.find(path)->second, -1};
  }
  const auto close = path.find("].", open);
  if (close == std::string_view::npos) return std::nullopt;
  const std::string_view id = path.substr(close + 2);
  if (form_.field(id) == nullptr) return std::nullopt;
  int row = 0;
  for (char c : path.substr(open + 1, close - open - 1)) {
    if (c < '0' || c > '9') return std::nullopt;
    row = row * 10 + (c - '0');
  }
  return FieldRef{form_.field_index.find(id)->second, row};
}

std::string FormScreen::field_label(FieldRef ref, Language language) const {
  const auto& field = def(ref);
  std::string label(tr(field.label, language));
  if (label.empty()) label = field.id;
  if (ref.row >= 0) {
    const auto* group = form_.field(field.group);
    label += " (" + std::string(tr(group->label, language)) + ", " +
             std::string(tr(ui_text::kRow, language)) + " " + std::to_string(ref.row + 1) + ")";
  }
  return label;
}

std::string FormScreen::display_value(FieldRef ref, Language language) const {
  const auto& field = def(ref);
  const Value value = session_->answer(field.id, ref.row);
  if (value.is_null()) return "";
  if (value.is_date()) return core::format_display_date(core::format_iso_date(value.date()));
  if (value.is_number()) return format_number(value.number());
  if (value.is_boolean())
    return std::string(tr(value.boolean() ? ui_text::kYes : ui_text::kNo, language));
  auto choice_name = [&](const std::string& code) -> std::string {
    for (const auto& choice : field.choices) {
      if (choice.code == code) return std::string(tr(choice.label, language));
    }
    if (data_ != nullptr && field.type == FieldType::admin_unit) {
      if (const auto* commune = data_->admin_units().commune(code)) {
        const auto* province = data_->admin_units().province(commune->province_code);
        return commune->full_name + (province ? ", " + province->full_name : "");
      }
    }
    if (data_ != nullptr && !data_list_of(field).empty()) {
      if (const auto* list = data_->list(data_list_of(field))) {
        if (const auto* item = list->find(code)) return std::string(tr(item->name, language));
      }
    }
    return code;
  };
  if (field.type == FieldType::attachment) {
    const std::size_t pages = value.is_list() ? value.list().size() : 0;
    return ui_text::fill(tr(ui_text::kPagesAttached, language), {std::to_string(pages)});
  }
  if (value.is_list()) {
    std::string joined;
    for (const auto& code : value.list())
      joined += (joined.empty() ? "" : "; ") + choice_name(code);
    return joined;
  }
  const std::string& text = value.text();
  if (field.type == FieldType::single_choice || field.type == FieldType::admin_unit ||
      field.type == FieldType::ethnicity || field.type == FieldType::nationality) {
    return choice_name(text);
  }
  return text;
}

int FormScreen::page_of(FieldRef ref) const {
  const auto& field = def(ref);
  if (!field.group.empty()) return form_.field(field.group)->page;
  return field.page;
}

bool FormScreen::page_has_relevant_fields(int page) const {
  if (page < 0 || page >= static_cast<int>(form_.pages.size())) return false;
  for (int index : form_.pages[page].fields) {
    if (session_->state(form_.fields[index].id).relevant) return true;
  }
  return false;
}

bool FormScreen::show_issues_of(FieldRef ref) const {
  if (editing_ && *editing_ == ref) {
    // Not while typing; but a field opened from the review keeps showing what
    // is wrong with it until the first key.
    return reviewed_ && !typed_since_focus_;
  }
  return reviewed_ || touched_.count(ref) != 0;
}

void FormScreen::set_answer(FieldRef ref, Value value) {
  const auto& field = def(ref);
  ++revision_;
  const bool cleared = value.is_null() || (value.is_text() && value.text().empty());
  if (part_.bundle != nullptr && ref.row < 0) {
    // A fact the bundle shares goes into every procedure that asks it.
    if (const auto* fact = part_.bundle->definition().shared_fact_of(form_.summary.id, field.id)) {
      (void)part_.bundle->set_shared(fact->id, cleared ? Value() : std::move(value));
      return;
    }
  }
  if (cleared) {
    (void)session_->clear_answer(field.id, ref.row);
  } else {
    (void)session_->set_answer(field.id, ref.row, std::move(value));
  }
}

void FormScreen::go_to_page(int page) {
  const int count = static_cast<int>(form_.pages.size());
  page = std::clamp(page, 0, count - 1);
  // Pages whose every field does not apply are skipped, forwards first.
  int chosen = page;
  while (chosen < count && !page_has_relevant_fields(chosen)) ++chosen;
  if (chosen == count) {
    chosen = page;
    while (chosen > 0 && !page_has_relevant_fields(chosen)) --chosen;
  }
  page_ = chosen;
  scroll_request_ = true;
}

void FormScreen::go_to_field(FieldRef ref) {
  mode_ = Mode::pages;
  picker_.reset();
  calendar_.reset();
  page_ = page_of(ref);
  // Scrolled to; a text field is also opened for typing.
  focus_request_ = ref;
}

// ---------------------------------------------------------------------------
// [SECTION] pages and fields
// ---------------------------------------------------------------------------

FormScreen::Outcome FormScreen::draw(const UiFrame& ui) {
  text_tapped_ = false;
  text_order_.clear();
  if (scroll_request_ && !focus_request_) ImGui::SetScrollY(0);
  scroll_request_ = false;
  pending_outcome_ = Outcome::stay;
  Outcome outcome = Outcome::stay;
  take_photo_arrivals();

  if (picker_) {
    draw_picker(ui);
  } else if (calendar_) {
    draw_calendar(ui);
  } else {
    if (text_button(ui.theme, ui.record, "to-catalogue", tr(ui_text::kToCatalogue, ui.language))) {
      stop_editing();
      outcome = Outcome::leave;
    }
    if (part_.bundle != nullptr) {
      wrapped_text(std::string(tr(part_.bundle->definition().summary.title, ui.language)),
                   ui.theme.colours().muted);
      char part[64];
      std::snprintf(part, sizeof part, "%s %d/%d",
                    std::string(tr(ui_text::kPart, ui.language)).c_str(), part_.index + 1,
                    part_.count);
      wrapped_text(part, ui.theme.colours().primary);
    }
    ImGui::PushFont(ui.theme.heading());
    wrapped_text(tr(form_.summary.title, ui.language), ui.theme.colours().text);
    ImGui::PopFont();
    if (outcome == Outcome::stay) {
      switch (mode_) {
        case Mode::pages:
          draw_page(ui);
          break;
        case Mode::review:
          draw_review(ui);
          break;
        case Mode::ready:
          draw_ready(ui);
          break;
      }
    }
  }
  // A tap anywhere but on a text field ends the editing (the keyboard closes).
  if (ui.tapped && editing_key_.size() > 0 && !text_tapped_) stop_editing();
  if (focus_request_ && mode_ != Mode::pages) focus_request_.reset();
  return outcome != Outcome::stay ? outcome : pending_outcome_;
}

void FormScreen::draw_header(const UiFrame& ui) {
  const int count = static_cast<int>(form_.pages.size());
  const auto& page = form_.pages[page_];
  char step[64];
  std::snprintf(step, sizeof step, "%s %d/%d", std::string(tr(ui_text::kStep, ui.language)).c_str(),
                page_ + 1, count);
  gap(ui.theme, 4);
  wrapped_text(std::string(step) + ": " + std::string(tr(page.title, ui.language)),
               ui.theme.colours().primary);
  progress_bar(ui.theme, static_cast<float>(page_ + 1) / static_cast<float>(count));
  gap(ui.theme, 2);
  wrapped_text(tr(ui_text::kRequiredNote, ui.language), ui.theme.colours().muted);
}

void FormScreen::draw_page(const UiFrame& ui) {
  draw_header(ui);
  for (int index : form_.pages[page_].fields) draw_field(ui, FieldRef{index, -1});
  draw_navigation(ui);
}

void FormScreen::draw_label(const UiFrame& ui, FieldRef ref) {
  const auto& field = def(ref);
  const auto& state = session_->state(field.id, ref.row);
  std::string label(tr(field.label, ui.language));
  if (state.required) label += tr(ui_text::kRequired, ui.language);
  gap(ui.theme, 6);
  wrapped_text(label, ui.theme.colours().text);
  if (!field.hint.vi.empty()) wrapped_text(tr(field.hint, ui.language), ui.theme.colours().muted);
}

void FormScreen::draw_issues(const UiFrame& ui, FieldRef ref) {
  if (!show_issues_of(ref)) return;
  const auto& state = session_->state(def(ref).id, ref.row);
  const Palette& c = ui.theme.colours();
  for (const auto& issue : state.issues) {
    if (issue.severity == core::Severity::error) {
      wrapped_text(tr(issue.message, ui.language), c.error);
    } else {
      wrapped_text(std::string(tr(ui_text::kWarning, ui.language)) +
                       std::string(tr(issue.message, ui.language)),
                   c.warning);
    }
  }
}

void FormScreen::draw_field(const UiFrame& ui, FieldRef ref) {
  const auto& field = def(ref);
  const auto& state = session_->state(field.id, ref.row);
  if (!state.relevant) return;
  ImGui::PushID(key(ref).c_str());
  if (focus_request_ && *focus_request_ == ref) ImGui::SetScrollHereY(0.2f);
  switch (field.type) {
    case FieldType::note:
      gap(ui.theme, 6);
      if (!field.label.vi.empty())
        wrapped_text(tr(field.label, ui.language), ui.theme.colours().text);
      notice_box(ui.theme, tr(field.text, ui.language), ui.theme.colours().text,
                 ui.theme.colours().card_pressed);
      break;
    case FieldType::yes_no:
      draw_label(ui, ref);
      draw_yes_no(ui, ref);
      break;
    case FieldType::declaration:
      draw_label(ui, ref);
      draw_declaration(ui, ref);
      break;
    case FieldType::single_choice:
    case FieldType::multiple_choice: {
      draw_label(ui, ref);
      const bool multiple = field.type == FieldType::multiple_choice;
      if (!field.choices_from.empty()) {
        draw_picker_button(ui, ref, PickerKind::data_list);
      } else if (field.choices.size() > kInlineChoiceLimit && !multiple) {
        draw_picker_button(ui, ref, PickerKind::choices);
      } else {
        draw_choices(ui, ref, multiple);
      }
      break;
    }
    case FieldType::ethnicity:
    case FieldType::nationality:
      draw_label(ui, ref);
      draw_picker_button(ui, ref, PickerKind::data_list);
      break;
    case FieldType::admin_unit:
      draw_label(ui, ref);
      draw_picker_button(ui, ref, PickerKind::province);
      break;
    case FieldType::repeat:
      draw_label(ui, ref);
      draw_table(ui, ref);
      break;
    case FieldType::attachment:
      draw_label(ui, ref);
      draw_attachment(ui, ref);
      break;
    default:
      draw_label(ui, ref);
      draw_text_field(ui, ref);
      break;
  }
  if (focus_request_ && *focus_request_ == ref && !is_text_like(field.type)) {
    focus_request_.reset();
  }
  draw_issues(ui, ref);
  ImGui::PopID();
}

void FormScreen::take_photo_arrivals() {
  if (photos_ == nullptr) return;
  while (auto arrival = photos_->take_arrival(form_.summary.id)) {
    const auto ref = parse_path(arrival->path);
    if (!ref || def(*ref).type != FieldType::attachment) {
      (void)photos_->remove(arrival->photo_id);
      continue;
    }
    const Value value = session_->answer(def(*ref).id, ref->row);
    std::vector<std::string> pages = value.is_list() ? value.list() : std::vector<std::string>{};
    auto replaced = std::find(pages.begin(), pages.end(), arrival->replaces);
    if (!arrival->replaces.empty() && replaced != pages.end()) {
      *replaced = arrival->photo_id;
    } else {
      pages.push_back(arrival->photo_id);
    }
    set_answer(*ref, Value(std::move(pages)));
    touch(*ref);
    // The retaken page's photo leaves the phone once the answer no longer names it.
    if (!arrival->replaces.empty()) (void)photos_->remove(arrival->replaces);
  }
}

void FormScreen::draw_attachment(const UiFrame& ui, FieldRef ref) {
  const auto& field = def(ref);
  if (photos_ == nullptr) {
    notice_box(ui.theme, tr(ui_text::kAttachmentNotHere, ui.language), ui.theme.colours().muted,
               ui.theme.colours().card_pressed);
    return;
  }
  const std::string base = key(ref);
  const std::string path = base.substr(std::string_view("field:").size());
  const Value value = session_->answer(field.id, ref.row);
  const std::vector<std::string> pages =
      value.is_list() ? value.list() : std::vector<std::string>{};
  const float spacing = ImGui::GetStyle().ItemSpacing.x;
  const float half = (ImGui::GetContentRegionAvail().x - spacing) / 2;
  const float thumb_edge =
      ui.theme.px(static_cast<float>(platform::kPhotoThumbnailLongEdge) * 0.8f);
  for (std::size_t n = 0; n < pages.size(); ++n) {
    const std::string page = base + ":page:" + std::to_string(n + 1);
    const std::string page_label =
        ui_text::fill(tr(ui_text::kPageNumber, ui.language), {std::to_string(n + 1)});
    gap(ui.theme, 4);
    if (pages.size() > 1) wrapped_text(page_label, ui.theme.colours().muted);
    const PagePhotos::Thumbnail thumbnail = photos_->thumbnail(pages[n]);
    if (thumbnail.state == PagePhotos::Thumbnail::State::ready) {
      const float scale =
          thumb_edge / static_cast<float>(std::max(thumbnail.width, thumbnail.height));
      ImGui::Image(reinterpret_cast<ImTextureID>(static_cast<std::intptr_t>(thumbnail.texture)),
                   ImVec2(thumbnail.width * scale, thumbnail.height * scale));
      ui.record.record_last_item(ui.theme, page, page_label);
    } else {
      notice_box(ui.theme,
                 page_label + ": " +
                     std::string(tr(thumbnail.state == PagePhotos::Thumbnail::State::missing
                                        ? ui_text::kPhotoMissing
                                        : ui_text::kPhotoLoading,
                                    ui.language)),
                 ui.theme.colours().muted, ui.theme.colours().card_pressed);
      ui.record.record_last_item(ui.theme, page, page_label);
    }
    if (action_button(ui.theme, ui.record, page + ":retake", tr(ui_text::kRetakePhoto, ui.language),
                      false, half)) {
      photos_->choose(form_.summary.id, path, pages[n], true);
    }
    ImGui::SameLine();
    if (action_button(ui.theme, ui.record, page + ":remove", tr(ui_text::kRemovePhoto, ui.language),
                      false, half)) {
      std::vector<std::string> kept = pages;
      kept.erase(kept.begin() + static_cast<std::ptrdiff_t>(n));
      set_answer(ref, kept.empty() ? Value() : Value(std::move(kept)));
      touch(ref);
      (void)photos_->remove(pages[n]);
      break;  // `pages` changed: the rest is drawn next frame
    }
  }
  gap(ui.theme, 4);
  if (photos_->processing(form_.summary.id, path)) {
    notice_box(ui.theme, tr(ui_text::kPhotoProcessing, ui.language), ui.theme.colours().text,
               ui.theme.colours().card_pressed);
    ui.record.record_last_item(ui.theme, base + ":processing",
                               tr(ui_text::kPhotoProcessing, ui.language));
  }
  if (const core::Error* problem = photos_->problem(form_.summary.id, path)) {
    notice_box(ui.theme, tr(problem->message, ui.language), ui.theme.colours().error,
               ui.theme.colours().error_background);
    ui.record.record_last_item(ui.theme, base + ":problem", tr(problem->message, ui.language));
  }
  if (static_cast<int>(pages.size()) < field.page_limit()) {
    if (action_button(ui.theme, ui.record, base + ":camera", tr(ui_text::kTakePhoto, ui.language),
                      pages.empty(), half)) {
      photos_->choose(form_.summary.id, path, {}, true);
    }
    ImGui::SameLine();
    if (action_button(ui.theme, ui.record, base + ":gallery",
                      tr(ui_text::kChoosePhoto, ui.language), false, half)) {
      photos_->choose(form_.summary.id, path, {}, false);
    }
  } else {
    wrapped_text(
        ui_text::fill(tr(ui_text::kPagesFull, ui.language), {std::to_string(field.page_limit())}),
        ui.theme.colours().muted);
  }
}

void FormScreen::draw_yes_no(const UiFrame& ui, FieldRef ref) {
  const auto& field = def(ref);
  const Value value = session_->answer(field.id, ref.row);
  const float spacing = ImGui::GetStyle().ItemSpacing.x;
  const float width = (ImGui::GetContentRegionAvail().x - spacing) / 2;
  const bool yes = value.is_boolean() && value.boolean();
  const bool no = value.is_boolean() && !value.boolean();
  const std::string base = key(ref);
  if (action_button(ui.theme, ui.record, base + ":yes", tr(ui_text::kYes, ui.language), yes,
                    width)) {
    set_answer(ref, Value(true));
    touch(ref);
  }
  ImGui::SameLine();
  if (action_button(ui.theme, ui.record, base + ":no", tr(ui_text::kNo, ui.language), no, width)) {
    set_answer(ref, Value(false));
    touch(ref);
  }
}

void FormScreen::draw_declaration(const UiFrame& ui, FieldRef ref) {
  const auto& field = def(ref);
  const Value value = session_->answer(field.id, ref.row);
  const bool ticked = value.is_boolean() && value.boolean();
  if (choice_row(ui.theme, ui.record, key(ref), tr(field.text, ui.language), ticked, true)) {
    set_answer(ref, ticked ? Value() : Value(true));
    touch(ref);
  }
}

void FormScreen::draw_table(const UiFrame& ui, FieldRef ref) {
  const auto& group = def(ref);
  const int rows = session_->row_count(group.id);
  const Palette& c = ui.theme.colours();
  if (rows == 0) wrapped_text(tr(ui_text::kNoRows, ui.language), c.muted);
  for (int row = 0; row < rows; ++row) {
    ImGui::PushID(row);
    gap(ui.theme, 4);
    const ImVec2 top = ImGui::GetCursorScreenPos();
    ImGui::Indent(ui.theme.px(12));
    gap(ui.theme, 6);
    ImGui::PushFont(ui.theme.heading());
    wrapped_text(std::string(tr(group.label, ui.language)) + " · " +
                     std::string(tr(ui_text::kRow, ui.language)) + " " + std::to_string(row + 1),
                 c.primary);
    ImGui::PopFont();
    for (int index : group.row_fields) draw_field(ui, FieldRef{index, row});
    gap(ui.theme, 4);
    const std::string remove_id = key(ref) + "[" + std::to_string(row) + "]:remove";
    bool removed = false;
    if (text_button(ui.theme, ui.record, remove_id, tr(ui_text::kRemoveRow, ui.language))) {
      stop_editing();
      (void)session_->remove_row(group.id, row);
      ++revision_;
      touch(ref);
      removed = true;
    }
    ImGui::Unindent(ui.theme.px(12));
    const ImVec2 bottom = ImGui::GetCursorScreenPos();
    ImGui::GetWindowDrawList()->AddRect(
        ImVec2(top.x, top.y), ImVec2(top.x + ImGui::GetContentRegionAvail().x, bottom.y), c.border,
        ui.theme.px(10), 0, ui.theme.px(ui.theme.high_contrast() ? 2 : 1));
    ImGui::PopID();
    if (removed) break;  // the rows after it moved up: draw them next frame
  }
  gap(ui.theme, 4);
  if (group.max_rows == 0 || rows < group.max_rows) {
    if (action_button(ui.theme, ui.record, key(ref) + ":add", tr(ui_text::kAddRow, ui.language),
                      false)) {
      stop_editing();
      auto added = session_->add_row(group.id);
      ++revision_;
      if (added && !group.row_fields.empty()) {
        // The new row's first field that applies is where the user goes next.
        for (int index : group.row_fields) {
          if (session_->state(form_.fields[index].id, added.value()).relevant) {
            focus_request_ = FieldRef{index, added.value()};
            break;
          }
        }
      }
    }
  }
}

void FormScreen::draw_navigation(const UiFrame& ui) {
  gap(ui.theme, 16);
  const int count = static_cast<int>(form_.pages.size());
  int next = page_ + 1;
  while (next < count && !page_has_relevant_fields(next)) ++next;
  int previous = page_ - 1;
  while (previous >= 0 && !page_has_relevant_fields(previous)) --previous;
  const float spacing = ImGui::GetStyle().ItemSpacing.x;
  const float width = (ImGui::GetContentRegionAvail().x - spacing) / 2;
  if (previous >= 0) {
    if (action_button(ui.theme, ui.record, "page:previous", tr(ui_text::kPreviousPage, ui.language),
                      false, width)) {
      stop_editing();
      go_to_page(previous);
    }
    ImGui::SameLine();
  } else if (part_.index > 0) {
    if (action_button(ui.theme, ui.record, "page:previous-part",
                      tr(ui_text::kPreviousPart, ui.language), false, width)) {
      stop_editing();
      pending_outcome_ = Outcome::previous_part;
    }
    ImGui::SameLine();
  } else {
    ImGui::Dummy(ImVec2(width, 1));
    ImGui::SameLine();
  }
  if (next < count) {
    if (action_button(ui.theme, ui.record, "page:next", tr(ui_text::kNextPage, ui.language), true,
                      width)) {
      stop_editing();
      go_to_page(next);
    }
  } else if (purpose_ == Purpose::details) {
    // Nothing is required: done, unless an answer is wrong (the review lists it).
    if (action_button(ui.theme, ui.record, "details:done", tr(ui_text::kDetailsDone, ui.language),
                      true, width)) {
      stop_editing();
      bool any_error = false;
      for (const auto& [path, issue] : session_->issues()) {
        if (issue.severity == core::Severity::error) any_error = true;
      }
      if (any_error) {
        mode_ = Mode::review;
        reviewed_ = true;
        scroll_request_ = true;
      } else {
        pending_outcome_ = Outcome::leave;
      }
    }
  } else if (action_button(ui.theme, ui.record, "page:review", tr(ui_text::kToReview, ui.language),
                           true, width)) {
    stop_editing();
    mode_ = Mode::review;
    reviewed_ = true;
    scroll_request_ = true;
  }
  gap(ui.theme, 24);
}

// ---------------------------------------------------------------------------
// [SECTION] text fields and the text agent
// ---------------------------------------------------------------------------

void FormScreen::draw_text_field(const UiFrame& ui, FieldRef ref) {
  const auto& field = def(ref);
  const auto& state = session_->state(field.id, ref.row);
  const bool editing = editing_ && *editing_ == ref;
  const std::string id = key(ref);
  const std::string shown = editing ? edit_text_ : display_value(ref, ui.language);
  const bool has_error = show_issues_of(ref) && state.has_errors();
  std::string_view prompt = tr(ui_text::kTypeHere, ui.language);
  if (field.type == FieldType::date) prompt = tr(ui_text::kDatePrompt, ui.language);
  if (field.type == FieldType::time) prompt = tr(ui_text::kTimePrompt, ui.language);

  const float width = ImGui::GetContentRegionAvail().x;
  const bool with_calendar = field.type == FieldType::date && !state.readonly;
  float calendar_width = 0;
  TextBoxLook look;
  if (with_calendar) {
    calendar_width =
        ImGui::CalcTextSize(std::string(tr(ui_text::kCalendar, ui.language)).c_str()).x +
        ui.theme.px(28);
    look.width = width - calendar_width - ImGui::GetStyle().ItemSpacing.x;
  }
  look.text = shown;
  look.prompt = prompt;
  look.focused = editing;
  look.caret = editing ? edit_caret_ : -1;
  look.composing = editing && composing_;
  look.error = has_error;
  look.multiline = field.type == FieldType::multiline;
  look.readonly = state.readonly;
  const bool tapped = text_box(ui.theme, ui.record, id, field_label(ref, ui.language), look);
  const ScreenRect rect = last_item_rect(ui.theme);
  if (!state.readonly) text_order_.push_back(ref);
  if (tapped && !state.readonly) {
    text_tapped_ = true;
    start_editing(ui, ref, rect);
  } else if (focus_request_ && *focus_request_ == ref) {
    focus_request_.reset();
    if (!state.readonly) start_editing(ui, ref, rect);
  } else if (editing) {
    keep_text_input_over(rect, agent_rect_);
  }
  if (editing && ui.viewport_changed) {
    // The keyboard opened or the phone turned: keep the field in sight.
    ImGui::SetScrollHereY(0.3f);
  }
  if (with_calendar) {
    ImGui::SameLine();
    if (action_button(ui.theme, ui.record, id + ":calendar", tr(ui_text::kCalendar, ui.language),
                      false, calendar_width)) {
      stop_editing();
      const Value value = session_->answer(field.id, ref.row);
      const core::CalendarDate shown_date = value.is_date() ? value.date() : today_;
      calendar_ = Calendar{ref, shown_date.year, shown_date.month};
      touch(ref);
    }
  }
}

void FormScreen::start_editing(const UiFrame& ui, FieldRef ref, const ScreenRect& rect) {
  if (editing_ && *editing_ == ref) {
    // Tapped again: the keyboard may have been closed; open it again.
  } else {
    commit_edit();
    editing_ = ref;
    typed_since_focus_ = false;
    edit_text_ = display_value(ref, ui.language);
    edit_caret_ = static_cast<int>(edit_text_.size());
    composing_ = false;
  }
  const auto& field = def(ref);
  editing_key_ = key(ref);
  agent_rect_ = rect;
  platform::TextFieldRequest request =
      text_request(editing_key_, edit_text_, rect, field_label(ref, ui.language));
  request.keyboard = keyboard_of(field.type);
  request.capitalise_words = field.validator == "person_name";
  request.max_length = field.type == FieldType::date ? 10 : field.max_length;
  request.hint = std::string(tr(field.hint, ui.language));
  platform::begin_text_input(request);
}

void FormScreen::commit_edit() {
  if (!editing_) return;
  const FieldRef ref = *editing_;
  // Spaces around an answer are never meant. (The session makes text NFC.)
  std::string text = edit_text_;
  while (!text.empty() && (text.back() == ' ' || text.back() == '\n')) text.pop_back();
  size_t first = 0;
  while (first < text.size() && text[first] == ' ') ++first;
  text.erase(0, first);
  set_answer(ref, Value(text));
  touch(ref);
  editing_.reset();
  composing_ = false;
}

void FormScreen::stop_editing() {
  if (editing_key_.empty()) return;
  commit_edit();
  editing_key_.clear();
  platform::end_text_input();
}

void FormScreen::handle_text(std::span<const platform::TextEvent> events) {
  for (const platform::TextEvent& event : events) {
    if (event.key != editing_key_) continue;  // a late event of a field already left
    if (picker_ && event.key == "picker:search") {
      if (event.kind == platform::TextEventKind::changed) picker_->query = event.value;
      if (event.kind != platform::TextEventKind::changed) editing_key_.clear();
      if (event.kind == platform::TextEventKind::enter) platform::end_text_input();
      continue;
    }
    if (!editing_) continue;
    const FieldRef ref = *editing_;
    const auto& field = def(ref);
    switch (event.kind) {
      case platform::TextEventKind::changed: {
        if (event.value != edit_text_) typed_since_focus_ = true;
        edit_text_ = event.value;
        edit_caret_ = event.caret;
        composing_ = event.composing;
        if (!composing_ && (field.type == FieldType::date || field.type == FieldType::time)) {
          const bool date = field.type == FieldType::date;
          std::string formatted = with_separators(edit_text_, date ? '/' : ':', date ? 8 : 4);
          if (formatted != edit_text_) {
            edit_text_ = formatted;
            edit_caret_ = static_cast<int>(formatted.size());
            platform::set_text_input_value(edit_text_, edit_caret_);
          }
        }
        // The answer follows the typing (so that what depends on it updates);
        // its errors show only once the field is left.
        if (!composing_) set_answer(ref, Value(edit_text_));
        break;
      }
      case platform::TextEventKind::enter: {
        commit_edit();
        auto at = std::find(text_order_.begin(), text_order_.end(), ref);
        if (at != text_order_.end() && std::next(at) != text_order_.end()) {
          focus_request_ = *std::next(at);
        } else {
          editing_key_.clear();
          platform::end_text_input();
        }
        break;
      }
      case platform::TextEventKind::left:
        commit_edit();
        editing_key_.clear();
        break;
    }
  }
}

// ---------------------------------------------------------------------------
// [SECTION] choices, pickers and the calendar
// ---------------------------------------------------------------------------

void FormScreen::draw_choices(const UiFrame& ui, FieldRef ref, bool multiple) {
  const auto& field = def(ref);
  const Value value = session_->answer(field.id, ref.row);
  for (const auto& choice : field.choices) {
    if (!session_->choice_allowed(field.id, ref.row, choice.code)) continue;
    bool selected = false;
    if (multiple && value.is_list()) {
      selected =
          std::find(value.list().begin(), value.list().end(), choice.code) != value.list().end();
    } else if (value.is_text()) {
      selected = value.text() == choice.code;
    }
    if (choice_row(ui.theme, ui.record, key(ref) + ":" + choice.code, tr(choice.label, ui.language),
                   selected, multiple)) {
      if (multiple) {
        std::vector<std::string> codes =
            value.is_list() ? value.list() : std::vector<std::string>{};
        if (selected) {
          codes.erase(std::remove(codes.begin(), codes.end(), choice.code), codes.end());
        } else {
          codes.push_back(choice.code);
        }
        set_answer(ref, codes.empty() ? Value() : Value(std::move(codes)));
      } else {
        set_answer(ref, Value(choice.code));
      }
      touch(ref);
    }
  }
}

void FormScreen::draw_picker_button(const UiFrame& ui, FieldRef ref, PickerKind kind) {
  const auto& field = def(ref);
  const auto& state = session_->state(field.id, ref.row);
  const std::string shown = display_value(ref, ui.language);
  TextBoxLook look;
  look.text = shown;
  look.prompt = tr(ui_text::kChoose, ui.language);
  look.error = show_issues_of(ref) && state.has_errors();
  look.readonly = state.readonly;
  look.trailing = "›";
  if (text_box(ui.theme, ui.record, key(ref), field_label(ref, ui.language), look) &&
      !state.readonly) {
    stop_editing();
    picker_.emplace();
    picker_->target = ref;
    picker_->kind = kind;
    scroll_request_ = true;
  }
}

void FormScreen::draw_search_box(const UiFrame& ui, const std::string& id,
                                 std::string_view prompt) {
  if (search_box(ui.theme, ui.record, id, prompt, picker_->query, editing_key_ == id,
                 agent_rect_)) {
    text_tapped_ = true;
    commit_edit();
    editing_key_ = id;
  }
}

const std::vector<FormScreen::PickerRow>& FormScreen::picker_rows(Language language) {
  Picker& picker = *picker_;
  // Searching 3,321 communes folds every name: done when the query changes,
  // not in every frame.
  const std::string wanted = std::to_string(static_cast<int>(picker.kind)) + '\n' +
                             std::string(core::language_code(language)) + '\n' +
                             picker.province_code + '\n' + picker.query;
  if (picker.rows_for == wanted) return picker.rows;
  picker.rows_for = wanted;
  picker.rows.clear();
  const FieldRef ref = picker.target;
  const auto& field = def(ref);
  auto add = [&](const std::string& code, std::string label) {
    if (session_->choice_allowed(field.id, ref.row, code)) picker.rows.push_back({code, label});
  };
  switch (picker.kind) {
    case PickerKind::choices:
      for (const auto& choice : field.choices) {
        if (core::search_matches(picker.query, tr(choice.label, language)) ||
            core::search_matches(picker.query, choice.label.vi)) {
          add(choice.code, std::string(tr(choice.label, language)));
        }
      }
      break;
    case PickerKind::data_list: {
      const core::ReferenceList* list = data_ ? data_->list(data_list_of(field)) : nullptr;
      if (list == nullptr) break;
      for (const core::ReferenceItem* item : list->search(picker.query)) {
        add(item->code, std::string(tr(item->name, language)));
      }
      break;
    }
    case PickerKind::province:
    case PickerKind::commune: {
      if (data_ == nullptr) break;
      const auto& units = data_->admin_units();
      const bool in_province = picker.kind == PickerKind::commune;
      for (const core::Commune* commune : units.search_communes(
               picker.query,
               in_province ? std::optional<std::string>(picker.province_code) : std::nullopt)) {
        std::string label = commune->full_name;
        if (const auto* p = units.province(commune->province_code); p && !in_province) {
          label += ", " + p->full_name;
        }
        add(commune->code, std::move(label));
      }
      break;
    }
  }
  return picker.rows;
}

void FormScreen::draw_picker(const UiFrame& ui) {
  Picker& picker = *picker_;
  const FieldRef ref = picker.target;
  const auto& field = def(ref);
  const Palette& c = ui.theme.colours();
  bool close = false;
  if (text_button(ui.theme, ui.record, "picker:close", tr(ui_text::kBack, ui.language))) {
    if (picker.kind == PickerKind::commune && picker.query.empty()) {
      picker.kind = PickerKind::province;
      picker.province_code.clear();
      scroll_request_ = true;
    } else {
      close = true;
    }
  }
  ImGui::PushFont(ui.theme.heading());
  wrapped_text(tr(field.label, ui.language), c.text);
  ImGui::PopFont();

  const bool communes = picker.kind == PickerKind::province || picker.kind == PickerKind::commune;
  if (picker.kind == PickerKind::commune && data_ != nullptr) {
    if (const auto* province = data_->admin_units().province(picker.province_code)) {
      wrapped_text(province->full_name, c.primary);
    }
  }
  draw_search_box(ui, "picker:search",
                  tr(communes ? ui_text::kSearchCommune : ui_text::kSearch, ui.language));
  size_t shown = 0;
  if (picker.kind == PickerKind::province && picker.query.empty()) {
    // No search yet: browse by province first.
    wrapped_text(tr(ui_text::kChooseProvince, ui.language), c.muted);
    const std::vector<core::Province> none;
    for (const core::Province& p : data_ ? data_->admin_units().provinces() : none) {
      if (card_button(ui.theme, ui.record, "province:" + p.code, p.full_name, "")) {
        picker.kind = PickerKind::commune;
        picker.province_code = p.code;
        picker.query.clear();
        stop_editing();
        scroll_request_ = true;
      }
      ++shown;
    }
  } else {
    if (picker.kind == PickerKind::commune && picker.query.empty()) {
      wrapped_text(tr(ui_text::kChooseCommune, ui.language), c.muted);
    }
    const Value value = session_->answer(field.id, ref.row);
    for (const PickerRow& row : picker_rows(ui.language)) {
      if (shown == kPickerRowLimit) {
        gap(ui.theme, 4);
        wrapped_text(tr(ui_text::kMoreResults, ui.language), c.muted);
        break;
      }
      if (choice_row(ui.theme, ui.record, "pick:" + row.code, row.label,
                     value.is_text() && value.text() == row.code, false)) {
        set_answer(ref, Value(row.code));
        touch(ref);
        close = true;
      }
      ++shown;
    }
  }
  if (shown == 0) wrapped_text(tr(ui_text::kNothingFound, ui.language), c.muted);
  gap(ui.theme, 24);
  if (close) {
    stop_editing();
    picker_.reset();
    focus_request_ = ref;  // back on the form, at the field
  }
}

void FormScreen::draw_calendar(const UiFrame& ui) {
  Calendar& calendar = *calendar_;
  const FieldRef ref = calendar.target;
  const auto& field = def(ref);
  const Palette& c = ui.theme.colours();
  bool close = false;
  if (text_button(ui.theme, ui.record, "calendar:close", tr(ui_text::kBack, ui.language))) {
    close = true;
  }
  ImGui::PushFont(ui.theme.heading());
  wrapped_text(tr(field.label, ui.language), c.text);
  ImGui::PopFont();

  const float spacing = ImGui::GetStyle().ItemSpacing.x;
  const float half = (ImGui::GetContentRegionAvail().x - spacing) / 2;
  if (action_button(ui.theme, ui.record, "calendar:previous-year",
                    tr(ui_text::kPreviousYear, ui.language), false, half)) {
    --calendar.year;
  }
  ImGui::SameLine();
  if (action_button(ui.theme, ui.record, "calendar:next-year", tr(ui_text::kNextYear, ui.language),
                    false, half)) {
    ++calendar.year;
  }
  const float arrow = ui.theme.px(Theme::kMinTapTargetCss);
  if (action_button(ui.theme, ui.record, "calendar:previous-month", "‹", false, arrow)) {
    if (--calendar.month == 0) {
      calendar.month = 12;
      --calendar.year;
    }
  }
  ImGui::SameLine();
  char title[64];
  std::snprintf(title, sizeof title, "%s %d / %d",
                std::string(tr(ui_text::kMonth, ui.language)).c_str(), calendar.month,
                calendar.year);
  const float title_width = ImGui::GetContentRegionAvail().x - arrow - spacing;
  const ImVec2 title_size = ImGui::CalcTextSize(title);
  ImGui::SetCursorPosX(ImGui::GetCursorPosX() + std::max(0.0f, (title_width - title_size.x) / 2));
  ImGui::SetCursorPosY(ImGui::GetCursorPosY() + (arrow - title_size.y) / 2);
  ImGui::TextUnformatted(title);
  ImGui::SameLine(ImGui::GetWindowContentRegionMax().x - arrow);
  ImGui::SetCursorPosY(ImGui::GetCursorPosY() - (arrow - title_size.y) / 2);
  if (action_button(ui.theme, ui.record, "calendar:next-month", "›", false, arrow)) {
    if (++calendar.month == 13) {
      calendar.month = 1;
      ++calendar.year;
    }
  }

  const float cell_spacing = ui.theme.px(2);
  const float cell = (ImGui::GetContentRegionAvail().x - 6 * cell_spacing) / 7;
  ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(cell_spacing, cell_spacing));
  for (int i = 0; i < 7; ++i) {
    const std::string name(tr(ui_text::kWeekdays[i], ui.language));
    const ImVec2 size = ImGui::CalcTextSize(name.c_str());
    const float x = ImGui::GetCursorPosX();
    ImGui::SetCursorPosX(x + (cell - size.x) / 2);
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(c.muted), "%s", name.c_str());
    if (i < 6) ImGui::SameLine(x + cell + cell_spacing);
  }
  const core::CalendarDate first{calendar.year, calendar.month, 1};
  const int first_day = core::to_day_number(first);
  const int next_month = core::to_day_number(core::add_months(first, 1));
  // 1970-01-01 was a Thursday: Monday-first column of day number d.
  const int column_of_first = ((first_day % 7) + 7 + 3) % 7;
  const Value value = session_->answer(field.id, ref.row);
  const float left = ImGui::GetCursorPosX();
  int column = 0;
  for (int i = 0; i < column_of_first; ++i) {
    ImGui::Dummy(ImVec2(cell, cell));
    ImGui::SameLine();
    ++column;
  }
  for (int day_number = first_day; day_number < next_month; ++day_number) {
    const core::CalendarDate date = core::from_day_number(day_number);
    const bool selected = value.is_date() && value.date() == date;
    const bool is_today = date == today_;
    char label[8];
    std::snprintf(label, sizeof label, "%d", date.day);
    if (action_button(ui.theme, ui.record, "calendar:day:" + core::format_iso_date(date), label,
                      selected, cell)) {
      set_answer(ref, Value(date));
      touch(ref);
      close = true;
    }
    if (is_today && !selected) {
      ImGui::GetWindowDrawList()->AddRect(ImGui::GetItemRectMin(), ImGui::GetItemRectMax(), c.text,
                                          ui.theme.px(10), 0, ui.theme.px(2));
    }
    if (++column == 7) {
      column = 0;
    } else {
      ImGui::SameLine();
    }
  }
  if (column != 0) ImGui::NewLine();
  ImGui::SetCursorPosX(left);
  ImGui::PopStyleVar();
  gap(ui.theme, 24);
  if (close) calendar_.reset();
}

// ---------------------------------------------------------------------------
// [SECTION] review and the end state
// ---------------------------------------------------------------------------

void FormScreen::draw_review(const UiFrame& ui) {
  const Palette& c = ui.theme.colours();
  gap(ui.theme, 4);
  ImGui::PushFont(ui.theme.heading());
  wrapped_text(tr(ui_text::kReview, ui.language), c.primary);
  ImGui::PopFont();
  const auto issues = session_->issues();
  bool any_error = false, any_warning = false;
  for (const auto& [path, issue] : issues) {
    (issue.severity == core::Severity::error ? any_error : any_warning) = true;
  }
  auto list = [&](core::Severity severity) {
    int index = 0;
    for (const auto& [path, issue] : issues) {
      if (issue.severity != severity) continue;
      const auto ref = parse_path(path);
      if (!ref) continue;
      const std::string title = field_label(*ref, ui.language);
      const std::string page(tr(form_.pages[page_of(*ref)].title, ui.language));
      if (card_button(ui.theme, ui.record, "issue:" + std::to_string(index++) + ":" + path, title,
                      std::string(tr(issue.message, ui.language)) + " · " + page)) {
        go_to_field(*ref);
      }
    }
  };
  if (any_error) {
    notice_box(ui.theme, tr(ui_text::kFixCount, ui.language), c.error, c.error_background);
    list(core::Severity::error);
  } else {
    notice_box(ui.theme, tr(ui_text::kAllGood, ui.language), c.success, c.card_pressed);
  }
  if (any_warning) {
    gap(ui.theme, 8);
    wrapped_text(tr(ui_text::kWarnings, ui.language), c.warning);
    list(core::Severity::warning);
  }
  gap(ui.theme, 16);
  if (!any_error) {
    const bool more_parts = part_.bundle != nullptr && part_.index + 1 < part_.count;
    const core::LocalizedText& finish = purpose_ == Purpose::details ? ui_text::kDetailsDone
                                        : more_parts                 ? ui_text::kNextPart
                                                                     : ui_text::kFinish;
    if (action_button(ui.theme, ui.record, "review:finish", tr(finish, ui.language), true)) {
      if (purpose_ == Purpose::details) {
        pending_outcome_ = Outcome::leave;
      } else if (part_.bundle != nullptr) {
        pending_outcome_ = Outcome::next_part;  // the bundle checks every part first
      } else {
        show_ready();
      }
    }
    gap(ui.theme, 8);
  }
  if (action_button(ui.theme, ui.record, "review:back", tr(ui_text::kBackToForm, ui.language),
                    false)) {
    mode_ = Mode::pages;
    scroll_request_ = true;
  }
  gap(ui.theme, 24);
}

void FormScreen::draw_ready(const UiFrame& ui) {
  const Palette& c = ui.theme.colours();
  gap(ui.theme, 4);
  ImGui::PushFont(ui.theme.heading());
  wrapped_text(tr(ui_text::kReadyTitle, ui.language), c.success);
  ImGui::PopFont();
  wrapped_text(tr(ui_text::kReadyText, ui.language), c.text);
  draw_answers(ui);
  gap(ui.theme, 12);
  if (purpose_ == Purpose::filing && (part_.bundle == nullptr || part_.index + 1 == part_.count) &&
      action_button(ui.theme, ui.record, "ready:sign", tr(ui_text::kSignAndSend, ui.language),
                    true)) {
    stop_editing();
    pending_outcome_ = Outcome::sign;
  }
  gap(ui.theme, 8);
  if (action_button(ui.theme, ui.record, "ready:back", tr(ui_text::kBackToForm, ui.language),
                    false)) {
    mode_ = Mode::pages;
    scroll_request_ = true;
  }
  gap(ui.theme, 24);
}

void FormScreen::draw_answers(const UiFrame& ui) const {
  const Palette& c = ui.theme.colours();
  for (size_t page = 0; page < form_.pages.size(); ++page) {
    bool title_drawn = false;
    auto show = [&](FieldRef ref) {
      const auto& field = def(ref);
      if (field.type == FieldType::note || field.type == FieldType::repeat) return;
      if (!session_->state(field.id, ref.row).relevant) return;
      const std::string value = display_value(ref, ui.language);
      if (value.empty()) return;
      if (!title_drawn) {
        gap(ui.theme, 8);
        wrapped_text(tr(form_.pages[page].title, ui.language), c.primary);
        title_drawn = true;
      }
      labelled_text(ui.theme, field_label(ref, ui.language),
                    field.type == FieldType::declaration
                        ? std::string(tr(ui_text::kYes, ui.language))
                        : value);
    };
    for (int index : form_.pages[page].fields) {
      const auto& field = form_.fields[index];
      if (field.type == FieldType::repeat) {
        if (!session_->state(field.id).relevant) continue;
        for (int row = 0; row < session_->row_count(field.id); ++row) {
          for (int child : field.row_fields) show(FieldRef{child, row});
        }
      } else {
        show(FieldRef{index, -1});
      }
    }
  }
}

// ---------------------------------------------------------------------------
// [SECTION] state for tests
// ---------------------------------------------------------------------------

nlohmann::json FormScreen::state_json() const {
  nlohmann::json state;
  state["id"] = form_.summary.id;
  state["version"] = form_.summary.version;
  state["mode"] = mode_ == Mode::pages ? "page" : mode_ == Mode::review ? "review" : "ready";
  const auto& page = form_.pages[page_];
  state["page"] = {
      {"index", page_}, {"count", form_.pages.size()}, {"id", page.id}, {"title", page.title.vi}};
  state["editing"] = nullptr;
  if (!editing_key_.empty()) {
    state["editing"] = {{"key", editing_key_},
                        {"text", editing_ ? edit_text_ : (picker_ ? picker_->query : "")},
                        {"composing", composing_}};
  }
  state["answers"] = session_->answers_json();
  state["valid"] = session_->valid();
  state["issues"] = nlohmann::json::array();
  for (const auto& [path, issue] : session_->issues()) {
    const auto ref = parse_path(path);
    state["issues"].push_back(
        {{"path", path},
         {"code", issue.code},
         {"severity", issue.severity == core::Severity::error ? "error" : "warning"},
         {"shown", ref && show_issues_of(*ref)},
         {"message", {{"vi", issue.message.vi}, {"en", issue.message.en}}}});
  }
  state["picker"] = nullptr;
  if (picker_) {
    const char* kinds[] = {"choices", "data_list", "province", "commune"};
    state["picker"] = {{"field", key(picker_->target)},
                       {"kind", kinds[static_cast<int>(picker_->kind)]},
                       {"query", picker_->query},
                       {"province", picker_->province_code}};
  }
  state["calendar"] = nullptr;
  if (calendar_) {
    state["calendar"] = {
        {"field", key(calendar_->target)}, {"year", calendar_->year}, {"month", calendar_->month}};
  }
  return state;
}

}  // namespace tokhai::app
