// Fault tests of the submission path (issue 6): the real client code (the
// outbox of src/sync on real vaults, over HttplibTransport) against the real
// tokhai-server, through FaultyProxy, a seeded stand-in for a bad mobile
// network. What the citizen relies on: every filing ends stored exactly once
// with a receipt that verifies; none lost, none stored twice; a receipt once
// given survives the server being killed.
//
// Sizes and seeds come from the environment so that the long runs of
// tests/fault/README.md use the same code:
//   TOKHAI_FAULT_SUBMISSIONS  filings in the network test (default 1000)
//   TOKHAI_FAULT_KILLS        SIGKILLs of the server under load (default 20)
//   TOKHAI_FAULT_SEED         the proxy's and the killer's seed (default: time)
// The seed and the proxy's totals are printed; the proxy's per-connection log
// is left in the build folder (fault-proxy-<seed>.jsonl).
#include <signal.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "../server/nginx_front.h"
#include "../server/server_sandbox.h"
#include "../server/test_database.h"
#include "../storage/vault_test_support.h"
#include "core/json_text.h"
#include "core/text_file.h"
#include "faulty_proxy.h"
#include "platform/native/httplib_transport.h"
#include "sync/clock.h"
#include "sync/outbox.h"
#include "sync/random_source.h"
#include "tools/agency/agency_client.h"
#include "tools/agency/agency_commands.h"
#include "wire/receipt.h"

namespace {

using namespace tokhai;
using server::testing::RunningServer;
using server::testing::ServerSandbox;
using Clock = std::chrono::steady_clock;

std::uint64_t env_number(const char* name, std::uint64_t fallback) {
  const char* value = std::getenv(name);
  return value != nullptr && *value != '\0' ? std::strtoull(value, nullptr, 10) : fallback;
}

std::uint64_t run_seed() {
  static const std::uint64_t seed =
      env_number("TOKHAI_FAULT_SEED",
                 static_cast<std::uint64_t>(
                     std::chrono::system_clock::now().time_since_epoch().count() % 1000000));
  return seed;
}

// Short waits: the test is about outcomes, not patience (backoff.h's
// production values are seconds to minutes).
sync::OutboxOptions fast_options(const crypto::Bytes& server_key) {
  sync::OutboxOptions options;
  options.server_public_key = server_key;
  options.max_concurrent_sends = 2;
  options.backoff.base_ms = 20;
  options.backoff.cap_ms = 400;
  options.backoff.max_retry_after_ms = 2000;
  return options;
}

// People filing: each with a vault, an outbox and envelopes signed with the
// vault's own key would be what the app does; here each person's applicant
// key is a fresh one (the vault's key is the app's business, tested there).
struct Person {
  storage::testing::VaultFixture fixture;
  storage::UnlockedVault vault = fixture.create("Người nộp", "135790");
  std::unique_ptr<sync::Outbox> outbox;
  crypto::SigningKeyPair applicant = crypto::generate_signing_key_pair();
};

struct Crowd {
  std::vector<std::unique_ptr<Person>> people;
  sync::SystemSyncClock clock;
  sync::CryptoRandomSource random;

  Crowd(std::size_t count, sync::Transport& transport, const crypto::Bytes& server_key) {
    for (std::size_t i = 0; i < count; ++i) {
      auto person = std::make_unique<Person>();
      auto outbox =
          sync::Outbox::open(person->vault, transport, clock, random, fast_options(server_key));
      REQUIRE(outbox);
      person->outbox = std::move(outbox).value();
      people.push_back(std::move(person));
    }
  }

  void pump() {
    for (auto& person : people) person->outbox->pump();
  }

  // Items not yet in a final state.
  std::size_t unfinished() const {
    std::size_t count = 0;
    for (const auto& person : people) {
      for (const auto& item : person->outbox->items()) {
        count +=
            item.state == sync::OutboxState::queued || item.state == sync::OutboxState::sending;
      }
    }
    return count;
  }

