// FormDataSets: the reference data that forms look answers up in, read from
// forms/data/ — administrative units after the 2025 reform, ethnicities,
// nationalities. The app, the server and the tools load the same files.
#pragma once

#include <filesystem>
#include <map>
#include <string>

#include "core/admin/admin_units.h"
#include "core/fee_table.h"
#include "core/form/form_session.h"
#include "core/reference/reference_list.h"
#include "core/result.h"

namespace tokhai::core {

class FormDataSets final : public ReferenceData {
 public:
  // Reads admin-units-2025.json, the reference lists (ethnicities.json,
  // nationalities.json) and fees.json in `directory`. Errors:
  // data.unreadable, and the parse errors of each file, naming it.
  static Result<FormDataSets> load(const std::filesystem::path& directory);

  bool has_choice(std::string_view data_set, std::string_view code) const override;
  bool has_commune(std::string_view code) const override;

  const AdminUnits& admin_units() const { return admin_units_; }
  const FeeTable& fees() const { return fees_; }
  // The list named `id` ("ethnicities"), or nullptr.
  const ReferenceList* list(std::string_view id) const;

 private:
  FormDataSets(AdminUnits admin_units, std::map<std::string, ReferenceList, std::less<>> lists,
               FeeTable fees)
      : admin_units_(std::move(admin_units)), lists_(std::move(lists)), fees_(std::move(fees)) {}

  AdminUnits admin_units_;
  std::map<std::string, ReferenceList, std::less<>> lists_;
  FeeTable fees_;
};

}  // namespace tokhai::core
