// Fault test of the attachment upload (issue 7): 50 filings with 3 photo-sized
// attachments each (random bytes of 100–300 KiB, sealed for the agency as the
// phone seals them and kept in the vault in chunk records) go through the
// outboxes of src/sync over HttplibTransport and the seeded FaultyProxy to the
// real tokhai-server, which is killed with SIGKILL and restarted once, a third
// of the way through. What must hold:
//   - every filing ends sent, with a receipt that verifies for its bytes;
//   - every byte arrives once: the server's tokhai_attachment_bytes_received_total
//     (new bytes only), summed over the instance killed and the one after it, is
//     the total of the sealed files;
//   - no confirmed byte is sent again: the chunks the server accepted (200) of
//     one attachment never overlap, and the chunk bytes the phones sent are at
//     most the sealed total plus the bytes of chunks that got no 200 (cut
//     mid-flight, or refused with the server's offset);
//   - the agency tool pulls every submission with its attachments, and each one
//     opens with the agency's key as the photo the phone sealed.
// TOKHAI_FAULT_SEED as for submission_fault_test.cpp; TOKHAI_FAULT_ATTACHMENT_FILINGS
// (default 50) sets the number of filings.
#include <signal.h>

#include <httplib.h>
#include <algorithm>
#include <catch2/catch.hpp>
#include <chrono>
#include <cstdlib>
#include <deque>
#include <filesystem>
#include <iostream>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "../server/server_sandbox.h"
#include "../storage/vault_test_support.h"
#include "core/json_text.h"
#include "core/text_file.h"
#include "crypto/random.h"
#include "faulty_proxy.h"
#include "platform/native/httplib_transport.h"
#include "storage/attachment_records.h"
#include "sync/clock.h"
#include "sync/outbox.h"
#include "sync/random_source.h"
#include "tools/agency/agency_client.h"
#include "tools/agency/agency_commands.h"
#include "wire/receipt.h"
#include "wire/sealed_attachment.h"

namespace {

using namespace tokhai;
using server::testing::RunningServer;
using server::testing::ServerSandbox;
using Clock = std::chrono::steady_clock;

std::uint64_t env_number(const char* name, std::uint64_t fallback) {
  const char* value = std::getenv(name);
  return value != nullptr && *value != '\0' ? std::strtoull(value, nullptr, 10) : fallback;
}

// One attachment chunk PUT as the phone sent it, and how it ended.
struct ChunkExchange {
  std::string submission_id;
  std::size_t index = 0;
  std::uint64_t offset = 0;
  std::uint64_t size_bytes = 0;
  int status = 0;  // 0: no whole answer
};

// A Transport decorator (a test double around the real HttplibTransport) that
// records every attachment chunk the outboxes send, and can hold new requests
// back (the phones' network "down") so that the server can be killed while no
// byte is on its way.
class RecordingTransport final : public sync::Transport {
 public:
  explicit RecordingTransport(sync::Transport& inner) : inner_(inner) {}

  void send(sync::HttpRequest request, sync::HttpCompletion done,
            sync::HttpProgress progress) override {
    if (holding_) {
      held_.push_back({std::move(request), std::move(done), std::move(progress)});
      return;
    }
    forward(std::move(request), std::move(done), std::move(progress));
  }

  void hold() { holding_ = true; }
  void release() {
    holding_ = false;
    std::deque<Held> waiting;
    waiting.swap(held_);
    for (Held& held : waiting) {
      forward(std::move(held.request), std::move(held.done), std::move(held.progress));
    }
  }
  int in_flight() const { return in_flight_; }
  const std::vector<ChunkExchange>& chunks() const { return chunks_; }

 private:
  struct Held {
    sync::HttpRequest request;
    sync::HttpCompletion done;
    sync::HttpProgress progress;
  };

