// The SubmissionStore of each storage engine (storage.h): SQLite with its
// group-commit writer, and PostgreSQL when the tests run against it
// (test_database.h; these cases are tagged [db]). Put's outcomes, idempotency
// when many threads and two storages ("instances") on one database put the
// same id at once, the dossier code kept unique, statuses per agency, the
// cursor order of agency pages while writers commit, agency signatures
// shared between instances, and what survives closing and reopening.
#include <atomic>
#include <catch2/catch.hpp>
#include <set>
#include <thread>
#include <vector>

#include "crypto/bytes.h"
#include "server/sqlite_submission_store.h"
#include "server/storage.h"
#include "temp_directory.h"
#include "test_database.h"

using namespace tokhai::server;
using tokhai::server::testing::fresh_database_url;
using tokhai::server::testing::TempDirectory;
using tokhai::server::testing::testing_postgres;

namespace {

NewSubmission submission(const std::string& id, const std::string& bytes,
                         const std::string& agency = "ubnd-xa") {
  NewSubmission s;
  s.id = id;
  s.envelope_text = bytes;
  s.envelope_sha256_hex = "sha-of-" + bytes;
  s.agency_code = agency;
  s.form_id = "test.khai-bao";
  s.form_version = "2026.1";
  s.dossier_code = "TK-261203-" + id.substr(0, 4) + "-" + bytes.substr(0, 4);
  s.received_at = "2026-12-03T08:30:00Z";
  s.receipt_text = "receipt of " + id + " " + bytes;
  return s;
}

std::string id_number(int n) {
  std::string id = std::to_string(n);
  return std::string(32 - id.size(), '0') + id;
}

// A storage on a fresh database (SQLite in a temp folder, or a fresh
// PostgreSQL schema); another() opens a second one on the same database, as a
// second server instance would.
class OpenStore {
 public:
  OpenStore() : folder_("tokhai-store-"), url_(fresh_database_url()) { reopen(); }
  void reopen() {
    storage_.reset();
    storage_ = another();
  }
  std::unique_ptr<Storage> another() {
    auto opened = open_storage(url_, folder_.path());
    if (!opened) FAIL(opened.error().code << ": " << opened.error().message.en);
    return std::move(opened).value();
  }
  Storage& storage() { return *storage_; }
  SubmissionStore& operator*() { return storage_->submissions(); }
  SubmissionStore* operator->() { return &storage_->submissions(); }

 private:
  TempDirectory folder_;
  std::string url_;
  std::unique_ptr<Storage> storage_;
};

}  // namespace

TEST_CASE("put: created, identical with the first receipt, conflict, dossier code taken", "[db]") {
  OpenStore store;
  const auto first = submission(id_number(1), "AAAA envelope");
  auto created = store->put(first);
  REQUIRE(created);
  CHECK(created.value().outcome == PutOutcome::created);
  CHECK(created.value().receipt_text == first.receipt_text);

  auto resend = first;
  resend.dossier_code = "TK-261203-ZZZZ-ZZZZ";
  resend.receipt_text = "a newer receipt";
  auto identical = store->put(resend);
  REQUIRE(identical);
  CHECK(identical.value().outcome == PutOutcome::identical);
  CHECK(identical.value().receipt_text == first.receipt_text);

  auto conflict = store->put(submission(id_number(1), "BBBB other bytes"));
  REQUIRE(conflict);
  CHECK(conflict.value().outcome == PutOutcome::conflict);

  auto clash = submission(id_number(2), "CCCC");
  clash.dossier_code = first.dossier_code;
  auto taken = store->put(clash);
  REQUIRE(taken);
  CHECK(taken.value().outcome == PutOutcome::dossier_code_taken);
  CHECK_FALSE(store->find_receipt(id_number(2)).value());

  store.reopen();
  auto stored = store->find_receipt(id_number(1));
  REQUIRE(stored);
  REQUIRE(stored.value());
  CHECK(stored.value()->receipt_text == first.receipt_text);
}

