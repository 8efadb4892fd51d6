// route_label (see route_label.h).
#include "server/route_label.h"

#include <array>
#include <utility>

namespace tokhai::server {

std::string_view route_label(std::string_view path) {
  path = path.substr(0, path.find('?'));
  constexpr std::array<std::string_view, 6> kExact = {
      "/healthz",      "/metrics",
      "/api/v1/forms", "/api/v1/forms/catalogue",
      "/api/v1/keys",  "/api/v1/agency/submissions"};
  for (const auto exact : kExact) {
    if (path == exact) return exact;
  }
  constexpr std::array<std::pair<std::string_view, std::string_view>, 4> kPrefixes = {{
      {"/api/v1/submissions/", "/api/v1/submissions/{id}"},
      {"/api/v1/status/", "/api/v1/status/{dossier}"},
      {"/api/v1/agency/submissions/", "/api/v1/agency/submissions/{id}"},
      {"/api/v1/agency/status/", "/api/v1/agency/status/{dossier}"},
  }};
  for (const auto& [prefix, label] : kPrefixes) {
    if (path.starts_with(prefix) && path.find('/', prefix.size()) == std::string_view::npos) {
      return label;
    }
  }
  // Two segments: attachments of a submission.
  constexpr std::array<std::pair<std::string_view, std::string_view>, 2> kAttachmentPrefixes = {{
      {"/api/v1/submissions/", "/api/v1/submissions/{id}/attachments/{index}"},
      {"/api/v1/agency/submissions/", "/api/v1/agency/submissions/{id}/attachments/{index}"},
  }};
  constexpr std::string_view kAttachmentsSegment = "/attachments/";
  for (const auto& [prefix, label] : kAttachmentPrefixes) {
    if (!path.starts_with(prefix)) continue;
    const std::size_t slash = path.find('/', prefix.size());
    if (slash != std::string_view::npos && path.substr(slash).starts_with(kAttachmentsSegment) &&
        path.find('/', slash + kAttachmentsSegment.size()) == std::string_view::npos) {
      return label;
    }
  }
  constexpr std::string_view kFormPrefix = "/api/v1/forms/";
  if (path.starts_with(kFormPrefix)) {
    const std::size_t slash = path.find('/', kFormPrefix.size());
    if (slash != std::string_view::npos && path.find('/', slash + 1) == std::string_view::npos) {
      return "/api/v1/forms/{id}/{version}";
    }
  }
  if (path == "/api" || path.starts_with("/api/")) return "/api/other";
  return "static";
}

}  // namespace tokhai::server
