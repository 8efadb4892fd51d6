// Metrics: what /metrics reports, in the Prometheus text format (0.0.4):
//   tokhai_http_requests_total{route,status}         counter
//   tokhai_submissions_rejected_total{reason}        counter (the error codes of
//                                                    PUT /api/v1/submissions/{id})
//   tokhai_http_request_duration_seconds{route}      histogram
//   tokhai_attachment_bytes_received_total           counter (attachment bytes
//                                                    stored; resent bytes not counted)
//   tokhai_attachment_chunks_refused_total{reason}   counter (the error codes of
//                                                    the attachment chunk route)
// `route` is the route's pattern ("/api/v1/status/{dossier}"), never the
// path itself, so that no id or code becomes a label. Thread-safe.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>

namespace tokhai::server {

class Metrics {
 public:
  // Upper bounds of the duration histogram's buckets, in seconds (+Inf last).
  static constexpr std::array<double, 13> kDurationBuckets = {
      0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5};

  void record_request(std::string_view route, int status, double duration_seconds);
  void record_rejection(std::string_view reason);
  void record_attachment_bytes(std::uint64_t bytes);
  void record_attachment_refusal(std::string_view reason);

  // The exposition text, ending with a newline.
  std::string prometheus_text() const;

 private:
  struct Histogram {
    std::array<std::uint64_t, kDurationBuckets.size()> buckets{};  // not cumulative
    std::uint64_t count = 0;
    double sum_seconds = 0;
  };

  mutable std::mutex mutex_;
  std::map<std::pair<std::string, int>, std::uint64_t, std::less<>> requests_;
  std::map<std::string, std::uint64_t, std::less<>> rejections_;
  std::uint64_t attachment_bytes_ = 0;
  std::map<std::string, std::uint64_t, std::less<>> attachment_refusals_;
  std::map<std::string, Histogram, std::less<>> durations_;
};

}  // namespace tokhai::server
