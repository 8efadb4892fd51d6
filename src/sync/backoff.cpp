// Backoff with full jitter and Retry-After (backoff.h).
#include "sync/backoff.h"

#include <algorithm>
#include <array>
#include <cassert>
#include <charconv>

namespace tokhai::sync {
namespace {

// Days from 1970-01-01 to y-m-d in the proleptic Gregorian calendar (Howard
// Hinnant's days_from_civil).
std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) {
  y -= m <= 2 ? 1 : 0;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

bool read_digits(std::string_view text, std::int64_t& out) {
  if (text.empty() || text.size() > 12) return false;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
  }
  std::from_chars(text.data(), text.data() + text.size(), out);
  return true;
}

// "Sun, 06 Nov 1994 08:49:37 GMT" (RFC 9110 §5.6.7) → Unix ms.
std::optional<std::int64_t> parse_imf_fixdate(std::string_view t) {
  if (t.size() != 29 || t[3] != ',' || t[4] != ' ' || t[7] != ' ' || t[11] != ' ' || t[16] != ' ' ||
      t[19] != ':' || t[22] != ':' || t.substr(25) != " GMT") {
    return std::nullopt;
  }
  static constexpr std::array<std::string_view, 12> kMonths = {
      "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const auto month = std::find(kMonths.begin(), kMonths.end(), t.substr(8, 3));
  std::int64_t day = 0, year = 0, hour = 0, minute = 0, second = 0;
  if (month == kMonths.end() || !read_digits(t.substr(5, 2), day) ||
      !read_digits(t.substr(12, 4), year) || !read_digits(t.substr(17, 2), hour) ||
      !read_digits(t.substr(20, 2), minute) || !read_digits(t.substr(23, 2), second) || day < 1 ||
      day > 31 || hour > 23 || minute > 59 || second > 60) {
    return std::nullopt;
  }
  const auto month_number = static_cast<unsigned>(month - kMonths.begin() + 1);
  const std::int64_t days = days_from_civil(year, month_number, static_cast<unsigned>(day));
  return ((days * 24 + hour) * 60 + minute) * 60'000 + second * 1000;
}

}  // namespace

std::int64_t backoff_ceiling_ms(const BackoffPolicy& policy, int failures_in_row) {
  assert(failures_in_row >= 1 && "backoff_ceiling_ms: count failures from 1");
  std::int64_t ceiling = policy.base_ms;
  for (int i = 1; i < failures_in_row && ceiling < policy.cap_ms; ++i) ceiling *= 2;
  return std::min(ceiling, policy.cap_ms);
}

std::int64_t backoff_delay_ms(const BackoffPolicy& policy, int failures_in_row,
                              RandomSource& random) {
  const std::int64_t ceiling = backoff_ceiling_ms(policy, failures_in_row);
  assert(ceiling >= 0 && ceiling < 0xffffffffLL && "backoff cap must fit the random source");
  return random.below(static_cast<std::uint32_t>(ceiling + 1));
}

std::optional<std::int64_t> parse_retry_after_ms(std::string_view value, std::int64_t now_utc_ms) {
  while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) value.remove_prefix(1);
  while (!value.empty() && (value.back() == ' ' || value.back() == '\t')) value.remove_suffix(1);
  std::int64_t seconds = 0;
  if (read_digits(value, seconds)) return seconds * 1000;
  if (const auto at = parse_imf_fixdate(value)) return std::max<std::int64_t>(0, *at - now_utc_ms);
  return std::nullopt;
}

}  // namespace tokhai::sync
