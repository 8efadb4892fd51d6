// Durability: a submission answered 201 is on disk. The server is killed
// with SIGKILL (no clean stop, no chance to flush) right after its answers,
// with submissions still arriving; after a restart on the same DATA_DIR every
// submission that got a 201 is there, answered 200 with the same receipt.
#include <signal.h>

#include <atomic>
#include <catch2/catch.hpp>
#include <mutex>
#include <nlohmann/json.hpp>
#include <thread>
#include <vector>

#include "api_test_support.h"
#include "crypto/signing.h"
#include "server_sandbox.h"

using namespace tokhai;
using namespace tokhai::server::testing;

namespace {

struct Accepted {
  std::string id;
  std::string envelope;
  std::string receipt;
};

}  // namespace

TEST_CASE("a 201 survives SIGKILL right after it: the same receipt after restart", "[db]") {
  ServerSandbox sandbox;
  Accepted single;
  {
    RunningServer server(sandbox);
    auto client = server.client();
    single.envelope = make_envelope(sandbox.keys(), crypto::generate_signing_key_pair());
    single.id = envelope_id(single.envelope);
    auto created = put_submission(*client, single.id, single.envelope);
    REQUIRE(created);
    REQUIRE(created->status == 201);
    single.receipt = created->body;
    server.process().send_signal(SIGKILL);
    CHECK(server.process().wait_for_exit(5000) == 128 + SIGKILL);
  }
  RunningServer restarted(sandbox);
  auto client = restarted.client();
  auto again = put_submission(*client, single.id, single.envelope);
  REQUIRE(again);
  CHECK(again->status == 200);
  CHECK(again->body == single.receipt);
}

TEST_CASE("every 201 survives SIGKILL under load from several clients") {
  ServerSandbox sandbox;
  std::vector<Accepted> accepted;
  std::mutex accepted_mutex;
  {
    RunningServer server(sandbox);
    std::atomic<bool> stop{false};
    std::vector<std::thread> senders;
    for (int i = 0; i < 6; ++i) {
      senders.emplace_back([&] {
        auto client = server.client();
        client->set_keep_alive(true);
        const auto applicant = crypto::generate_signing_key_pair();
        while (!stop) {
          const std::string envelope = make_envelope(sandbox.keys(), applicant);
          const std::string id = envelope_id(envelope);
          auto response = put_submission(*client, id, envelope);
          if (!response) break;  // the server is gone
          if (response->status == 201) {
            const std::lock_guard lock(accepted_mutex);
            accepted.push_back({id, envelope, response->body});
          }
        }
      });
    }
    while (true) {
      {
        const std::lock_guard lock(accepted_mutex);
        if (accepted.size() >= 200) break;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    server.process().send_signal(SIGKILL);  // while the senders are still sending
    stop = true;
    for (auto& sender : senders) sender.join();
    CHECK(server.process().wait_for_exit(5000) == 128 + SIGKILL);
  }
  INFO(accepted.size() << " answered 201 before the kill");
  RunningServer restarted(sandbox);
  auto client = restarted.client();
  client->set_keep_alive(true);
  int found = 0;
  for (const auto& submission : accepted) {
    auto again = put_submission(*client, submission.id, submission.envelope);
    REQUIRE(again);
    if (again->status == 200 && again->body == submission.receipt) ++found;
  }
  CHECK(found == static_cast<int>(accepted.size()));
}
