// The outbox through a seeded bad network, in-process: a FakeTransport whose
// answers come from a stand-in server that keeps what it stores by id (201
// the first time, 200 and the same receipt for the same bytes, 409 for other
// bytes), with each exchange given a random fate — passed, lost before the
// server, answered but the answer lost or cut, 503/429 with Retry-After, held
// back — and the app restarting mid-send now and then. Every filing must end
// sent, stored exactly once, with the server's own receipt, verified. (The
// same property over real sockets, a real proxy and the real server is
// tests/fault; this one is deterministic and runs in wasm too.)
#include <catch2/catch.hpp>
#include <iostream>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "sync/outbox.h"
#include "sync_test_support.h"

using namespace tokhai;
using namespace tokhai::sync;
using namespace tokhai::sync::testing;

namespace {

// What the server keeps: id → (envelope text, receipt text).
struct StandInServer {
  const TestServer& keys;
  std::map<std::string, std::pair<std::string, std::string>> stored;
  int conflicts = 0;

  HttpResponse handle(const HttpRequest& request) {
    HttpResponse response;
    const std::string id = request.path.substr(std::string("/api/v1/submissions/").size());
    const auto found = stored.find(id);
    if (found == stored.end()) {
      const std::string receipt = keys.receipt_for(request.body);
      stored.emplace(id, std::make_pair(request.body, receipt));
      response.status = 201;
      response.body = receipt;
    } else if (found->second.first == request.body) {
      response.status = 200;
      response.body = found->second.second;
    } else {
      ++conflicts;
      response.status = 409;
    }
    return response;
  }
};

enum class Fate { pass, lost_before, answer_lost, answer_cut, busy, rate_limited, held };

Fate draw_fate(std::mt19937_64& random) {
  const auto roll = random() % 100;
  if (roll < 35) return Fate::pass;
  if (roll < 50) return Fate::lost_before;
  if (roll < 62) return Fate::answer_lost;
  if (roll < 72) return Fate::answer_cut;
  if (roll < 80) return Fate::busy;
  if (roll < 85) return Fate::rate_limited;
  return Fate::held;
}

}  // namespace

TEST_CASE("every filing ends stored once with its receipt, whatever the network does",
          "[outbox][fault]") {
  const std::uint64_t seed = GENERATE(1, 2, 3);
  INFO("seed " << seed);
  constexpr int kFilings = 60;
  OutboxFixture f;
  f.random.draw = FakeRandomSource::Draw::half;
  StandInServer server{f.server, {}, 0};
  std::mt19937_64 random(seed);
  std::map<Fate, int> fates;

  auto outbox = f.open(2);
  std::vector<std::string> envelopes;
  for (int i = 0; i < kFilings; ++i) {
    envelopes.push_back(f.filings.envelope({}, R"({"so":)" + std::to_string(i) + "}"));
    REQUIRE(outbox->add(envelopes.back()).ok());
  }

  auto unfinished = [&] {
    int count = 0;
    for (const OutboxItem& item : outbox->items()) count += item.state != OutboxState::sent;
    return count;
  };
  int rounds = 0;
  int restarts = 0;
  for (; unfinished() > 0 && rounds < 20'000; ++rounds) {
    outbox->pump();
    for (std::size_t index : f.transport.pending()) {
      const Fate fate = draw_fate(random);
      ++fates[fate];
      const HttpRequest& request = f.transport.exchanges()[index].request;
      switch (fate) {
        case Fate::pass: {
          HttpResponse response = server.handle(request);
          f.transport.respond(index, response.status, response.body);
          break;
        }
        case Fate::lost_before:
          f.transport.fail(
              index, random() % 2 ? NetworkFailure::offline : NetworkFailure::connection_reset);
          break;
        case Fate::answer_lost:
          server.handle(request);
          f.transport.fail(
              index, random() % 2 ? NetworkFailure::timeout : NetworkFailure::connection_reset);
          break;
        case Fate::answer_cut: {
          const HttpResponse response = server.handle(request);
          if (random() % 2) {
            f.transport.fail(index, NetworkFailure::truncated);
          } else {  // an adapter that missed the cut: a 201 with half a receipt
            f.transport.respond(index, 201, response.body.substr(0, response.body.size() / 2));
          }
          break;
        }
        case Fate::busy:
          f.transport.respond(index, 503, "", {{"Retry-After", std::to_string(random() % 30)}});
          break;
        case Fate::rate_limited:
          f.transport.respond(index, 429, R"({"error":{"code":"rate_limited"}})",
                              {{"Retry-After", "5"}});
          break;
        case Fate::held:
          break;  // answered in a later round (or never, if the app restarts first)
      }
    }
    // Now and then the app is closed mid-send and opened again.
    if (random() % 50 == 0) {
      outbox.reset();
      f.clock.restart_monotonic();
      outbox = f.open(2);
      ++restarts;
    }
    // Time passes: to the next due item when nothing is on the network.
    if (f.transport.pending_count() == 0) {
      if (const auto wake = outbox->next_wake_monotonic_ms()) {
        f.clock.advance_ms(std::max<std::int64_t>(1, *wake - f.clock.monotonic_ms()));
      }
    } else {
      f.clock.advance_ms(static_cast<std::int64_t>(random() % 3000));
    }
  }
  std::cout << "outbox fault seed " << seed << ": " << rounds << " rounds, " << restarts
            << " restarts, " << f.transport.sent_count() << " PUTs;";
  for (const auto& [fate, count] : fates)
    std::cout << " " << static_cast<int>(fate) << ":" << count;
  std::cout << "\n";

  CHECK(unfinished() == 0);
  CHECK(restarts > 0);
  CHECK(server.conflicts == 0);
  CHECK(server.stored.size() == static_cast<std::size_t>(kFilings));
  for (const std::string& envelope : envelopes) {
    const std::string id = id_of(envelope);
    INFO(id);
    const OutboxItem* item = outbox->find(id);
    REQUIRE(item != nullptr);
    CHECK(item->state == OutboxState::sent);
    REQUIRE(server.stored.count(id) == 1);
    CHECK(server.stored[id].first == envelope);
    CHECK(item->receipt_text == server.stored[id].second);
    auto receipt = wire::parse_receipt(crypto::as_bytes(item->receipt_text));
    REQUIRE(receipt.ok());
    CHECK(wire::verify_receipt(receipt.value(), f.server.keys.public_key, id, envelope).ok());
  }
}
