// ApiReply: an API answer before it becomes an HTTP response: the status, a
// JSON body, and the error code (empty on success) for metrics and logs.
#pragma once

#include <string>
#include <string_view>

#include "core/localized_text.h"
#include "server/api_error.h"

namespace tokhai::server {

struct ApiReply {
  int http_status = 200;
  std::string body;    // JSON, unless content_type says otherwise
  std::string reason;  // the error code; empty on success
  std::string content_type = "application/json";
};

inline ApiReply api_ok(std::string body, int http_status = 200) {
  return ApiReply{http_status, std::move(body), {}, "application/json"};
}

inline ApiReply api_refusal(int http_status, std::string code, std::string vi, std::string en,
                            std::string_view where = {}) {
  std::string body = api_error_body(code, core::LocalizedText{std::move(vi), std::move(en)}, where);
  return ApiReply{http_status, std::move(body), std::move(code), "application/json"};
}

inline ApiReply api_refusal(ApiErrorCode code) {
  return ApiReply{api_error_http_status(code), api_error_body(code),
                  std::string(api_error_name(code)), "application/json"};
}

}  // namespace tokhai::server
