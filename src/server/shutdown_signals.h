// ShutdownSignals: turns SIGINT (Ctrl-C) and SIGTERM into a clean stop.
//
// The signals are blocked in the thread that constructs this object, and so
// in every thread started after it (cpp-httplib's workers included); one
// dedicated thread receives them with sigwait() and runs ordinary code, not a
// signal handler, so it may lock, log and call Server::stop() safely.
#pragma once

#include <atomic>
#include <csignal>
#include <functional>
#include <string>
#include <thread>

namespace tokhai::server {

class ShutdownSignals {
 public:
  // Blocks SIGINT and SIGTERM in the calling thread. Construct it before any
  // other thread starts, or that thread could receive the signal instead.
  ShutdownSignals();
  // Calls stop_waiting(). The signals stay blocked: a second Ctrl-C while the
  // process exits is ignored instead of ending it with a failure status.
  ~ShutdownSignals();
  ShutdownSignals(const ShutdownSignals&) = delete;
  ShutdownSignals& operator=(const ShutdownSignals&) = delete;

  // Starts the thread that waits for SIGINT or SIGTERM and then calls
  // `on_signal` with the signal's number, once. Call at most once.
  void start_waiting(std::function<void(int signal_number)> on_signal);

  // Returns once the waiting thread has ended: at once if `on_signal` already
  // ran, otherwise after waking the thread so that it ends without calling it.
  void stop_waiting();

 private:
  sigset_t signals_;
  std::atomic<bool> stopping_{false};
  std::thread waiter_;
};

// "SIGINT", "SIGTERM", or "signal N".
std::string signal_name(int signal_number);

// Ignores SIGPIPE for the whole process: a client that hangs up while a
// response is written must end that connection, not the server.
void ignore_broken_pipe_signal();

}  // namespace tokhai::server
