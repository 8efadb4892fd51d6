// The agency tool's signed HTTP client (see agency_client.h).
#include "tools/agency/agency_client.h"

#include <httplib.h>

#include <chrono>
#include <ctime>

#include "wire/agency_request.h"

namespace tokhai::tools {
namespace {

constexpr std::time_t kConnectTimeoutSeconds = 10;
constexpr std::time_t kReadTimeoutSeconds = 60;

}  // namespace

core::Result<AgencyClient> AgencyClient::connect(std::string_view server,
                                                 const wire::AgencySecret& secret) {
  const std::string url(server);
  if (!(url.starts_with("http://") || url.starts_with("https://")) || url.size() < 9 ||
      url.find_first_of("/?#", url.find("://") + 3) != std::string::npos) {
    return core::Error{"agency_tool.bad_server",
                       {"Địa chỉ máy chủ phải có dạng http://máy:cổng hoặc https://máy, không "
                        "có đường dẫn.",
                        "The server address must look like http://host:port or https://host, "
                        "without a path."},
                       url};
  }
  auto client = std::make_unique<httplib::Client>(url);
  client->set_connection_timeout(kConnectTimeoutSeconds, 0);
  client->set_read_timeout(kReadTimeoutSeconds, 0);
  client->set_write_timeout(kReadTimeoutSeconds, 0);
  return AgencyClient(std::move(client), secret);
}

AgencyClient::AgencyClient(std::unique_ptr<httplib::Client> client,
                           const wire::AgencySecret& secret)
    : client_(std::move(client)), secret_(&secret) {}
AgencyClient::AgencyClient(AgencyClient&&) noexcept = default;
AgencyClient& AgencyClient::operator=(AgencyClient&&) noexcept = default;
AgencyClient::~AgencyClient() = default;

core::Result<HttpAnswer> AgencyClient::get(const std::string& target) {
  return send("GET", target, "");
}

core::Result<HttpAnswer> AgencyClient::post(const std::string& target,
                                            const std::string& json_body) {
  return send("POST", target, json_body);
}

core::Result<HttpAnswer> AgencyClient::send(std::string_view method, const std::string& target,
                                            const std::string& body) {
  const std::int64_t now = std::chrono::duration_cast<std::chrono::seconds>(
                               std::chrono::system_clock::now().time_since_epoch())
                               .count();
  const httplib::Headers headers = {
      {"Authorization",
       wire::agency_authorization(secret_->code, now, secret_->signing, {method, target, body})}};
  const httplib::Result answer = method == "GET"
                                     ? client_->Get(target, headers)
                                     : client_->Post(target, headers, body, "application/json");
  if (!answer) {
    return core::Error{"agency_tool.unreachable",
                       {"Không kết nối được máy chủ; hãy kiểm tra mạng và địa chỉ rồi thử lại.",
                        "Cannot reach the server; check the network and the address, then try "
                        "again."},
                       httplib::to_string(answer.error())};
  }
  return HttpAnswer{answer->status, answer->body};
}

}  // namespace tokhai::tools
