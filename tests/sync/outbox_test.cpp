// The outbox state machine, on a real vault with a FakeTransport, FakeClock
// and FakeRandomSource: sending and receipts, the answer rules of outbox.h,
// backoff and Retry-After, at most N sends at once with one failing item never
// blocking the others, the manual and online triggers, restarts mid-send, and
// the items surviving a reopening of the vault.
#include "sync/outbox.h"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "crypto/bytes.h"
#include "sync/outbox_record.h"
#include "sync_test_support.h"

using namespace tokhai;
using namespace tokhai::sync;
using namespace tokhai::sync::testing;

namespace {

std::string error_body(std::string_view code) {
  return R"({"error":{"code":")" + std::string(code) +
         R"(","message":{"vi":"Lỗi.","en":"Error."}}})";
}

// The outbox's wait before its next attempt of `id`, from now.
std::int64_t wait_of(const Outbox& outbox, const FakeClock& clock, std::string_view id) {
  return outbox.find(id)->next_attempt_monotonic_ms - clock.monotonic_ms();
}

}  // namespace

TEST_CASE("a queued filing is sent once and its verified receipt kept", "[outbox]") {
  OutboxFixture f;
  auto outbox = f.open();
  const std::string envelope = f.filings.envelope();
  const std::string id = id_of(envelope);

  REQUIRE(outbox->add(envelope).ok());
  const OutboxItem* item = outbox->find(id);
  REQUIRE(item != nullptr);
  CHECK(item->state == OutboxState::queued);
  CHECK(item->form_id == "khai-sinh");
  CHECK(item->form_version == "2025.1");
  CHECK(item->bytes_total == envelope.size());
  CHECK(f.transport.sent_count() == 0);  // add() stores; pump() sends
  CHECK(f.changes == 1);

  outbox->pump();
  REQUIRE(f.transport.sent_count() == 1);
  const HttpRequest& request = f.transport.exchanges()[0].request;
  CHECK(request.method == HttpMethod::put);
  CHECK(request.path == "/api/v1/submissions/" + id);
  CHECK(request.body == envelope);
  CHECK(request.timeout_ms >= 30'000);
  CHECK(std::find(request.headers.begin(), request.headers.end(),
                  HttpHeader{"Content-Type", "application/json"}) != request.headers.end());
  CHECK(outbox->find(id)->state == OutboxState::sending);
  CHECK(outbox->find(id)->attempts == 1);
  CHECK(outbox->in_flight() == 1);

  f.transport.report_progress(0, 100, envelope.size());
  CHECK(outbox->find(id)->bytes_sent == 100);

  const std::string receipt = f.server.receipt_for(envelope);
  f.transport.respond(0, 201, receipt);
  item = outbox->find(id);
  CHECK(item->state == OutboxState::sent);
  CHECK(item->receipt_text == receipt);
  CHECK(wire::is_dossier_code(item->dossier_code));
  CHECK(item->received_at == "2025-07-01T08:31:00Z");
  CHECK(item->bytes_sent == envelope.size());
  CHECK(item->last_reason.empty());
  CHECK(outbox->in_flight() == 0);
  CHECK_FALSE(outbox->next_wake_monotonic_ms().has_value());
  CHECK_FALSE(outbox->storage_problem().has_value());

  // Nothing more goes out, however often the app pumps or the network returns.
  outbox->pump();
  outbox->network_online();
  outbox->retry_all();
  CHECK(f.transport.sent_count() == 1);
  CHECK(outbox->retry_now(id).error().code == "sync.not_retryable");
}

TEST_CASE("200 for a resend counts as sent like 201", "[outbox]") {
  OutboxFixture f;
  auto outbox = f.open();
  const std::string envelope = f.filings.envelope();
  REQUIRE(outbox->add(envelope).ok());
  outbox->pump();
  f.accept(envelope, 200);
  CHECK(outbox->find(id_of(envelope))->state == OutboxState::sent);
}

TEST_CASE("add accepts only envelopes, and an id only with its own bytes", "[outbox]") {
  OutboxFixture f;
  auto outbox = f.open();
  CHECK(outbox->add("{}").error().code.starts_with("envelope."));
  CHECK(outbox->add("not json").error().code.starts_with("envelope."));

  const std::string id = wire::new_submission_id();
  const std::string first = f.filings.envelope(id);
  const std::string other = f.filings.envelope(id);  // sealing is randomised: other bytes
  REQUIRE(first != other);
  REQUIRE(outbox->add(first).ok());
  CHECK(outbox->add(first).ok());  // the same again: nothing changes
  const auto refused = outbox->add(other);
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.error().code == "sync.duplicate_id");
  CHECK(refused.error().where == id);
  CHECK(outbox->items().size() == 1);
  CHECK(outbox->find(id)->envelope_text == first);
}