TEST_CASE("many threads putting the same ids at once: exactly one created per id", "[db]") {
  OpenStore store;
  constexpr int kThreads = 16;
  constexpr int kIds = 20;
  std::vector<std::vector<PutOutcome>> outcomes(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kIds; ++i) {
        // Even threads send the same bytes, odd ones other bytes.
        auto s =
            submission(id_number(i), t % 2 == 0 ? "SAME bytes" : "DIFF bytes " + std::to_string(t));
        s.dossier_code = "TK-261203-" + std::to_string(t) + "-" + std::to_string(i);
        auto put = store->put(s);
        outcomes[static_cast<std::size_t>(t)].push_back(put ? put.value().outcome
                                                            : PutOutcome::dossier_code_taken);
      }
    });
  }
  for (auto& thread : threads) thread.join();
  for (int i = 0; i < kIds; ++i) {
    int created = 0;
    for (const auto& per_thread : outcomes) {
      const auto outcome = per_thread[static_cast<std::size_t>(i)];
      CHECK(outcome != PutOutcome::dossier_code_taken);
      created += outcome == PutOutcome::created ? 1 : 0;
    }
    CHECK(created == 1);
  }
  // SQLite: concurrent puts share commits (a group per put would be kThreads * kIds).
  if (auto* sqlite = dynamic_cast<SqliteSubmissionStore*>(&*store)) {
    CHECK(sqlite->write_groups_committed() <= kThreads * kIds);
  }
}

TEST_CASE("two instances on one database: concurrent duplicates, one created per id", "[db]") {
  OpenStore store;
  auto second = store.another();
  constexpr int kIds = 40;
  std::vector<PutOutcome> first_outcomes(kIds), second_outcomes(kIds);
  auto send_all = [](SubmissionStore& target, std::vector<PutOutcome>& outcomes, int instance) {
    for (int i = 0; i < kIds; ++i) {
      auto s = submission(id_number(i), "SAME bytes");
      s.dossier_code = "TK-261203-" + std::to_string(instance) + "-" + std::to_string(i);
      auto put = target.put(s);
      outcomes[static_cast<std::size_t>(i)] =
          put ? put.value().outcome : PutOutcome::dossier_code_taken;
    }
  };
  std::thread one([&] { send_all(*store, first_outcomes, 1); });
  std::thread two([&] { send_all(second->submissions(), second_outcomes, 2); });
  one.join();
  two.join();
  for (std::size_t i = 0; i < kIds; ++i) {
    CAPTURE(i);
    CHECK(first_outcomes[i] != PutOutcome::dossier_code_taken);
    CHECK(second_outcomes[i] != PutOutcome::dossier_code_taken);
    CHECK((first_outcomes[i] == PutOutcome::created) !=
          (second_outcomes[i] == PutOutcome::created));
    // Both answers carry the one stored receipt.
    auto stored = second->submissions().find_receipt(id_number(static_cast<int>(i)));
    REQUIRE(stored);
    REQUIRE(stored.value());
  }
  CHECK(store.storage().instance_id() == second->instance_id());
}

TEST_CASE("an agency paging while writers commit sees every submission once, in cursor order",
          "[db]") {
  OpenStore store;
  auto second = store.another();
  constexpr int kWriters = 4;
  constexpr int kPerWriter = 50;
  std::atomic<int> writers_done{0};
  std::atomic<int> failed_puts{0};  // Catch2 assertions are for the main thread only
  std::vector<std::thread> writers;
  for (int w = 0; w < kWriters; ++w) {
    writers.emplace_back([&, w] {
      SubmissionStore& target = w % 2 == 0 ? *store : second->submissions();
      for (int i = 0; i < kPerWriter; ++i) {
        const int n = w * kPerWriter + i;
        auto s = submission(id_number(n), "PAGE" + std::to_string(n));
        s.dossier_code = "TK-PAGE-" + std::to_string(n);
        if (!target.put(s).ok()) ++failed_puts;
      }
      ++writers_done;
    });
  }
  std::set<std::string> seen;
  std::int64_t cursor = 0;
  while (true) {
    const bool all_written = writers_done == kWriters;
    auto page = store->list_for_agency("ubnd-xa", cursor, 7);
    REQUIRE(page);
    for (const auto& item : page.value()) {
      CHECK(item.cursor > cursor);
      cursor = item.cursor;
      CHECK(seen.insert(item.id).second);
    }
    if (all_written && page.value().empty()) break;
  }
  for (auto& writer : writers) writer.join();
  CHECK(failed_puts == 0);
  CHECK(seen.size() == kWriters * kPerWriter);
  auto rest = store->list_for_agency("ubnd-xa", cursor, 100);
  REQUIRE(rest);
  CHECK(rest.value().empty());
}

