// deploy/openapi.json against the real server: it describes exactly the
// routes the server registers (api_route_table() and /healthz), every /api
// operation documents the rate limit's 429, and what the real server answers
// to a plain request on each documented operation is among the statuses
// documented for it.
#include <catch2/catch.hpp>
#include <cctype>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <utility>

#include "server/api_routes.h"
#include "server_sandbox.h"

using namespace tokhai::server;
using namespace tokhai::server::testing;

namespace {

using Operation = std::pair<std::string, std::string>;  // method (upper case), path

nlohmann::json load_openapi() {
  std::ifstream file("deploy/openapi.json");
  REQUIRE(file);
  return nlohmann::json::parse(file);
}

std::string upper(std::string text) {
  for (char& c : text) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return text;
}

std::string lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

const nlohmann::json& responses_of(const nlohmann::json& spec, const Operation& operation) {
  return spec.at("paths").at(operation.second).at(lower(operation.first)).at("responses");
}

std::set<Operation> documented_operations(const nlohmann::json& spec) {
  std::set<Operation> operations;
  for (const auto& [path, item] : spec.at("paths").items()) {
    for (const auto& [method, operation] : item.items()) {
      if (method == "parameters") continue;
      operations.emplace(upper(method), path);
    }
  }
  return operations;
}

// `pattern` with every {name} replaced by a plausible value.
std::string sample_path(const std::string& pattern) {
  std::string path;
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    if (pattern[i] == '{') {
      const std::size_t end = pattern.find('}', i);
      path += pattern.substr(i + 1, end - i - 1) == "id" ? std::string(32, '0')
                                                         : std::string("TK-000000-0000-0000");
      i = end;
    } else {
      path.push_back(pattern[i]);
    }
  }
  return path;
}

}  // namespace

TEST_CASE("the OpenAPI description lists exactly the routes the server registers") {
  const auto spec = load_openapi();
  CHECK(spec.at("openapi").get<std::string>().starts_with("3."));
  std::set<Operation> registered = {{"GET", "/healthz"}};  // install_http_routes
  for (const ApiRoute& route : api_route_table()) {
    registered.emplace(std::string(route.method), std::string(route.pattern));
  }
  CHECK(documented_operations(spec) == registered);

  for (const auto& operation : documented_operations(spec)) {
    const auto& [method, path] = operation;
    CAPTURE(method, path);
    const auto& responses = responses_of(spec, operation);
    bool has_success = false;
    for (const auto& [status, response] : responses.items()) {
      has_success = has_success || status.starts_with("2");
      CHECK(response.contains("description"));
    }
    CHECK(has_success);
    if (path.starts_with("/api/")) CHECK(responses.contains("429"));
  }
}

TEST_CASE("the real server answers each documented operation with a documented status") {
  const auto spec = load_openapi();
  ServerSandbox sandbox;
  RunningServer server(sandbox);
  auto client = server.client();
  for (const auto& operation : documented_operations(spec)) {
    const auto& [method, pattern] = operation;
    CAPTURE(method, pattern);
    const std::string path = sample_path(pattern);
    httplib::Result answer = method == "GET"   ? client->Get(path)
                             : method == "PUT" ? client->Put(path, "{}", "application/json")
                                               : client->Post(path, "{}", "application/json");
    REQUIRE(answer);
    const std::string status = std::to_string(answer->status);
    CAPTURE(status, answer->body);
    CHECK(responses_of(spec, operation).contains(status));
  }
}
