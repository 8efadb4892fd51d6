// Structured logs: one JSON object per line on stderr, "ts" (UTC ISO 8601)
// first. Request lines carry the method, the path without its query string,
// the status and the duration; never bodies or headers, which may hold
// personal data.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace tokhai::server {

// Longest path written in a request log line; longer ones are cut.
inline constexpr std::size_t kMaxLoggedPathSizeBytes = 1024;

// `fields` as one JSON line without the newline, with "ts": `ts` first.
// Invalid UTF-8 in strings is replaced (U+FFFD), never thrown.
std::string format_log_line(std::string_view ts, const nlohmann::ordered_json& fields);

// The fields of a request's log line: method, path (`target` without its query
// string, cut to kMaxLoggedPathSizeBytes), status, duration_ms (rounded to
// microseconds; null when the request never reached routing).
nlohmann::ordered_json request_log_fields(std::string_view method, std::string_view target,
                                          int status, std::optional<double> duration_ms);

// Writes `fields` as one line to stderr, timestamped now. Thread-safe: lines
// from concurrent requests never interleave.
void write_log_line(const nlohmann::ordered_json& fields);

}  // namespace tokhai::server
