// The small helpers of transport.h shared by every adapter.
#include "sync/transport.h"

namespace tokhai::sync {
namespace {

bool equal_ignoring_ascii_case(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
    if (lower(a[i]) != lower(b[i])) return false;
  }
  return true;
}

}  // namespace

std::optional<std::string_view> HttpResponse::header(std::string_view name) const {
  for (const HttpHeader& h : headers) {
    if (equal_ignoring_ascii_case(h.name, name)) return std::string_view(h.value);
  }
  return std::nullopt;
}

std::string_view http_method_name(HttpMethod method) {
  switch (method) {
    case HttpMethod::get:
      return "GET";
    case HttpMethod::put:
      return "PUT";
    case HttpMethod::post:
      return "POST";
  }
  return "GET";
}

std::string_view network_failure_code(NetworkFailure failure) {
  switch (failure) {
    case NetworkFailure::offline:
      return "network.offline";
    case NetworkFailure::timeout:
      return "network.timeout";
    case NetworkFailure::connection_reset:
      return "network.connection_reset";
    case NetworkFailure::truncated:
      return "network.truncated";
  }
  return "network.offline";
}

}  // namespace tokhai::sync
