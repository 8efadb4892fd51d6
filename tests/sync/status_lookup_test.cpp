// Status lookups: the request carries the submission id as its capability,
// a good answer is cached in the vault and read back after reopening it (for
// offline viewing), and failures keep the cache and say why.
#include "sync/status_lookup.h"

#include <catch2/catch.hpp>
#include <string>

#include "sync_test_support.h"

using namespace tokhai;
using namespace tokhai::sync;
using namespace tokhai::sync::testing;

namespace {

std::string status_answer(std::string_view dossier_code, std::string_view status = "processing") {
  return R"({"dossier_code":")" + std::string(dossier_code) + R"(","status":")" +
         std::string(status) +
         R"(","updated_at":"2025-07-03T09:00:00Z","history":[)"
         R"({"status":"submitted","at":"2025-07-01T08:31:00Z"},)"
         R"({"status":"received","message":"Đã nhận hồ sơ.","at":"2025-07-02T07:00:00Z"},)"
         R"({"status":")" +
         std::string(status) + R"(","at":"2025-07-03T09:00:00Z"}]})";
}

// A sent item, through the outbox.
OutboxItem sent_item(OutboxFixture& f) {
  auto outbox = f.open();
  const std::string envelope = f.filings.envelope();
  REQUIRE(outbox->add(envelope).ok());
  outbox->pump();
  f.accept(envelope);
  const OutboxItem item = *outbox->find(id_of(envelope));
  REQUIRE(item.state == OutboxState::sent);
  return item;
}

}  // namespace

TEST_CASE("status answers are read strictly enough", "[status]") {
  auto good = parse_dossier_status(status_answer("TK-250701-ABCD-EFGH"));
  REQUIRE(good.ok());
  CHECK(good.value().dossier_code == "TK-250701-ABCD-EFGH");
  CHECK(good.value().status == "processing");
  CHECK(good.value().message.empty());
  CHECK(good.value().updated_at == "2025-07-03T09:00:00Z");
  REQUIRE(good.value().history.size() == 3);
  CHECK(good.value().history[1] ==
        DossierStatusEvent{"received", "Đã nhận hồ sơ.", "2025-07-02T07:00:00Z"});

  // A status this build does not know yet is kept (a newer server).
  CHECK(parse_dossier_status(status_answer("TK-250701-ABCD-EFGH", "archived")).ok());

  for (const std::string& bad :
       {std::string("not json"), std::string("[]"), status_answer("TK-1"),
        status_answer("TK-250701-ABCD-EFGH", "Processing!"),
        std::string(R"({"dossier_code":"TK-250701-ABCD-EFGH","status":"received",)"
                    R"("updated_at":"yesterday","history":[]})"),
        std::string(R"({"dossier_code":"TK-250701-ABCD-EFGH","status":"received",)"
                    R"("updated_at":"2025-07-03T09:00:00Z"})"),
        std::string(R"({"dossier_code":"TK-250701-ABCD-EFGH","status":"received",)"
                    R"("updated_at":"2025-07-03T09:00:00Z","history":[{"status":"received"}]})"),
        std::string(R"({"dossier_code":"TK-250701-ABCD-EFGH","status":"rejected","message":")") +
            std::string(2001, 'x') + R"(","updated_at":"2025-07-03T09:00:00Z","history":[]})"}) {
    INFO(bad.substr(0, 120));
    auto read = parse_dossier_status(bad);
    REQUIRE_FALSE(read.ok());
    CHECK(read.error().code == "sync.bad_status_answer");
  }
}

