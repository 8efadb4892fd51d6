// The JSON error shape and status of every API error code, and how errors
// raised by the HTTP library map onto them.
#include "server/api_error.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

using tokhai::server::api_error_body;
using tokhai::server::api_error_for_status;
using tokhai::server::api_error_http_status;
using tokhai::server::api_error_name;
using tokhai::server::ApiErrorCode;

TEST_CASE("every error body has a code and a message in Vietnamese and English") {
  struct Case {
    ApiErrorCode code;
    std::string name;
    int status;
  };
  const Case cases[] = {
      {ApiErrorCode::bad_request, "bad_request", 400},
      {ApiErrorCode::bad_path, "bad_path", 400},
      {ApiErrorCode::not_found, "not_found", 404},
      {ApiErrorCode::method_not_allowed, "method_not_allowed", 405},
      {ApiErrorCode::length_required, "length_required", 411},
      {ApiErrorCode::payload_too_large, "payload_too_large", 413},
      {ApiErrorCode::uri_too_long, "uri_too_long", 414},
      {ApiErrorCode::internal, "internal", 500},
  };
  for (const auto& c : cases) {
    INFO(c.name);
    CHECK(api_error_name(c.code) == c.name);
    CHECK(api_error_http_status(c.code) == c.status);
    const auto body = nlohmann::json::parse(api_error_body(c.code));
    REQUIRE(body.size() == 1);
    const auto& error = body.at("error");
    CHECK(error.at("code") == c.name);
    CHECK_FALSE(error.at("message").at("vi").get<std::string>().empty());
    CHECK_FALSE(error.at("message").at("en").get<std::string>().empty());
  }
}

TEST_CASE("the not_found body is exactly the documented one") {
  CHECK(api_error_body(ApiErrorCode::not_found) ==
        R"({"error":{"code":"not_found","message":{"vi":"Không tìm thấy.","en":"Not found."}}})");
}

TEST_CASE("statuses set by the HTTP library map to the closest code") {
  CHECK(api_error_for_status(400) == ApiErrorCode::bad_request);
  CHECK(api_error_for_status(404) == ApiErrorCode::not_found);
  CHECK(api_error_for_status(405) == ApiErrorCode::method_not_allowed);
  CHECK(api_error_for_status(411) == ApiErrorCode::length_required);
  CHECK(api_error_for_status(413) == ApiErrorCode::payload_too_large);
  CHECK(api_error_for_status(414) == ApiErrorCode::uri_too_long);
  CHECK(api_error_for_status(416) == ApiErrorCode::bad_request);
  CHECK(api_error_for_status(500) == ApiErrorCode::internal);
  CHECK(api_error_for_status(503) == ApiErrorCode::internal);
}
