// UTC timestamps as the server writes them: in logs, in the database, and
// receipts and statuses. ISO 8601 with a "Z" suffix, with milliseconds in logs and
// the database's own records, to the second in what travels.
#pragma once

#include <chrono>
#include <string>

namespace tokhai::server {

// `time` as "2025-07-01T08:30:00.123Z".
std::string format_utc_iso8601(std::chrono::system_clock::time_point time);

// The current time as format_utc_iso8601 writes it.
std::string utc_now_iso8601();

// `time` to the second, as receipts and statuses carry it:
// "2025-07-01T08:30:00Z".
std::string format_utc_seconds(std::chrono::system_clock::time_point time);

// The current time as format_utc_seconds writes it.
std::string utc_now_seconds();

}  // namespace tokhai::server
