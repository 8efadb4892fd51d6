// HttplibTransport against real sockets on loopback: a whole answer, and each
// NetworkFailure kind made for real — nothing listening (offline), a server
// too slow (timeout), a connection closed before any answer
// (connection_reset), a body cut short of its Content-Length (truncated).
// Completions run only on the thread that calls deliver().
#include "platform/native/httplib_transport.h"

#include <arpa/inet.h>
#include <httplib.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <catch2/catch.hpp>
#include <chrono>
#include <optional>
#include <thread>

using namespace tokhai;
using platform::HttplibTransport;

namespace {

// An httplib server on a free loopback port, in its own thread.
struct LoopbackServer {
  httplib::Server server;
  int port = 0;
  std::thread thread;

  LoopbackServer() {
    server.Put("/echo", [](const httplib::Request& req, httplib::Response& res) {
      res.status = 201;
      res.set_header("X-Method", req.method);
      res.set_content(req.body + "|" + req.get_header_value("X-Tokhai-Test"), "text/plain");
    });
    server.Get("/slow", [](const httplib::Request&, httplib::Response& res) {
      std::this_thread::sleep_for(std::chrono::milliseconds(1500));
      res.set_content("late", "text/plain");
    });
    server.Get("/truncated", [](const httplib::Request&, httplib::Response& res) {
      res.set_content_provider(1000, "text/plain",
                               [](std::size_t offset, std::size_t, httplib::DataSink& sink) {
                                 if (offset > 0) return false;  // close after 10 bytes
                                 sink.write("0123456789", 10);
                                 return true;
                               });
    });
    server.Get("/status/503", [](const httplib::Request&, httplib::Response& res) {
      res.status = 503;
      res.set_header("Retry-After", "7");
    });
    port = server.bind_to_any_port("127.0.0.1");
    REQUIRE(port > 0);
    thread = std::thread([this] { server.listen_after_bind(); });
    while (!server.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  ~LoopbackServer() {
    server.stop();
    thread.join();
  }
};

// A listener that accepts connections, waits for the request and closes them
// (RST) without answering anything.
struct ResettingListener {
  int fd = -1;
  int port = 0;
  std::atomic<bool> stop{false};
  std::thread thread;

  ResettingListener() {
    fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
    REQUIRE(::listen(fd, 8) == 0);
    socklen_t size = sizeof address;
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &size);
    port = ntohs(address.sin_port);
    thread = std::thread([this] {
      while (!stop) {
        const int client = ::accept(fd, nullptr, nullptr);
        if (client < 0) continue;
        // Once the request has arrived: closing right at accept could reach
        // the client while it is still connecting, which it rightly reports
        // as a failed connection (offline), not a reset.
        timeval wait_at_most{5, 0};
        ::setsockopt(client, SOL_SOCKET, SO_RCVTIMEO, &wait_at_most, sizeof wait_at_most);
        char request[512];
        (void)::recv(client, request, sizeof request, 0);
        linger hard_close{1, 0};
        ::setsockopt(client, SOL_SOCKET, SO_LINGER, &hard_close, sizeof hard_close);
        ::close(client);
      }
    });
  }
  ~ResettingListener() {
    stop = true;
    ::shutdown(fd, SHUT_RDWR);
    ::close(fd);
    thread.join();
  }
};

// A port with nothing listening: bound, then closed.
int closed_port() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address);
  socklen_t size = sizeof address;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &size);
  ::close(fd);
  return ntohs(address.sin_port);
}

sync::HttpResponse exchange(HttplibTransport& transport, sync::HttpRequest request) {
  std::optional<sync::HttpResponse> answer;
  const std::thread::id caller = std::this_thread::get_id();
  transport.send(std::move(request), [&](sync::HttpResponse response) {
    CHECK(std::this_thread::get_id() == caller);
    answer = std::move(response);
  });
  CHECK_FALSE(answer.has_value());  // never inside send()
  for (int i = 0; i < 100 && !answer; ++i) transport.deliver(std::chrono::milliseconds(100));
  REQUIRE(answer.has_value());
  CHECK(transport.outstanding() == 0);
  return std::move(*answer);
}

sync::HttpRequest get(std::string path, std::int64_t timeout_ms = 5'000) {
  sync::HttpRequest request;
  request.method = sync::HttpMethod::get;
  request.path = std::move(path);
  request.timeout_ms = timeout_ms;
  return request;
}

}  // namespace

TEST_CASE("a whole answer comes back with its status, headers and body", "[httplib]") {
  LoopbackServer server;
  HttplibTransport transport("127.0.0.1", server.port);
  sync::HttpRequest request;
  request.method = sync::HttpMethod::put;
  request.path = "/echo";
  request.headers = {{"X-Tokhai-Test", "hello"}, {"Content-Type", "application/json"}};
  request.body = R"({"id":"Lê"})";
  const sync::HttpResponse response = exchange(transport, request);
  REQUIRE(response.arrived());
  CHECK(response.status == 201);
  CHECK(response.body == R"({"id":"Lê"}|hello)");
  CHECK(response.header("x-method") == "PUT");

  const sync::HttpResponse busy = exchange(transport, get("/status/503"));
  REQUIRE(busy.arrived());
  CHECK(busy.status == 503);
  CHECK(busy.header("Retry-After") == "7");
}

TEST_CASE("each network failure is told apart", "[httplib]") {
  SECTION("nothing listening: offline") {
    HttplibTransport transport("127.0.0.1", closed_port());
    CHECK(exchange(transport, get("/")).failure == sync::NetworkFailure::offline);
  }
  SECTION("too slow: timeout") {
    LoopbackServer server;
    HttplibTransport transport("127.0.0.1", server.port);
    const auto started = std::chrono::steady_clock::now();
    CHECK(exchange(transport, get("/slow", 300)).failure == sync::NetworkFailure::timeout);
    CHECK(std::chrono::steady_clock::now() - started < std::chrono::milliseconds(1400));
  }
  SECTION("closed before any answer: connection_reset") {
    ResettingListener listener;
    HttplibTransport transport("127.0.0.1", listener.port);
    CHECK(exchange(transport, get("/")).failure == sync::NetworkFailure::connection_reset);
  }
  SECTION("body cut short: truncated") {
    LoopbackServer server;
    HttplibTransport transport("127.0.0.1", server.port);
    CHECK(exchange(transport, get("/truncated")).failure == sync::NetworkFailure::truncated);
  }
}

TEST_CASE("several exchanges at once, each completed once", "[httplib]") {
  LoopbackServer server;
  HttplibTransport transport("127.0.0.1", server.port, 3);
  int completions = 0;
  for (int i = 0; i < 20; ++i) {
    sync::HttpRequest request;
    request.method = sync::HttpMethod::put;
    request.path = "/echo";
    request.body = std::to_string(i);
    transport.send(request, [&completions, i](sync::HttpResponse response) {
      CHECK(response.status == 201);
      CHECK(response.body == std::to_string(i) + "|");
      ++completions;
    });
  }
  for (int round = 0; round < 200 && transport.outstanding() > 0; ++round) {
    transport.deliver(std::chrono::milliseconds(100));
  }
  CHECK(completions == 20);
}