  std::vector<const sync::OutboxItem*> items() const {
    std::vector<const sync::OutboxItem*> all;
    for (const auto& person : people) {
      for (const auto& item : person->outbox->items()) all.push_back(&item);
    }
    return all;
  }
};

// Drives the outboxes until every item is final or `limit` passes.
void drive(Crowd& crowd, platform::HttplibTransport& transport, std::chrono::seconds limit,
           const std::function<void()>& each_round = {}) {
  const auto deadline = Clock::now() + limit;
  while (crowd.unfinished() > 0 && Clock::now() < deadline) {
    crowd.pump();
    transport.deliver(std::chrono::milliseconds(5));
    if (each_round) each_round();
  }
}

// What the agency pulls from the server: one JSON file per stored
// submission, opened with the agency's key. Returns submission id →
// dossier code, and fails the test on a duplicate or an invalid one.
std::map<std::string, std::string> pull_everything(const ServerSandbox& sandbox, int port) {
  server::testing::TempDirectory out("tokhai-fault-pull-");
  auto client = tools::AgencyClient::connect("http://127.0.0.1:" + std::to_string(port),
                                             sandbox.keys().ubnd());
  REQUIRE(client);
  auto report = tools::pull(client.value(), sandbox.keys().ubnd(), out.path());
  REQUIRE(report);
  CHECK(report.value().invalid == 0);
  std::map<std::string, std::string> stored;
  for (const auto& file : std::filesystem::directory_iterator(out.path())) {
    if (file.path().extension() != ".json") continue;
    const nlohmann::json doc =
        core::parse_json_text(core::read_text_file(file.path()).value_or(""));
    const std::string id = doc.value("submission_id", "");
    INFO(file.path());
    CHECK(doc.contains("content"));                                   // the agency opened it
    CHECK(stored.emplace(id, doc.value("dossier_code", "")).second);  // not stored twice
  }
  CHECK(stored.size() == report.value().written);
  return stored;
}

// Every receipt seen before a kill (submission id → dossier code) names a
// submission the agency pulled, under that same dossier code.
void check_receipts_kept(const std::map<std::string, std::string>& acknowledged,
                         const std::map<std::string, std::string>& stored) {
  for (const auto& [id, dossier] : acknowledged) {
    INFO(id);
    const auto found = stored.find(id);
    REQUIRE(found != stored.end());
    CHECK(found->second == dossier);
  }
}

// Every item sent, with a receipt that verifies against the server's key for
// its exact bytes, and stored exactly once under the receipt's dossier code.
void check_every_filing_stored_once(const Crowd& crowd, const ServerSandbox& sandbox,
                                    const std::map<std::string, std::string>& stored,
                                    std::size_t expected) {
  const auto items = crowd.items();
  REQUIRE(items.size() == expected);
  std::size_t sent = 0;
  for (const sync::OutboxItem* item : items) {
    INFO(item->submission_id << " " << sync::outbox_state_name(item->state) << " "
                             << item->last_reason);
    CHECK(item->state == sync::OutboxState::sent);
    if (item->state != sync::OutboxState::sent) continue;
    ++sent;
    auto receipt = wire::parse_receipt(crypto::as_bytes(item->receipt_text));
    REQUIRE(receipt);
    CHECK(wire::verify_receipt(receipt.value(), sandbox.keys().server().public_key,
                               item->submission_id, item->envelope_text));
    const auto found = stored.find(item->submission_id);
    REQUIRE(found != stored.end());
    CHECK(found->second == receipt.value().dossier_code);
  }
  CHECK(sent == expected);
  CHECK(stored.size() == expected);
}

void add_filings(Crowd& crowd, const ServerSandbox& sandbox, std::size_t count,
                 std::size_t first = 0) {
  for (std::size_t i = first; i < first + count; ++i) {
    Person& person = *crowd.people[i % crowd.people.size()];
    server::testing::EnvelopeRecipe recipe;
    recipe.payload = R"({"full_name":"Lê Thị Mai","so":)" + std::to_string(i) + "}";
    REQUIRE(person.outbox->add(
        server::testing::make_envelope(sandbox.keys(), person.applicant, recipe)));
  }
}

}  // namespace

