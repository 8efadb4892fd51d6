// ServerProcess: the real tokhai-server binary running as a child process,
// for integration tests.
//
// The child gets clean server variables (PORT, HOST, DATA_DIR, WEB_ROOT,
// FORMS_DIR, KEYS_FILE, SERVER_SECRET_FILE, RATE_LIMIT, RATE_BURST,
// DATABASE_URL: only what
// the test passes), its stdout is read through a pipe (for the "listening"
// line) and its stderr (the JSON log) goes to a file the test can read. The
// destructor kills and reaps a child that is still running, so a failing test
// never leaves a server behind.
#pragma once

#include <sys/types.h>

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace tokhai::server::testing {

class ServerProcess {
 public:
  // Starts TOKHAI_SERVER_BIN with `args`. `env` sets environment variables on
  // top of this process's environment without the server variables above.
  // Throws std::runtime_error if the process cannot be spawned.
  ServerProcess(std::vector<std::string> args, std::map<std::string, std::string> env,
                std::filesystem::path stderr_path);
  ~ServerProcess();
  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;

  // Waits for the line "tokhai-server listening on http://HOST:PORT" and
  // returns PORT; nullopt if the child prints something else, closes stdout or
  // the timeout passes.
  std::optional<int> wait_for_port(int timeout_ms);

  // Everything the child wrote to stdout so far (after wait_for_port or
  // wait_for_exit, which read it).
  const std::string& stdout_text() const { return stdout_text_; }

  // The child's stderr so far.
  std::string stderr_text() const;

  // Sends `signal_number` to the child if it is still running.
  void send_signal(int signal_number);

  // The child's process id (for benchmarks that read its CPU time).
  pid_t pid() const { return pid_; }

  // Waits for the child to end; returns its exit code (128 + N when killed by
  // signal N), or nullopt if it is still running after `timeout_ms`.
  std::optional<int> wait_for_exit(int timeout_ms);

 private:
  // Appends what the child wrote to stdout, waiting up to `timeout_ms` for
  // something to arrive; returns how many bytes arrived (0 also once the
  // child closed its stdout, which sets stdout_closed_).
  std::size_t read_stdout(int timeout_ms);

  pid_t pid_ = -1;
  int stdout_fd_ = -1;
  bool stdout_closed_ = false;
  std::optional<int> exit_code_;
  std::string stdout_text_;
  std::filesystem::path stderr_path_;
};

}  // namespace tokhai::server::testing
