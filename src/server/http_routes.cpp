// The routes, error handler and request logger (see http_routes.h).
//
// cpp-httplib decodes percent escapes into Request::path before routing, so
// the static file route reads the undecoded Request::target instead: decoding
// twice would let "%252e%252e" become "..". Request timing uses a thread-local
// start time, because cpp-httplib handles each request on one worker thread
// and offers no per-request storage to its logger.
#include "server/http_routes.h"

#include <httplib.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "server/api_error.h"
#include "server/health_check.h"
#include "server/route_label.h"
#include "server/server_log.h"
#include "server/static_files.h"

namespace tokhai::server {
namespace {

using Clock = std::chrono::steady_clock;

thread_local std::optional<Clock::time_point> t_request_started;

// The methods cpp-httplib dispatches to handlers; others are refused early.
constexpr std::array<std::string_view, 7> kRoutedMethods = {"GET",    "HEAD",    "POST", "PUT",
                                                            "DELETE", "OPTIONS", "PATCH"};

// The Allow header of 405 answers: the web app is read-only.
constexpr const char* kAllowedStaticMethods = "GET, HEAD";

// The methods for which cpp-httplib reads a body even without Content-Length.
constexpr std::array<std::string_view, 3> kBodyMethods = {"POST", "PUT", "PATCH"};

bool is_one_of(std::string_view method, std::span<const std::string_view> methods) {
  return std::find(methods.begin(), methods.end(), method) != methods.end();
}

void set_body(httplib::Response& res, std::string body, const std::string& content_type) {
  res.body = std::move(body);
  res.headers.erase("Content-Type");
  res.set_header("Content-Type", content_type);
}

void send_json(httplib::Response& res, int status, std::string body) {
  res.status = status;
  set_body(res, std::move(body), "application/json");
  res.set_header("Cache-Control", "no-store");
}

void send_api_error(httplib::Response& res, ApiErrorCode code) {
  if (code == ApiErrorCode::method_not_allowed) res.set_header("Allow", kAllowedStaticMethods);
  send_json(res, api_error_http_status(code), api_error_body(code));
}

// The request path as sent, still percent-encoded, without the query string.
std::string_view raw_path(const httplib::Request& req) {
  const std::string_view target = req.target;
  return target.substr(0, target.find('?'));
}

// The error for a request refused before its body is read, if any. cpp-httplib
// 0.11.4 reads a chunked body with no size limit, and a POST, PUT or PATCH
// body without Content-Length until the connection's read timeout, so both
// are refused: bodies must declare their length.
std::optional<ApiErrorCode> refusal_before_body(const httplib::Request& req) {
  if (!is_one_of(req.method, kRoutedMethods)) return ApiErrorCode::method_not_allowed;
  if (req.has_header("Transfer-Encoding")) return ApiErrorCode::length_required;
  if (is_one_of(req.method, kBodyMethods) && !req.has_header("Content-Length")) {
    return ApiErrorCode::length_required;
  }
  return std::nullopt;
}

void serve_static_file(const std::filesystem::path& web_root, const httplib::Request& req,
                       httplib::Response& res) {
  auto file = read_static_file(web_root, raw_path(req), req.get_header_value("Accept-Encoding"));
  if (!file) {
    send_api_error(res, file.error());
    return;
  }
  res.status = 200;
  res.set_header("Cache-Control", std::string(file.value().cache_control));
  if (file.value().has_encodings) res.set_header("Vary", "Accept-Encoding");
  if (file.value().content_encoding.empty()) {
    set_body(res, std::move(file.value().body), std::string(file.value().content_type));
    return;
  }
  // A precompressed copy goes out as it is: cpp-httplib compresses `body`
  // answers of text types itself, but never content-provider answers of a
  // known length.
  res.set_header("Content-Encoding", std::string(file.value().content_encoding));
  auto body = std::make_shared<const std::string>(std::move(file.value().body));
  res.set_content_provider(body->size(), std::string(file.value().content_type),
                           [body](std::size_t offset, std::size_t length, httplib::DataSink& sink) {
                             sink.write(body->data() + offset,
                                        std::min(length, body->size() - offset));
                             return true;
                           });
}

// Registers `handler` for `pattern` on every routed method but GET and HEAD.
void route_non_get_methods(httplib::Server& server, const std::string& pattern,
                           const httplib::Server::Handler& handler) {
  server.Post(pattern, handler);
  server.Put(pattern, handler);
  server.Delete(pattern, handler);
  server.Patch(pattern, handler);
  server.Options(pattern, handler);
}

}  // namespace

void install_http_routes(httplib::Server& server, const std::filesystem::path& web_root,
                         Storage& store, ApiServices& api) {
  server.set_pre_routing_handler([&api](const httplib::Request& req, httplib::Response& res) {
    t_request_started = Clock::now();
    const auto refusal = refusal_before_body(req);
    if (refusal) {
      send_api_error(res, *refusal);
      return httplib::Server::HandlerResponse::Handled;
    }
    if (refuse_over_rate_limit(api, req, res)) return httplib::Server::HandlerResponse::Handled;
    return httplib::Server::HandlerResponse::Unhandled;
  });

  server.Get("/healthz", [&store](const httplib::Request&, httplib::Response& res) {
    auto report = check_health(store);
    send_json(res, report.http_status, std::move(report.body));
  });

  install_api_routes(server, api);

  const std::string api_pattern = "/api(/.*)?";
  const httplib::Server::Handler api_not_found = [](const httplib::Request&,
                                                    httplib::Response& res) {
    send_api_error(res, ApiErrorCode::not_found);
  };
  server.Get(api_pattern, api_not_found);
  route_non_get_methods(server, api_pattern, api_not_found);

  server.Get(".*", [web_root](const httplib::Request& req, httplib::Response& res) {
    serve_static_file(web_root, req, res);
  });
  route_non_get_methods(server, ".*", [](const httplib::Request&, httplib::Response& res) {
    send_api_error(res, ApiErrorCode::method_not_allowed);
  });

  // Errors raised by cpp-httplib itself (malformed request, body too large,
  // no route) get the JSON shape; responses our handlers filled keep theirs.
  server.set_error_handler(httplib::Server::HandlerWithResponse(
      [&api](const httplib::Request& req, httplib::Response& res) {
        if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
        const int status = res.status;
        send_json(res, status,
                  status == 413 ? payload_too_large_body(api, req)
                                : api_error_body(api_error_for_status(status)));
        return httplib::Server::HandlerResponse::Handled;
      }));

  server.set_exception_handler(
      [](const httplib::Request&, httplib::Response& res, std::exception_ptr) {
        res.headers.clear();
        send_api_error(res, ApiErrorCode::internal);
      });

  server.set_post_routing_handler([](const httplib::Request&, httplib::Response& res) {
    if (!res.has_header("X-Content-Type-Options")) {
      res.set_header("X-Content-Type-Options", "nosniff");
    }
  });

  server.set_logger([&api](const httplib::Request& req, const httplib::Response& res) {
    std::optional<double> duration_ms;
    if (t_request_started) {
      duration_ms =
          std::chrono::duration<double, std::milli>(Clock::now() - *t_request_started).count();
      t_request_started.reset();
    }
    api.metrics.record_request(route_label(req.path), res.status,
                               duration_ms.value_or(0.0) / 1000.0);
    write_log_line(request_log_fields(req.method, req.target, res.status, duration_ms));
  });
}

}  // namespace tokhai::server
