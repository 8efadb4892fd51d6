// FakeTransport: a Transport test double. send() only records the request;
// the test then answers it (respond, fail) when and how it wants, in any
// order — which is how the real adapters behave: never inside send().
#pragma once

#include <catch2/catch.hpp>
#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include "sync/transport.h"

namespace tokhai::sync::testing {

class FakeTransport final : public Transport {
 public:
  struct Exchange {
    HttpRequest request;
    HttpCompletion done;
    HttpProgress progress;
    bool answered = false;
  };

  void send(HttpRequest request, HttpCompletion done, HttpProgress progress) override {
    exchanges_.push_back({std::move(request), std::move(done), std::move(progress), false});
  }

  // Every request ever sent, in order.
  const std::vector<Exchange>& exchanges() const { return exchanges_; }
  std::size_t sent_count() const { return exchanges_.size(); }

  // The requests not answered yet, oldest first (indexes into exchanges()).
  std::vector<std::size_t> pending() const {
    std::vector<std::size_t> open;
    for (std::size_t i = 0; i < exchanges_.size(); ++i) {
      if (!exchanges_[i].answered) open.push_back(i);
    }
    return open;
  }
  std::size_t pending_count() const { return pending().size(); }

  // The pending request for `path`; the test fails when there is none.
  std::size_t pending_for(const std::string& path) const {
    for (std::size_t i : pending()) {
      if (exchanges_[i].request.path == path) return i;
    }
    FAIL("no pending request for " << path);
    return 0;
  }

  void respond(std::size_t index, int status, std::string body = {}, HttpHeaders headers = {}) {
    HttpResponse response;
    response.status = status;
    response.body = std::move(body);
    response.headers = std::move(headers);
    answer(index, std::move(response));
  }
  void fail(std::size_t index, NetworkFailure failure) {
    HttpResponse response;
    response.failure = failure;
    answer(index, std::move(response));
  }
  void report_progress(std::size_t index, std::uint64_t sent, std::uint64_t total) {
    REQUIRE(exchanges_.at(index).progress);
    exchanges_.at(index).progress(sent, total);
  }

 private:
  void answer(std::size_t index, HttpResponse response) {
    REQUIRE(index < exchanges_.size());
    REQUIRE_FALSE(exchanges_[index].answered);
    exchanges_[index].answered = true;
    // A copy: the completion may send new requests, which grows exchanges_.
    HttpCompletion done = exchanges_[index].done;
    done(std::move(response));
  }

  std::vector<Exchange> exchanges_;
};

}  // namespace tokhai::sync::testing
