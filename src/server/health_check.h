// The /healthz report: whether this server and its database answer, for load
// balancers, monitoring and tests.
#pragma once

#include <string>
#include <string_view>

#include "server/storage.h"

namespace tokhai::server {

// The version of tokhai-server: the CMake project version, e.g. "0.1.0".
std::string_view server_version();

struct HealthReport {
  int http_status;   // 200 when healthy, 503 when the database does not answer
  std::string body;  // {"status":"ok","database":"ok","version":"0.1.0","instance_id":"..."}
};

// Checks the database with SELECT 1 and reports on it.
HealthReport check_health(Storage& store);

}  // namespace tokhai::server
