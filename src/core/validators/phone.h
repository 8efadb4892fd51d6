// Vietnamese phone numbers, checked offline (DOMAIN.md §2.2): 10-digit mobiles with the
// prefixes in use since the 2018–2019 move from 11 digits, and 11-digit landlines 02x.
//
// Accepted spellings: spaces, dots, dashes and parentheses between digits, and +84 or 84
// instead of the leading 0 ("+84 912 345 678", "0912.345.678"). Whether a SIM is
// registered to its owner ("chính chủ") cannot be checked offline.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/issue.h"

namespace tokhai::core {

// The mobile number as "0xxxxxxxxx" when validate_mobile accepts `text`; nullopt otherwise.
std::optional<std::string> normalize_mobile(std::string_view text);

// Issues with a mobile number: phone.old_prefix (an 11-digit 01xx number, with the number
// it became), phone.format (not 10 digits starting 0) or phone.prefix (no carrier uses
// the prefix). All are errors.
Issues validate_mobile(std::string_view text);

// Issues with a landline number: phone.landline_format unless 11 digits starting 02.
Issues validate_landline(std::string_view text);

// Issues with a number that may be a mobile or a landline: a number starting 02 is
// checked as a landline, any other as a mobile; phone.format names both forms.
Issues validate_phone(std::string_view text);

}  // namespace tokhai::core
