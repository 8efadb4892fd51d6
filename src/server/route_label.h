// The route a request path belongs to, as metrics label it: the pattern,
// never the path itself, so that no id or dossier code becomes a label.
#pragma once

#include <string_view>

namespace tokhai::server {

// "/api/v1/submissions/5f0c…" → "/api/v1/submissions/{id}"; "/healthz",
// "/metrics", the other API routes likewise; "/api/other" for unknown API
// paths; "static" for everything else (the web app's files).
std::string_view route_label(std::string_view path);

}  // namespace tokhai::server
