// The table of API error codes, statuses and messages.
#include "server/api_error.h"

#include <nlohmann/json.hpp>

namespace tokhai::server {
namespace {

struct ApiErrorInfo {
  ApiErrorCode code;
  std::string_view name;
  int http_status;
  std::string_view vi;
  std::string_view en;
};

// Indexed by ApiErrorCode; api_error_info() asserts the order.
constexpr ApiErrorInfo kApiErrors[] = {
    {ApiErrorCode::bad_request, "bad_request", 400, "Yêu cầu không hợp lệ.", "Bad request."},
    {ApiErrorCode::bad_path, "bad_path", 400, "Đường dẫn không hợp lệ.", "Invalid path."},
    {ApiErrorCode::not_found, "not_found", 404, "Không tìm thấy.", "Not found."},
    {ApiErrorCode::method_not_allowed, "method_not_allowed", 405,
     "Phương thức này không được hỗ trợ tại địa chỉ này.",
     "This method is not allowed at this address."},
    {ApiErrorCode::length_required, "length_required", 411,
     "Yêu cầu có nội dung phải khai báo Content-Length.",
     "A request with a body must declare its Content-Length."},
    {ApiErrorCode::payload_too_large, "payload_too_large", 413, "Dữ liệu gửi lên quá lớn.",
     "The request body is too large."},
    {ApiErrorCode::uri_too_long, "uri_too_long", 414, "Địa chỉ quá dài.",
     "The address is too long."},
    {ApiErrorCode::internal, "internal", 500, "Lỗi máy chủ. Vui lòng thử lại sau.",
     "Server error. Please try again later."},
};

const ApiErrorInfo& api_error_info(ApiErrorCode code) {
  const auto& info = kApiErrors[static_cast<std::size_t>(code)];
  assert(info.code == code && "kApiErrors is out of order");
  return info;
}

}  // namespace

std::string_view api_error_name(ApiErrorCode code) { return api_error_info(code).name; }

int api_error_http_status(ApiErrorCode code) { return api_error_info(code).http_status; }

LocalizedText api_error_message(ApiErrorCode code) {
  const auto& info = api_error_info(code);
  return LocalizedText{std::string(info.vi), std::string(info.en)};
}

std::string api_error_body(ApiErrorCode code) {
  const auto& info = api_error_info(code);
  const nlohmann::ordered_json body = {
      {"error", {{"code", info.name}, {"message", {{"vi", info.vi}, {"en", info.en}}}}}};
  return body.dump();
}

std::string api_error_body(std::string_view code, const LocalizedText& message,
                           std::string_view where) {
  nlohmann::ordered_json error = {{"code", code},
                                  {"message", {{"vi", message.vi}, {"en", message.en}}}};
  if (!where.empty()) error["where"] = where;
  return nlohmann::ordered_json{{"error", std::move(error)}}.dump(
      -1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

ApiErrorCode api_error_for_status(int http_status) {
  switch (http_status) {
    case 404:
      return ApiErrorCode::not_found;
    case 405:
      return ApiErrorCode::method_not_allowed;
    case 411:
      return ApiErrorCode::length_required;
    case 413:
      return ApiErrorCode::payload_too_large;
    case 414:
      return ApiErrorCode::uri_too_long;
    default:
      return http_status >= 500 ? ApiErrorCode::internal : ApiErrorCode::bad_request;
  }
}

}  // namespace tokhai::server
