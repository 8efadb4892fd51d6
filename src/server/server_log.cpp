// Structured log lines (see server_log.h).
#include "server/server_log.h"

#include <cmath>
#include <cstdio>
#include <mutex>

#include "server/utc_time.h"

namespace tokhai::server {

std::string format_log_line(std::string_view ts, const nlohmann::ordered_json& fields) {
  nlohmann::ordered_json line = {{"ts", ts}};
  for (const auto& [key, value] : fields.items()) line[key] = value;
  return line.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

nlohmann::ordered_json request_log_fields(std::string_view method, std::string_view target,
                                          int status, std::optional<double> duration_ms) {
  std::string_view path = target.substr(0, target.find('?'));
  path = path.substr(0, kMaxLoggedPathSizeBytes);
  nlohmann::ordered_json fields = {{"method", method}, {"path", path}, {"status", status}};
  if (duration_ms) {
    fields["duration_ms"] = std::round(*duration_ms * 1000.0) / 1000.0;
  } else {
    fields["duration_ms"] = nullptr;
  }
  return fields;
}

void write_log_line(const nlohmann::ordered_json& fields) {
  static std::mutex stderr_mutex;
  const std::string line = format_log_line(utc_now_iso8601(), fields) + "\n";
  const std::lock_guard lock(stderr_mutex);
  std::fwrite(line.data(), 1, line.size(), stderr);
  std::fflush(stderr);
}

}  // namespace tokhai::server
