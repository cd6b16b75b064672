#include "services/metrics.h"

#include "absl/strings/str_cat.h"

namespace mdhub::services {

void Metrics::Record(absl::string_view method, int code, absl::Duration latency) {
  const double seconds = absl::ToDoubleSeconds(latency);
  absl::MutexLock lock(&mu_);
  auto it = methods_.find(method);
  if (it == methods_.end()) it = methods_.emplace(std::string(method), MethodStats()).first;
  MethodStats& m = it->second;
  ++m.count_by_code[code];
  ++m.count;
  m.sum_seconds += seconds;
  for (size_t i = 0; i < kBuckets.size(); ++i) {
    if (seconds <= kBuckets[i]) {
      ++m.buckets[i];
      break;
    }
  }
}

std::string Metrics::RenderPrometheus() const {
  std::string out =
      "# HELP mdhub_grpc_requests_total gRPC calls handled, by method and status code.\n"
      "# TYPE mdhub_grpc_requests_total counter\n";
  absl::MutexLock lock(&mu_);
  for (const auto& [method, m] : methods_) {
    for (const auto& [code, n] : m.count_by_code) {
      absl::StrAppend(&out, "mdhub_grpc_requests_total{method=\"", method, "\",code=\"", code,
                      "\"} ", n, "\n");
    }
  }
  absl::StrAppend(&out,
                  "# HELP mdhub_grpc_request_duration_seconds Latency of gRPC calls.\n"
                  "# TYPE mdhub_grpc_request_duration_seconds histogram\n");
  for (const auto& [method, m] : methods_) {
    uint64_t cumulative = 0;
    for (size_t i = 0; i < kBuckets.size(); ++i) {
      cumulative += m.buckets[i];
      absl::StrAppend(&out, "mdhub_grpc_request_duration_seconds_bucket{method=\"", method,
                      "\",le=\"", kBuckets[i], "\"} ", cumulative, "\n");
    }
    absl::StrAppend(&out, "mdhub_grpc_request_duration_seconds_bucket{method=\"", method,
                    "\",le=\"+Inf\"} ", m.count, "\n");
    absl::StrAppend(&out, "mdhub_grpc_request_duration_seconds_sum{method=\"", method, "\"} ",
                    m.sum_seconds, "\n");
    absl::StrAppend(&out, "mdhub_grpc_request_duration_seconds_count{method=\"", method, "\"} ",
                    m.count, "\n");
  }
  return out;
}

}  // namespace mdhub::services
