// Health insurance (BHYT) card numbers, checked offline (DOMAIN.md §2.3). Three forms
// are accepted:
//   * the 15-character card code of QĐ 1351/2015, `^[A-Z]{2}[1-5]\d{2}\d{10}$`: the
//     beneficiary group (e.g. TE, child under 6), the benefit level 1–5, a two-digit
//     province code and the 10-digit social-insurance (BHXH) number;
//   * the 10-digit BHXH number printed alone on cards since 1/4/2021;
//   * the 12-digit personal ID number, which many services accept instead of the card.
// Letters may be typed in lowercase and with spaces between the boxes of the card.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/issue.h"

namespace tokhai::core {

// The number in its canonical form (spaces removed, letters uppercased: "te1 79
// 0123456789" → "TE1790123456789") when it has one of the three forms; nullopt otherwise.
std::optional<std::string> normalize_health_insurance_number(std::string_view text);

// Issues with a health insurance number: bhyt.format (an error) unless it has one of the
// three forms.
Issues validate_health_insurance_number(std::string_view text);

// The beneficiary group of a 15-character card code ("TE", "GD", "HS"…); nullopt for the
// 10- and 12-digit forms, which carry none, and for anything invalid.
std::optional<std::string> health_insurance_group(std::string_view text);

}  // namespace tokhai::core