TEST_CASE("at most N sends at once; a failing item never blocks the others", "[outbox]") {
  OutboxFixture f;
  auto outbox = f.open(2);
  std::vector<std::string> envelopes;
  for (int i = 0; i < 4; ++i) {
    envelopes.push_back(f.filings.envelope());
    REQUIRE(outbox->add(envelopes.back()).ok());
  }
  outbox->pump();
  CHECK(f.transport.pending_count() == 2);
  CHECK(outbox->in_flight() == 2);
  CHECK_FALSE(outbox->next_wake_monotonic_ms().has_value());  // slots full: a completion wakes
  // In the order added.
  CHECK(f.transport.exchanges()[0].request.path == submission_path(envelopes[0]));
  CHECK(f.transport.exchanges()[1].request.path == submission_path(envelopes[1]));

  // The first fails (server error): it waits, and the third takes its slot.
  f.transport.respond(f.transport.pending_for(submission_path(envelopes[0])), 503);
  CHECK(outbox->find(id_of(envelopes[0]))->state == OutboxState::queued);
  CHECK(outbox->find(id_of(envelopes[0]))->last_reason == "http.503");
  CHECK(f.transport.exchanges()[2].request.path == submission_path(envelopes[2]));

  f.accept(envelopes[1]);  // the fourth takes that slot
  CHECK(f.transport.exchanges()[3].request.path == submission_path(envelopes[3]));
  f.accept(envelopes[2]);
  f.accept(envelopes[3]);
  for (int i = 1; i < 4; ++i) CHECK(outbox->find(id_of(envelopes[i]))->state == OutboxState::sent);

  // The failed one goes again when its wait is over: the same id, the same bytes.
  const std::string first_id = id_of(envelopes[0]);
  CHECK(f.transport.pending_count() == 0);
  REQUIRE(outbox->next_wake_monotonic_ms() == outbox->find(first_id)->next_attempt_monotonic_ms);
  f.clock.advance_ms(wait_of(*outbox, f.clock, first_id) - 1);
  outbox->pump();
  CHECK(f.transport.pending_count() == 0);
  f.clock.advance_ms(1);
  outbox->pump();
  REQUIRE(f.transport.pending_count() == 1);
  CHECK(f.transport.exchanges().back().request.body == envelopes[0]);
  f.accept(envelopes[0], 200);
  CHECK(outbox->find(first_id)->state == OutboxState::sent);
  CHECK(outbox->find(first_id)->attempts == 2);
}

TEST_CASE("one send at a time when N is 1", "[outbox]") {
  OutboxFixture f;
  auto outbox = f.open(1);
  const std::string a = f.filings.envelope(), b = f.filings.envelope();
  REQUIRE(outbox->add(a).ok());
  REQUIRE(outbox->add(b).ok());
  outbox->pump();
  CHECK(f.transport.pending_count() == 1);
  f.transport.fail(0, NetworkFailure::timeout);
  CHECK(f.transport.pending_count() == 1);
  CHECK(f.transport.exchanges()[1].request.path == submission_path(b));
}

