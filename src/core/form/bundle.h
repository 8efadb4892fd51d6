// Bundles ("liên thông", NĐ 63/2024): several procedures filed as one, where
// each fact they share is asked once.
//
// A bundle file (forms/bundles/<id>.json, format "tokhai-bundle/1") names its
// procedures (form id and version; optional ones the citizen may leave out)
// and its shared facts, each mapped to one field in every procedure that asks
// it. A BundleSession runs one FormSession per chosen procedure and writes a
// shared fact into all of them, so a citizen types the child's name once for
// the birth registration, the residence registration and the health-insurance
// card.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/form/form_session.h"
#include "core/form_catalogue.h"

namespace tokhai::core {

inline constexpr std::string_view kBundleFormat = "tokhai-bundle/1";

struct BundleProcedure {
  std::string form_id;
  std::string version;
  bool optional = false;  // the citizen chooses whether to file it
};

// One fact asked once: `fields` maps a form id to the field that holds it.
struct SharedFact {
  std::string id;
  std::map<std::string, std::string, std::less<>> fields;
};

struct BundleDefinition {
  FormSummary summary;  // id, version, title, legal basis, date, receiving agency
  std::vector<BundleProcedure> procedures;
  std::vector<SharedFact> shared;
  std::map<std::string, const FormDefinition*, std::less<>> forms;  // by form id

  // The shared fact that `field` of form `form_id` belongs to, or nullptr.
  const SharedFact* shared_fact_of(std::string_view form_id, std::string_view field) const;
};

// Finds a loaded form by id and version (nullptr when there is none).
using FormLookup =
    std::function<const FormDefinition*(std::string_view form_id, std::string_view version)>;

// Loads a bundle and checks it against its forms: every procedure exists,
// every shared field exists, is top-level, and all fields of one fact have the
// same type. Errors: bundle.form, bundle.field, bundle.type, bundle.duplicate
// and the form.* errors of the summary.
Result<BundleDefinition> load_bundle_definition(std::string_view json_text, std::string_view source,
                                                const FormLookup& forms);

class BundleSession {
 public:
  // Starts with every procedure chosen. `bundle` and `data` must outlive it.
  BundleSession(const BundleDefinition& bundle, CalendarDate today,
                const ReferenceData* data = nullptr);

  // Chooses whether an optional procedure is filed. Error bundle.required for
  // a procedure that is not optional, bundle.form for one not in the bundle.
  Result<Done> choose(std::string_view form_id, bool filed);
  bool chosen(std::string_view form_id) const;

  // Answers shared fact `fact` in every procedure that asks it.
  Result<Done> set_shared(std::string_view fact, expr::Value value);
  // Answers a field of one procedure. A field that belongs to a shared fact is
  // answered through set_shared (error answer.shared).
  Result<Done> set_answer(std::string_view form_id, std::string_view field, int row,
                          expr::Value value);

  // The session of one procedure (chosen or not), or nullptr.
  FormSession* session(std::string_view form_id);
  const FormSession* session(std::string_view form_id) const;

  const BundleDefinition& definition() const { return bundle_; }

  // True when every chosen procedure is valid.
  bool valid() const;
  // Issues of the chosen procedures, as "form_id/field path".
  std::vector<std::pair<std::string, Issue>> issues() const;

 private:
  const BundleDefinition& bundle_;
  std::map<std::string, std::unique_ptr<FormSession>, std::less<>> sessions_;
  std::map<std::string, bool, std::less<>> chosen_;
};

}  // namespace tokhai::core
