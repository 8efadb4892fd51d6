// run_server: startup order, the listening line, and the clean stop (see
// server_runner.h).
//
// cpp-httplib's Server::stop() only acts once listen_after_bind() has marked
// the server running, and must be called once; so the stop callback waits
// for that mark (or for listening to end) before calling it.
#include "server/server_runner.h"

#include <httplib.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <system_error>
#include <thread>

#include "server/agency_api.h"
#include "server/api_routes.h"
#include "server/attachment_intake.h"
#include "server/form_registry.h"
#include "server/http_limits.h"
#include "server/http_routes.h"
#include "server/in_quotes.h"
#include "server/metrics.h"
#include "server/rate_limiter.h"
#include "server/server_keys.h"
#include "server/server_log.h"
#include "server/shutdown_signals.h"
#include "server/static_files.h"
#include "server/storage.h"
#include "server/submission_intake.h"

namespace tokhai::server {
namespace {

Error start_error(std::string code, std::string vi, std::string en) {
  return Error{std::move(code), LocalizedText{std::move(vi), std::move(en)}};
}

// cpp-httplib's default socket options set SO_REUSEPORT, which lets a second
// server bind the same port and silently take half of the connections; keep
// only SO_REUSEADDR (a restart may bind while old connections linger).
// TCP_NODELAY (inherited by accepted connections): a response's head and body
// are separate writes, which Nagle's algorithm would hold back for the
// client's delayed ACK, about 40 ms per keep-alive request. The callback runs
// on each socket cpp-httplib tries before binding it; `*listening_socket`
// ends up as the one it listens on.
void set_socket_options(httplib::Server& server, int* listening_socket) {
  server.set_tcp_nodelay(true);
  server.set_socket_options([listening_socket](socket_t socket) {
    int yes = 1;
    setsockopt(socket, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    setsockopt(socket, IPPROTO_TCP, TCP_NODELAY, &yes, sizeof yes);
    *listening_socket = socket;
  });
}

// cpp-httplib 0.11.4 listens with a backlog of 5: a burst of more new
// connections than that (phones reconnecting together) overflows the accept
// queue, and some fail after a second. Listening again on the bound socket
// raises the backlog (Linux: SOMAXCONN, capped by net.core.somaxconn).
void widen_listen_backlog(int listening_socket) {
  if (listening_socket >= 0) listen(listening_socket, SOMAXCONN);
}

// `host` as written in a URL: IPv6 literals in brackets.
std::string url_host(const std::string& host) {
  return host.find(':') == std::string::npos ? host : "[" + host + "]";
}

// Logs what an operator should know about the keys and forms in use: dev
// keys, a secret others can read, forms left out of the catalogue.
void log_key_and_form_warnings(const ServerConfig& config, const ServerKeys& keys,
                               const FormRegistry& forms) {
  if (is_development_key_path(config.server_secret_file) ||
      is_development_key_path(config.keys_file)) {
    write_log_line({{"event", "warning"},
                    {"code", "keys.development"},
                    {"message",
                     "running with the development keys of config/dev: anyone can sign "
                     "receipts and read submissions; never use them in production"}});
  }
  if (keys.secret_readable_by_others) {
    write_log_line({{"event", "warning"},
                    {"code", "keys.secret_permissions"},
                    {"message", "the server secret file is readable by other users (chmod 600)"}});
  }
  for (const auto& skipped : forms.skipped()) {
    write_log_line({{"event", "warning"},
                    {"code", skipped.code},
                    {"file", skipped.where},
                    {"message", skipped.message.en}});
  }
}

// Serves until a shutdown signal; the stores close when this returns, after
// the HTTP server has stopped and been destroyed.
int serve(const ServerConfig& config, const std::filesystem::path& web_root, const ServerKeys& keys,
          const FormRegistry& forms, ShutdownSignals& signals) {
  auto storage = open_storage(config.database_url, config.data_dir);
  if (!storage) {
    print_error(storage.error());
    return kExitFailed;
  }
  Storage& store = *storage.value();
  SubmissionIntake intake(forms, store.submissions(), store.attachments(), keys.signing);
  AttachmentIntake attachments(intake, store.attachments());
  AgencyApi agency(keys.public_keys, store.submissions(), store.agency_replays(),
                   store.attachments());
  RateLimiter rate_limiter(config.rate_limit_per_second, config.rate_burst);
  Metrics metrics;
  ApiServices api{forms,       keys,   store.submissions(), intake,
                  attachments, agency, rate_limiter,        metrics};

  httplib::Server server;
  int listening_socket = -1;
  set_socket_options(server, &listening_socket);
  apply_http_limits(server, HttpLimits{});
  install_http_routes(server, web_root, store, api);

  int port = config.port;
  if (port == 0) {
    port = server.bind_to_any_port(config.host);
  } else if (!server.bind_to_port(config.host, port)) {
    port = -1;
  }
  if (port >= 0) widen_listen_backlog(listening_socket);
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
                  {"instance_id", store.instance_id()},
                  {"database", store.engine()},
                  {"data_dir", config.data_dir.string()},
                  {"web_root", web_root.string()},
                  {"forms", forms.forms().size()},
                  {"agencies", keys.public_keys.agencies.size()}});

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
  auto keys = load_server_keys(config.keys_file, config.server_secret_file);
  if (!keys) {
    print_error(keys.error());
    return kExitBadConfig;
  }
  auto forms = FormRegistry::load(config.forms_dir, keys.value().public_keys);
  if (!forms) {
    print_error(forms.error());
    return kExitBadConfig;
  }
  log_key_and_form_warnings(config, keys.value(), forms.value());

  std::error_code error;
  std::filesystem::create_directories(config.data_dir, error);
  if (error) {
    const std::string shown = in_quotes(config.data_dir.string());
    print_error(start_error("start.data_dir",
                            "Không tạo được thư mục dữ liệu " + shown + ": " + error.message(),
                            "Cannot create the data folder " + shown + ": " + error.message()));
    return kExitFailed;
  }
  const int exit_code = serve(config, web_root.value(), keys.value(), forms.value(), signals);
  if (exit_code == kExitStopped) write_log_line({{"event", "stopped"}});
  return exit_code;
}

void print_error(const Error& error) {
  std::fprintf(stderr, "tokhai-server: error: %s\ntokhai-server: lỗi: %s\n",
               error.message.en.c_str(), error.message.vi.c_str());
}

}  // namespace tokhai::server
