// FormScreen: one form being filled in, as a sequence of pages with progress,
// a review page that lists every error and missing answer (each one tap away
// from its field), and a "ready to sign" end state.
//
// It works only through the engine's session API (core/form/form_session.h).
// Text is typed through the platform's text agent (platform/text_input.h);
// long lists (ethnicities, nationalities, communes, long choice lists) open a
// searchable picker; dates have a calendar. Errors show under a field once the
// user has left it, or after the review, never while the first characters are
// being typed.
#pragma once

#include <cstdint>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <vector>

#include "app/page_photos.h"
#include "app/theme.h"
#include "app/widgets.h"
#include "core/form/bundle.h"
#include "core/form/form_session.h"
#include "core/form_data_sets.h"
#include "platform/text_input.h"

namespace tokhai::app {

// What a screen needs from the frame being drawn.
struct UiFrame {
  const Theme& theme;
  ScreenRecord& record;
  core::Language language;
  bool tapped;  // a tap (not a drag) ended in this frame
  bool viewport_changed;
};

// Where a screen of a bundle stands: part `index` of `count` procedures.
struct BundlePart {
  core::BundleSession* bundle = nullptr;
  int index = 0;
  int count = 1;
};

class FormScreen {
 public:
  // leave: back to the catalogue. In a bundle, previous_part: the first
  // page's "back" was tapped; next_part: the review was finished. sign: "Ký và
  // gửi" was tapped on the ready page (the filing is valid).
  enum class Outcome { stay, leave, previous_part, next_part, sign };
  // filing: a procedure's form, ending "ready to sign". details: the
  // person's own details (no agency), ending with "done", back where they were.
  enum class Purpose { filing, details };

  // `form` and `data` must outlive the screen; `data` may be null (lists are
  // then empty and answers are checked for shape only).
  FormScreen(const core::FormDefinition& form, const core::FormDataSets* data,
             core::CalendarDate today);
  // One procedure of a bundle, answered through the bundle's session so that
  // a shared fact typed here is written into every procedure that asks it.
  // `part.bundle` must outlive the screen and hold `form`.
  FormScreen(const core::FormDefinition& form, const core::FormDataSets* data, BundlePart part);

  // Draws the current page (or review, end state, picker, calendar) into the
  // current ImGui window.
  Outcome draw(const UiFrame& ui);
  // Applies what was typed since the last frame.
  void handle_text(std::span<const platform::TextEvent> events);
  // Commits the field being edited and closes the keyboard.
  void stop_editing();
  // True while something animates or waits for a frame (a requested focus).
  bool wants_frame() const { return focus_request_.has_value() || scroll_request_; }

  nlohmann::json state_json() const;
  const core::FormSession& session() const { return *session_; }
  core::FormSession& session() { return *session_; }

  // Counts the changes made to the answers here (each typed character, choice,
  // row added or removed): a draft is saved when it moves.
  std::uint64_t revision() const { return revision_; }
  // The page shown, for a draft to reopen where the person was.
  int page() const { return page_; }
  void show_page(int page) {
    mode_ = Mode::pages;
    go_to_page(page);
  }
  void show_last_page() { show_page(static_cast<int>(form_.pages.size()) - 1); }
  void show_review();
  void show_ready();
  // The answers in plain words (relevant, answered fields, page by page):
  // what the ready page and the "Ký và gửi" page show.
  void draw_answers(const UiFrame& ui) const;
  void set_purpose(Purpose purpose) { purpose_ = purpose; }
  // Where attachment fields keep their photos (page_photos.h); null: the
  // fields say photos cannot be attached here.
  void set_photos(PagePhotos* photos) { photos_ = photos; }

