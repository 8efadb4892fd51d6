// FaultyProxy: a loopback TCP proxy that stands for the bad mobile network
// between the phone and the server (a test double for the network, which is
// outside the project). Each exchange (a request and its answer; a keep-alive
// connection carries several) gets one seeded fate:
//   pass             relayed both ways untouched
//   delay            the answer held back 50–1500 ms, then relayed
//   drop             closed at once, the request never reaches the server
//   reset_request    part of the request relayed, then both sides reset (RST)
//   lose_answer      the whole request relayed, the answer thrown away and the
//                    client's side closed when it starts (the server did store)
//   truncate_answer  the answer cut after a random number of bytes, then closed
//   reset_answer     the answer cut, then the client's side reset (RST)
// The fate of exchange k depends only on (seed, k), so the faults of a run
// follow from its seed (which exchange gets number k depends on thread
// timing); every exchange is logged as one JSON line with its fate and the
// bytes relayed each way, and the totals are counted for the tests.
#pragma once

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace tokhai::fault {

enum class Fate { pass, delay, drop, reset_request, lose_answer, truncate_answer, reset_answer };

const char* fate_name(Fate fate);

struct FaultMix {
  // Percent of connections of each fate; the rest pass. FaultMix::none():
  // every connection passes (a stable front for a server that restarts).
  static FaultMix none() { return FaultMix{0, 0, 0, 0, 0, 0}; }
  int delay = 10;
  int drop = 8;
  int reset_request = 6;
  int lose_answer = 8;
  int truncate_answer = 6;
  int reset_answer = 6;
};

struct ProxyTotals {
  std::uint64_t exchanges = 0;
  std::uint64_t bytes_to_server = 0;
  std::uint64_t bytes_to_client = 0;
  std::map<Fate, std::uint64_t> fates;
};

class FaultyProxy {
 public:
  // Listens on 127.0.0.1 (a free port) and relays to 127.0.0.1:upstream_port.
  // `log_path` receives one JSON line per connection (empty: no log).
  FaultyProxy(std::uint16_t upstream_port, std::uint64_t seed, FaultMix mix,
              const std::filesystem::path& log_path);
  ~FaultyProxy();
  FaultyProxy(const FaultyProxy&) = delete;
  FaultyProxy& operator=(const FaultyProxy&) = delete;

  std::uint16_t port() const { return port_; }
  // Relays new connections to another upstream port (a restarted server).
  void set_upstream_port(std::uint16_t port) { upstream_port_ = port; }
  // Only passing connections from now on (the end of a test: let the rest through).
  void heal() { healed_ = true; }
  ProxyTotals totals() const;
  // Stops accepting, and waits for the open connections to end.
  void stop();

 private:
  void accept_loop();
  void relay(int client);
  Fate fate_of(std::uint64_t index, std::uint64_t& detail) const;
  void record(std::uint64_t index, Fate fate, std::uint64_t up, std::uint64_t down,
              std::uint64_t detail);

  std::atomic<std::uint16_t> upstream_port_;
  std::uint64_t seed_;
  FaultMix mix_;
  int listener_ = -1;
  std::uint16_t port_ = 0;
  std::atomic<bool> stopping_{false};
  std::atomic<bool> healed_{false};
  std::atomic<std::uint64_t> next_index_{0};
  std::atomic<int> open_connections_{0};
  std::thread acceptor_;
  mutable std::mutex mutex_;  // guards totals_ and log_
  ProxyTotals totals_;
  std::ofstream log_;
};

}  // namespace tokhai::fault
