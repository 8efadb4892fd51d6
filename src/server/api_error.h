// ApiError: the JSON errors every tokhai-server response uses, one shape
// everywhere so that the app and tools handle them with one code path:
//   {"error":{"code":"not_found","message":{"vi":"Không tìm thấy.","en":"Not found."}}}
// `code` is stable and machine-readable; `message` is for people, Vietnamese
// first.
#pragma once

#include <string>
#include <string_view>

#include "core/result.h"

namespace tokhai::server {

using core::Done;
using core::Error;
using core::LocalizedText;
using core::Result;

enum class ApiErrorCode {
  bad_request,         // 400: a request the HTTP layer could not understand
  bad_path,            // 400: a URL path refused (traversal, bad escape, too long)
  not_found,           // 404
  method_not_allowed,  // 405
  length_required,     // 411: a body without Content-Length (chunked bodies are refused)
  payload_too_large,   // 413
  uri_too_long,        // 414
  internal,            // 500
};

// The wire name of `code`, e.g. "not_found".
std::string_view api_error_name(ApiErrorCode code);

// The HTTP status that goes with `code`.
int api_error_http_status(ApiErrorCode code);

// The message for people.
LocalizedText api_error_message(ApiErrorCode code);

// The JSON body for `code` (UTF-8).
std::string api_error_body(ApiErrorCode code);

// The JSON body of an error that is not one of the codes above (the reasons
// of the submission API: "envelope.bad_signature", "submission.conflict", …):
// {"error":{"code","message":{"vi","en"},"where"}}, "where" only when not
// empty (the member or byte that failed; never a value).
std::string api_error_body(std::string_view code, const LocalizedText& message,
                           std::string_view where = {});

// The code that best describes an error status produced outside our own
// handlers (by the HTTP library): 404, 405, 411, 413 and 414 → their own code,
// any other 4xx → bad_request, any 5xx → internal.
ApiErrorCode api_error_for_status(int http_status);

}  // namespace tokhai::server
