// Typed dates, ages and registration periods (see dates.h).
#include "core/validators/dates.h"

#include <cstdio>

#include "core/validators/answer_text.h"

namespace tokhai::core {
namespace {

// The number made of 1–`max_digits` ASCII digits at the start of `text`, which moves
// past them; nullopt when there is no digit there or too many.
std::optional<int> take_number(std::string_view& text, std::size_t max_digits) {
  std::size_t count = 0;
  int value = 0;
  while (count < text.size() && text[count] >= '0' && text[count] <= '9') {
    if (count < max_digits) value = value * 10 + (text[count] - '0');  // more is refused below
    ++count;
  }
  if (count == 0 || count > max_digits) return std::nullopt;
  text.remove_prefix(count);
  return value;
}

}  // namespace

std::optional<CalendarDate> parse_display_date(std::string_view text) {
  text = trim_ascii_space(text);
  const auto day = take_number(text, 2);
  if (!day || text.empty()) return std::nullopt;
  const char separator = text[0];
  if (separator != '/' && separator != '-' && separator != '.') return std::nullopt;
  text.remove_prefix(1);
  const auto month = take_number(text, 2);
  if (!month || text.empty() || text[0] != separator) return std::nullopt;
  text.remove_prefix(1);
  if (text.size() != 4) return std::nullopt;
  const auto year = take_number(text, 4);
  if (!year || !text.empty()) return std::nullopt;
  char iso[16];
  std::snprintf(iso, sizeof iso, "%04d-%02d-%02d", *year, *month, *day);
  return parse_iso_date(iso);
}

std::string display_date(CalendarDate date) {
  char text[16];
  std::snprintf(text, sizeof text, "%02d/%02d/%04d", date.day, date.month, date.year);
  return text;
}

int days_between(CalendarDate from, CalendarDate to) {
  return to_day_number(to) - to_day_number(from);
}

int whole_years_between(CalendarDate from, CalendarDate to) {
  if (to < from) return -whole_years_between(to, from);
  const bool anniversary_reached =
      to.month > from.month || (to.month == from.month && to.day >= from.day);
  return to.year - from.year - (anniversary_reached ? 0 : 1);
}

Issues validate_birth_date(CalendarDate date_of_birth, CalendarDate today) {
  if (date_of_birth <= today) return {};
  const std::string birth = display_date(date_of_birth), now = display_date(today);
  return {{"date.future",
           {"Ngày sinh " + birth + " ở sau ngày hôm nay (" + now + ").",
            "The date of birth " + birth + " is after today (" + now + ")."}}};
}

Issues validate_registration_window(CalendarDate event, CalendarDate registration, int allowed_days,
                                    std::string_view late_code) {
  const std::string event_text = display_date(event);
  const std::string registration_text = display_date(registration);
  const int elapsed = days_between(event, registration);
  if (elapsed < 0) {
    return {{"date.registration_before_event",
             {"Ngày đăng ký " + registration_text + " ở trước ngày xảy ra sự việc (" + event_text +
                  ").",
              "The registration date " + registration_text + " is before the event (" + event_text +
                  ")."}}};
  }
  if (elapsed <= allowed_days) return {};
  const std::string allowed = std::to_string(allowed_days), days = std::to_string(elapsed);
  return {{std::string(late_code),
           {"Đã " + days + " ngày kể từ ngày " + event_text + ", quá thời hạn đăng ký " + allowed +
                " ngày. Bạn vẫn có thể nộp hồ sơ; đây là trường hợp đăng ký quá hạn.",
            days + " days have passed since " + event_text + ", beyond the " + allowed +
                "-day registration period. You can still apply; this is a late registration."},
           Severity::warning}};
}

}  // namespace tokhai::core
