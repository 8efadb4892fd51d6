// The API test helpers (see api_test_support.h).
#include "api_test_support.h"

#include <catch2/catch.hpp>
#include <chrono>
#include <nlohmann/json.hpp>
#include <sstream>
#include <thread>

namespace tokhai::server::testing {

httplib::Result put_submission(httplib::Client& client, std::string_view id,
                               const std::string& body) {
  return client.Put("/api/v1/submissions/" + std::string(id), body, "application/json");
}

std::string envelope_id(const std::string& envelope_text) {
  return nlohmann::json::parse(envelope_text).at("id").get<std::string>();
}

std::string error_code(const std::string& body) {
  const auto json = nlohmann::json::parse(body, nullptr, false);
  if (!json.is_object() || !json.contains("error")) return "";
  CHECK_FALSE(json["error"]["message"]["vi"].get<std::string>().empty());
  CHECK_FALSE(json["error"]["message"]["en"].get<std::string>().empty());
  return json["error"]["code"].get<std::string>();
}

std::optional<double> metric_value(httplib::Client& client, std::string_view sample) {
  auto response = client.Get("/metrics");
  REQUIRE(response);
  REQUIRE(response->status == 200);
  std::istringstream lines(response->body);
  std::string line;
  while (std::getline(lines, line)) {
    if (line.size() > sample.size() && line.starts_with(sample) && line[sample.size()] == ' ') {
      return std::stod(line.substr(sample.size() + 1));
    }
  }
  return std::nullopt;
}

}  // namespace tokhai::server::testing

namespace tokhai::server::testing {

std::optional<double> metric_value_once(httplib::Client& client, std::string_view sample,
                                        double expected) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(3);
  while (true) {
    const auto value = metric_value(client, sample);
    if (value == expected || std::chrono::steady_clock::now() > deadline) return value;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
}

std::string replaced(std::string text, std::string_view from, std::string_view to) {
  const auto at = text.find(from);
  REQUIRE(at != std::string::npos);
  text.replace(at, from.size(), to);
  return text;
}

}  // namespace tokhai::server::testing
