// NginxFront: Debian's nginx on loopback in front of several tokhai-server
// instances, for the multi-instance fault test and the benchmark: the
// upstream block and proxy settings of deploy/nginx (tokhai-proxy.conf is
// included as it is), a plain HTTP port and a TLS + HTTP/2 port with a
// self-signed certificate made with openssl for this run. Its files (config,
// certificate, logs, temp folders) live in a folder the caller owns.
//
// The plain port exists because the native client transport
// (platform/native/httplib_transport.h) speaks HTTP only; the TLS port is
// checked with curl (tests/fault/multi_instance_test.cpp).
#pragma once

#include <sys/types.h>

#include <filesystem>
#include <string>
#include <vector>

namespace tokhai::server::testing {

class NginxFront {
 public:
  // True when nginx and openssl are installed (shell/deps installs both).
  static bool available();

  // Starts nginx with its files in `folder` (which must exist), proxying to
  // 127.0.0.1 at each of `upstream_ports`. Throws std::runtime_error (with
  // nginx's error log) if it does not answer within 10 s.
  NginxFront(const std::filesystem::path& folder, const std::vector<int>& upstream_ports);
  ~NginxFront();  // stops nginx (SIGQUIT, then SIGKILL after 5 s)
  NginxFront(const NginxFront&) = delete;
  NginxFront& operator=(const NginxFront&) = delete;

  int http_port() const { return http_port_; }
  int https_port() const { return https_port_; }
  // The self-signed certificate (CN and SAN "localhost"), for clients to trust.
  std::filesystem::path certificate() const { return folder_ / "localhost.crt"; }
  std::string error_log() const;

 private:
  std::filesystem::path folder_;
  pid_t pid_ = -1;
  int http_port_ = 0;
  int https_port_ = 0;
};

// A TCP port on 127.0.0.1 that was free a moment ago.
int free_loopback_port();

}  // namespace tokhai::server::testing
