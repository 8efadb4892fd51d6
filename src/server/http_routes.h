// The HTTP surface of tokhai-server, on cpp-httplib:
//   GET/HEAD /healthz   health report (health_check.h)
//   the API and /metrics (api_routes.h), rate-limited per client address
//   other /api paths    404 JSON error
//   GET/HEAD anything   static files from the web root ("/" → index.html)
//   other methods       405 JSON error (Allow: GET, HEAD)
//   chunked bodies, and POST/PUT/PATCH without Content-Length: 411 JSON error
// Every error is the JSON shape of api_error.h; every response carries
// X-Content-Type-Options: nosniff; every request is logged as one JSON line
// and counted in the metrics under its route's pattern.
#pragma once

#include <filesystem>

#include "server/api_routes.h"
#include "server/storage.h"

namespace httplib {
class Server;
}

namespace tokhai::server {

// Installs the routes, error handling and request logging on `server`.
// `web_root` must be canonical (static_files.h); `store` and `api` must
// outlive `server`.
void install_http_routes(httplib::Server& server, const std::filesystem::path& web_root,
                         Storage& store, ApiServices& api);

}  // namespace tokhai::server
