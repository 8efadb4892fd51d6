// Reasons shown to people: known codes get their own sentence, families of
// codes share one, and anything else a general sentence — never empty.
#include "sync/reason_text.h"

#include <catch2/catch.hpp>

using namespace tokhai::sync;

TEST_CASE("every reason has a Vietnamese and an English sentence", "[reason]") {
  CHECK(reason_text("network.offline").vi.starts_with("Không có mạng"));
  CHECK(reason_text("network.truncated") == reason_text("network.connection_reset"));
  CHECK(reason_text("http.502") == reason_text("http.503"));
  CHECK(reason_text("rate_limited") == reason_text("http.429"));
  CHECK(reason_text("receipt.bad_signature").en.find("receipt") != std::string::npos);
  CHECK(reason_text("envelope.bad_signature") == reason_text("envelope.not_canonical"));
  CHECK(reason_text("envelope.too_large") != reason_text("envelope.bad_signature"));
  for (const char* code : {"", "whatever", "http.404", "submission.conflict",
                           "submission.wrong_agency_key", "sync.status_not_found"}) {
    INFO(code);
    CHECK_FALSE(reason_text(code).vi.empty());
    CHECK_FALSE(reason_text(code).en.empty());
  }
}
