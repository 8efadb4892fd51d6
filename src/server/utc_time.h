// UTC timestamps as the server writes them: in logs, in the database, and
// (later) in receipts. ISO 8601 with milliseconds and a "Z" suffix.
#pragma once

#include <chrono>
#include <string>

namespace tokhai::server {

// `time` as "2025-07-01T08:30:00.123Z".
std::string format_utc_iso8601(std::chrono::system_clock::time_point time);

// The current time as format_utc_iso8601 writes it.
std::string utc_now_iso8601();

}  // namespace tokhai::server