 private:
  struct FieldRef {
    int field = -1;
    int row = -1;  // -1 at top level
    bool operator==(const FieldRef&) const = default;
    auto operator<=>(const FieldRef&) const = default;
  };
  enum class Mode { pages, review, ready };
  enum class PickerKind { choices, data_list, province, commune };
  struct PickerRow {
    std::string code, label;
  };
  struct Picker {
    FieldRef target;
    PickerKind kind = PickerKind::choices;
    std::string query;
    std::string province_code;  // commune step: the province chosen
    std::string rows_for;       // what `rows` were found for (kind, language, province, query)
    std::vector<PickerRow> rows;
  };
  struct Calendar {
    FieldRef target;
    int year = 0, month = 0;
  };

  const core::FieldDefinition& def(FieldRef ref) const { return form_.fields[ref.field]; }
  std::string key(FieldRef ref) const;
  std::string field_label(FieldRef ref, core::Language language) const;
  std::string display_value(FieldRef ref, core::Language language) const;
  std::optional<FieldRef> parse_path(std::string_view path) const;
  int page_of(FieldRef ref) const;
  bool page_has_relevant_fields(int page) const;
  bool show_issues_of(FieldRef ref) const;
  void touch(FieldRef ref) { touched_.insert(ref); }
  void set_answer(FieldRef ref, core::expr::Value value);

  void draw_header(const UiFrame& ui);
  void draw_page(const UiFrame& ui);
  void draw_field(const UiFrame& ui, FieldRef ref);
  void draw_label(const UiFrame& ui, FieldRef ref);
  void draw_issues(const UiFrame& ui, FieldRef ref);
  void draw_text_field(const UiFrame& ui, FieldRef ref);
  void draw_choices(const UiFrame& ui, FieldRef ref, bool multiple);
  void draw_picker_button(const UiFrame& ui, FieldRef ref, PickerKind kind);
  void draw_yes_no(const UiFrame& ui, FieldRef ref);
  void draw_declaration(const UiFrame& ui, FieldRef ref);
  void draw_table(const UiFrame& ui, FieldRef ref);
  void draw_attachment(const UiFrame& ui, FieldRef ref);
  // Puts the pages PagePhotos stored since the last frame into their answers.
  void take_photo_arrivals();
  void draw_navigation(const UiFrame& ui);
  void draw_review(const UiFrame& ui);
  void draw_ready(const UiFrame& ui);
  void draw_picker(const UiFrame& ui);
  // The choices the picker lists for its current search, cached per search.
  const std::vector<PickerRow>& picker_rows(core::Language language);
  void draw_calendar(const UiFrame& ui);
  void draw_search_box(const UiFrame& ui, const std::string& id, std::string_view prompt);

  void start_editing(const UiFrame& ui, FieldRef ref, const ScreenRect& rect);
  void commit_edit();
  void go_to_page(int page);
  void go_to_field(FieldRef ref);

  const core::FormDefinition& form_;
  const core::FormDataSets* data_;
  std::unique_ptr<core::FormSession> own_session_;  // a form on its own
  core::FormSession* session_;                      // own_session_ or the bundle's
  BundlePart part_;
  core::CalendarDate today_;
  std::uint64_t revision_ = 0;
  Outcome pending_outcome_ = Outcome::stay;  // set while drawing, returned by draw()
  Purpose purpose_ = Purpose::filing;
  Mode mode_ = Mode::pages;
  int page_ = 0;
  std::set<FieldRef> touched_;
  bool reviewed_ = false;  // after the review every issue shows

  // The text field being edited through the text agent.
  std::optional<FieldRef> editing_;
  std::string editing_key_;  // key(editing_) or a search box's key
  std::string edit_text_;
  int edit_caret_ = 0;
  bool composing_ = false;
  bool typed_since_focus_ = false;
  ScreenRect agent_rect_;
  bool text_tapped_ = false;  // a text field or search box was tapped this frame

  std::vector<FieldRef> text_order_;  // text fields of this frame, in order (Enter → next)
  std::optional<FieldRef> focus_request_;
  bool scroll_request_ = false;
  std::optional<Picker> picker_;
  std::optional<Calendar> calendar_;
  PagePhotos* photos_ = nullptr;
};

}  // namespace tokhai::app
