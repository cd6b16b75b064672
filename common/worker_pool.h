// WorkerPool: a fixed set of threads that share the work of a parallel loop with its caller.
// The threads live as long as the pool, so per-thread state they build (ICU transliterators,
// memos) is built once, not once per loop.
#ifndef MDHUB_COMMON_WORKER_POOL_H_
#define MDHUB_COMMON_WORKER_POOL_H_

#include <cstddef>
#include <deque>
#include <functional>
#include <thread>
#include <vector>

#include "absl/functional/function_ref.h"
#include "absl/synchronization/mutex.h"

namespace mdhub {

// Thread-safe.
class WorkerPool {
 public:
  // `threads` helper threads (0: every loop runs on its caller alone).
  explicit WorkerPool(int threads);
  ~WorkerPool();
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  // Calls fn(i) for every i in [0, n), on the caller's thread and the pool's, and returns when
  // all calls have returned. Calls may run in any order and concurrently. Helpers still busy
  // with other loops when the caller has run out of work do not delay it: the caller never waits
  // for a helper that has not started on this loop.
  void ParallelFor(size_t n, absl::FunctionRef<void(size_t)> fn);

  // Runs `task` on one of the pool's threads, after the tasks queued before it, and returns at
  // once (a pool without threads runs it on the caller's before returning).
  void Submit(std::function<void()> task);

 private:
  struct Task {
    const void* loop;  // the ParallelFor call that queued it; null for Submit
    std::function<void()> run;
  };
  void Work();

  absl::Mutex mu_;
  std::deque<Task> tasks_ ABSL_GUARDED_BY(mu_);
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;
  std::vector<std::thread> threads_;
};

}  // namespace mdhub

#endif  // MDHUB_COMMON_WORKER_POOL_H_
