// Metrics (see metrics.h).
#include "server/metrics.h"

#include <cstdio>

namespace tokhai::server {
namespace {

// A label value with \, " and newline escaped as the text format requires.
std::string label_value(std::string_view value) {
  std::string escaped;
  for (const char c : value) {
    if (c == '\\' || c == '"') {
      escaped.push_back('\\');
      escaped.push_back(c);
    } else if (c == '\n') {
      escaped += "\\n";
    } else {
      escaped.push_back(c);
    }
  }
  return escaped;
}

std::string number(double value) {
  char text[64];
  std::snprintf(text, sizeof text, "%.9g", value);
  return text;
}

}  // namespace

void Metrics::record_request(std::string_view route, int status, double duration_seconds) {
  const std::lock_guard lock(mutex_);
  ++requests_[std::make_pair(std::string(route), status)];
  auto found = durations_.find(route);
  if (found == durations_.end()) found = durations_.emplace(std::string(route), Histogram{}).first;
  Histogram& histogram = found->second;
  for (std::size_t i = 0; i < kDurationBuckets.size(); ++i) {
    if (duration_seconds <= kDurationBuckets[i]) {
      ++histogram.buckets[i];
      break;
    }
  }
  ++histogram.count;
  histogram.sum_seconds += duration_seconds;
}

namespace {

void add_one(std::map<std::string, std::uint64_t, std::less<>>& counts, std::string_view key) {
  auto found = counts.find(key);
  if (found == counts.end()) found = counts.emplace(std::string(key), 0).first;
  ++found->second;
}

}  // namespace

void Metrics::record_rejection(std::string_view reason) {
  const std::lock_guard lock(mutex_);
  add_one(rejections_, reason);
}

void Metrics::record_attachment_bytes(std::uint64_t bytes) {
  const std::lock_guard lock(mutex_);
  attachment_bytes_ += bytes;
}

void Metrics::record_attachment_refusal(std::string_view reason) {
  const std::lock_guard lock(mutex_);
  add_one(attachment_refusals_, reason);
}

std::string Metrics::prometheus_text() const {
  const std::lock_guard lock(mutex_);
  std::string text;
  text +=
      "# HELP tokhai_http_requests_total HTTP requests answered, by route and status.\n"
      "# TYPE tokhai_http_requests_total counter\n";
  for (const auto& [key, count] : requests_) {
    text += "tokhai_http_requests_total{route=\"" + label_value(key.first) + "\",status=\"" +
            std::to_string(key.second) + "\"} " + std::to_string(count) + "\n";
  }
  text +=
      "# HELP tokhai_submissions_rejected_total Submissions refused, by reason code.\n"
      "# TYPE tokhai_submissions_rejected_total counter\n";
  for (const auto& [reason, count] : rejections_) {
    text += "tokhai_submissions_rejected_total{reason=\"" + label_value(reason) + "\"} " +
            std::to_string(count) + "\n";
  }
  text +=
      "# HELP tokhai_attachment_bytes_received_total Attachment bytes stored (resends not "
      "counted).\n"
      "# TYPE tokhai_attachment_bytes_received_total counter\n"
      "tokhai_attachment_bytes_received_total " +
      std::to_string(attachment_bytes_) + "\n";
  text +=
      "# HELP tokhai_attachment_chunks_refused_total Attachment chunks refused, by reason code.\n"
      "# TYPE tokhai_attachment_chunks_refused_total counter\n";
  for (const auto& [reason, count] : attachment_refusals_) {
    text += "tokhai_attachment_chunks_refused_total{reason=\"" + label_value(reason) + "\"} " +
            std::to_string(count) + "\n";
  }
  text +=
      "# HELP tokhai_http_request_duration_seconds Time to answer a request, by route.\n"
      "# TYPE tokhai_http_request_duration_seconds histogram\n";
  for (const auto& [route, histogram] : durations_) {
    const std::string label = "route=\"" + label_value(route) + "\"";
    std::uint64_t cumulative = 0;
    for (std::size_t i = 0; i < kDurationBuckets.size(); ++i) {
      cumulative += histogram.buckets[i];
      text += "tokhai_http_request_duration_seconds_bucket{" + label + ",le=\"" +
              number(kDurationBuckets[i]) + "\"} " + std::to_string(cumulative) + "\n";
    }
    text += "tokhai_http_request_duration_seconds_bucket{" + label + ",le=\"+Inf\"} " +
            std::to_string(histogram.count) + "\n";
    text += "tokhai_http_request_duration_seconds_sum{" + label + "} " +
            number(histogram.sum_seconds) + "\n";
    text += "tokhai_http_request_duration_seconds_count{" + label + "} " +
            std::to_string(histogram.count) + "\n";
  }
  return text;
}

}  // namespace tokhai::server