TEST_CASE("every filing through a dropping, cutting, delaying network is stored exactly once") {
  const std::size_t total = env_number("TOKHAI_FAULT_SUBMISSIONS", 1000);
  const std::uint64_t seed = run_seed();
  std::cout << "fault.network: " << total << " submissions, seed " << seed << "\n";
  INFO("seed " << seed);

  ServerSandbox sandbox;
  RunningServer server(sandbox);
  const auto log = std::filesystem::current_path() / "build" /
                   ("fault-proxy-" + std::to_string(seed) + ".jsonl");
  fault::FaultyProxy proxy(static_cast<std::uint16_t>(server.port()), seed, fault::FaultMix{},
                           std::filesystem::exists(log.parent_path()) ? log : "");
  platform::HttplibTransport transport("127.0.0.1", proxy.port(), 8);
  Crowd crowd(20, transport, sandbox.keys().server().public_key);
  add_filings(crowd, sandbox, total);

  const auto started = Clock::now();
  drive(crowd, transport, std::chrono::seconds(600));
  const double seconds = std::chrono::duration<double>(Clock::now() - started).count();
  proxy.stop();

  const fault::ProxyTotals totals = proxy.totals();
  std::cout << "fault.network: " << seconds << " s, " << totals.exchanges << " exchanges, "
            << totals.bytes_to_server << " bytes to the server, " << totals.bytes_to_client
            << " to the client;";
  for (const auto& [fate, count] : totals.fates) {
    std::cout << " " << fault::fate_name(fate) << " " << count;
  }
  std::cout << "\n";
  // The network really was bad: every kind of fault happened.
  for (auto fate :
       {fault::Fate::delay, fault::Fate::drop, fault::Fate::reset_request, fault::Fate::lose_answer,
        fault::Fate::truncate_answer, fault::Fate::reset_answer}) {
    INFO(fault::fate_name(fate));
    CHECK(totals.fates.count(fate) == 1);
  }

  const auto stored = pull_everything(sandbox, server.port());
  check_every_filing_stored_once(crowd, sandbox, stored, total);
}

TEST_CASE("a receipt survives the server being killed with SIGKILL under load") {
  const std::size_t total = env_number("TOKHAI_FAULT_SUBMISSIONS", 1000) / 2;
  const std::uint64_t kills = env_number("TOKHAI_FAULT_KILLS", 20);
  const std::uint64_t seed = run_seed();
  std::cout << "fault.kill: " << total << " submissions, " << kills << " kills, seed " << seed
            << "\n";
  INFO("seed " << seed);

  ServerSandbox sandbox;
  auto server = std::make_unique<RunningServer>(sandbox);
  // A proxy without faults is the clients' fixed address while the server
  // comes back on new ports.
  fault::FaultyProxy front(static_cast<std::uint16_t>(server->port()), seed,
                           fault::FaultMix::none(), "");
  platform::HttplibTransport transport("127.0.0.1", front.port(), 8);
  Crowd crowd(20, transport, sandbox.keys().server().public_key);
  // Filings arrive in waves, one more after each kill, so that the server is
  // always under load when it is killed.
  const std::size_t wave = std::max<std::size_t>(1, total / (kills + 1));
  std::size_t added = 0;
  std::uint64_t killed = 0;
  const auto add_wave = [&] {
    // The last wave takes what is left.
    const std::size_t count = killed == kills ? total - added : std::min(wave, total - added);
    add_filings(crowd, sandbox, count, added);
    added += count;
  };
  add_wave();

  // Receipts seen before each kill: they must all be there at the end.
  std::map<std::string, std::string> acknowledged;  // id → dossier code
  const auto note_receipts = [&] {
    for (const sync::OutboxItem* item : crowd.items()) {
      if (item->state == sync::OutboxState::sent) {
        acknowledged.emplace(item->submission_id, item->dossier_code);
      }
    }
  };
  std::mt19937_64 random(seed);
  auto next_kill = Clock::now() + std::chrono::milliseconds(50 + random() % 250);
  const auto deadline = Clock::now() + std::chrono::seconds(600);
  while ((killed < kills || crowd.unfinished() > 0 || added < total) && Clock::now() < deadline) {
    crowd.pump();
    transport.deliver(std::chrono::milliseconds(5));
    if (killed >= kills || Clock::now() < next_kill) continue;
    note_receipts();
    server->process().send_signal(SIGKILL);
    REQUIRE(server->process().wait_for_exit(10000));
    server.reset();
    server = std::make_unique<RunningServer>(sandbox);
    front.set_upstream_port(static_cast<std::uint16_t>(server->port()));
    ++killed;
    add_wave();
    next_kill = Clock::now() + std::chrono::milliseconds(50 + random() % 250);
  }
  note_receipts();
  std::cout << "fault.kill: " << killed << " kills, " << acknowledged.size()
            << " receipts seen before the last\n";
  CHECK(killed == kills);

  const auto stored = pull_everything(sandbox, server->port());
  check_receipts_kept(acknowledged, stored);
  check_every_filing_stored_once(crowd, sandbox, stored, total);
}

