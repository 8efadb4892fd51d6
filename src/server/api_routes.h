// The tokhai API on cpp-httplib (DESIGN.md §6–7):
//   PUT  /api/v1/submissions/{id}       submission_intake.h
//   PUT  /api/v1/submissions/{id}/attachments/{index}?offset=N   attachment_intake.h
//   GET  /api/v1/submissions/{id}/attachments/{index}
//   GET  /api/v1/forms                  the accepted forms with their hashes
//   GET  /api/v1/forms/catalogue        the same, signed (wire/form_catalogue_document.h)
//   GET  /api/v1/forms/{id}/{version}   one accepted definition's bytes
//   GET  /api/v1/keys                   the public keys file
//   GET  /api/v1/status/{dossier}       dossier_status.h (X-Tokhai-Submission)
//   GET  /api/v1/agency/submissions     agency_api.h, signed requests
//   GET  /api/v1/agency/submissions/{id}
//   GET  /api/v1/agency/submissions/{id}/attachments/{index}
//   POST /api/v1/agency/status/{dossier}
//   GET  /metrics                       metrics.h
// Every /api request first takes a token from the client address's bucket
// (rate_limiter.h): over the limit it is answered 429 rate_limited with
// Retry-After, before its body is parsed or anything is verified.
#pragma once

#include <span>
#include <string_view>

#include "server/agency_api.h"
#include "server/attachment_intake.h"
#include "server/form_registry.h"
#include "server/metrics.h"
#include "server/rate_limiter.h"
#include "server/server_keys.h"
#include "server/submission_intake.h"
#include "server/submission_store.h"

namespace httplib {
class Server;
struct Request;
struct Response;
}  // namespace httplib

namespace tokhai::server {

// What the API routes use; everything must outlive the HTTP server.
struct ApiServices {
  const FormRegistry& forms;
  const ServerKeys& keys;
  SubmissionStore& store;
  SubmissionIntake& intake;
  AttachmentIntake& attachments;
  AgencyApi& agency;
  RateLimiter& rate_limiter;
  Metrics& metrics;
};

// One route: its method, its path as documented (deploy/openapi.json), with
// {name} for one path segment, and its handler.
struct ApiRoute {
  std::string_view method;   // GET, PUT or POST (GET also answers HEAD)
  std::string_view pattern;  // e.g. "/api/v1/status/{dossier}"
  void (*handle)(ApiServices& api, const httplib::Request& req, httplib::Response& res);
};

// The routes above: what install_api_routes registers, and what the OpenAPI
// description must match (tests/server/openapi_test.cpp).
std::span<const ApiRoute> api_route_table();

// Installs the routes above (call before any catch-all /api route).
void install_api_routes(httplib::Server& server, ApiServices& api);

// For the pre-routing handler: answers 429 and returns true when `req` is an
// API request over its client's rate limit.
bool refuse_over_rate_limit(ApiServices& api, const httplib::Request& req, httplib::Response& res);

// The JSON error body for a 413 the HTTP library raised itself (a body over
// its payload limit) on `req`'s route: envelope.too_large on the submission
// route (counted as a rejection), attachment.chunk_too_large on the chunk
// route, payload_too_large elsewhere.
std::string payload_too_large_body(ApiServices& api, const httplib::Request& req);

}  // namespace tokhai::server
