// The API routes (see api_routes.h).
#include "server/api_routes.h"

#include <httplib.h>

#include <array>
#include <chrono>
#include <optional>
#include <string>

#include "server/dossier_status.h"
#include "server/route_label.h"
#include "server/server_log.h"
#include "server/utc_time.h"

namespace tokhai::server {
namespace {

constexpr std::string_view kSubmissionRoute = "/api/v1/submissions/{id}";
constexpr std::string_view kAttachmentRoute = "/api/v1/submissions/{id}/attachments/{index}";

void send(httplib::Response& res, int status, std::string body, const char* content_type) {
  res.status = status;
  res.body = std::move(body);
  res.headers.erase("Content-Type");
  res.set_header("Content-Type", content_type);
  res.set_header("Cache-Control", "no-store");
}

void send_reply(httplib::Response& res, ApiReply reply) {
  send(res, reply.http_status, std::move(reply.body), reply.content_type.c_str());
}

std::optional<std::string_view> header(const httplib::Request& req, const char* name) {
  if (!req.has_header(name)) return std::nullopt;
  const auto found = req.headers.find(name);
  return std::string_view(found->second);
}

std::optional<std::string_view> query(const httplib::Request& req, const char* name) {
  if (!req.has_param(name)) return std::nullopt;
  const auto found = req.params.find(name);
  return std::string_view(found->second);
}

std::int64_t now_unix() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

AgencyCall agency_call(const httplib::Request& req) {
  return AgencyCall{req.method, req.target, req.body, header(req, "Authorization"), now_unix()};
}

// Sends an agency API reply; a 401 says which scheme to use.
void send_agency_reply(httplib::Response& res, ApiReply reply) {
  if (reply.http_status == 401) res.set_header("WWW-Authenticate", "Tokhai-Agency-1");
  send_reply(res, std::move(reply));
}

void handle_submission(ApiServices& api, const httplib::Request& req, httplib::Response& res) {
  const std::string& id = req.matches[1];
  IntakeReply reply = api.intake.put(id, req.body);
  if (!reply.reason.empty()) api.metrics.record_rejection(reply.reason);
  nlohmann::ordered_json line = {{"event", "submission"}};
  if (is_submission_id(id)) line["submission_id"] = id;
  line["status"] = reply.http_status;
  if (!reply.reason.empty()) line["reason"] = reply.reason;
  if (!reply.agency_code.empty()) line["agency"] = reply.agency_code;
  if (!reply.internal_cause.empty()) line["cause"] = reply.internal_cause;
  write_log_line(line);
  send(res, reply.http_status, std::move(reply.body), "application/json");
}

}  // namespace

bool refuse_over_rate_limit(ApiServices& api, const httplib::Request& req, httplib::Response& res) {
  if (!api.rate_limiter.enabled()) return false;
  const std::string_view label = route_label(req.path);
  if (!label.starts_with("/api/")) return false;
  const auto decision = api.rate_limiter.take(req.remote_addr, RateLimiter::Clock::now());
  if (decision.allowed) return false;
  if (label == kSubmissionRoute) api.metrics.record_rejection("rate_limited");
  res.set_header("Retry-After", std::to_string(decision.retry_after_seconds));
  send_reply(res,
             api_refusal(429, "rate_limited", "Quá nhiều yêu cầu. Vui lòng thử lại sau ít phút.",
                         "Too many requests. Please try again in a moment."));
  return true;
}

std::string payload_too_large_body(ApiServices& api, const httplib::Request& req) {
  const std::string_view label = route_label(req.path);
  if (label == kAttachmentRoute && req.method == "PUT") {
    api.metrics.record_attachment_refusal("attachment.chunk_too_large");
    return api_error_body("attachment.chunk_too_large",
                          core::LocalizedText{"Mỗi phần tệp gửi lên tối đa 512 KiB.",
                                              "Each attachment chunk may be at most 512 KiB."});
  }
  if (label != kSubmissionRoute) return api_error_body(ApiErrorCode::payload_too_large);
  api.metrics.record_rejection("envelope.too_large");
  return api_error_body(
      "envelope.too_large",
      core::LocalizedText{"Hồ sơ gửi lớn hơn 1 MiB.", "The envelope is larger than 1 MiB."});
}

namespace {

void put_submission(ApiServices& api, const httplib::Request& req, httplib::Response& res) {
  handle_submission(api, req, res);
}

// Logs one chunk or progress answer and counts it, then sends it.
void send_attachment_reply(ApiServices& api, const httplib::Request& req, httplib::Response& res,
                           AttachmentReply reply) {
  if (!reply.reason.empty()) api.metrics.record_attachment_refusal(reply.reason);
  if (reply.bytes_stored > 0) api.metrics.record_attachment_bytes(reply.bytes_stored);
  const std::string& id = req.matches[1];
  nlohmann::ordered_json line = {{"event", "attachment"}};
  if (is_submission_id(id)) line["submission_id"] = id;
  line["status"] = reply.http_status;
  if (!reply.reason.empty()) line["reason"] = reply.reason;
  if (!reply.internal_cause.empty()) line["cause"] = reply.internal_cause;
  write_log_line(line);
  send(res, reply.http_status, std::move(reply.body), "application/json");
}

void put_attachment_chunk(ApiServices& api, const httplib::Request& req, httplib::Response& res) {
  const ChunkOffsetParameter offset{query(req, "offset"), req.get_param_value_count("offset")};
  send_attachment_reply(
      api, req, res,
      api.attachments.put_chunk(req.matches[1].str(), req.matches[2].str(), offset, req.body));
}

void get_attachment_progress(ApiServices& api, const httplib::Request& req,
                             httplib::Response& res) {
  send_attachment_reply(api, req, res,
                        api.attachments.progress(req.matches[1].str(), req.matches[2].str()));
}

void get_forms(ApiServices& api, const httplib::Request&, httplib::Response& res) {
  send(res, 200, api.forms.catalogue_json(), "application/json");
}

// The signed form catalogue, signed as it is asked for (issued_at is now).
void get_form_catalogue(ApiServices& api, const httplib::Request&, httplib::Response& res) {
  auto document =
      wire::sign_form_catalogue(api.forms.catalogue_document(utc_now_seconds()), api.keys.signing);
  if (!document) {
    send_reply(res, api_refusal(ApiErrorCode::internal));
    return;
  }
  send(res, 200, wire::form_catalogue_text(document.value()), "application/json");
}

// One accepted definition's bytes, exactly as the catalogue hashed them.
void get_form_definition(ApiServices& api, const httplib::Request& req, httplib::Response& res) {
  const AcceptedForm* form = api.forms.find(req.matches[1].str(), req.matches[2].str());
  if (form == nullptr) {
    send_reply(res, api_refusal(404, "form.unknown", "Máy chủ không có biểu mẫu này.",
                                "The server has no such form."));
    return;
  }
  send(res, 200, form->definition, "application/json");
}

void get_keys(ApiServices& api, const httplib::Request&, httplib::Response& res) {
  send(res, 200, api.keys.public_keys_text, "application/json");
}

void get_status(ApiServices& api, const httplib::Request& req, httplib::Response& res) {
  send_reply(res,
             lookup_status(api.store, req.matches[1].str(), header(req, kSubmissionHeader.data())));
}

void get_agency_submissions(ApiServices& api, const httplib::Request& req, httplib::Response& res) {
  send_agency_reply(res,
                    api.agency.list(agency_call(req), query(req, "after"), query(req, "limit")));
}

void get_agency_submission(ApiServices& api, const httplib::Request& req, httplib::Response& res) {
  send_agency_reply(res, api.agency.fetch(agency_call(req), req.matches[1].str()));
}

void get_agency_attachment(ApiServices& api, const httplib::Request& req, httplib::Response& res) {
  send_agency_reply(res, api.agency.fetch_attachment(agency_call(req), req.matches[1].str(),
                                                     req.matches[2].str()));
}

void post_agency_status(ApiServices& api, const httplib::Request& req, httplib::Response& res) {
  send_agency_reply(
      res, api.agency.post_status(agency_call(req), req.matches[1].str(), utc_now_seconds()));
}

void get_metrics(ApiServices& api, const httplib::Request&, httplib::Response& res) {
  send(res, 200, api.metrics.prometheus_text(), "text/plain; version=0.0.4; charset=utf-8");
}

constexpr std::array<ApiRoute, 13> kApiRoutes = {{
    {"PUT", kSubmissionRoute, put_submission},
    {"PUT", kAttachmentRoute, put_attachment_chunk},
    {"GET", kAttachmentRoute, get_attachment_progress},
    {"GET", "/api/v1/forms", get_forms},
    {"GET", "/api/v1/forms/catalogue", get_form_catalogue},
    {"GET", "/api/v1/forms/{id}/{version}", get_form_definition},
    {"GET", "/api/v1/keys", get_keys},
    {"GET", "/api/v1/status/{dossier}", get_status},
    {"GET", "/api/v1/agency/submissions", get_agency_submissions},
    {"GET", "/api/v1/agency/submissions/{id}", get_agency_submission},
    {"GET", "/api/v1/agency/submissions/{id}/attachments/{index}", get_agency_attachment},
    {"POST", "/api/v1/agency/status/{dossier}", post_agency_status},
    {"GET", "/metrics", get_metrics},
}};

// The route's pattern as cpp-httplib's regex: each {name} matches one path segment.
std::string route_regex(std::string_view pattern) {
  std::string regex;
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    if (pattern[i] == '{') {
      i = pattern.find('}', i);
      regex += "([^/]*)";
    } else {
      regex.push_back(pattern[i]);
    }
  }
  return regex;
}

}  // namespace

std::span<const ApiRoute> api_route_table() { return kApiRoutes; }

void install_api_routes(httplib::Server& server, ApiServices& api) {
  for (const ApiRoute& route : kApiRoutes) {
    const std::string regex = route_regex(route.pattern);
    httplib::Server::Handler handler = [&api, handle = route.handle](const httplib::Request& req,
                                                                     httplib::Response& res) {
      handle(api, req, res);
    };
    if (route.method == "GET") {
      server.Get(regex, std::move(handler));
    } else if (route.method == "PUT") {
      server.Put(regex, std::move(handler));
    } else if (route.method == "POST") {
      server.Post(regex, std::move(handler));
    }
  }
}

}  // namespace tokhai::server
