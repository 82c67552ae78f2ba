#include "service/pipeline/pipeline.h"

#include <atomic>
#include <filesystem>

#include "absl/synchronization/notification.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "textlens/v1/summary.pb.h"

namespace textlens::service::pipeline {
namespace {

using ::testing::Contains;
using ::testing::HasSubstr;

std::string TestPlugin(const std::string& name) {
  return std::string(TEST_PLUGIN_DIR) + "/" + name + ".so";
}

// A registry with the echo test analyzers, a pool, and a small document.
class PipelineTest : public ::testing::Test {
 protected:
  void SetUp() override {
    plugins::PluginRegistry::Builder builder;
    for (const char* name : {"echo", "echo_twin", "echo_needs"}) {
      ASSERT_TRUE(builder.LoadFile(TestPlugin(name)).ok()) << name;
    }
    built_ = std::move(builder).Build();
    document_.set_text("Première phrase. Seconde phrase.");
    document_.set_language("fr");
    auto* sentence = document_.add_sentences();
    sentence->set_begin(0);
    sentence->set_end(17);
  }

  AnalyzerRequest Request(const std::string& name,
                          std::map<std::string, int64_t> ints = {}) {
    auto options =
        plugins::ResolveOptions(registry().Find(name)->descriptor(), {}, name);
    EXPECT_TRUE(options.ok());
    for (const auto& [key, value] : ints) (*options)[key].set_int_value(value);
    return {name, *options};
  }

  static std::vector<std::string> Notes(const AnalyzerRun& run) {
    textlens::v1::Summary summary;
    EXPECT_TRUE(summary.ParseFromString(run.result));
    std::vector<std::string> notes;
    for (const auto& phrase : summary.key_phrases())
      notes.push_back(phrase.text());
    return notes;
  }

  absl::Time Soon(int seconds = 30) {
    return absl::Now() + absl::Seconds(seconds);
  }

  const plugins::PluginRegistry& registry() const { return *built_; }