TEST_CASE("a lookup asks with the submission id and caches the answer", "[status]") {
  OutboxFixture f;
  const OutboxItem item = sent_item(f);
  const std::size_t puts = f.transport.sent_count();
  {
    auto lookup = StatusLookup::open(f.vault, f.transport, f.clock);
    REQUIRE(lookup.ok());
    int changes = 0;
    lookup.value()->set_change_listener([&] { ++changes; });
    CHECK(lookup.value()->status(item.submission_id) == nullptr);

    lookup.value()->refresh(item);
    lookup.value()->refresh(item);  // one at a time
    REQUIRE(f.transport.sent_count() == puts + 1);
    const HttpRequest& request = f.transport.exchanges().back().request;
    CHECK(request.method == HttpMethod::get);
    CHECK(request.path == "/api/v1/status/" + item.dossier_code);
    CHECK(std::find(request.headers.begin(), request.headers.end(),
                    HttpHeader{"X-Tokhai-Submission", item.submission_id}) !=
          request.headers.end());
    CHECK(lookup.value()->status(item.submission_id)->refreshing);

    f.transport.respond(puts, 200, status_answer(item.dossier_code));
    const DossierStatusView* view = lookup.value()->status(item.submission_id);
    REQUIRE(view != nullptr);
    CHECK_FALSE(view->refreshing);
    CHECK_FALSE(view->last_error.has_value());
    REQUIRE(view->cached.has_value());
    CHECK(view->cached->status == "processing");
    CHECK(view->cached->fetched_utc_ms == f.clock.utc_unix_ms());
    CHECK(changes == 2);
  }

  // Offline, after the vault was locked and opened again: the cached status.
  f.vault.lock();
  f.vault = f.vault_fixture.store.unlock(f.vault.id(), "246810").value();
  auto reopened = StatusLookup::open(f.vault, f.transport, f.clock);
  REQUIRE(reopened.ok());
  const DossierStatusView* view = reopened.value()->status(item.submission_id);
  REQUIRE(view != nullptr);
  REQUIRE(view->cached.has_value());
  CHECK(view->cached->status == "processing");
  CHECK(view->cached->history.size() == 3);
  CHECK(view->cached->fetched_utc_ms == f.clock.utc_unix_ms());

  SECTION("a failed refresh keeps the cache and says why") {
    struct Case {
      std::function<void(FakeTransport&, std::size_t)> answer;
      std::string code;
    };
    for (const Case& c : std::vector<Case>{
             {[](FakeTransport&t, std::size_t i) { t.fail(i, NetworkFailure::offline); },
              "network.offline"},
             {[](FakeTransport&t, std::size_t i) { t.respond(i, 404); }, "sync.status_not_found"},
             {[](FakeTransport&t, std::size_t i) { t.respond(i, 503); }, "http.503"},
             {[](FakeTransport&t, std::size_t i) { t.respond(i, 200, "{}"); },
              "sync.bad_status_answer"},
             {[](FakeTransport&t, std::size_t i) {
                t.respond(i, 200, status_answer("TK-250701-ABCD-EFGH"));
              },
              "sync.bad_status_answer"},  // another dossier's answer
         }) {
      reopened.value()->refresh(item);
      c.answer(f.transport, f.transport.pending()[0]);
      view = reopened.value()->status(item.submission_id);
      REQUIRE(view->last_error.has_value());
      CHECK(view->last_error->code == c.code);
      REQUIRE(view->cached.has_value());
      CHECK(view->cached->status == "processing");
    }
    // A good answer clears the error and replaces the cache.
    reopened.value()->refresh(item);
    f.transport.respond(f.transport.pending()[0], 200,
                        status_answer(item.dossier_code, "completed"));
    CHECK_FALSE(reopened.value()->status(item.submission_id)->last_error.has_value());
    CHECK(reopened.value()->status(item.submission_id)->cached->status == "completed");
  }
}

TEST_CASE("only sent items are looked up", "[status]") {
  OutboxFixture f;
  auto lookup = StatusLookup::open(f.vault, f.transport, f.clock);
  REQUIRE(lookup.ok());
  OutboxItem queued;
  queued.submission_id = "0123456789abcdef0123456789abcdef";
  queued.dossier_code = "TK-250701-ABCD-EFGH";
  lookup.value()->refresh(queued);
  CHECK(f.transport.sent_count() == 0);
}

TEST_CASE("an answer after the lookup is gone is dropped", "[status]") {
  OutboxFixture f;
  const OutboxItem item = sent_item(f);
  {
    auto lookup = StatusLookup::open(f.vault, f.transport, f.clock);
    REQUIRE(lookup.ok());
    lookup.value()->refresh(item);
  }
  f.transport.respond(f.transport.pending()[0], 200, status_answer(item.dossier_code));
  auto reopened = StatusLookup::open(f.vault, f.transport, f.clock);
  CHECK(reopened.value()->status(item.submission_id) == nullptr);
}