  void forward(sync::HttpRequest request, sync::HttpCompletion done, sync::HttpProgress progress) {
    std::optional<std::size_t> chunk;
    const std::string& path = request.path;
    const std::size_t attachments = path.find("/attachments/");
    const std::size_t query = path.find("?offset=");
    if (request.method == sync::HttpMethod::put && attachments != std::string::npos &&
        query != std::string::npos) {
      ChunkExchange exchange;
      exchange.submission_id =
          path.substr(std::string("/api/v1/submissions/").size(),
                      attachments - std::string("/api/v1/submissions/").size());
      exchange.index = std::stoul(path.substr(attachments + 13, query - attachments - 13));
      exchange.offset = std::stoull(path.substr(query + 8));
      exchange.size_bytes = request.body.size();
      chunks_.push_back(exchange);
      chunk = chunks_.size() - 1;
    }
    ++in_flight_;
    inner_.send(
        std::move(request),
        [this, chunk, done = std::move(done)](sync::HttpResponse response) {
          --in_flight_;
          if (chunk && response.arrived()) chunks_[*chunk].status = response.status;
          done(std::move(response));
        },
        std::move(progress));
  }

  sync::Transport& inner_;
  bool holding_ = false;
  std::deque<Held> held_;
  int in_flight_ = 0;
  std::vector<ChunkExchange> chunks_;
};

sync::OutboxOptions fast_options(const crypto::Bytes& server_key) {
  sync::OutboxOptions options;
  options.server_public_key = server_key;
  options.max_concurrent_sends = 2;
  options.backoff.base_ms = 20;
  options.backoff.cap_ms = 400;
  options.backoff.max_retry_after_ms = 2000;
  return options;
}

struct Person {
  storage::testing::VaultFixture fixture;
  storage::UnlockedVault vault = fixture.create("Người nộp", "135790");
  std::unique_ptr<sync::Outbox> outbox;
  crypto::SigningKeyPair applicant = crypto::generate_signing_key_pair();
};

// tokhai_attachment_bytes_received_total of the server on `port`.
double bytes_received_metric(int port) {
  httplib::Client client("127.0.0.1", port);
  client.set_read_timeout(5, 0);
  auto answer = client.Get("/metrics");
  REQUIRE(answer);
  REQUIRE(answer->status == 200);
  const std::string name = "tokhai_attachment_bytes_received_total ";
  const std::size_t at = answer->body.find("\n" + name);
  if (at == std::string::npos) return 0;
  return std::strtod(answer->body.c_str() + at + 1 + name.size(), nullptr);
}

}  // namespace

