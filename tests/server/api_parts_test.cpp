// The small parts of the API: the rate limiter's buckets (with made-up
// times), route labels for metrics, the Prometheus text, the replay guard.
#include <catch2/catch.hpp>

#include "crypto/bytes.h"
#include "server/metrics.h"
#include "server/rate_limiter.h"
#include "server/replay_guard.h"
#include "server/route_label.h"

using namespace tokhai::server;
using std::chrono::milliseconds;

TEST_CASE("the rate limiter allows a burst, then the rate, per client") {
  RateLimiter limiter(2, 3);  // 2 a second, 3 at once
  const auto t0 = RateLimiter::Clock::time_point{} + std::chrono::hours(1);
  for (int i = 0; i < 3; ++i) CHECK(limiter.take("10.0.0.1", t0).allowed);
  const auto refused = limiter.take("10.0.0.1", t0);
  CHECK_FALSE(refused.allowed);
  CHECK(refused.retry_after_seconds == 1);
  CHECK(limiter.take("10.0.0.2", t0).allowed);  // another client has its own bucket
  CHECK_FALSE(limiter.take("10.0.0.1", t0 + milliseconds(400)).allowed);
  CHECK(limiter.take("10.0.0.1", t0 + milliseconds(600)).allowed);  // 1.2 tokens came back
  CHECK(limiter.take("10.0.0.1", t0 + milliseconds(10'000)).allowed);

  RateLimiter off(0, 0);
  CHECK_FALSE(off.enabled());
  for (int i = 0; i < 1000; ++i) CHECK(off.take("10.0.0.1", t0).allowed);
}

TEST_CASE("routes are labelled by pattern, never by id") {
  CHECK(route_label("/api/v1/submissions/5f0c9a2e7b3d41c8a6e2d9f0b4c7a1e3") ==
        "/api/v1/submissions/{id}");
  CHECK(route_label("/api/v1/status/TK-261203-ABCD-EFGH") == "/api/v1/status/{dossier}");
  CHECK(route_label("/api/v1/agency/submissions") == "/api/v1/agency/submissions");
  CHECK(route_label("/api/v1/agency/submissions/x") == "/api/v1/agency/submissions/{id}");
  CHECK(route_label("/api/v1/agency/status/x") == "/api/v1/agency/status/{dossier}");
  CHECK(route_label("/api/v1/submissions/a/b") == "/api/other");
  CHECK(route_label("/api/v1/submissions/x/attachments/0?offset=5") ==
        "/api/v1/submissions/{id}/attachments/{index}");
  CHECK(route_label("/api/v1/agency/submissions/x/attachments/3") ==
        "/api/v1/agency/submissions/{id}/attachments/{index}");
  CHECK(route_label("/api/v1/submissions/x/attachments/0/y") == "/api/other");
  CHECK(route_label("/api/v1/submissions/x/other/0") == "/api/other");
  CHECK(route_label("/api") == "/api/other");
  CHECK(route_label("/healthz") == "/healthz");
  CHECK(route_label("/app.wasm") == "static");
}

TEST_CASE("metrics are written in the Prometheus text format") {
  Metrics metrics;
  metrics.record_request("/api/v1/forms", 200, 0.0007);
  metrics.record_request("/api/v1/forms", 200, 3.0);
  metrics.record_rejection("envelope.bad_signature");
  const std::string text = metrics.prometheus_text();
  CHECK(text.find("# TYPE tokhai_http_requests_total counter\n") != std::string::npos);
  CHECK(text.find("tokhai_http_requests_total{route=\"/api/v1/forms\",status=\"200\"} 2\n") !=
        std::string::npos);
  CHECK(text.find("tokhai_submissions_rejected_total{reason=\"envelope.bad_signature\"} 1\n") !=
        std::string::npos);
  CHECK(text.find("tokhai_http_request_duration_seconds_bucket{route=\"/api/v1/forms\",le="
                  "\"0.0005\"} 0\n") != std::string::npos);
  CHECK(text.find("tokhai_http_request_duration_seconds_bucket{route=\"/api/v1/forms\",le="
                  "\"0.001\"} 1\n") != std::string::npos);
  CHECK(text.find("tokhai_http_request_duration_seconds_bucket{route=\"/api/v1/forms\",le="
                  "\"2.5\"} 1\n") != std::string::npos);
  CHECK(text.find("tokhai_http_request_duration_seconds_bucket{route=\"/api/v1/forms\",le="
                  "\"+Inf\"} 2\n") != std::string::npos);
  CHECK(text.find("tokhai_http_request_duration_seconds_count{route=\"/api/v1/forms\"} 2\n") !=
        std::string::npos);
}

TEST_CASE("the replay guard refuses a signature seen within its window, then forgets it") {
  ReplayGuard guard(300);
  const auto signature = tokhai::crypto::to_bytes("signature-1");
  CHECK(guard.first_use(signature, 1000, 1000));
  CHECK_FALSE(guard.first_use(signature, 1000, 1200));
  CHECK(guard.first_use(tokhai::crypto::to_bytes("signature-2"), 1000, 1200));
  CHECK(guard.remembered() == 2);
  CHECK(guard.first_use(tokhai::crypto::to_bytes("signature-3"), 1400, 1400));
  CHECK(guard.remembered() == 1);  // the first two expired at 1300
}
