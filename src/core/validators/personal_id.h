// The 12-digit personal ID number (số định danh cá nhân, printed on the CCCD / căn cước
// card) and the old 9-digit identity card number (CMND), checked offline.
//
// Structure PPP G YY RRRRRR (DOMAIN.md §2.1): PPP is the province where the birth was
// registered (63 codes, kept after the 2025 merger) or 101–295 for a country abroad;
// G is century and sex (0/1 = 1900s male/female, 2/3 = 2000s, 4–9 later centuries);
// YY the last two digits of the birth year; RRRRRR random, with no checksum.
// Spaces around an answer are ignored; spaces or dots inside it are format errors.
#pragma once

#include <optional>
#include <string_view>

#include "core/dates.h"
#include "core/issue.h"

namespace tokhai::core {

struct PersonalIdParts {
  int place_code = 0;        // PPP: a province code 1–96, or a country code 101–295
  bool born_abroad = false;  // PPP is a country code
  int century_start = 0;     // 1900 or 2000
  bool male = false;         // G is even
  int birth_year = 0;        // century_start + YY
};

// The parts of a number validate_personal_id accepts when no date of birth or sex is
// given (12 digits, a known place code, born before 2100); nullopt otherwise.
std::optional<PersonalIdParts> parse_personal_id(std::string_view id);

// Issues with `id`: cccd.format (not 12 digits), cccd.province (PPP is neither one of the
// 63 province codes nor 101–295), cccd.century (G means born in 2100 or later), and,
// only when given, cccd.birth_year (YY disagrees with the year of `date_of_birth`) and
// cccd.sex (the parity of G disagrees with `male`). All are errors.
Issues validate_personal_id(std::string_view id, std::optional<CalendarDate> date_of_birth,
                            std::optional<bool> male);

// The name of one of the 63 provinces that issue personal ID numbers, by code (25 →
// "Phú Thọ", 26 → "Vĩnh Phúc"); nullopt for any other code, including countries.
std::optional<std::string_view> personal_id_province_name(int code);

// Issues with an old identity card number, "CMND cũ": cmnd.format unless 9 digits. (The
// 12-digit CMND issued 2012–2016 has the personal ID's form: use validate_personal_id.)
Issues validate_old_id_number(std::string_view number);

}  // namespace tokhai::core
