// Personal names (họ, chữ đệm, tên), checked offline (DOMAIN.md §2.5): letters of the
// Vietnamese and other Latin alphabets, spaces, apostrophes for ethnic names ("H'Mông",
// "Ka'Sơ", "H'Hen Niê") and hyphens. Names are NFC-normalised before checking and
// storage, so a name typed in NFD on a Mac is the same name.
//
// The law sets no length limit; following DOMAIN.md, more than 100 characters is an
// error and a given name (the last word) of more than 30 characters a warning.
// Characters are counted as Unicode code points of the NFC form.
#pragma once

#include <string>
#include <string_view>

#include "core/issue.h"

namespace tokhai::core {

// `name` in NFC, without whitespace around it, inner whitespace runs made one space.
std::string normalize_person_name(std::string_view name);

// Issues with a normalised `name`: name.characters (an error: a digit or a character that
// is not a letter, space, apostrophe or hyphen; the message names the first one),
// name.too_long (an error: over 100 characters) and name.given_too_long (a warning: the
// last word over 30 characters). An empty name has no issues: requiredness is the
// form's business.
Issues validate_person_name(std::string_view name);

}  // namespace tokhai::core