TEST_CASE("agency signatures: a replay is refused, also by another instance on PostgreSQL",
          "[db]") {
  OpenStore store;
  const auto signature = tokhai::crypto::to_bytes("signature-of-a-request");
  auto first = store.storage().agency_replays().record_first_use(signature, 1000, 1000);
  REQUIRE(first);
  CHECK(first.value());
  auto again = store.storage().agency_replays().record_first_use(signature, 1000, 1010);
  REQUIRE(again);
  CHECK_FALSE(again.value());
  if (testing_postgres()) {
    auto second = store.another();
    auto elsewhere = second->agency_replays().record_first_use(signature, 1000, 1020);
    REQUIRE(elsewhere);
    CHECK_FALSE(elsewhere.value());
    // Expired signatures are forgotten (the window is 300 s after the request).
    auto later = tokhai::crypto::to_bytes("a later request");
    REQUIRE(second->agency_replays().record_first_use(later, 2000, 2000).value());
    auto accepted_after_expiry = second->agency_replays().record_first_use(signature, 1000, 2000);
    REQUIRE(accepted_after_expiry);
    CHECK(accepted_after_expiry.value());
  }
}

TEST_CASE("agency pages follow the cursor; statuses go only to the agency's own dossiers", "[db]") {
  OpenStore store;
  for (int i = 1; i <= 5; ++i) {
    REQUIRE(store
                ->put(submission(id_number(i), "E" + std::to_string(i) + "xxx",
                                 i % 2 ? "ubnd-xa" : "csgt"))
                .ok());
  }
  auto page = store->list_for_agency("ubnd-xa", 0, 2);
  REQUIRE(page);
  REQUIRE(page.value().size() == 2);
  CHECK(page.value()[0].id == id_number(1));
  CHECK(page.value()[1].id == id_number(3));
  auto rest = store->list_for_agency("ubnd-xa", page.value()[1].cursor, 10);
  REQUIRE(rest);
  REQUIRE(rest.value().size() == 1);
  CHECK(rest.value()[0].id == id_number(5));
  CHECK(rest.value()[0].envelope_text == "E5xxx");

  CHECK(store->find_for_agency("csgt", id_number(2)).value());
  CHECK_FALSE(store->find_for_agency("ubnd-xa", id_number(2)).value());

  const std::string dossier = submission(id_number(1), "E1xxx").dossier_code;
  CHECK_FALSE(store->add_status("csgt", dossier, {"received", std::nullopt, "t1"}).value());
  CHECK(store->add_status("ubnd-xa", dossier, {"rejected", "Sai mẫu.", "t2"}).value());
  store.reopen();
  auto status = store->status(dossier);
  REQUIRE(status);
  REQUIRE(status.value());
  CHECK(status.value()->submission_id == id_number(1));
  REQUIRE(status.value()->history.size() == 2);
  CHECK(status.value()->history[0].status == "submitted");
  CHECK(status.value()->history[1].status == "rejected");
  CHECK(status.value()->history[1].message == "Sai mẫu.");
  CHECK_FALSE(store->status("TK-000000-0000-0000").value());
}
