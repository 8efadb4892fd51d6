// Structured log lines: one JSON object, "ts" first, the path without its
// query string, and no crash on bytes that are not UTF-8.
#include "server/server_log.h"

#include <catch2/catch.hpp>
#include <chrono>
#include <regex>
#include <string>

#include "server/utc_time.h"

using tokhai::server::format_log_line;
using tokhai::server::format_utc_iso8601;
using tokhai::server::kMaxLoggedPathSizeBytes;
using tokhai::server::request_log_fields;

TEST_CASE("a request line carries method, path, status and duration, ts first") {
  const auto line =
      format_log_line("2025-07-01T08:30:00.123Z", request_log_fields("GET", "/healthz", 200, 0.4));
  CHECK(
      line ==
      R"({"ts":"2025-07-01T08:30:00.123Z","method":"GET","path":"/healthz","status":200,"duration_ms":0.4})");
}

TEST_CASE("the query string never reaches the log") {
  const auto fields =
      request_log_fields("GET", "/api/v1/status/ABC?cccd=001099012345&x=1", 404, 1.23456);
  CHECK(fields.at("path") == "/api/v1/status/ABC");
  CHECK(fields.at("duration_ms") == 1.235);
  CHECK(format_log_line("t", fields).find("001099012345") == std::string::npos);
}

TEST_CASE("a request that never reached routing has a null duration") {
  const auto fields = request_log_fields("GARBAGE", "", 400, std::nullopt);
  CHECK(fields.at("duration_ms").is_null());
  CHECK(fields.at("path") == "");
}

TEST_CASE("bytes that are not UTF-8 are replaced, and long paths are cut") {
  const auto line = format_log_line("t", request_log_fields("GET", "/a\xff\xfe", 404, 1.0));
  CHECK(line.find("\"/a\xEF\xBF\xBD\xEF\xBF\xBD\"") != std::string::npos);
  const std::string long_path = "/" + std::string(5000, 'a');
  const auto fields = request_log_fields("GET", long_path, 404, 1.0);
  CHECK(fields.at("path").get<std::string>().size() == kMaxLoggedPathSizeBytes);
}

TEST_CASE("UTC timestamps are ISO 8601 with milliseconds") {
  using namespace std::chrono;
  const sys_time<milliseconds> moment =
      sys_days{year{2025} / July / 1} + hours{8} + minutes{30} + milliseconds{5};
  CHECK(format_utc_iso8601(moment) == "2025-07-01T08:30:00.005Z");
  CHECK(format_utc_iso8601(sys_days{year{1969} / December / 31} + milliseconds{86'399'999}) ==
        "1969-12-31T23:59:59.999Z");
  CHECK(std::regex_match(tokhai::server::utc_now_iso8601(),
                         std::regex(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z)")));
}
