// raw_http_exchange: sockets, poll and a minimal response parser (see
// raw_http.h).
#include "raw_http.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <optional>
#include <stdexcept>

namespace tokhai::server::testing {
namespace {

using Clock = std::chrono::steady_clock;

std::string lower_case(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; });
  return text;
}

std::optional<std::size_t> content_length(const std::string& head) {
  const std::string lower = lower_case(head);
  const auto at = lower.find("\r\ncontent-length:");
  if (at == std::string::npos) return std::nullopt;
  return std::stoul(head.substr(at + 17));
}

// Whether `response` (everything received so far) holds one whole response.
bool is_complete(const std::string& response) {
  const auto head_end = response.find("\r\n\r\n");
  if (head_end == std::string::npos) return false;
  const auto length = content_length(response.substr(0, head_end));
  return length && response.size() - (head_end + 4) >= *length;
}

class Socket {
 public:
  Socket() : fd_(socket(AF_INET, SOCK_STREAM, 0)) {
    if (fd_ < 0) throw std::runtime_error("socket failed");
  }
  ~Socket() { close(fd_); }
  Socket(const Socket&) = delete;
  Socket& operator=(const Socket&) = delete;
  int fd() const { return fd_; }

 private:
  int fd_;
};

}  // namespace

RawResponse raw_http_exchange(int port, std::string_view request, int timeout_ms) {
  const auto deadline = Clock::now() + std::chrono::milliseconds(timeout_ms);
  Socket socket;
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<std::uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (connect(socket.fd(), reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0) {
    throw std::runtime_error("connect failed");
  }
  std::size_t sent_bytes = 0;
  while (sent_bytes < request.size()) {
    const ssize_t sent =
        send(socket.fd(), request.data() + sent_bytes, request.size() - sent_bytes, MSG_NOSIGNAL);
    if (sent <= 0) break;  // the server may answer and close before reading it all
    sent_bytes += static_cast<std::size_t>(sent);
  }

  RawResponse response;
  while (!is_complete(response.text)) {
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
    pollfd readable{socket.fd(), POLLIN, 0};
    if (left.count() <= 0 || poll(&readable, 1, static_cast<int>(left.count())) <= 0) break;
    char buffer[16384];
    const ssize_t received = recv(socket.fd(), buffer, sizeof buffer, 0);
    if (received <= 0) break;
    response.text.append(buffer, static_cast<std::size_t>(received));
  }

  const auto head_end = response.text.find("\r\n\r\n");
  response.head = response.text.substr(0, head_end);
  if (head_end != std::string::npos) response.body = response.text.substr(head_end + 4);
  if (response.text.starts_with("HTTP/1.1 ") && response.text.size() >= 12) {
    response.status = std::stoi(response.text.substr(9, 3));
  }
  return response;
}

}  // namespace tokhai::server::testing
