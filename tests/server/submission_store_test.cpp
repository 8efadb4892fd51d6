// SqliteSubmissionStore with its group-commit writer: put's outcomes,
// idempotency when many threads put the same id at once, the dossier code
// kept unique, statuses per agency, the cursor order of agency pages, and
// what survives closing and reopening.
#include "server/sqlite_submission_store.h"

#include <catch2/catch.hpp>
#include <set>
#include <thread>
#include <vector>

#include "server/server_store.h"
#include "temp_directory.h"

using namespace tokhai::server;
using tokhai::server::testing::TempDirectory;

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

class OpenStore {
 public:
  OpenStore() : folder_("tokhai-store-") { reopen(); }
  void reopen() {
    store_.reset();
    REQUIRE(ServerStore::open(folder_.path()).ok());
    auto opened = SqliteSubmissionStore::open(folder_.path());
    REQUIRE(opened);
    store_ = std::move(opened).value();
  }
  SqliteSubmissionStore& operator*() { return *store_; }
  SqliteSubmissionStore* operator->() { return store_.get(); }

 private:
  TempDirectory folder_;
  std::unique_ptr<SqliteSubmissionStore> store_;
};

}  // namespace

TEST_CASE("put: created, identical with the first receipt, conflict, dossier code taken") {
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

TEST_CASE("many threads putting the same ids at once: exactly one created per id") {
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
  // Concurrent puts share commits (a group per put would be kThreads * kIds).
  CHECK(store->write_groups_committed() <= kThreads * kIds);
}

TEST_CASE("agency pages follow the cursor; statuses go only to the agency's own dossiers") {
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
