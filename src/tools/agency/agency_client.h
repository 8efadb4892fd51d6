// The agency tool's HTTP client: every request to the agency API signed with
// the agency's key (wire/agency_request.h), over HTTP or HTTPS (cpp-httplib
// with OpenSSL), with timeouts.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "core/result.h"
#include "wire/key_files.h"

namespace httplib {
class Client;
}

namespace tokhai::tools {

struct HttpAnswer {
  int status = 0;
  std::string body;
};

class AgencyClient {
 public:
  // `server` is "http://host:port" or "https://host[:port]". Error:
  // agency_tool.bad_server.
  static core::Result<AgencyClient> connect(std::string_view server,
                                            const wire::AgencySecret& secret);
  AgencyClient(AgencyClient&&) noexcept;
  AgencyClient& operator=(AgencyClient&&) noexcept;
  ~AgencyClient();

  // A signed GET / POST of `target` (path and query). Error:
  // agency_tool.unreachable (no answer; where: the library's reason).
  core::Result<HttpAnswer> get(const std::string& target);
  core::Result<HttpAnswer> post(const std::string& target, const std::string& json_body);

 private:
  AgencyClient(std::unique_ptr<httplib::Client> client, const wire::AgencySecret& secret);
  core::Result<HttpAnswer> send(std::string_view method, const std::string& target,
                                const std::string& body);

  std::unique_ptr<httplib::Client> client_;
  const wire::AgencySecret* secret_;
};

}  // namespace tokhai::tools
