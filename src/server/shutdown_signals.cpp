// ShutdownSignals (see shutdown_signals.h). stop_waiting() wakes the waiter
// with a SIGTERM sent to that thread alone, after setting `stopping_` so that
// the waiter knows the wake-up is not a request to stop the server.
#include "server/shutdown_signals.h"

#include <pthread.h>

#include <cassert>
#include <string>

namespace tokhai::server {

ShutdownSignals::ShutdownSignals() {
  sigemptyset(&signals_);
  sigaddset(&signals_, SIGINT);
  sigaddset(&signals_, SIGTERM);
  const int blocked = pthread_sigmask(SIG_BLOCK, &signals_, nullptr);
  assert(blocked == 0 && "pthread_sigmask fails only on a bad argument");
  (void)blocked;
}

ShutdownSignals::~ShutdownSignals() { stop_waiting(); }

void ShutdownSignals::start_waiting(std::function<void(int signal_number)> on_signal) {
  assert(!waiter_.joinable() && "start_waiting() called twice");
  waiter_ = std::thread([this, on_signal = std::move(on_signal)] {
    int signal_number = 0;
    while (sigwait(&signals_, &signal_number) != 0) {
    }
    if (!stopping_.exchange(true)) on_signal(signal_number);
  });
}

void ShutdownSignals::stop_waiting() {
  if (!waiter_.joinable()) return;
  if (!stopping_.exchange(true)) pthread_kill(waiter_.native_handle(), SIGTERM);
  waiter_.join();
}

std::string signal_name(int signal_number) {
  switch (signal_number) {
    case SIGINT:
      return "SIGINT";
    case SIGTERM:
      return "SIGTERM";
    default:
      return "signal " + std::to_string(signal_number);
  }
}

void ignore_broken_pipe_signal() { std::signal(SIGPIPE, SIG_IGN); }

}  // namespace tokhai::server
