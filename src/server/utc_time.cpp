// UTC ISO 8601 formatting with gmtime_r (thread-safe; std::format's chrono
// support is missing from the g++ 12 standard library).
#include "server/utc_time.h"

#include "core/dates.h"

#include <cstdio>
#include <ctime>

namespace tokhai::server {

std::string format_utc_iso8601(std::chrono::system_clock::time_point time) {
  using namespace std::chrono;
  const auto since_epoch_ms = duration_cast<milliseconds>(time.time_since_epoch()).count();
  auto seconds = static_cast<std::time_t>(since_epoch_ms / 1000);
  auto millis = static_cast<int>(since_epoch_ms % 1000);
  if (millis < 0) {  // times before 1970 round towards the earlier second
    millis += 1000;
    seconds -= 1;
  }
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char text[96];  // room for any int in each field, so the format can never truncate
  std::snprintf(text, sizeof text, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", utc.tm_year + 1900,
                utc.tm_mon + 1, utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec, millis);
  return text;
}

std::string utc_now_iso8601() { return format_utc_iso8601(std::chrono::system_clock::now()); }

std::string format_utc_seconds(std::chrono::system_clock::time_point time) {
  using namespace std::chrono;
  return core::format_utc_timestamp(
      floor<seconds>(time).time_since_epoch().count());  // the earlier second before 1970 too
}

std::string utc_now_seconds() { return format_utc_seconds(std::chrono::system_clock::now()); }

}  // namespace tokhai::server