TEST_CASE("every network failure and retryable status is retried with backoff", "[outbox]") {
  struct Case {
    std::string name;
    std::function<void(FakeTransport&, std::size_t)> answer;
    std::string reason;
  };
  const std::vector<Case> cases = {
      {"offline", [](FakeTransport& t, std::size_t i) { t.fail(i, NetworkFailure::offline); },
       "network.offline"},
      {"timeout", [](FakeTransport& t, std::size_t i) { t.fail(i, NetworkFailure::timeout); },
       "network.timeout"},
      {"reset",
       [](FakeTransport& t, std::size_t i) { t.fail(i, NetworkFailure::connection_reset); },
       "network.connection_reset"},
      {"truncated", [](FakeTransport& t, std::size_t i) { t.fail(i, NetworkFailure::truncated); },
       "network.truncated"},
      {"500", [](FakeTransport& t, std::size_t i) { t.respond(i, 500, "<html>oops</html>"); },
       "http.500"},
      {"502", [](FakeTransport& t, std::size_t i) { t.respond(i, 502); }, "http.502"},
      {"503 with code",
       [](FakeTransport& t, std::size_t i) { t.respond(i, 503, error_body("internal")); },
       "internal"},
      {"429",
       [](FakeTransport& t, std::size_t i) { t.respond(i, 429, error_body("rate_limited")); },
       "rate_limited"},
      {"404 (a server being deployed)", [](FakeTransport& t, std::size_t i) { t.respond(i, 404); },
       "http.404"},
      {"200 with a captive portal's page",
       [](FakeTransport& t, std::size_t i) { t.respond(i, 200, "<html>Wi-Fi login</html>"); },
       "receipt.not_json"},
  };
  for (const Case& c : cases) {
    DYNAMIC_SECTION(c.name) {
      OutboxFixture f;
      f.random.draw = FakeRandomSource::Draw::largest;
      auto outbox = f.open();
      const std::string envelope = f.filings.envelope();
      const std::string id = id_of(envelope);
      REQUIRE(outbox->add(envelope).ok());
      outbox->pump();
      c.answer(f.transport, 0);
      const OutboxItem* item = outbox->find(id);
      CHECK(item->state == OutboxState::queued);
      CHECK(item->last_reason == c.reason);
      CHECK(item->failures_in_row == 1);
      CHECK(item->bytes_sent == 0);
      CHECK(wait_of(*outbox, f.clock, id) == 2'000);
      CHECK(item->next_attempt_utc_ms == f.clock.utc_unix_ms() + 2'000);
      CHECK(f.transport.pending_count() == 0);
    }
  }
}

TEST_CASE("waits grow to the cap and are drawn with full jitter", "[outbox]") {
  OutboxFixture f;
  auto outbox = f.open();
  const std::string envelope = f.filings.envelope();
  const std::string id = id_of(envelope);
  REQUIRE(outbox->add(envelope).ok());
  const std::vector<std::int64_t> ceilings = {2'000,   4'000,   8'000,   16'000,  32'000,  64'000,
                                              128'000, 256'000, 512'000, 600'000, 600'000, 600'000};
  for (std::size_t n = 0; n < ceilings.size(); ++n) {
    const bool largest = n % 2 == 0;
    f.random.draw = largest ? FakeRandomSource::Draw::largest : FakeRandomSource::Draw::smallest;
    outbox->pump();
    REQUIRE(f.transport.pending_count() == 1);
    f.transport.fail(f.transport.pending()[0], NetworkFailure::offline);
    INFO("failure " << n + 1);
    CHECK(f.random.bounds_asked.back() == ceilings[n] + 1);
    if (largest) {
      CHECK(outbox->find(id)->state == OutboxState::queued);
      CHECK(wait_of(*outbox, f.clock, id) == ceilings[n]);
      f.clock.advance_ms(ceilings[n]);
    } else {
      // A wait of 0: the completion's own pump sent it again at once.
      CHECK(outbox->find(id)->state == OutboxState::sending);
    }
  }
  CHECK(outbox->find(id)->attempts == static_cast<int>(ceilings.size()) + 1);
  CHECK(outbox->find(id)->failures_in_row == static_cast<int>(ceilings.size()));
}

TEST_CASE("Retry-After is a lower bound on the wait, within limits", "[outbox]") {
  OutboxFixture f;
  auto outbox = f.open();
  const std::string envelope = f.filings.envelope();
  const std::string id = id_of(envelope);
  REQUIRE(outbox->add(envelope).ok());

  auto fail_with = [&](std::string retry_after) {
    outbox->pump();
    REQUIRE(f.transport.pending_count() == 1);
    f.transport.respond(f.transport.pending()[0], 429, error_body("rate_limited"),
                        {{"retry-after", std::move(retry_after)}});
    REQUIRE(outbox->find(id)->state == OutboxState::queued);
    return wait_of(*outbox, f.clock, id);
  };
  f.random.draw = FakeRandomSource::Draw::smallest;
  const std::int64_t first = fail_with("120");  // header names are case-insensitive
  CHECK(first == 120'000);
  f.clock.advance_ms(first);

  f.random.draw = FakeRandomSource::Draw::largest;  // jitter 4 s > Retry-After 1 s
  const std::int64_t second = fail_with("1");
  CHECK(second == 4'000);
  f.clock.advance_ms(second);

  f.random.draw = FakeRandomSource::Draw::smallest;
  const std::int64_t third = fail_with("9999999");  // capped at an hour
  CHECK(third == 3'600'000);
  f.clock.advance_ms(third);

  f.random.draw = FakeRandomSource::Draw::largest;
  const std::int64_t fourth = fail_with("whenever");  // ignored: the backoff alone
  CHECK(fourth == 16'000);
}

TEST_CASE("refusals of the content are final, with the server's reason", "[outbox]") {
  struct Case {
    int status;
    std::string body;
    std::string reason;
  };
  for (const Case& c : std::vector<Case>{
           {400, error_body("envelope.not_canonical"), "envelope.not_canonical"},
           {400, error_body("submission.id_mismatch"), "submission.id_mismatch"},
           {413, error_body("envelope.too_large"), "envelope.too_large"},
           {413, "<html>Request Entity Too Large</html>", "http.413"},
           {422, error_body("submission.form_hash_mismatch"), "submission.form_hash_mismatch"},
           {422, error_body("envelope.bad_signature"), "envelope.bad_signature"},
           {422, R"({"error":{"code":"<script>"}})", "http.422"},
       }) {
    DYNAMIC_SECTION(c.status << " " << c.body) {
      OutboxFixture f;
      auto outbox = f.open();
      const std::string envelope = f.filings.envelope();
      const std::string id = id_of(envelope);
      REQUIRE(outbox->add(envelope).ok());
      outbox->pump();
      f.transport.respond(0, c.status, c.body);
      CHECK(outbox->find(id)->state == OutboxState::rejected);
      CHECK(outbox->find(id)->last_reason == c.reason);
      CHECK_FALSE(outbox->next_wake_monotonic_ms().has_value());
      f.clock.advance_ms(3'600'000);
      outbox->pump();
      outbox->network_online();
      outbox->retry_all();
      CHECK(f.transport.sent_count() == 1);
      CHECK(outbox->retry_now(id).error().code == "sync.not_retryable");
    }
  }
}

TEST_CASE("409 conflict needs attention and is not retried by itself", "[outbox]") {
  OutboxFixture f;
  auto outbox = f.open();
  const std::string envelope = f.filings.envelope();
  const std::string id = id_of(envelope);
  REQUIRE(outbox->add(envelope).ok());
  outbox->pump();
  f.transport.respond(0, 409, error_body("submission.conflict"));
  CHECK(outbox->find(id)->state == OutboxState::needs_attention);
  CHECK(outbox->find(id)->last_reason == "submission.conflict");
  f.clock.advance_ms(3'600'000);
  outbox->pump();
  outbox->network_online();
  CHECK(f.transport.sent_count() == 1);

  SECTION("without a body the reason is still the conflict") {
    REQUIRE(outbox->retry_now(id).ok());
    f.transport.respond(1, 409, "");
    CHECK(outbox->find(id)->last_reason == "submission.conflict");
  }
}

TEST_CASE("a receipt that does not verify needs attention", "[outbox]") {
  OutboxFixture f;
  auto outbox = f.open();
  const std::string envelope = f.filings.envelope();
  const std::string id = id_of(envelope);
  REQUIRE(outbox->add(envelope).ok());
  outbox->pump();

  std::string receipt;
  std::string reason;
  SECTION("signed by a key that is not the pinned one") {
    TestServer impostor;
    impostor.keys = signing_keys(0x44);
    receipt = impostor.receipt_for(envelope);
    reason = "receipt.wrong_server_key";
  }
  SECTION("the server's receipt for other bytes under the same id") {
    receipt = f.server.receipt_for(f.filings.envelope(id));
    reason = "receipt.other_submission";
  }
  SECTION("the server's receipt for another submission") {
    receipt = f.server.receipt_for(f.filings.envelope());
    reason = "receipt.other_submission";
  }
  SECTION("a signature that does not hold") {
    receipt = f.server.receipt_for(envelope);
    const std::size_t at = receipt.find("\"signature\":\"") + 13;
    receipt[at] = receipt[at] == 'A' ? 'B' : 'A';
    reason = "receipt.bad_signature";
  }
  f.transport.respond(0, 201, receipt);
  const OutboxItem* item = outbox->find(id);
  CHECK(item->state == OutboxState::needs_attention);
  CHECK(item->last_reason == reason);
  CHECK(item->receipt_text.empty());
  CHECK(item->dossier_code.empty());

  // "Gửi lại" sends the same bytes again; a good receipt ends it.
  REQUIRE(outbox->retry_now(id).ok());
  REQUIRE(f.transport.pending_count() == 1);
  CHECK(f.transport.exchanges()[1].request.body == envelope);
  f.accept(envelope, 200);
  CHECK(outbox->find(id)->state == OutboxState::sent);
}

TEST_CASE("Gửi lại and the online event cut the wait short", "[outbox]") {
  OutboxFixture f;
  f.random.draw = FakeRandomSource::Draw::largest;
  auto outbox = f.open();
  const std::string a = f.filings.envelope(), b = f.filings.envelope();
  REQUIRE(outbox->add(a).ok());
  REQUIRE(outbox->add(b).ok());
  // Five failures each: waits of up to 32 s.
  for (int n = 0; n < 5; ++n) {
    outbox->pump();
    for (std::size_t i : f.transport.pending()) f.transport.fail(i, NetworkFailure::offline);
    f.clock.advance_ms(32'000);
  }
  outbox->pump();
  for (std::size_t i : f.transport.pending()) f.transport.fail(i, NetworkFailure::offline);
  REQUIRE(wait_of(*outbox, f.clock, id_of(a)) == 64'000);
  const std::size_t before = f.transport.sent_count();

  SECTION("retry_now for one item") {
    REQUIRE(outbox->retry_now(id_of(a)).ok());
    CHECK(f.transport.sent_count() == before + 1);
    CHECK(f.transport.exchanges().back().request.path == submission_path(a));
    CHECK(outbox->find(id_of(b))->state == OutboxState::queued);
    // The backoff starts again from the base for the item retried by hand.
    f.transport.fail(f.transport.pending()[0], NetworkFailure::offline);
    CHECK(wait_of(*outbox, f.clock, id_of(a)) == 2'000);
    CHECK(wait_of(*outbox, f.clock, id_of(b)) == 64'000);
  }
  SECTION("retry_all") {
    outbox->retry_all();
    CHECK(f.transport.sent_count() == before + 2);
  }
  SECTION("the network comes back") {
    outbox->network_online();
    CHECK(f.transport.sent_count() == before + 2);
    f.accept(a);
    f.accept(b);
    CHECK(outbox->find(id_of(a))->state == OutboxState::sent);
    CHECK(outbox->find(id_of(b))->state == OutboxState::sent);
  }
  SECTION("an unknown id") {
    CHECK(outbox->retry_now("00000000000000000000000000000000").error().code ==
          "sync.unknown_item");
  }
}

TEST_CASE("the outbox survives reopening the vault, every state kept", "[outbox]") {
  OutboxFixture f;
  f.random.draw = FakeRandomSource::Draw::largest;
  std::vector<OutboxItem> before;
  const std::string sent = f.filings.envelope(), rejected = f.filings.envelope(),
                    attention = f.filings.envelope(), waiting = f.filings.envelope(),
                    untouched = f.filings.envelope();
  {
    auto outbox = f.open();
    for (const std::string* e : {&sent, &rejected, &attention, &waiting, &untouched}) {
      REQUIRE(outbox->add(*e).ok());
      f.clock.advance_ms(1);  // distinct added times: the order is kept
    }
    outbox->pump();
    f.accept(sent);
    f.transport.respond(f.transport.pending_for(submission_path(rejected)), 422,
                        error_body("submission.unknown_form"));
    f.transport.respond(f.transport.pending_for(submission_path(attention)), 409, "");
    f.transport.respond(f.transport.pending_for(submission_path(waiting)), 503, "",
                        {{"Retry-After", "60"}});
    REQUIRE(f.transport.pending_count() == 1);  // `untouched` is on the network
    before = outbox->items();
  }
  f.vault.lock();
  f.vault = f.vault_fixture.store.unlock(f.vault.id(), "246810").value();
  f.clock.restart_monotonic();
  auto reopened = f.open();
  REQUIRE(reopened->items().size() == before.size());
  CHECK(reopened->unreadable_records() == 0);
  for (std::size_t i = 0; i < before.size(); ++i) {
    OutboxItem expected = before[i];
    const OutboxItem& got = reopened->items()[i];
    INFO(expected.submission_id);
    if (expected.state == OutboxState::sending) {
      expected.state = OutboxState::queued;  // its answer never came
      expected.bytes_sent = 0;
    }
    if (expected.state == OutboxState::queued) {
      // The start trigger: due now, the backoff forgotten.
      expected.failures_in_row = 0;
      expected.next_attempt_monotonic_ms = f.clock.monotonic_ms();
      expected.next_attempt_utc_ms = f.clock.utc_unix_ms();
    }
    CHECK(got == expected);
  }
  CHECK(reopened->find(id_of(waiting))->last_reason == "http.503");
  CHECK(reopened->find(id_of(rejected))->last_reason == "submission.unknown_form");
}

TEST_CASE("a restart mid-send resends the same bytes; the late answer is dropped", "[outbox]") {
  OutboxFixture f;
  const std::string envelope = f.filings.envelope();
  const std::string id = id_of(envelope);
  {
    auto outbox = f.open();
    REQUIRE(outbox->add(envelope).ok());
    outbox->pump();
    REQUIRE(f.transport.pending_count() == 1);
  }  // the app closes (or locks) with the PUT on the network

  auto reopened = f.open();
  CHECK(reopened->find(id)->state == OutboxState::queued);
  CHECK(reopened->find(id)->attempts == 1);
  // The first outbox's answer arrives now: nobody is listening, nothing breaks.
  f.accept(envelope);
  CHECK(reopened->find(id)->state == OutboxState::queued);
  CHECK(reopened->in_flight() == 0);

  reopened->pump();
  REQUIRE(f.transport.pending_count() == 1);
  CHECK(f.transport.exchanges()[1].request.path == "/api/v1/submissions/" + id);
  CHECK(f.transport.exchanges()[1].request.body == envelope);
  f.accept(envelope, 200);  // the server already had it: same receipt again
  CHECK(reopened->find(id)->state == OutboxState::sent);
  CHECK(reopened->find(id)->attempts == 2);
}

TEST_CASE("records that cannot be read are counted, not fatal", "[outbox]") {
  OutboxFixture f;
  const std::string envelope = f.filings.envelope();
  {
    auto outbox = f.open();
    REQUIRE(outbox->add(envelope).ok());
  }
  REQUIRE(f.vault.put({"outbox", "junk", "", ""}, crypto::as_bytes("{\"format\":1}")).ok());
  OutboxItem mislabelled;
  mislabelled.submission_id = "0123456789abcdef0123456789abcdef";
  mislabelled.envelope_text = envelope;
  REQUIRE(
      f.vault.put({"outbox", "other", "", ""}, crypto::as_bytes(outbox_record_json(mislabelled)))
          .ok());
  auto reopened = f.open();
  CHECK(reopened->items().size() == 1);
  CHECK(reopened->unreadable_records() == 2);
}

TEST_CASE("outbox records read back as written", "[outbox]") {
  OutboxItem item;
  item.submission_id = "0123456789abcdef0123456789abcdef";
  item.form_id = "khai-sinh";
  item.form_version = "2025.1";
  item.envelope_text = "{\"x\":\"Lê\"}";
  item.state = OutboxState::needs_attention;
  item.attempts = 7;
  item.failures_in_row = 3;
  item.added_utc_ms = 1;
  item.last_attempt_utc_ms = 2;
  item.next_attempt_utc_ms = 3;
  item.last_reason = "receipt.bad_signature";
  item.bytes_total = item.envelope_text.size();
  auto read = parse_outbox_record(outbox_record_json(item));
  REQUIRE(read.ok());
  CHECK(read.value() == item);
  CHECK(parse_outbox_record("[]").error().code == "sync.bad_outbox_record");
  CHECK(parse_outbox_record(R"({"format":"tokhai-outbox-item/2"})").error().where == "format");
}

TEST_CASE("options are checked", "[outbox]") {
  OutboxFixture f;
  for (int n : {0, 3}) {
    auto opened = Outbox::open(f.vault, f.transport, f.clock, f.random, f.options(n));
    CHECK(opened.error().code == "sync.bad_options");
  }
  OutboxOptions no_key = f.options();
  no_key.server_public_key.clear();
  CHECK(Outbox::open(f.vault, f.transport, f.clock, f.random, no_key).error().code ==
        "sync.bad_options");
  f.vault.lock();
  CHECK(Outbox::open(f.vault, f.transport, f.clock, f.random, f.options()).error().code ==
        "vault.locked");
}

TEST_CASE("a locked vault is reported, and the state in memory stays right", "[outbox]") {
  OutboxFixture f;
  auto outbox = f.open();
  const std::string envelope = f.filings.envelope();
  REQUIRE(outbox->add(envelope).ok());
  outbox->pump();
  f.vault.lock();  // the app must destroy the outbox first; if it does not:
  f.accept(envelope);
  CHECK(outbox->find(id_of(envelope))->state == OutboxState::sent);
  REQUIRE(outbox->storage_problem().has_value());
  CHECK(outbox->storage_problem()->code == "vault.locked");
  CHECK(outbox->add(f.filings.envelope()).error().code == "vault.locked");
}
