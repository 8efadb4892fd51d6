// Reference data sets of forms/data/ (see form_data_sets.h).
#include "core/form_data_sets.h"

#include "core/text_file.h"

namespace tokhai::core {
namespace {

constexpr const char* kAdminUnitsFile = "admin-units-2025.json";
constexpr const char* kListFiles[] = {"ethnicities.json", "nationalities.json"};

Error located(const Error& error, const std::filesystem::path& file) {
  return Error{error.code, error.message,
               file.filename().string() + (error.where.empty() ? "" : ": " + error.where)};
}

Error unreadable(const std::filesystem::path& file) {
  return Error{"data.unreadable",
               LocalizedText{"Không đọc được tệp dữ liệu.", "The data file cannot be read."},
               file.string()};
}

}  // namespace

Result<FormDataSets> FormDataSets::load(const std::filesystem::path& directory) {
  const auto units_path = directory / kAdminUnitsFile;
  const auto units_text = read_text_file(units_path);
  if (!units_text) return unreadable(units_path);
  auto units = AdminUnits::parse(*units_text);
  if (!units) return located(units.error(), units_path);

  std::map<std::string, ReferenceList, std::less<>> lists;
  for (const char* name : kListFiles) {
    const auto path = directory / name;
    const auto text = read_text_file(path);
    if (!text) return unreadable(path);
    auto list = ReferenceList::parse(*text);
    if (!list) return located(list.error(), path);
    std::string id = list.value().id();
    lists.emplace(std::move(id), std::move(list).value());
  }
  const auto fees_path = directory / "fees.json";
  const auto fees_text = read_text_file(fees_path);
  if (!fees_text) return unreadable(fees_path);
  auto fees = FeeTable::parse(*fees_text);
  if (!fees) return located(fees.error(), fees_path);
  return FormDataSets(std::move(units).value(), std::move(lists), std::move(fees).value());
}

bool FormDataSets::has_choice(std::string_view data_set, std::string_view code) const {
  const ReferenceList* found = list(data_set);
  return found != nullptr && found->find(code) != nullptr;
}

bool FormDataSets::has_commune(std::string_view code) const {
  return admin_units_.commune(code) != nullptr;
}

const ReferenceList* FormDataSets::list(std::string_view id) const {
  auto it = lists_.find(id);
  return it == lists_.end() ? nullptr : &it->second;
}

}  // namespace tokhai::core
