// FeeTable: the fees (lệ phí) of procedures, as data with an "as of" date and
// the legal basis of each amount (forms/data/fees.json, "tokhai-fees/1").
// Fees change by circular; they are never written into code.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/localized_text.h"
#include "core/result.h"

namespace tokhai::core {

struct FeeItem {
  std::string code;  // referenced by a form's "fee"
  LocalizedText name;
  long long amount_vnd = 0;                    // filed in person, or the only amount
  std::optional<long long> online_amount_vnd;  // filed online, where the law sets a lower fee
  std::string legal_basis;
  LocalizedText note;  // exemptions and conditions
};

class FeeTable {
 public:
  // Parses the fee table. Errors: fees.format, fees.item (naming the item).
  static Result<FeeTable> parse(std::string_view json_text);

  const std::string& as_of() const { return as_of_; }  // ISO date the amounts were checked
  const std::vector<FeeItem>& items() const { return items_; }
  // The item with `code`, or nullptr.
  const FeeItem* find(std::string_view code) const;

 private:
  std::string as_of_;
  std::vector<FeeItem> items_;
};

}  // namespace tokhai::core
