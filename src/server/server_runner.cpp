// run_server: startup order, the listening line, and the clean stop (see
// server_runner.h).
//
// cpp-httplib's Server::stop() only acts once listen_after_bind() has marked
// the server running, and must be called once; so the stop callback waits
// for that mark (or for listening to end) before calling it.
#include "server/server_runner.h"

#include <httplib.h>
#include <sys/socket.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <system_error>
#include <thread>

#include "server/http_limits.h"
#include "server/http_routes.h"
#include "server/in_quotes.h"
#include "server/server_log.h"
#include "server/server_store.h"
#include "server/shutdown_signals.h"
#include "server/static_files.h"

namespace tokhai::server {
namespace {

Error start_error(std::string code, std::string vi, std::string en) {
  return Error{std::move(code), LocalizedText{std::move(vi), std::move(en)}};
}

// cpp-httplib's default socket options set SO_REUSEPORT, which lets a second
// server bind the same port and silently take half of the connections; keep
// only SO_REUSEADDR (a restart may bind while old connections linger).
void set_exclusive_port(httplib::Server& server) {
  server.set_socket_options([](socket_t socket) {
    int yes = 1;
    setsockopt(socket, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
  });
}

// `host` as written in a URL: IPv6 literals in brackets.
std::string url_host(const std::string& host) {
  return host.find(':') == std::string::npos ? host : "[" + host + "]";
}

// Serves until a shutdown signal; `store` closes when this returns, after
// the HTTP server has stopped and been destroyed.
int serve(const ServerConfig& config, const std::filesystem::path& web_root,
          ShutdownSignals& signals) {
  auto store = ServerStore::open(config.data_dir);
  if (!store) {
    print_error(store.error());
    return kExitFailed;
  }

  httplib::Server server;
  set_exclusive_port(server);
  apply_http_limits(server, HttpLimits{});
  install_http_routes(server, web_root, store.value());

  int port = config.port;
  if (port == 0) {
    port = server.bind_to_any_port(config.host);
  } else if (!server.bind_to_port(config.host, port)) {
    port = -1;
  }
  if (port < 0) {
    const std::string where = config.host + ":" + std::to_string(config.port);
    print_error(start_error("start.listen", "Không thể lắng nghe tại " + where + ".",
                            "Cannot listen on " + where + "."));
    return kExitFailed;
  }

  const std::string url = "http://" + url_host(config.host) + ":" + std::to_string(port);
  std::printf("tokhai-server listening on %s\n", url.c_str());
  std::fflush(stdout);
  write_log_line({{"event", "listening"},
                  {"url", url},
                  {"instance_id", store.value().instance_id()},
                  {"data_dir", config.data_dir.string()},
                  {"web_root", web_root.string()}});

  std::atomic<bool> listening_ended{false};
  signals.start_waiting([&server, &listening_ended](int signal_number) {
    write_log_line({{"event", "stopping"}, {"signal", signal_name(signal_number)}});
    while (!server.is_running() && !listening_ended) {
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    if (!listening_ended) server.stop();
  });
  const bool listened = server.listen_after_bind();
  listening_ended = true;
  signals.stop_waiting();
  if (!listened) {
    print_error(start_error("serve.accept", "Máy chủ ngừng vì lỗi khi nhận kết nối.",
                            "The server stopped on an error accepting connections."));
    return kExitFailed;
  }
  return kExitStopped;
}

}  // namespace

int run_server(const ServerConfig& config) {
  ignore_broken_pipe_signal();
  ShutdownSignals signals;

  auto web_root = canonical_web_root(config.web_root);
  if (!web_root) {
    print_error(web_root.error());
    return kExitBadConfig;
  }
  std::error_code error;
  std::filesystem::create_directories(config.data_dir, error);
  if (error) {
    const std::string shown = in_quotes(config.data_dir.string());
    print_error(start_error("start.data_dir",
                            "Không tạo được thư mục dữ liệu " + shown + ": " + error.message(),
                            "Cannot create the data folder " + shown + ": " + error.message()));
    return kExitFailed;
  }
  const int exit_code = serve(config, web_root.value(), signals);
  if (exit_code == kExitStopped) write_log_line({{"event", "stopped"}});
  return exit_code;
}

void print_error(const Error& error) {
  std::fprintf(stderr, "tokhai-server: error: %s\ntokhai-server: lỗi: %s\n",
               error.message.en.c_str(), error.message.vi.c_str());
}

}  // namespace tokhai::server
