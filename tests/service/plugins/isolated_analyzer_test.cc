// IsolatedAnalyzer with the real plugin host and the test plugins: calls
// from many threads, a crash and the restart that follows, cancellation,
// the call-time limit, load failures and a slow start. Runs under TSan too.
#include "service/plugins/isolated_analyzer.h"

#include <atomic>
#include <mutex>
#include <thread>
#include <vector>

#include "absl/time/clock.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/service/plugins/test_plugin_dir.h"
#include "textlens/v1/summary.pb.h"

namespace textlens::service::plugins {
namespace {

using ::testing::HasSubstr;
using tests::TestPlugin;

std::string Faulty(const std::string& name) {
  return std::string(TEST_PLUGIN_DIR) + "/faulty/" + name + ".so";
}

IsolationLimits Limits() {
  IsolationLimits limits;
  limits.host_binary = PLUGIN_HOST_BINARY;
  limits.max_processes = 2;
  limits.max_call_time = absl::Seconds(20);
  return limits;
}

absl::StatusOr<std::shared_ptr<Analyzer>> Start(
    const std::string& path, const IsolationLimits& limits = Limits()) {
  return IsolatedAnalyzer::Start(
      path, [](const std::string&) { return plugin::v1::PluginInput(); },
      limits);
}

std::string Input(int64_t sleep_ms = 0) {
  plugin::v1::PluginInput input;
  input.mutable_document()->set_text("Bonjour.");
  input.mutable_document()->set_language("fr");
  if (sleep_ms > 0)
    (*input.mutable_options())["sleep_ms"].set_int_value(sleep_ms);
  return input.SerializeAsString();
}

TEST(IsolatedAnalyzerTest, DescribesThePluginAndAnswersCallsFromManyThreads) {
  auto analyzer = Start(TestPlugin("echo"));
  ASSERT_TRUE(analyzer.ok()) << analyzer.status();
  EXPECT_EQ((*analyzer)->name(), "echo");
  EXPECT_TRUE((*analyzer)->isolated());
  EXPECT_TRUE((*analyzer)->health().available);
  std::atomic<int> ok{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 10; ++i) {
        const Analyzer::Output output = (*analyzer)->Analyze(Input(), nullptr);
        textlens::v1::Summary summary;
        if (output.status.ok() && summary.ParseFromString(output.result) &&
            summary.key_phrases(1).text() == "language=fr" &&
            output.warnings.size() == 1) {
          ++ok;
        }
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(ok.load(), 40);
  EXPECT_EQ((*analyzer)->health().failures, 0u);
}

TEST(IsolatedAnalyzerTest, AProcessOutlivesTheThreadThatStartedIt) {
  // Processes die with their parent, which Linux takes to be the thread
  // that spawned them: started by a thread that then ends, the process
  // must still serve.
  absl::StatusOr<std::shared_ptr<Analyzer>> analyzer;
  std::thread([&analyzer] { analyzer = Start(TestPlugin("echo")); }).join();
  ASSERT_TRUE(analyzer.ok()) << analyzer.status();
  absl::SleepFor(absl::Milliseconds(200));
  for (int i = 0; i < 5; ++i) {
    const Analyzer::Output output = (*analyzer)->Analyze(Input(), nullptr);
    EXPECT_TRUE(output.status.ok()) << output.status;
  }
  EXPECT_EQ((*analyzer)->health().failures, 0u);
}

TEST(IsolatedAnalyzerTest, ACrashFailsItsCallAndTheProcessRestarts) {
  auto analyzer = Start(Faulty("fault_segfault"));
  ASSERT_TRUE(analyzer.ok()) << analyzer.status();
  std::mutex mu;
  std::vector<bool> changes;
  (*analyzer)->OnAvailabilityChange([&](bool available) {
    std::lock_guard<std::mutex> lock(mu);
    changes.push_back(available);
  });
  const Analyzer::Output crashed = (*analyzer)->Analyze(Input(), nullptr);
  EXPECT_EQ(crashed.status.code(), absl::StatusCode::kInternal);
  EXPECT_THAT(crashed.status.message(), HasSubstr("its process"));
  EXPECT_EQ((*analyzer)->health().failures, 1u);
  // Restarted after the backoff (100 ms): available again.
  const absl::Time give_up = absl::Now() + absl::Seconds(20);
  while (!(*analyzer)->health().available && absl::Now() < give_up) {
    absl::SleepFor(absl::Milliseconds(10));
  }
  EXPECT_TRUE((*analyzer)->health().available);
  std::lock_guard<std::mutex> lock(mu);
  // At once when registered, then on the crash and on the restart.
  EXPECT_THAT(changes, ::testing::ElementsAre(true, false, true));
}

TEST(IsolatedAnalyzerTest, CancellationKillsTheCallsProcessAndAnotherServes) {
  auto analyzer = Start(TestPlugin("echo"));
  ASSERT_TRUE(analyzer.ok()) << analyzer.status();
  std::atomic<bool> cancelled{false};
  std::thread canceller([&] {
    absl::SleepFor(absl::Milliseconds(200));
    cancelled = true;
  });
  const absl::Time start = absl::Now();
  const Analyzer::Output output =
      (*analyzer)->Analyze(Input(/*sleep_ms=*/60000), &cancelled);
  canceller.join();
  EXPECT_EQ(output.status.code(), absl::StatusCode::kCancelled);
  EXPECT_LT(absl::Now() - start, absl::Seconds(30));
  // Not a failure of the plugin: no backoff, the next call is served.
  EXPECT_EQ((*analyzer)->health().failures, 0u);
  EXPECT_TRUE((*analyzer)->Analyze(Input(), nullptr).status.ok());
}

TEST(IsolatedAnalyzerTest, TheCallTimeLimitKillsAHang) {
  IsolationLimits limits = Limits();
  limits.max_call_time = absl::Milliseconds(300);
  auto analyzer = Start(Faulty("fault_hang"), limits);
  ASSERT_TRUE(analyzer.ok()) << analyzer.status();
  const Analyzer::Output output = (*analyzer)->Analyze(Input(), nullptr);
  EXPECT_EQ(output.status.code(), absl::StatusCode::kDeadlineExceeded);
  EXPECT_THAT(output.status.message(), HasSubstr("took more than 300ms"));
  EXPECT_THAT((*analyzer)->health().last_failure, HasSubstr("was killed"));
}

TEST(IsolatedAnalyzerTest, LoadFailuresAndSlowStartsAreReported) {
  auto bad_abi = Start(TestPlugin("bad_abi_major"));
  EXPECT_EQ(bad_abi.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(bad_abi.status().message(), HasSubstr("ABI"));
  auto create_fails = Start(TestPlugin("create_fails"));
  EXPECT_EQ(create_fails.status().code(),
            absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(create_fails.status().message(), HasSubstr("licence"));
  auto missing = Start(TestPlugin("no_such_plugin"));
  EXPECT_EQ(missing.status().code(), absl::StatusCode::kNotFound);

  IsolationLimits impatient = Limits();
  impatient.start_timeout = absl::Milliseconds(300);
  auto slow = Start(Faulty("fault_slow_start"), impatient);
  EXPECT_EQ(slow.status().code(), absl::StatusCode::kDeadlineExceeded);
  EXPECT_THAT(slow.status().message(), HasSubstr("did not load it within"));
  auto patient = Start(Faulty("fault_slow_start"));
  EXPECT_TRUE(patient.ok()) << patient.status();
}

}  // namespace
}  // namespace textlens::service::plugins
