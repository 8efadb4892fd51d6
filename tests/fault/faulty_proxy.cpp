// The faulty loopback proxy (see faulty_proxy.h): one detached thread per
// connection relaying with poll(); fates drawn from a generator seeded by
// (seed, connection index).
#include "faulty_proxy.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <array>
#include <chrono>
#include <random>
#include <stdexcept>

namespace tokhai::fault {
namespace {

// Closes with RST instead of FIN: SO_LINGER on with a zero timeout.
void reset_socket(int fd) {
  linger option{1, 0};
  ::setsockopt(fd, SOL_SOCKET, SO_LINGER, &option, sizeof option);
  ::close(fd);
}

bool send_all(int fd, const char* data, std::size_t size) {
  while (size > 0) {
    const ssize_t sent = ::send(fd, data, size, MSG_NOSIGNAL);
    if (sent <= 0) return false;
    data += sent;
    size -= static_cast<std::size_t>(sent);
  }
  return true;
}

int connect_upstream(std::uint16_t port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return -1;
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(port);
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
    ::close(fd);
    return -1;
  }
  const int one = 1;
  ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  return fd;
}

}  // namespace

const char* fate_name(Fate fate) {
  switch (fate) {
    case Fate::pass:
      return "pass";
    case Fate::delay:
      return "delay";
    case Fate::drop:
      return "drop";
    case Fate::reset_request:
      return "reset_request";
    case Fate::lose_answer:
      return "lose_answer";
    case Fate::truncate_answer:
      return "truncate_answer";
    case Fate::reset_answer:
      return "reset_answer";
  }
  return "?";
}

