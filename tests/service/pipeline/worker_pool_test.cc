#include "service/pipeline/worker_pool.h"

#include <atomic>

#include "absl/synchronization/notification.h"
#include "gtest/gtest.h"

namespace textlens::service::pipeline {
namespace {

TEST(WorkerPoolTest, RunsEveryTaskBeforeDestruction) {
  std::atomic<int> ran{0};
  {
    WorkerPool pool(2, 100);
    for (int i = 0; i < 50; ++i) {
      ASSERT_TRUE(pool.TrySubmit([&ran] { ran.fetch_add(1); }).ok());
    }
  }
  EXPECT_EQ(ran.load(), 50);
}

TEST(WorkerPoolTest, RefusesWorkWhenTheQueueIsFull) {
  WorkerPool pool(1, 1);
  absl::Notification started, release;
  ASSERT_TRUE(pool.TrySubmit([&] {
                    started.Notify();
                    release.WaitForNotification();
                  })
                  .ok());
  started.WaitForNotification();            // the only worker is busy
  ASSERT_TRUE(pool.TrySubmit([] {}).ok());  // fills the queue
  absl::Status refused = pool.TrySubmit([] {});
  EXPECT_EQ(refused.code(), absl::StatusCode::kResourceExhausted);
  EXPECT_NE(refused.message().find("retry later"), std::string::npos);
  // Follow-up work of admitted calls is never refused.
  EXPECT_TRUE(pool.Submit([] {}).ok());
  release.Notify();
}

TEST(WorkerPoolTest, RunsTasksOnSeveralThreadsAtOnce) {
  WorkerPool pool(2, 10);
  absl::Notification first_running, second_running;
  ASSERT_TRUE(pool.TrySubmit([&] {
                    first_running.Notify();
                    second_running.WaitForNotification();
                  })
                  .ok());
  ASSERT_TRUE(pool.TrySubmit([&] {
                    first_running.WaitForNotification();
                    second_running.Notify();
                  })
                  .ok());
  // Each task waits for the other: both finish only if they overlap.
  second_running.WaitForNotification();
  EXPECT_EQ(pool.threads(), 2u);
}

}  // namespace
}  // namespace textlens::service::pipeline