// Issue 9: PostgreSQL, two tokhai-server instances and nginx in front, as in
// deploy/. Runs as its own ctest (fault.multi_instance) with the throw-away
// PostgreSQL cluster of tests/server (test_database.h), hidden from the
// default run. The outboxes send through nginx while one instance after the
// other is SIGKILLed and restarted on its port; nginx passes the failed PUTs
// to the other instance. Then the agency pulls through nginx.
TEST_CASE("two instances on PostgreSQL behind nginx, killed in turn: every filing stored once",
          "[.multi_instance]") {
  REQUIRE(server::testing::testing_postgres());
  REQUIRE(server::testing::NginxFront::available());
  const std::size_t total = env_number("TOKHAI_FAULT_SUBMISSIONS", 1000);
  const std::uint64_t kills = env_number("TOKHAI_FAULT_MULTI_KILLS", 4);
  const std::uint64_t seed = run_seed();
  std::cout << "fault.multi_instance: " << total << " submissions, " << kills << " kills, seed "
            << seed << "\n";
  INFO("seed " << seed);

  ServerSandbox sandbox;
  const std::vector<int> ports = {server::testing::free_loopback_port(),
                                  server::testing::free_loopback_port()};
  const auto start_instance = [&](std::size_t i) {
    return std::make_unique<RunningServer>(
        sandbox, std::map<std::string, std::string>{{"PORT", std::to_string(ports[i])}});
  };
  std::vector<std::unique_ptr<RunningServer>> instances;
  instances.push_back(start_instance(0));
  instances.push_back(start_instance(1));
  server::testing::TempDirectory nginx_folder("tokhai-nginx-");
  server::testing::NginxFront front(nginx_folder.path(), ports);

  // The TLS + HTTP/2 side of nginx answers with the instances' health report.
  {
    const std::string command =
        "curl -sS --http2 --cacert " + front.certificate().string() +
        " --resolve localhost:" + std::to_string(front.https_port()) +
        ":127.0.0.1 -o /dev/null -w '%{http_version} " +
        "%{http_code}' https://localhost:" + std::to_string(front.https_port()) + "/healthz";
    FILE* curl = popen(command.c_str(), "r");
    REQUIRE(curl != nullptr);
    char answer[64] = {};
    const std::size_t length = fread(answer, 1, sizeof answer - 1, curl);
    pclose(curl);
    CHECK(std::string(answer, length) == "2 200");
  }

  platform::HttplibTransport transport("127.0.0.1", front.http_port(), 8);
  Crowd crowd(20, transport, sandbox.keys().server().public_key);
  add_filings(crowd, sandbox, total);

  // Kills spread over the run: after each further total/(kills+1) receipts,
  // the next instance in turn is killed and, 200 ms later, restarted.
  std::map<std::string, std::string> acknowledged;  // id → dossier code
  const auto receipts = [&] {
    std::size_t count = 0;
    for (const sync::OutboxItem* item : crowd.items()) {
      if (item->state != sync::OutboxState::sent) continue;
      acknowledged.emplace(item->submission_id, item->dossier_code);
      ++count;
    }
    return count;
  };
  std::uint64_t killed = 0;
  std::optional<std::pair<std::size_t, Clock::time_point>> down;  // instance, restart time
  const auto started = Clock::now();
  drive(crowd, transport, std::chrono::seconds(600), [&] {
    if (down && Clock::now() >= down->second) {
      instances[down->first] = start_instance(down->first);
      down.reset();
    }
    if (down || killed >= kills || receipts() < (killed + 1) * total / (kills + 1)) return;
    const std::size_t victim = killed % instances.size();
    instances[victim]->process().send_signal(SIGKILL);
    REQUIRE(instances[victim]->process().wait_for_exit(10000));
    instances[victim].reset();
    down = std::make_pair(victim, Clock::now() + std::chrono::milliseconds(200));
    ++killed;
  });
  if (down) instances[down->first] = start_instance(down->first);
  receipts();
  const double seconds = std::chrono::duration<double>(Clock::now() - started).count();
  std::cout << "fault.multi_instance: " << seconds << " s, " << killed << " kills, "
            << acknowledged.size() << " receipts\n";
  CHECK(killed == kills);

  const auto stored = pull_everything(sandbox, front.http_port());
  check_receipts_kept(acknowledged, stored);
  check_every_filing_stored_once(crowd, sandbox, stored, total);
}
