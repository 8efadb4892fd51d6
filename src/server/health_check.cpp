// check_health: see health_check.h.
#include "server/health_check.h"

#include <nlohmann/json.hpp>

namespace tokhai::server {

std::string_view server_version() { return TOKHAI_SERVER_VERSION; }

HealthReport check_health(Storage& store) {
  const bool database_ok = store.is_database_responding();
  const nlohmann::ordered_json body = {
      {"status", database_ok ? "ok" : "error"},
      {"database", database_ok ? "ok" : "error"},
      {"version", server_version()},
      {"instance_id", store.instance_id()},
  };
  return HealthReport{database_ok ? 200 : 503, body.dump()};
}

}  // namespace tokhai::server
