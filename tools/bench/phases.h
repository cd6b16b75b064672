// Timed phases of concurrent calls for the gRPC benchmarks: QPS and latency percentiles of a call
// made in a loop by several client threads.
#ifndef MDHUB_TOOLS_BENCH_PHASES_H_
#define MDHUB_TOOLS_BENCH_PHASES_H_

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <random>
#include <thread>
#include <vector>

#include "absl/status/status.h"
#include "absl/time/clock.h"

namespace mdhub::bench {

struct PhaseResult {
  double qps = 0;
  double p50_us = 0;
  double p99_us = 0;
  int64_t errors = 0;
};

// Runs `call(thread_index, rng)` from `threads` threads for `seconds`; each returns ok.
template <typename Call>
PhaseResult RunPhase(int threads, double seconds, Call call) {
  std::vector<std::vector<double>> latencies(threads);
  std::atomic<int64_t> errors{0};
  std::atomic<bool> stop{false};
  std::vector<std::thread> workers;
  for (int t = 0; t < threads; ++t) {
    workers.emplace_back([&, t] {
      std::mt19937_64 rng(t + 1);
      while (!stop.load(std::memory_order_relaxed)) {
        const absl::Time s = absl::Now();
        bool ok = call(t, rng);
        latencies[t].push_back(absl::ToDoubleMicroseconds(absl::Now() - s));
        if (!ok) errors.fetch_add(1);
      }
    });
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(int64_t(seconds * 1000)));
  stop = true;
  for (auto& w : workers) w.join();
  std::vector<double> all;
  for (auto& l : latencies) all.insert(all.end(), l.begin(), l.end());
  std::sort(all.begin(), all.end());
  PhaseResult r;
  r.errors = errors.load();
  if (all.empty()) return r;
  r.qps = all.size() / seconds;
  r.p50_us = all[all.size() / 2];
  r.p99_us = all[std::min(all.size() - 1, all.size() * 99 / 100)];
  return r;
}

// Prints a failed step's status; the process exit code to return.
inline int Fail(const absl::Status& s) {
  std::fprintf(stderr, "%s\n", s.ToString().c_str());
  return 1;
}

// The round with the highest QPS (the machine is shared: the best round is the least disturbed).
inline PhaseResult Best(const std::vector<PhaseResult>& v) {
  return *std::max_element(v.begin(), v.end(), [](auto& a, auto& b) { return a.qps < b.qps; });
}

inline void PrintRow(const char* call, const PhaseResult& r) {
  std::printf("%-34s %10.0f %10.0f %10.0f %8lld\n", call, r.qps, r.p50_us, r.p99_us,
              static_cast<long long>(r.errors));
}

}  // namespace mdhub::bench

#endif  // MDHUB_TOOLS_BENCH_PHASES_H_
