// sync::Transport on cpp-httplib (httplib_transport.h).
#include "platform/native/httplib_transport.h"

#include <httplib.h>

#include <algorithm>
#include <cassert>
#include <chrono>

namespace tokhai::platform {
namespace {

using Clock = std::chrono::steady_clock;

std::chrono::milliseconds as_ms(std::int64_t ms) { return std::chrono::milliseconds(ms); }

}  // namespace

HttplibTransport::HttplibTransport(std::string host, int port, int workers)
    : host_(std::move(host)), port_(port) {
  assert(workers >= 1 && workers <= 64 && "HttplibTransport: 1..64 workers");
  for (int i = 0; i < workers; ++i) workers_.emplace_back([this] { work(); });
}

HttplibTransport::~HttplibTransport() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
    jobs_.clear();
  }
  job_ready_.notify_all();
  for (std::thread& worker : workers_) worker.join();
}

void HttplibTransport::send(sync::HttpRequest request, sync::HttpCompletion done,
                            sync::HttpProgress) {
  {
    std::lock_guard lock(mutex_);
    jobs_.push_back({std::move(request), std::move(done)});
    ++outstanding_;
  }
  job_ready_.notify_one();
}

std::size_t HttplibTransport::deliver(std::chrono::milliseconds wait) {
  std::deque<Finished> ready;
  {
    std::unique_lock lock(mutex_);
    finished_ready_.wait_for(lock, wait, [this] { return !finished_.empty(); });
    ready.swap(finished_);
    outstanding_ -= ready.size();
  }
  for (Finished& finished : ready) finished.done(std::move(finished.response));
  return ready.size();
}

std::size_t HttplibTransport::outstanding() const {
  std::lock_guard lock(mutex_);
  return outstanding_;
}

void HttplibTransport::work() {
  for (;;) {
    Job job;
    {
      std::unique_lock lock(mutex_);
      job_ready_.wait(lock, [this] { return stopping_ || !jobs_.empty(); });
      if (stopping_) return;
      job = std::move(jobs_.front());
      jobs_.pop_front();
    }
    sync::HttpResponse response = exchange(job.request);
    {
      std::lock_guard lock(mutex_);
      if (stopping_) return;
      finished_.push_back({std::move(response), std::move(job.done)});
    }
    finished_ready_.notify_all();
  }
}

sync::HttpResponse HttplibTransport::exchange(const sync::HttpRequest& request) const {
  const Clock::time_point deadline = Clock::now() + as_ms(request.timeout_ms);
  httplib::Client client(host_, port_);
  const auto timeout = as_ms(std::max<std::int64_t>(1, request.timeout_ms));
  client.set_connection_timeout(std::min<std::chrono::milliseconds>(timeout, as_ms(10'000)));
  client.set_read_timeout(timeout);
  client.set_write_timeout(timeout);
  client.set_keep_alive(false);

  httplib::Request req;
  req.method = std::string(sync::http_method_name(request.method));
  req.path = request.path;
  for (const sync::HttpHeader& header : request.headers) {
    req.headers.emplace(header.name, header.value);
  }
  req.body = request.body;
  bool headers_seen = false;
  std::string body;
  req.response_handler = [&](const httplib::Response&) {
    headers_seen = true;
    return Clock::now() < deadline;
  };
  req.content_receiver = [&](const char* data, std::size_t length, std::uint64_t, std::uint64_t) {
    body.append(data, length);
    return Clock::now() < deadline;
  };

  httplib::Response res;
  httplib::Error error = httplib::Error::Success;
  const bool ok = client.send(req, res, error);
  sync::HttpResponse response;
  if (ok && Clock::now() <= deadline) {
    response.status = res.status;
    for (const auto& [name, value] : res.headers) response.headers.push_back({name, value});
    response.body = std::move(body);
    return response;
  }
  if (Clock::now() >= deadline || error == httplib::Error::ConnectionTimeout ||
      error == httplib::Error::Canceled) {
    response.failure = sync::NetworkFailure::timeout;
  } else if (error == httplib::Error::Connection || error == httplib::Error::BindIPAddress) {
    response.failure = sync::NetworkFailure::offline;
  } else if (headers_seen) {
    response.failure = sync::NetworkFailure::truncated;
  } else {
    response.failure = sync::NetworkFailure::connection_reset;
  }
  return response;
}

}  // namespace tokhai::platform
