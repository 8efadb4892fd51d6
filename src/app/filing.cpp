// One draft's procedures and screens (see filing.h).
#include "app/filing.h"

#include <algorithm>

#include "core/form/form_definition.h"
#include "core/json_text.h"
#include "core/text_file.h"
#include "crypto/bytes.h"
#include "crypto/encoding.h"

namespace tokhai::app {
namespace {

using core::Error;
using core::Result;

Error draft_error(std::string code, std::string where, std::string vi, std::string en) {
  return Error{std::move(code), {std::move(vi), std::move(en)}, std::move(where)};
}

// A definition and the SHA-256 of its file's bytes exactly as shipped, which
// a filing names (the server computes the same from its own copy).
struct LoadedDefinition {
  std::unique_ptr<core::FormDefinition> definition;
  crypto::Sha256Digest file_sha256{};
};

Result<LoadedDefinition> load_definition(const std::string& path, const std::string& source) {
  const auto text = core::read_text_file(path);
  if (!text) {
    return draft_error("form.unreadable", source, "Không đọc được tệp biểu mẫu.",
                       "The form file cannot be read.");
  }
  auto definition = core::load_form_definition(*text, source);
  if (!definition) return definition.error();
  return LoadedDefinition{std::make_unique<core::FormDefinition>(std::move(definition).value()),
                          crypto::sha256(crypto::as_bytes(*text))};
}

}  // namespace

Filing::~Filing() = default;

Result<std::unique_ptr<Filing>> Filing::open_form(const core::FormSummary& form,
                                                  const std::string& forms_dir,
                                                  const core::FormDataSets* data,
                                                  core::CalendarDate today) {
  auto definition = load_definition(forms_dir + "/" + form.source, form.source);
  if (!definition) return definition.error();
  std::unique_ptr<Filing> filing(new Filing());
  filing->summary_ = definition.value().definition->summary;
  filing->data_ = data;
  filing->today_ = today;
  filing->definitions_.push_back(std::move(definition.value().definition));
  filing->definition_sha256_.push_back(definition.value().file_sha256);
  return filing;
}

Result<std::unique_ptr<Filing>> Filing::open_bundle(const core::FormSummary& bundle,
                                                    const core::FormCatalogue& forms,
                                                    const std::string& forms_dir,
                                                    const core::FormDataSets* data,
                                                    core::CalendarDate today) {
  std::unique_ptr<Filing> filing(new Filing());
  filing->data_ = data;
  filing->today_ = today;
  std::optional<Error> lookup_error;
  // The bundle names its procedures by id and version; each is loaded once.
  const core::FormLookup lookup = [&](std::string_view id,
                                      std::string_view version) -> const core::FormDefinition* {
    for (const auto& loaded : filing->definitions_) {
      if (loaded->summary.id == id && loaded->summary.version == version) return loaded.get();
    }
    for (const core::FormSummary& form : forms.forms) {
      if (form.id != id || form.version != version) continue;
      auto definition = load_definition(forms_dir + "/" + form.source, form.source);
      if (!definition) {
        lookup_error = definition.error();
        return nullptr;
      }
      filing->definitions_.push_back(std::move(definition.value().definition));
      filing->definition_sha256_.push_back(definition.value().file_sha256);
      return filing->definitions_.back().get();
    }
    return nullptr;
  };
  const std::string source = "bundles/" + bundle.source;
  const auto text = core::read_text_file(forms_dir + "/" + source);
  if (!text) {
    return draft_error("form.unreadable", source, "Không đọc được tệp gói thủ tục.",
                       "The bundle file cannot be read.");
  }
  auto definition = core::load_bundle_definition(*text, source, lookup);
  if (lookup_error) return *lookup_error;
  if (!definition) return definition.error();
  filing->bundle_definition_ =
      std::make_unique<core::BundleDefinition>(std::move(definition).value());
  filing->summary_ = filing->bundle_definition_->summary;
  filing->bundle_session_ =
      std::make_unique<core::BundleSession>(*filing->bundle_definition_, today, data);
  return filing;
}

std::vector<Filing::Procedure> Filing::procedures() const {
  std::vector<Procedure> list;
  if (!is_bundle()) {
    const auto& form = definitions_.front()->summary;
    list.push_back({form.id, form.title, false, true});
    return list;
  }
  for (const core::BundleProcedure& procedure : bundle_definition_->procedures) {
    const core::FormDefinition* form = bundle_definition_->forms.at(procedure.form_id);
    list.push_back({procedure.form_id, form->summary.title, procedure.optional,
                    bundle_session_->chosen(procedure.form_id)});
  }
  return list;
}

void Filing::choose(std::string_view form_id, bool filed) {
  if (is_bundle() && bundle_session_->choose(form_id, filed)) ++choice_revision_;
}

void Filing::start() {
  screens_.clear();
  screen_forms_.clear();
  part_ = 0;
  if (!is_bundle()) {
    screens_.push_back(std::make_unique<FormScreen>(*definitions_.front(), data_, today_));
    screen_forms_.push_back(definitions_.front()->summary.id);
    screens_.back()->set_photos(photos_);
    return;
  }
  std::vector<const core::BundleProcedure*> chosen;
  for (const core::BundleProcedure& procedure : bundle_definition_->procedures) {
    if (bundle_session_->chosen(procedure.form_id)) chosen.push_back(&procedure);
  }
  const int count = static_cast<int>(chosen.size());
  for (int index = 0; index < count; ++index) {
    const std::string& form_id = chosen[index]->form_id;
    screens_.push_back(
        std::make_unique<FormScreen>(*bundle_definition_->forms.at(form_id), data_,
                                     BundlePart{bundle_session_.get(), index, count}));
    screen_forms_.push_back(form_id);
    screens_.back()->set_photos(photos_);
  }
}

void Filing::set_photos(PagePhotos* photos) {
  photos_ = photos;
  for (auto& screen : screens_) screen->set_photos(photos);
}

FormScreen::Outcome Filing::draw(const UiFrame& ui) {
  const auto outcome = screen().draw(ui);
  switch (outcome) {
    case FormScreen::Outcome::previous_part:
      if (part_ > 0) {
        --part_;
        screen().show_last_page();
      }
      return FormScreen::Outcome::stay;
    case FormScreen::Outcome::next_part:
      finish_part();
      return FormScreen::Outcome::stay;
    default:
      return outcome;
  }
}

void Filing::finish_part() {
  const int count = static_cast<int>(screens_.size());
  if (part_ + 1 < count) {
    ++part_;
    screen().show_page(0);
    return;
  }
  // The last part: every part must still be valid (a shared fact changed in a
  // later part may have made an earlier one wrong).
  for (int index = 0; index < count; ++index) {
    if (!screens_[index]->session().valid()) {
      part_ = index;
      screen().show_review();
      return;
    }
  }
  screen().show_ready();
}

void Filing::prefill(const core::Profile& profile) {
  if (is_bundle()) {
    for (const core::BundleProcedure& procedure : bundle_definition_->procedures) {
      bundle_session_->session(procedure.form_id)->prefill(profile);
    }
  } else if (!screens_.empty()) {
    screen().session().prefill(profile);
  }
}

std::uint64_t Filing::revision() const {
  std::uint64_t sum = choice_revision_;
  for (const auto& screen : screens_) sum += screen->revision();
  return sum;
}

std::vector<Filing::SendPart> Filing::send_parts() const {
  std::vector<SendPart> parts;
  for (size_t index = 0; index < screens_.size(); ++index) {
    const core::FormDefinition* definition = nullptr;
    crypto::Sha256Digest file_sha256{};
    for (size_t loaded = 0; loaded < definitions_.size(); ++loaded) {
      if (definitions_[loaded]->summary.id == screen_forms_[index]) {
        definition = definitions_[loaded].get();
        file_sha256 = definition_sha256_[loaded];
      }
    }
    if (definition == nullptr) continue;
    parts.push_back(SendPart{definition, file_sha256, screens_[index].get(),
                             screens_[index]->session().answers_json()});
  }
  return parts;
}

nlohmann::json Filing::draft_json() const {
  nlohmann::json draft;
  draft["format"] = kDraftFormat;
  draft["kind"] = is_bundle() ? "bundle" : "form";
  draft["id"] = summary_.id;
  draft["version"] = summary_.version;
  draft["answers"] = nlohmann::json::object();
  draft["chosen"] = nlohmann::json::array();
  for (size_t index = 0; index < screens_.size(); ++index) {
    draft["answers"][screen_forms_[index]] = screens_[index]->session().answers_json();
    draft["chosen"].push_back(screen_forms_[index]);
  }
  draft["part"] = part_;
  draft["page"] = screens_.empty() ? 0 : screen().page();
  return draft;
}

Result<core::Done> Filing::load_draft(const nlohmann::json& draft) {
  const auto* format = core::json_member(draft, "format");
  const auto* id = core::json_member(draft, "id");
  const auto* answers = core::json_member(draft, "answers");
  const auto* chosen = core::json_member(draft, "chosen");
  if (format == nullptr || !format->is_string() || format->get<std::string>() != kDraftFormat ||
      id == nullptr || !id->is_string() || answers == nullptr || !answers->is_object() ||
      chosen == nullptr || !chosen->is_array()) {
    return draft_error("draft.format", "", "Bản nháp không đúng định dạng.",
                       "The draft is not in the expected format.");
  }
  if (id->get<std::string>() != summary_.id) {
    return draft_error("draft.form", id->get<std::string>(), "Bản nháp thuộc về một thủ tục khác.",
                       "The draft belongs to another procedure.");
  }
  if (is_bundle()) {
    for (const auto& procedure : bundle_definition_->procedures) {
      const bool filed = std::any_of(chosen->begin(), chosen->end(), [&](const auto& item) {
        return item.is_string() && item.template get<std::string>() == procedure.form_id;
      });
      (void)bundle_session_->choose(procedure.form_id, filed || !procedure.optional);
    }
  }
  start();
  for (size_t index = 0; index < screens_.size(); ++index) {
    const auto* form_answers = core::json_member(*answers, screen_forms_[index]);
    if (form_answers == nullptr) continue;
    auto loaded = screens_[index]->session().load_answers(*form_answers);
    if (!loaded) {
      core::Error error = loaded.error();
      error.where = screen_forms_[index] + "/" + error.where;
      return error;
    }
  }
  const auto* part = core::json_member(draft, "part");
  const auto* page = core::json_member(draft, "page");
  if (part != nullptr && part->is_number_integer()) {
    part_ = std::clamp(part->get<int>(), 0, static_cast<int>(screens_.size()) - 1);
  }
  if (page != nullptr && page->is_number_integer()) screen().show_page(page->get<int>());
  return core::Done{};
}

nlohmann::json Filing::state_json() const {
  nlohmann::json state = screens_.empty() ? nlohmann::json::object() : screen().state_json();
  state["definition_sha256"] = nlohmann::json::object();
  for (size_t index = 0; index < definitions_.size(); ++index) {
    state["definition_sha256"][definitions_[index]->summary.id] =
        crypto::to_hex(definition_sha256_[index]);
  }
  if (is_bundle()) {
    nlohmann::json bundle;
    bundle["id"] = summary_.id;
    bundle["version"] = summary_.version;
    bundle["part"] = part_;
    bundle["parts"] = screen_forms_;
    bundle["procedures"] = nlohmann::json::array();
    for (const Procedure& procedure : procedures()) {
      bundle["procedures"].push_back({{"id", procedure.form_id},
                                      {"optional", procedure.optional},
                                      {"chosen", procedure.chosen}});
    }
    bundle["valid"] = bundle_session_->valid();
    bundle["answers"] = nlohmann::json::object();  // every part's, for tests of shared facts
    for (size_t index = 0; index < screens_.size(); ++index) {
      bundle["answers"][screen_forms_[index]] = screens_[index]->session().answers_json();
    }
    state["bundle"] = std::move(bundle);
  }
  return state;
}

}  // namespace tokhai::app
