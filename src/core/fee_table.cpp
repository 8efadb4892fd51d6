// The fee table (see fee_table.h).
#include "core/fee_table.h"

#include <nlohmann/json.hpp>
#include <set>

#include "core/dates.h"
#include "core/json_text.h"

namespace tokhai::core {
namespace {

Error fee_error(std::string code, std::string where, std::string vi, std::string en) {
  return Error{std::move(code), LocalizedText{std::move(vi), std::move(en)}, std::move(where)};
}

std::optional<LocalizedText> text_of(const nlohmann::json& object, const char* member) {
  auto it = object.find(member);
  if (it == object.end()) return LocalizedText{};
  if (!it->is_object() || !it->contains("vi") || !(*it)["vi"].is_string()) return std::nullopt;
  const nlohmann::json en = it->value("en", nlohmann::json(""));
  if (!en.is_string()) return std::nullopt;
  return LocalizedText{(*it)["vi"].get<std::string>(), en.get<std::string>()};
}

}  // namespace

Result<FeeTable> FeeTable::parse(std::string_view json_text) {
  const auto doc = parse_json_text(json_text);
  if (!doc.is_object() || doc.value("format", nlohmann::json()) != "tokhai-fees/1" ||
      !doc.value("as_of", nlohmann::json()).is_string() ||
      !parse_iso_date(doc["as_of"].get<std::string>()) ||
      !doc.value("items", nlohmann::json()).is_array()) {
    return fee_error("fees.format", "fees.json",
                     "Bảng lệ phí cần \"format\": \"tokhai-fees/1\", ngày \"as_of\" và \"items\".",
                     "A fee table needs \"format\": \"tokhai-fees/1\", an \"as_of\" date and "
                     "\"items\".");
  }
  FeeTable table;
  table.as_of_ = doc["as_of"].get<std::string>();
  std::set<std::string> codes;
  for (const auto& entry : doc["items"]) {
    const auto code_json = entry.is_object() ? entry.value("code", nlohmann::json()) : nullptr;
    const std::string code = code_json.is_string() ? code_json.get<std::string>() : "";
    const auto name = entry.is_object() ? text_of(entry, "name") : std::nullopt;
    const auto note = entry.is_object() ? text_of(entry, "note") : std::nullopt;
    const auto amount = entry.is_object() ? entry.value("amount_vnd", nlohmann::json()) : nullptr;
    const auto online =
        entry.is_object() ? entry.value("online_amount_vnd", nlohmann::json()) : nullptr;
    if (code.empty() || !name || name->vi.empty() || !note || !amount.is_number_integer() ||
        amount.get<long long>() < 0 || !(online.is_null() || online.is_number_integer()) ||
        !entry.value("legal_basis", nlohmann::json()).is_string() || !codes.insert(code).second) {
      return fee_error("fees.item", "fees.json: " + (code.empty() ? std::string("items[]") : code),
                       "Mục lệ phí cần mã riêng, tên, số tiền (đồng) và căn cứ pháp lý.",
                       "A fee item needs a unique code, a name, an amount in đồng and a legal "
                       "basis.");
    }
    FeeItem item{
        code, *name, amount.get<long long>(), std::nullopt, entry["legal_basis"].get<std::string>(),
        *note};
    if (online.is_number_integer()) item.online_amount_vnd = online.get<long long>();
    table.items_.push_back(std::move(item));
  }
  return table;
}

const FeeItem* FeeTable::find(std::string_view code) const {
  for (const FeeItem& item : items_) {
    if (item.code == code) return &item;
  }
  return nullptr;
}

}  // namespace tokhai::core