TEST_CASE("attachments through a cutting network and a killed server arrive once, and open",
          "[.attachments]") {
  const std::size_t filings = env_number("TOKHAI_FAULT_ATTACHMENT_FILINGS", 50);
  const std::uint64_t seed =
      env_number("TOKHAI_FAULT_SEED",
                 static_cast<std::uint64_t>(
                     std::chrono::system_clock::now().time_since_epoch().count() % 1000000));
  std::cout << "fault.attachments: " << filings << " filings of 3 photos, seed " << seed << "\n";
  INFO("seed " << seed);

  ServerSandbox sandbox;
  auto server = std::make_unique<RunningServer>(sandbox);
  fault::FaultyProxy proxy(static_cast<std::uint16_t>(server->port()), seed, fault::FaultMix{}, "");
  platform::HttplibTransport network("127.0.0.1", proxy.port(), 8);
  RecordingTransport transport(network);
  sync::SystemSyncClock clock;
  sync::CryptoRandomSource random;
  const crypto::Bytes& agency_key = sandbox.keys().ubnd().box.public_key;

  std::vector<std::unique_ptr<Person>> people;
  for (int i = 0; i < 10; ++i) {
    auto person = std::make_unique<Person>();
    auto outbox = sync::Outbox::open(person->vault, transport, clock, random,
                                     fast_options(sandbox.keys().server().public_key));
    REQUIRE(outbox);
    person->outbox = std::move(outbox).value();
    people.push_back(std::move(person));
  }

  // The filings: photos sealed for their submission and index, kept in the
  // person's vault chunk by chunk, listed in the envelope.
  std::mt19937_64 sizes(seed);
  std::map<std::string, std::vector<crypto::Bytes>> photos;  // submission id → photos
  std::uint64_t sealed_total = 0;
  for (std::size_t i = 0; i < filings; ++i) {
    Person& person = *people[i % people.size()];
    server::testing::EnvelopeRecipe recipe;
    recipe.id = wire::new_submission_id();
    recipe.payload = R"({"full_name":"Lê Thị Mai","so":)" + std::to_string(i) + "}";
    std::vector<std::string> vault_ids;
    for (std::uint32_t index = 0; index < 3; ++index) {
      crypto::Bytes photo = crypto::random_bytes((100 << 10) + sizes() % (200 << 10));
      auto sealer = wire::AttachmentSealer::start(agency_key, recipe.id, index);
      REQUIRE(sealer);
      const std::string vault_id = recipe.id + "-" + std::to_string(index);
      auto writer =
          storage::AttachmentRecordWriter::start(person.vault, vault_id, "giay_to", "image/jpeg");
      REQUIRE(writer);
      REQUIRE(writer.value().write(sealer.value().write(photo)));
      REQUIRE(writer.value().write(sealer.value().finish()));
      REQUIRE(writer.value().finish());
      const wire::SealedAttachmentSummary summary = sealer.value().summary();
      recipe.attachments.push_back({"giay_to", "image/jpeg",
                                    crypto::Bytes(summary.sha256.begin(), summary.sha256.end()),
                                    summary.size_bytes});
      sealed_total += summary.size_bytes;
      vault_ids.push_back(vault_id);
      photos[recipe.id].push_back(std::move(photo));
    }
    REQUIRE(person.outbox->add(
        server::testing::make_envelope(sandbox.keys(), person.applicant, recipe), vault_ids));
  }

  const auto confirmed = [&] {
    std::uint64_t total = 0;
    for (const auto& person : people) {
      for (const auto& item : person->outbox->items()) {
        for (const auto& attachment : item.attachments) total += attachment.confirmed_bytes;
      }
    }
    return total;
  };
  const auto unfinished = [&] {
    std::size_t count = 0;
    for (const auto& person : people) {
      for (const auto& item : person->outbox->items()) {
        count +=
            item.state == sync::OutboxState::queued || item.state == sync::OutboxState::sending;
      }
    }
    return count;
  };
  const auto round = [&] {
    for (auto& person : people) person->outbox->pump();
    network.deliver(std::chrono::milliseconds(5));
  };

  // A third of the way: the phones' requests held back, those on their way
  // answered, the count read, the server killed and started again.
  double received_before_kill = 0;
  bool killed = false;
  const auto started = Clock::now();
  const auto deadline = started + std::chrono::seconds(600);
  while (unfinished() > 0 && Clock::now() < deadline) {
    round();
    if (killed || confirmed() < sealed_total / 3) continue;
    transport.hold();
    while (transport.in_flight() > 0 && Clock::now() < deadline) {
      network.deliver(std::chrono::milliseconds(5));
    }
    received_before_kill = bytes_received_metric(server->port());
    server->process().send_signal(SIGKILL);
    REQUIRE(server->process().wait_for_exit(10000));
    server.reset();
    server = std::make_unique<RunningServer>(sandbox);
    proxy.set_upstream_port(static_cast<std::uint16_t>(server->port()));
    killed = true;
    transport.release();
  }
  const double seconds = std::chrono::duration<double>(Clock::now() - started).count();
  proxy.stop();
  const fault::ProxyTotals totals = proxy.totals();
  std::cout << "fault.attachments: " << seconds << " s, " << totals.exchanges << " exchanges, "
            << totals.bytes_to_server << " bytes to the server, sealed total " << sealed_total
            << ";";
  for (const auto& [fate, count] : totals.fates) {
    std::cout << " " << fault::fate_name(fate) << " " << count;
  }
  std::cout << "\n";
  CHECK(killed);

  // Every filing sent, its receipt verified for its exact bytes.
  std::size_t sent = 0;
  for (const auto& person : people) {
    for (const auto& item : person->outbox->items()) {
      INFO(item.submission_id << " " << sync::outbox_state_name(item.state) << " "
                              << item.last_reason);
      CHECK(item.state == sync::OutboxState::sent);
      if (item.state != sync::OutboxState::sent) continue;
      ++sent;
      auto receipt = wire::parse_receipt(crypto::as_bytes(item.receipt_text));
      REQUIRE(receipt);
      CHECK(wire::verify_receipt(receipt.value(), sandbox.keys().server().public_key,
                                 item.submission_id, item.envelope_text));
      CHECK(item.bytes_sent == item.bytes_total);
    }
  }
  CHECK(sent == filings);

  // Every byte arrived once.
  const double received_after_kill = bytes_received_metric(server->port());
  CHECK(received_before_kill + received_after_kill == static_cast<double>(sealed_total));

  // No confirmed byte sent again.
  std::uint64_t chunk_bytes = 0, unconfirmed_chunk_bytes = 0;
  std::map<std::pair<std::string, std::size_t>,
           std::vector<std::pair<std::uint64_t, std::uint64_t>>>
      accepted;
  for (const ChunkExchange& chunk : transport.chunks()) {
    chunk_bytes += chunk.size_bytes;
    if (chunk.status == 200) {
      accepted[{chunk.submission_id, chunk.index}].push_back(
          {chunk.offset, chunk.offset + chunk.size_bytes});
    } else {
      unconfirmed_chunk_bytes += chunk.size_bytes;
    }
  }
  std::cout << "fault.attachments: " << transport.chunks().size() << " chunks, " << chunk_bytes
            << " bytes, " << unconfirmed_chunk_bytes << " of them without a 200\n";
  CHECK(chunk_bytes <= sealed_total + unconfirmed_chunk_bytes);
  for (auto& [attachment, ranges] : accepted) {
    std::sort(ranges.begin(), ranges.end());
    for (std::size_t i = 1; i < ranges.size(); ++i) {
      INFO(attachment.first << "/" << attachment.second << " at " << ranges[i].first);
      CHECK(ranges[i].first >= ranges[i - 1].second);
    }
  }

  // The agency pulls every submission and opens every photo (tokhai-agency pull).
  server::testing::TempDirectory out("tokhai-fault-attachments-");
  auto client = tools::AgencyClient::connect("http://127.0.0.1:" + std::to_string(server->port()),
                                             sandbox.keys().ubnd());
  REQUIRE(client);
  auto report = tools::pull(client.value(), sandbox.keys().ubnd(), out.path());
  REQUIRE(report);
  CHECK(report.value().invalid == 0);
  CHECK(report.value().written == filings);
  CHECK(report.value().attachments == 3 * filings);
  std::set<std::string> opened;
  for (const auto& file : std::filesystem::directory_iterator(out.path())) {
    if (file.path().extension() != ".json") continue;
    const nlohmann::json doc =
        core::parse_json_text(core::read_text_file(file.path()).value_or(""));
    const std::string id = doc.value("submission_id", "");
    INFO(id);
    REQUIRE(photos.count(id) == 1);
    // The tool checked each sealed file against the envelope and opened it.
    REQUIRE(doc["attachments"].size() == 3);
    for (std::uint32_t index = 0; index < 3; ++index) {
      const std::string photo =
          core::read_text_file(out.path() / doc["attachments"][index]["file"].get<std::string>())
              .value_or("");
      CHECK(crypto::Bytes(photo.begin(), photo.end()) == photos[id][index]);
    }
    CHECK(opened.insert(id).second);
  }
  CHECK(opened.size() == filings);
}
