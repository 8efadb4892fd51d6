// Dates as citizens type them (dd/mm/yyyy), the counts of days, months and years the
// rules need, and the date checks of DOMAIN.md §2.4: no birth in the future, and the
// registration periods (60 days for a birth, 15 for a death) whose lateness is a
// warning, not a refusal, since a late registration is still accepted.
//
// Whole months come from core/dates.h (whole_months_between). Ages follow how people
// count: a year (or month) is complete on the day whose number is reached; someone born
// on 29/02 turns a year older on 01/03 in a year without 29/02.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/dates.h"
#include "core/issue.h"

namespace tokhai::core {

// A real calendar day typed as dd/mm/yyyy, d/m/yyyy, or with '-' or '.' in place of both
// '/' ("15-3-2026", "15.03.2026"); year 1000–9999; spaces around it are ignored.
std::optional<CalendarDate> parse_display_date(std::string_view text);

// "15/03/2026".
std::string display_date(CalendarDate date);

// Days from `from` to `to`: 1 from one day to the next, negative when `to` is earlier.
int days_between(CalendarDate from, CalendarDate to);

// Whole years from `from` to `to` (an age); negative when `to` is earlier.
int whole_years_between(CalendarDate from, CalendarDate to);

// Issues with a date of birth: date.future (an error) when it is after `today`.
Issues validate_birth_date(CalendarDate date_of_birth, CalendarDate today);

// Issues with registering, on `registration`, an event (a birth, a death) of `event`:
// date.registration_before_event (an error) when registration comes first; a warning with
// `late_code` (e.g. "birth.late_registration" with 60 days, "death.late_registration"
// with 15) when more than `allowed_days` days have passed, stating both numbers.
Issues validate_registration_window(CalendarDate event, CalendarDate registration, int allowed_days,
                                    std::string_view late_code);

}  // namespace tokhai::core