  std::unique_ptr<const plugins::PluginRegistry> built_;
  WorkerPool pool_{2, 16};
  plugin::v1::PreparedDocument document_;
};

TEST_F(PipelineTest, ReturnsOneRunPerRequestInRequestOrder) {
  Pipeline pipeline(&pool_);
  auto runs = pipeline.Run(registry(), document_,
                           {Request("echo_twin"), Request("echo")}, Soon());
  ASSERT_TRUE(runs.ok()) << runs.status();
  ASSERT_EQ(runs->size(), 2u);
  EXPECT_EQ((*runs)[0].name, "echo_twin");
  EXPECT_EQ((*runs)[1].name, "echo");
  EXPECT_EQ((*runs)[1].version, "1.2.3");
  EXPECT_TRUE((*runs)[0].status.ok());
  EXPECT_THAT(Notes((*runs)[1]), Contains("language=fr"));
  EXPECT_THAT((*runs)[1].warnings, Contains("echo warning"));
}

TEST_F(PipelineTest, IndependentAnalyzersRunInParallel) {
  // Each analyzer waits until both are inside analyze at the same time.
  const auto folder = std::filesystem::temp_directory_path() /
                      ("textlens_rendezvous_" + std::to_string(::getpid()));
  std::filesystem::remove_all(folder);
  std::filesystem::create_directories(folder);
  (*document_.mutable_metadata())["rendezvous"] = folder.string();
  Pipeline pipeline(&pool_);
  auto runs = pipeline.Run(registry(), document_,
                           {Request("echo", {{"rendezvous", 2}}),
                            Request("echo_twin", {{"rendezvous", 2}})},
                           Soon());
  std::filesystem::remove_all(folder);
  ASSERT_TRUE(runs.ok());
  EXPECT_THAT(Notes((*runs)[0]), Contains("rendezvous=met"));
  EXPECT_THAT(Notes((*runs)[1]), Contains("rendezvous=met"));
}

TEST_F(PipelineTest, NeededAnalyzerRunsFirstAndItsResultIsPassed) {
  Pipeline pipeline(&pool_);
  auto runs =
      pipeline.Run(registry(), document_, {Request("echo_needs")}, Soon());
  ASSERT_TRUE(runs.ok());
  ASSERT_EQ(runs->size(), 1u);  // the needed analyzer is not returned
  ASSERT_TRUE((*runs)[0].status.ok()) << (*runs)[0].status;
  EXPECT_THAT(Notes((*runs)[0]),
              Contains(::testing::StartsWith("dependency=echo:")));
}

TEST_F(PipelineTest, OneFailingAnalyzerDoesNotFailTheOthers) {
  Pipeline pipeline(&pool_);
  auto runs = pipeline.Run(
      registry(), document_,
      {Request("echo", {{"fail_code", 13}}), Request("echo_twin")}, Soon());
  ASSERT_TRUE(runs.ok());
  EXPECT_EQ((*runs)[0].status.code(), absl::StatusCode::kInternal);
  EXPECT_TRUE((*runs)[1].status.ok());
}

TEST_F(PipelineTest, DependentOfAFailedAnalyzerFailsWithoutRunning) {
  Pipeline pipeline(&pool_);
  auto runs = pipeline.Run(
      registry(), document_,
      {Request("echo", {{"fail_code", 14}}), Request("echo_needs")}, Soon());
  ASSERT_TRUE(runs.ok());
  EXPECT_EQ((*runs)[0].status.code(), absl::StatusCode::kUnavailable);
  EXPECT_EQ((*runs)[1].status.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT((*runs)[1].status.message(), HasSubstr("needs analyzer echo"));
}

TEST_F(PipelineTest, SlowAnalyzerMissesTheDeadlineAndTheOthersStillAnswer) {
  Pipeline pipeline(&pool_);
  auto runs = pipeline.Run(
      registry(), document_,
      {Request("echo", {{"sleep_ms", 60000}}), Request("echo_twin")},
      absl::Now() + absl::Milliseconds(300));
  ASSERT_TRUE(runs.ok());
  EXPECT_EQ((*runs)[0].status.code(), absl::StatusCode::kDeadlineExceeded);
  EXPECT_TRUE((*runs)[1].status.ok());
}

TEST_F(PipelineTest, CallerCancellationStopsWaiting) {
  Pipeline pipeline(&pool_);
  auto runs = pipeline.Run(registry(), document_,
                           {Request("echo", {{"sleep_ms", 60000}})}, Soon(),
                           [] { return true; });
  ASSERT_TRUE(runs.ok());
  EXPECT_EQ((*runs)[0].status.code(), absl::StatusCode::kCancelled);
}

// One analyzer with `abandon`: it runs on the calling thread; at the
// deadline it sees its call cancelled, and a plugin that stops in time does
// not get the call abandoned.
TEST_F(PipelineTest, OneAnalyzerRunsOnTheCallersThreadUnderItsDeadline) {
  Pipeline pipeline(&pool_);
  std::atomic<int> abandoned{0};
  const auto abandon = [&abandoned] { ++abandoned; };
  auto runs = pipeline.Run(registry(), document_, {Request("echo")}, Soon(),
                           nullptr, abandon);
  ASSERT_TRUE(runs.ok());
  EXPECT_TRUE((*runs)[0].status.ok());

  const absl::Time start = absl::Now();
  runs = pipeline.Run(registry(), document_,
                      {Request("echo", {{"sleep_ms", 60000}})},
                      start + absl::Milliseconds(300), nullptr, abandon);
  ASSERT_TRUE(runs.ok());
  EXPECT_EQ((*runs)[0].status.code(), absl::StatusCode::kDeadlineExceeded);
  EXPECT_LT(absl::Now() - start, absl::Seconds(30));
  EXPECT_EQ(abandoned.load(), 0);

  // Two analyzers still go to the pool, where the deadline ends the wait.
  runs = pipeline.Run(registry(), document_,
                      {Request("echo"), Request("echo_twin")}, Soon(), nullptr,
                      abandon);
  ASSERT_TRUE(runs.ok());
  EXPECT_TRUE((*runs)[1].status.ok());
}

TEST_F(PipelineTest, UnknownAnalyzerIsNotFound) {
  Pipeline pipeline(&pool_);
  auto runs = pipeline.Run(registry(), document_, {{"nope", {}}}, Soon());
  EXPECT_EQ(runs.status().code(), absl::StatusCode::kNotFound);
}

TEST_F(PipelineTest, FullPoolRefusesTheCall) {
  WorkerPool tiny(1, 1);
  absl::Notification started, release;
  // Occupy the only worker, then the only queue slot.
  ASSERT_TRUE(tiny.TrySubmit([&] {
                    started.Notify();
                    release.WaitForNotification();
                  })
                  .ok());
  started.WaitForNotification();
  ASSERT_TRUE(tiny.TrySubmit([] {}).ok());
  Pipeline pipeline(&tiny);
  auto runs = pipeline.Run(registry(), document_, {Request("echo")}, Soon());
  EXPECT_EQ(runs.status().code(), absl::StatusCode::kResourceExhausted);
  release.Notify();
}

}  // namespace
}  // namespace textlens::service::pipeline
