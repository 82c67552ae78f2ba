#include "absl/time/time.h"
#include "gtest/gtest.h"
#include "service/server/analysis_service.h"

namespace textlens::service::server {
namespace {

const absl::Time kNow = absl::FromUnixSeconds(1'000'000);

TEST(AnswerDeadlineTest, LeavesFivePercentOfAShortCallForTheAnswer) {
  EXPECT_EQ(
      AnswerDeadline(kNow, kNow + absl::Milliseconds(400), absl::Seconds(30)),
      kNow + absl::Milliseconds(380));
}

TEST(AnswerDeadlineTest, LeavesAtMostFiftyMilliseconds) {
  EXPECT_EQ(AnswerDeadline(kNow, kNow + absl::Seconds(10), absl::Seconds(30)),
            kNow + absl::Seconds(10) - absl::Milliseconds(50));
}

TEST(AnswerDeadlineTest, WithoutAClientDeadlineTheDefaultHolds) {
  EXPECT_EQ(AnswerDeadline(kNow, absl::InfiniteFuture(), absl::Seconds(30)),
            kNow + absl::Seconds(30));
  // A client deadline past the default: the default, which no client
  // waits for, needs no margin.
  EXPECT_EQ(AnswerDeadline(kNow, kNow + absl::Seconds(60), absl::Seconds(30)),
            kNow + absl::Seconds(30));
}

TEST(AnswerDeadlineTest, AnExpiredDeadlineStaysWhereItWas) {
  EXPECT_EQ(AnswerDeadline(kNow, kNow - absl::Seconds(1), absl::Seconds(30)),
            kNow - absl::Seconds(1));
}

}  // namespace
}  // namespace textlens::service::server
