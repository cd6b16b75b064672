#include "common/worker_pool.h"

#include <atomic>
#include <cstdlib>
#include <thread>
#include <vector>

#include "absl/synchronization/blocking_counter.h"
#include "absl/synchronization/notification.h"
#include "absl/time/time.h"
#include "gtest/gtest.h"

namespace mdhub {
namespace {

TEST(WorkerPoolTest, EveryIndexRunsOnce) {
  WorkerPool pool(3);
  for (size_t n : {0, 1, 2, 7, 1000}) {
    std::vector<std::atomic<int>> runs(n);
    pool.ParallelFor(n, [&](size_t i) { runs[i].fetch_add(1); });
    for (size_t i = 0; i < n; ++i) EXPECT_EQ(runs[i].load(), 1) << "n=" << n << " i=" << i;
  }
}

TEST(WorkerPoolTest, ABusyHelperDoesNotHoldUpAnotherLoop) {
  WorkerPool pool(1);
  absl::Notification release;
  absl::BlockingCounter started(2);
  // The only helper is taken by a loop whose calls (on its caller and on the helper) block until
  // released.
  std::thread blocked([&] {
    pool.ParallelFor(2, [&](size_t) {
      started.DecrementCount();
      release.WaitForNotification();
    });
  });
  started.Wait();
  // A second loop finishes on its caller alone, without waiting for the busy helper (were it to
  // wait, the test fails after 10 s instead of hanging).
  absl::Notification finished;
  int sum = 0;
  std::thread second([&] {
    pool.ParallelFor(4, [&](size_t i) { sum += static_cast<int>(i); });
    finished.Notify();
  });
  EXPECT_TRUE(finished.WaitForNotificationWithTimeout(absl::Seconds(10)));
  release.Notify();
  second.join();
  blocked.join();
  EXPECT_EQ(sum, 6);
}

TEST(WorkerPoolTest, ALoopInsideALoopOnTheSamePoolFinishes) {
  WorkerPool pool(1);
  std::atomic<int> inner{0};
  absl::Notification finished;
  std::thread outer([&] {
    pool.ParallelFor(2, [&](size_t) {
      pool.ParallelFor(3, [&](size_t) { inner.fetch_add(1); });
    });
    finished.Notify();
  });
  EXPECT_TRUE(finished.WaitForNotificationWithTimeout(absl::Seconds(10)));
  if (!finished.HasBeenNotified()) std::abort();  // a deadlock: nothing else can end the test
  outer.join();
  EXPECT_EQ(inner.load(), 6);
}

TEST(WorkerPoolTest, SubmittedTasksRunOnThePoolAndAllRunBeforeItIsDestroyed) {
  std::atomic<int> ran{0};
  std::atomic<int> on_caller{0};
  const std::thread::id caller = std::this_thread::get_id();
  {
    WorkerPool pool(2);
    for (int i = 0; i < 100; ++i) {
      pool.Submit([&] {
        if (std::this_thread::get_id() == caller) on_caller.fetch_add(1);
        ran.fetch_add(1);
      });
    }
  }
  EXPECT_EQ(ran.load(), 100);
  EXPECT_EQ(on_caller.load(), 0);
}

TEST(WorkerPoolTest, APoolWithoutThreadsRunsASubmittedTaskBeforeReturning) {
  WorkerPool pool(0);
  bool ran = false;
  pool.Submit([&] { ran = true; });
  EXPECT_TRUE(ran);
}

}  // namespace
}  // namespace mdhub
