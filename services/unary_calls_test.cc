#include "services/unary_calls.h"

#include <thread>

#include "absl/synchronization/notification.h"
#include "absl/time/time.h"
#include "gtest/gtest.h"

namespace mdhub::services {
namespace {

TEST(UnaryCallsTest, ACallRunsAtOnceOnItsCallersThreadWhenNoOtherRunsThere) {
  UnaryCalls calls(2);
  for (int i = 0; i < 3; ++i) {
    std::thread::id ran_on;
    calls.Run([&] { ran_on = std::this_thread::get_id(); });
    EXPECT_EQ(ran_on, std::this_thread::get_id()) << "call " << i;
  }
}

TEST(UnaryCallsTest, ACallWhileAnotherRunsInlineGoesToThePoolAndDoesNotWaitForIt) {
  UnaryCalls calls(2);
  absl::Notification slow_started, release, fast_done;
  std::thread slow([&] {
    calls.Run([&] {
      slow_started.Notify();
      release.WaitForNotification();
    });
  });
  slow_started.WaitForNotification();
  std::thread::id fast_ran_on;
  calls.Run([&] {
    fast_ran_on = std::this_thread::get_id();
    fast_done.Notify();
  });
  // The second call finishes while the first still runs on its thread (a wait would time out).
  EXPECT_TRUE(fast_done.WaitForNotificationWithTimeout(absl::Seconds(10)));
  EXPECT_NE(fast_ran_on, std::this_thread::get_id());
  release.Notify();
  slow.join();
  // With the inline call over, the next one runs inline again.
  std::thread::id next_ran_on;
  calls.Run([&] { next_ran_on = std::this_thread::get_id(); });
  EXPECT_EQ(next_ran_on, std::this_thread::get_id());
}

TEST(UnaryCallsTest, ACallThatMayRunLongGoesToThePoolEvenWhenNoOtherRuns) {
  UnaryCalls calls(2);
  absl::Notification done;
  std::thread::id ran_on;
  calls.Run(
      [&] {
        ran_on = std::this_thread::get_id();
        done.Notify();
      },
      Work::kLong);
  ASSERT_TRUE(done.WaitForNotificationWithTimeout(absl::Seconds(10)));
  EXPECT_NE(ran_on, std::this_thread::get_id());
  // It left no mark: the next short call runs inline.
  std::thread::id next_ran_on;
  calls.Run([&] { next_ran_on = std::this_thread::get_id(); });
  EXPECT_EQ(next_ran_on, std::this_thread::get_id());
}

}  // namespace
}  // namespace mdhub::services
