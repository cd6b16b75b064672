#include "common/worker_pool.h"

#include <atomic>

#include "absl/synchronization/blocking_counter.h"

namespace mdhub {

WorkerPool::WorkerPool(int threads) {
  for (int i = 0; i < threads; ++i) threads_.emplace_back([this] { Work(); });
}

WorkerPool::~WorkerPool() {
  {
    absl::MutexLock lock(&mu_);
    stopping_ = true;
  }
  for (std::thread& t : threads_) t.join();
}

void WorkerPool::Work() {
  while (true) {
    std::function<void()> task;
    {
      absl::MutexLock lock(&mu_);
      auto ready = [this]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
        return stopping_ || !tasks_.empty();
      };
      mu_.Await(absl::Condition(&ready));
      if (tasks_.empty()) return;  // stopping, and nothing left to do
      task = std::move(tasks_.front());
      tasks_.pop_front();
    }
    task();
  }
}

void WorkerPool::ParallelFor(size_t n, absl::FunctionRef<void(size_t)> fn) {
  if (n == 0) return;
  // Each participant takes the next index until none is left; the helpers join in as they free
  // up, and the caller works too, so a busy pool only slows the loop down.
  std::atomic<size_t> next{0};
  auto drain = [&] {
    for (size_t i; (i = next.fetch_add(1)) < n;) fn(i);
  };
  const size_t helpers = std::min(threads_.size(), n - 1);
  absl::BlockingCounter done(static_cast<int>(helpers));
  {
    absl::MutexLock lock(&mu_);
    for (size_t h = 0; h < helpers; ++h) {
      tasks_.push_back([&] {
        drain();
        done.DecrementCount();
      });
    }
  }
  drain();
  done.Wait();
}

}  // namespace mdhub
