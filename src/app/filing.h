// Filing: what one draft holds — one procedure, or a bundle of procedures
// filed together ("liên thông") — with the screens that fill it in.
//
// A single procedure is one FormScreen. A bundle is one BundleSession (so a
// shared fact typed once reaches every procedure that asks it) and one
// FormScreen per chosen procedure, shown one after the other: finishing the
// review of a part moves to the next; finishing the last shows "ready to sign"
// once every part is valid, or the first part that is not, at its review.
//
// A Filing also turns into a draft (JSON: which procedure or bundle, its
// version, the optional procedures chosen, the answers of each procedure and
// where the person was) and back, for the vault to keep.
#pragma once

#include <cstdint>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "app/form_screen.h"
#include "core/form/bundle.h"
#include "core/form_catalogue.h"
#include "core/form_data_sets.h"
#include "core/result.h"
#include "crypto/hash.h"

namespace tokhai::app {

inline constexpr std::string_view kDraftFormat = "tokhai-draft/1";

class Filing {
 public:
  // Reads and loads the definition of `form` (a catalogue entry whose source
  // is relative to `forms_dir`). Errors: form.unreadable and the form.* errors
  // of the engine.
  static core::Result<std::unique_ptr<Filing>> open_form(const core::FormSummary& form,
                                                         const std::string& forms_dir,
                                                         const core::FormDataSets* data,
                                                         core::CalendarDate today);
  // Loads bundle `bundle` (source relative to `forms_dir`/bundles) and each of
  // its procedures from `forms`. Every procedure starts chosen; optional ones
  // may be left out with choose() before start(). Errors: form.unreadable,
  // bundle.* and form.*.
  static core::Result<std::unique_ptr<Filing>> open_bundle(const core::FormSummary& bundle,
                                                           const core::FormCatalogue& forms,
                                                           const std::string& forms_dir,
                                                           const core::FormDataSets* data,
                                                           core::CalendarDate today);

  Filing(const Filing&) = delete;
  Filing& operator=(const Filing&) = delete;
  ~Filing();

  bool is_bundle() const { return bundle_session_ != nullptr; }
  // The form's or the bundle's summary (id, version, title, agency).
  const core::FormSummary& summary() const { return summary_; }

  // The procedures of a bundle, in order, with whether each is optional and
  // chosen (one entry for a single form).
  struct Procedure {
    std::string form_id;
    core::LocalizedText title;
    bool optional = false;
    bool chosen = true;
  };
  std::vector<Procedure> procedures() const;
  // Chooses whether an optional procedure of the bundle is filed (before start).
  void choose(std::string_view form_id, bool filed);

  // Builds the screens of the chosen procedures; shows the first page of the
  // first one. Called once, after the choices.
  void start();
  bool started() const { return !screens_.empty(); }

  // Where the screens' attachment fields keep their photos (null: nowhere).
  void set_photos(PagePhotos* photos);

  // Draws the current part. Returns leave when the person goes back to the
  // catalogue.
  FormScreen::Outcome draw(const UiFrame& ui);
  FormScreen& screen() { return *screens_[part_]; }
  const FormScreen& screen() const { return *screens_[part_]; }

  // Fills unanswered fields that have a prefill key (core::FormSession::prefill).
  void prefill(const core::Profile& profile);

  // What each chosen procedure sends: its definition (id, version, agency and
  // the agency's public key), the SHA-256 of the definition file as loaded,
  // its screen (to show the answers) and its answers (sealed to the agency as
  // wire/filing_payload.h says). One part for a single form; one per chosen
  // procedure of a bundle, each for its own agency. Valid once started.
  struct SendPart {
    const core::FormDefinition* definition = nullptr;
    crypto::Sha256Digest definition_sha256{};
    const FormScreen* screen = nullptr;
    nlohmann::json answers;
  };
  std::vector<SendPart> send_parts() const;

  // Moves whenever the answers or the choices change.
  std::uint64_t revision() const;

  // The draft as JSON (format tokhai-draft/1).
  nlohmann::json draft_json() const;
  // Puts a draft's answers, choices and position back. Answers a definition
  // no longer has are skipped, not fatal (load_answers reports them). Errors:
  // draft.format, draft.form (another form or bundle).
  core::Result<core::Done> load_draft(const nlohmann::json& draft);

  nlohmann::json state_json() const;

 private:
  Filing() = default;
  void finish_part();

  core::FormSummary summary_;
  const core::FormDataSets* data_ = nullptr;
  core::CalendarDate today_;
  // Definitions live here so that sessions and screens may point at them.
  std::vector<std::unique_ptr<core::FormDefinition>> definitions_;
  std::vector<crypto::Sha256Digest> definition_sha256_;  // of each definition's file
  std::unique_ptr<core::BundleDefinition> bundle_definition_;
  std::unique_ptr<core::BundleSession> bundle_session_;
  std::vector<std::unique_ptr<FormScreen>> screens_;  // one per chosen procedure
  std::vector<std::string> screen_forms_;             // their form ids
  int part_ = 0;
  std::uint64_t choice_revision_ = 0;
  PagePhotos* photos_ = nullptr;
};

}  // namespace tokhai::app
