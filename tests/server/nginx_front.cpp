// NginxFront (see nginx_front.h).
#include "nginx_front.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

extern char** environ;

namespace tokhai::server::testing {
namespace {

constexpr const char* kNginx = "/usr/sbin/nginx";
constexpr const char* kOpenssl = "/usr/bin/openssl";

bool can_connect(int port) {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<std::uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  const bool connected = connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
  close(fd);
  return connected;
}

// Starts `args` with its stdout and stderr appended to `output`.
pid_t spawn(const std::vector<std::string>& args, const std::filesystem::path& output) {
  std::vector<char*> argv;
  for (const auto& arg : args) argv.push_back(const_cast<char*>(arg.c_str()));
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, output.c_str(),
                                   O_WRONLY | O_CREAT | O_APPEND, 0600);
  posix_spawn_file_actions_adddup2(&actions, STDOUT_FILENO, STDERR_FILENO);
  pid_t pid = -1;
  const int failed = posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (failed != 0) throw std::runtime_error("cannot start " + args[0]);
  return pid;
}

int run(const std::vector<std::string>& args, const std::filesystem::path& output) {
  const pid_t pid = spawn(args, output);
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

}  // namespace

bool NginxFront::available() { return access(kNginx, X_OK) == 0 && access(kOpenssl, X_OK) == 0; }

int free_loopback_port() {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address);
  socklen_t size = sizeof address;
  getsockname(fd, reinterpret_cast<sockaddr*>(&address), &size);
  close(fd);
  return ntohs(address.sin_port);
}

NginxFront::NginxFront(const std::filesystem::path& folder, const std::vector<int>& upstream_ports)
    : folder_(std::filesystem::absolute(folder)) {
  if (run({kOpenssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj",
           "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1", "-keyout",
           (folder_ / "localhost.key").string(), "-out", certificate().string()},
          folder_ / "openssl.log") != 0) {
    throw std::runtime_error("openssl could not make a self-signed certificate");
  }
  std::filesystem::create_directories(folder_ / "temp");
  http_port_ = free_loopback_port();
  https_port_ = free_loopback_port();
  const std::filesystem::path proxy_settings =
      std::filesystem::absolute("deploy/nginx/tokhai-proxy.conf");
  std::ostringstream config;
  // As root, workers would otherwise switch to "nobody", who cannot use this folder.
  if (geteuid() == 0) config << "user root;\n";
  config << "daemon off;\nworker_processes 1;\npid " << (folder_ / "nginx.pid").string() << ";\n"
         << "error_log " << (folder_ / "error.log").string() << " warn;\n"
         << "events { worker_connections 1024; }\n"
         << "http {\n  access_log off;\n";
  for (const char* temp : {"client_body", "proxy", "fastcgi", "uwsgi", "scgi"}) {
    config << "  " << temp << "_temp_path " << (folder_ / "temp" / temp).string() << ";\n";
  }
  config << "  upstream tokhai_instances {\n";
  for (const int port : upstream_ports) {
    config << "    server 127.0.0.1:" << port << " max_fails=1 fail_timeout=5s;\n";
  }
  config << "    keepalive 32;\n  }\n"
         << "  server {\n"
         << "    listen 127.0.0.1:" << http_port_ << ";\n"
         << "    listen 127.0.0.1:" << https_port_ << " ssl http2;\n"
         << "    ssl_certificate " << certificate().string() << ";\n"
         << "    ssl_certificate_key " << (folder_ / "localhost.key").string() << ";\n"
         << "    ssl_protocols TLSv1.2 TLSv1.3;\n"
         << "    client_max_body_size 1m;\n"
         << "    location / {\n"
         << "      proxy_pass http://tokhai_instances;\n"
         << "      include " << proxy_settings.string() << ";\n"
         << "    }\n  }\n}\n";
  std::ofstream(folder_ / "nginx.conf") << config.str();
  pid_ = spawn({kNginx, "-p", folder_.string(), "-c", (folder_ / "nginx.conf").string()},
               folder_ / "nginx.out");
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (!can_connect(http_port_) || !can_connect(https_port_)) {
    int status = 0;
    if (waitpid(pid_, &status, WNOHANG) == pid_ || std::chrono::steady_clock::now() > deadline) {
      pid_ = -1;
      throw std::runtime_error("nginx did not start: " + error_log());
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
}

NginxFront::~NginxFront() {
  if (pid_ <= 0) return;
  kill(pid_, SIGQUIT);
  for (int waited_ms = 0; waited_ms < 5000; waited_ms += 10) {
    if (waitpid(pid_, nullptr, WNOHANG) == pid_) return;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  kill(pid_, SIGKILL);
  waitpid(pid_, nullptr, 0);
}

std::string NginxFront::error_log() const {
  std::ifstream in(folder_ / "error.log");
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace tokhai::server::testing
