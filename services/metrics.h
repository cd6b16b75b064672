// Metrics: per-method request counts by status code and latency histograms, rendered in the
// Prometheus text exposition format.
#ifndef MDHUB_SERVICES_METRICS_H_
#define MDHUB_SERVICES_METRICS_H_

#include <array>
#include <cstdint>
#include <map>
#include <string>

#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"

namespace mdhub::services {

// Thread-safe.
class Metrics {
 public:
  // Upper bounds of the latency buckets, in seconds.
  static constexpr std::array<double, 14> kBuckets = {
      0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01,
      0.025,  0.05,    0.1,    0.25,  0.5,    1,     5};

  void Record(absl::string_view method, int code, absl::Duration latency);
  std::string RenderPrometheus() const;

 private:
  struct MethodStats {
    std::map<int, uint64_t> count_by_code;
    std::array<uint64_t, kBuckets.size()> buckets{};
    uint64_t count = 0;
    double sum_seconds = 0;
  };
  mutable absl::Mutex mu_;
  std::map<std::string, MethodStats, std::less<>> methods_ ABSL_GUARDED_BY(mu_);
};

}  // namespace mdhub::services

#endif  // MDHUB_SERVICES_METRICS_H_
