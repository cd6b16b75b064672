#include "common/worker_pool.h"

#include <atomic>
#include <utility>

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
    Task task;
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
    task.run();
  }
}

void WorkerPool::Submit(std::function<void()> task) {
  if (threads_.empty()) {
    task();
    return;
  }
  absl::MutexLock lock(&mu_);
  tasks_.push_back({nullptr, std::move(task)});
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
      tasks_.push_back({&next, [&] {
                          drain();
                          done.DecrementCount();
                        }});
    }
  }
  drain();
  // Every index is taken: the helpers that have not started on this loop are withdrawn (they
  // would find nothing to do), and only those that started are waited for.
  {
    absl::MutexLock lock(&mu_);
    for (auto it = tasks_.begin(); it != tasks_.end();) {
      if (it->loop == &next) {
        it = tasks_.erase(it);
        done.DecrementCount();
      } else {
        ++it;
      }
    }
  }
  done.Wait();
}

}  // namespace mdhub