FaultyProxy::FaultyProxy(std::uint16_t upstream_port, std::uint64_t seed, FaultMix mix,
                         const std::filesystem::path& log_path)
    : upstream_port_(upstream_port), seed_(seed), mix_(mix) {
  if (!log_path.empty()) log_.open(log_path, std::ios::out | std::ios::trunc);
  listener_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  const int one = 1;
  ::setsockopt(listener_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof address;
  if (::bind(listener_, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
      ::listen(listener_, 256) != 0 ||
      ::getsockname(listener_, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
    throw std::runtime_error("faulty proxy: cannot listen on loopback");
  }
  port_ = ntohs(address.sin_port);
  acceptor_ = std::thread([this] { accept_loop(); });
}

FaultyProxy::~FaultyProxy() { stop(); }

void FaultyProxy::stop() {
  if (stopping_.exchange(true)) return;
  ::shutdown(listener_, SHUT_RDWR);
  ::close(listener_);
  if (acceptor_.joinable()) acceptor_.join();
  while (open_connections_.load() > 0) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
}

ProxyTotals FaultyProxy::totals() const {
  std::lock_guard lock(mutex_);
  return totals_;
}

void FaultyProxy::accept_loop() {
  while (!stopping_.load()) {
    const int client = ::accept4(listener_, nullptr, nullptr, SOCK_CLOEXEC);
    if (client < 0) {
      if (stopping_.load()) return;
      continue;
    }
    const int one = 1;
    ::setsockopt(client, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    ++open_connections_;
    std::thread([this, client] {
      relay(client);
      --open_connections_;
    }).detach();
  }
}

Fate FaultyProxy::fate_of(std::uint64_t index, std::uint64_t& detail) const {
  std::mt19937_64 random(seed_ * 0x9E3779B97F4A7C15ull + index);
  const int roll = static_cast<int>(random() % 100);
  detail = random();
  if (healed_.load()) return Fate::pass;
  int bound = 0;
  for (const auto& [fate, percent] :
       std::array<std::pair<Fate, int>, 6>{{{Fate::delay, mix_.delay},
                                            {Fate::drop, mix_.drop},
                                            {Fate::reset_request, mix_.reset_request},
                                            {Fate::lose_answer, mix_.lose_answer},
                                            {Fate::truncate_answer, mix_.truncate_answer},
                                            {Fate::reset_answer, mix_.reset_answer}}}) {
    bound += percent;
    if (roll < bound) return fate;
  }
  return Fate::pass;
}

void FaultyProxy::relay(int client) {
  // An exchange starts when the client sends after the server has answered
  // (or first): each gets its own fate, so keep-alive connections see faults
  // as often as fresh ones.
  std::uint64_t index = next_index_++;
  std::uint64_t detail = 0;
  Fate fate = fate_of(index, detail);
  if (fate == Fate::drop) {
    ::close(client);
    record(index, fate, 0, 0, 0);
    return;
  }
  const int server = connect_upstream(upstream_port_.load());
  if (server < 0) {
    // The server is down (killed by a test): the client sees a reset.
    reset_socket(client);
    record(index, fate, 0, 0, 0);
    return;
  }
  // Where the fate cuts: bytes of the request (reset_request) or of the answer.
  const auto cut_of = [](Fate f, std::uint64_t d) -> std::uint64_t {
    return f == Fate::reset_request ? 1 + d % 400 : f == Fate::lose_answer ? 0 : d % 300;
  };
  std::uint64_t cut = cut_of(fate, detail);
  std::uint64_t up = 0;
  std::uint64_t down = 0;
  bool delayed = false;
  bool answering = false;  // the server has started answering this exchange
  std::array<char, 16384> buffer{};
  std::array<pollfd, 2> fds{pollfd{client, POLLIN, 0}, pollfd{server, POLLIN, 0}};
  bool reset_client = false;
  bool ended_by_fate = false;
  while (!stopping_.load()) {
    if (::poll(fds.data(), fds.size(), 200) < 0) break;
    if (fds[0].revents & (POLLIN | POLLHUP | POLLERR)) {
      const ssize_t got = ::recv(client, buffer.data(), buffer.size(), 0);
      if (got <= 0) break;
      const std::size_t size = static_cast<std::size_t>(got);
      if (answering) {
        // The next request on this connection: a new exchange, a new fate.
        record(index, fate, up, down, cut);
        index = next_index_++;
        fate = fate_of(index, detail);
        cut = cut_of(fate, detail);
        up = down = 0;
        delayed = answering = false;
        if (fate == Fate::drop) {
          ::close(server);
          ::close(client);
          record(index, fate, 0, 0, 0);
          return;
        }
      }
      if (fate == Fate::reset_request && up + size >= cut) {
        send_all(server, buffer.data(), cut - up);
        up = cut;
        reset_socket(server);
        reset_socket(client);
        record(index, fate, up, down, cut);
        return;
      }
      if (!send_all(server, buffer.data(), size)) break;
      up += size;
    }
    if (fds[1].revents & (POLLIN | POLLHUP | POLLERR)) {
      const ssize_t got = ::recv(server, buffer.data(), buffer.size(), 0);
      if (got <= 0) break;
      const std::size_t size = static_cast<std::size_t>(got);
      answering = true;
      if (fate == Fate::delay && !delayed) {
        std::this_thread::sleep_for(std::chrono::milliseconds(50 + detail % 1450));
        delayed = true;
      }
      if ((fate == Fate::lose_answer || fate == Fate::truncate_answer ||
           fate == Fate::reset_answer) &&
          down + size >= cut) {
        send_all(client, buffer.data(), cut - down);
        down = cut;
        reset_client = fate == Fate::reset_answer;
        ended_by_fate = true;
        break;
      }
      if (!send_all(client, buffer.data(), size)) break;
      down += size;
    }
  }
  ::close(server);
  if (reset_client) {
    reset_socket(client);
  } else {
    ::close(client);
  }
  if (ended_by_fate || up > 0 || down > 0) record(index, fate, up, down, cut);
}

void FaultyProxy::record(std::uint64_t index, Fate fate, std::uint64_t up, std::uint64_t down,
                         std::uint64_t detail) {
  std::lock_guard lock(mutex_);
  ++totals_.exchanges;
  totals_.bytes_to_server += up;
  totals_.bytes_to_client += down;
  ++totals_.fates[fate];
  if (log_.is_open()) {
    log_ << "{\"exchange\":" << index << ",\"fate\":\"" << fate_name(fate)
         << "\",\"bytes_to_server\":" << up << ",\"bytes_to_client\":" << down
         << ",\"cut\":" << detail << "}\n";
    log_.flush();
  }
}

}  // namespace tokhai::fault
