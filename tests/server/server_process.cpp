// ServerProcess: posix_spawn, the stdout pipe and reaping (see
// server_process.h).
#include "server_process.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <csignal>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string_view>
#include <thread>

extern char** environ;

namespace tokhai::server::testing {
namespace {

using Clock = std::chrono::steady_clock;

constexpr std::string_view kListeningPrefix = "tokhai-server listening on http://";

bool is_server_variable(std::string_view entry) {
  for (std::string_view name :
       {"PORT=", "HOST=", "DATA_DIR=", "WEB_ROOT=", "FORMS_DIR=", "KEYS_FILE=",
        "SERVER_SECRET_FILE=", "RATE_LIMIT=", "RATE_BURST=", "DATABASE_URL="}) {
    if (entry.starts_with(name)) return true;
  }
  return false;
}

int remaining_ms(Clock::time_point deadline) {
  const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
  return left.count() > 0 ? static_cast<int>(left.count()) : 0;
}

}  // namespace

ServerProcess::ServerProcess(std::vector<std::string> args, std::map<std::string, std::string> env,
                             std::filesystem::path stderr_path)
    : stderr_path_(std::move(stderr_path)) {
  // A test writing to a connection the server closed must fail, not die.
  std::signal(SIGPIPE, SIG_IGN);

  std::vector<std::string> environment;
  for (char** entry = environ; *entry != nullptr; ++entry) {
    if (!is_server_variable(*entry)) environment.emplace_back(*entry);
  }
  for (const auto& [name, value] : env) environment.push_back(name + "=" + value);

  std::string program = TOKHAI_SERVER_BIN;
  std::vector<char*> argv = {program.data()};
  for (auto& arg : args) argv.push_back(arg.data());
  argv.push_back(nullptr);
  std::vector<char*> envp;
  for (auto& entry : environment) envp.push_back(entry.data());
  envp.push_back(nullptr);

  int pipe_fds[2];
  if (pipe2(pipe_fds, O_CLOEXEC) != 0) throw std::runtime_error("pipe2 failed");
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, pipe_fds[1], STDOUT_FILENO);
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, stderr_path_.c_str(),
                                   O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawnattr_t attributes;
  posix_spawnattr_init(&attributes);
  sigset_t signals;
  sigemptyset(&signals);
  posix_spawnattr_setsigmask(&attributes, &signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGPIPE);
  posix_spawnattr_setsigdefault(&attributes, &signals);
  posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);

  const int spawned = posix_spawn(&pid_, argv[0], &actions, &attributes, argv.data(), envp.data());
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attributes);
  close(pipe_fds[1]);
  if (spawned != 0) {
    close(pipe_fds[0]);
    pid_ = -1;
    throw std::runtime_error(std::string("posix_spawn failed for ") + TOKHAI_SERVER_BIN);
  }
  stdout_fd_ = pipe_fds[0];
}

ServerProcess::~ServerProcess() {
  if (!exit_code_ && pid_ > 0) {
    kill(pid_, SIGKILL);
    int status = 0;
    waitpid(pid_, &status, 0);
  }
  if (stdout_fd_ >= 0) close(stdout_fd_);
}

std::size_t ServerProcess::read_stdout(int timeout_ms) {
  if (stdout_closed_) return 0;
  pollfd readable{stdout_fd_, POLLIN, 0};
  if (poll(&readable, 1, timeout_ms) <= 0) return 0;
  char buffer[4096];
  const ssize_t size_bytes = read(stdout_fd_, buffer, sizeof buffer);
  if (size_bytes <= 0) {
    stdout_closed_ = true;
    return 0;
  }
  stdout_text_.append(buffer, static_cast<std::size_t>(size_bytes));
  return static_cast<std::size_t>(size_bytes);
}

std::optional<int> ServerProcess::wait_for_port(int timeout_ms) {
  const auto deadline = Clock::now() + std::chrono::milliseconds(timeout_ms);
  while (stdout_text_.find('\n') == std::string::npos && !stdout_closed_ &&
         Clock::now() < deadline) {
    read_stdout(remaining_ms(deadline));
  }
  const auto newline = stdout_text_.find('\n');
  if (newline == std::string::npos) return std::nullopt;
  const std::string_view line = std::string_view(stdout_text_).substr(0, newline);
  const auto colon = line.rfind(':');
  if (!line.starts_with(kListeningPrefix) || colon == std::string_view::npos) return std::nullopt;
  try {
    return std::stoi(std::string(line.substr(colon + 1)));
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

std::string ServerProcess::stderr_text() const {
  std::ifstream file(stderr_path_, std::ios::binary);
  std::ostringstream text;
  text << file.rdbuf();
  return text.str();
}

void ServerProcess::send_signal(int signal_number) {
  if (!exit_code_ && pid_ > 0) kill(pid_, signal_number);
}

std::optional<int> ServerProcess::wait_for_exit(int timeout_ms) {
  const auto deadline = Clock::now() + std::chrono::milliseconds(timeout_ms);
  while (!exit_code_) {
    int status = 0;
    const pid_t done = waitpid(pid_, &status, WNOHANG);
    if (done == pid_) {
      exit_code_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
      break;
    }
    if (Clock::now() >= deadline) return std::nullopt;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  while (read_stdout(0) > 0) {
  }
  return exit_code_;
}

}  // namespace tokhai::server::testing
