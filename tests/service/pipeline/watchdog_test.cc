#include "service/pipeline/watchdog.h"

#include <atomic>

#include "absl/time/clock.h"
#include "gtest/gtest.h"

namespace textlens::service::pipeline {
namespace {

TEST(WatchdogTest, FiresWhenDueAgainWhenAskedAndNeverOnceCancelled) {
  Watchdog watchdog;
  std::atomic<int> fired{0}, rearmed{0}, cancelled{0};
  watchdog.Watch(absl::Now() + absl::Milliseconds(20), [&] {
    ++fired;
    return absl::InfiniteFuture();
  });
  watchdog.Watch(absl::Now() + absl::Milliseconds(10), [&] {
    return ++rearmed < 3 ? absl::Now() + absl::Milliseconds(5)
                         : absl::InfiniteFuture();
  });
  const uint64_t id = watchdog.Watch(absl::Now() + absl::Milliseconds(30), [&] {
    ++cancelled;
    return absl::InfiniteFuture();
  });
  watchdog.Cancel(id);
  const absl::Time give_up = absl::Now() + absl::Seconds(10);
  while ((fired.load() == 0 || rearmed.load() < 3) && absl::Now() < give_up) {
    absl::SleepFor(absl::Milliseconds(5));
  }
  absl::SleepFor(absl::Milliseconds(50));
  EXPECT_EQ(fired.load(), 1);
  EXPECT_EQ(rearmed.load(), 3);
  EXPECT_EQ(cancelled.load(), 0);
}

TEST(WatchdogTest, CancelWaitsForACallbackInProgress) {
  Watchdog watchdog;
  std::atomic<bool> running{false}, finished{false};
  const uint64_t id = watchdog.Watch(absl::Now(), [&] {
    running = true;
    absl::SleepFor(absl::Milliseconds(100));
    finished = true;
    return absl::InfiniteFuture();
  });
  while (!running.load()) absl::SleepFor(absl::Milliseconds(1));
  watchdog.Cancel(id);
  EXPECT_TRUE(finished.load());
}

}  // namespace
}  // namespace textlens::service::pipeline
