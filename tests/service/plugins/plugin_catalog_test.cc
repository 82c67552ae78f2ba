#include "service/plugins/plugin_catalog.h"

#include <atomic>
#include <filesystem>
#include <fstream>
#include <thread>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/service/plugins/test_plugin_dir.h"

namespace textlens::service::plugins {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using tests::ScratchDir;
using Action = ReloadOutcome::Action;

// Moves a copy of `source` into `dir` as `name`, as a deployment would.
void Place(const ScratchDir& dir, const std::string& source,
           const std::string& name) {
  const auto staging = dir.path() / ("." + name + ".partial");
  std::filesystem::copy_file(source, staging,
                             std::filesystem::copy_options::overwrite_existing);
  std::filesystem::rename(staging, dir.path() / name);
}

std::unique_ptr<PluginCatalog> Catalog(const ScratchDir& dir) {
  return std::make_unique<PluginCatalog>(
      PluginRegistry::LoadDirectory(dir.path().string()), dir.path().string(),
      PluginRegistry::PluginOptions{}, PluginIsolation{});
}

const ReloadOutcome* For(const std::vector<ReloadOutcome>& outcomes,
                         const ScratchDir& dir, const std::string& name) {
  for (const ReloadOutcome& outcome : outcomes) {
    if (outcome.file == (dir.path() / name).string()) return &outcome;
  }
  return nullptr;
}

std::string Version(const PluginCatalog& catalog, const std::string& name) {
  const auto analyzer = catalog.Current()->Find(name);
  return analyzer == nullptr ? "" : analyzer->descriptor().version();
}

TEST(PluginCatalogTest, KeepsUnchangedFilesAndLoadsChangedOnesBeside) {
  ScratchDir dir;
  dir.Add("echo");
  dir.Add("echo_twin");
  auto catalog = Catalog(dir);
  const auto before = catalog->Current();
  ASSERT_EQ(Version(*catalog, "echo"), "1.2.3");

  Place(dir, tests::TestPlugin("versions/echo_v2"), "echo.so");
  auto outcomes = catalog->Reload();
  ASSERT_TRUE(outcomes.ok()) << outcomes.status();
  const ReloadOutcome* echo = For(*outcomes, dir, "echo.so");
  ASSERT_NE(echo, nullptr);
  EXPECT_EQ(echo->action, Action::kReplaced);
  EXPECT_EQ(echo->previous_version, "1.2.3");
  EXPECT_EQ(echo->version, "2.0.0");
  const ReloadOutcome* twin = For(*outcomes, dir, "echo_twin.so");
  ASSERT_NE(twin, nullptr);
  EXPECT_EQ(twin->action, Action::kUnchanged);

  const auto after = catalog->Current();
  EXPECT_EQ(Version(*catalog, "echo"), "2.0.0");
  // The unchanged analyzer is the same object; the replaced one is new and
  // loaded from a private copy, while the registry keeps the operator's
  // file as its source.
  EXPECT_EQ(after->Find("echo_twin"), before->Find("echo_twin"));
  EXPECT_NE(after->Find("echo"), before->Find("echo"));
  EXPECT_NE(after->Find("echo")->path(), (dir.path() / "echo.so").string());
  EXPECT_EQ(after->SourceOf("echo"), (dir.path() / "echo.so").string());
  // A call that took the previous registry still has version 1.2.3, alive.
  EXPECT_EQ(before->Find("echo")->descriptor().version(), "1.2.3");
  auto run = before->Find("echo")->Analyze(
      plugin::v1::PluginInput().SerializeAsString(), nullptr);
  EXPECT_TRUE(run.status.ok()) << run.status;

  // Nothing changed: nothing reloaded.
  outcomes = catalog->Reload();
  ASSERT_TRUE(outcomes.ok());
  for (const ReloadOutcome& outcome : *outcomes) {
    EXPECT_EQ(outcome.action, Action::kUnchanged) << outcome.file;
  }
  EXPECT_EQ(catalog->Current()->Find("echo"), after->Find("echo"));
}

TEST(PluginCatalogTest, AFailedLoadKeepsThePreviousVersionServing) {
  ScratchDir dir;
  dir.Add("echo");
  auto catalog = Catalog(dir);
  const auto serving = catalog->Current()->Find("echo");
  { std::ofstream(dir.path() / ".echo.partial") << "not a library"; }
  std::filesystem::rename(dir.path() / ".echo.partial", dir.path() / "echo.so");
  auto outcomes = catalog->Reload();
  ASSERT_TRUE(outcomes.ok());
  const ReloadOutcome* echo = For(*outcomes, dir, "echo.so");
  ASSERT_NE(echo, nullptr);
  EXPECT_EQ(echo->action, Action::kFailed);
  EXPECT_THAT(echo->error.message(), HasSubstr("not a loadable shared"));
  EXPECT_EQ(echo->version, "1.2.3");
  EXPECT_EQ(catalog->Current()->Find("echo"), serving);
  // The failure is listed, the analyzer still there.
  ASSERT_EQ(catalog->Current()->failures().size(), 1u);
  EXPECT_EQ(catalog->Current()->failures()[0].path,
            (dir.path() / "echo.so").string());

  // A good file again: it loads, the failure is gone.
  Place(dir, tests::TestPlugin("versions/echo_v2"), "echo.so");
  outcomes = catalog->Reload();
  ASSERT_TRUE(outcomes.ok());
  EXPECT_EQ(For(*outcomes, dir, "echo.so")->action, Action::kReplaced);
  EXPECT_EQ(Version(*catalog, "echo"), "2.0.0");
  EXPECT_TRUE(catalog->Current()->failures().empty());
}

TEST(PluginCatalogTest, AddsNewFilesAndRemovesGoneOnesWithWhatNeedsThem) {
  ScratchDir dir;
  dir.Add("echo");
  auto catalog = Catalog(dir);
  dir.Add("echo_needs");
  auto outcomes = catalog->Reload();
  ASSERT_TRUE(outcomes.ok());
  EXPECT_EQ(For(*outcomes, dir, "echo_needs.so")->action, Action::kAdded);
  EXPECT_THAT(catalog->Current()->Names(), ElementsAre("echo", "echo_needs"));

  // echo goes, and echo_needs, which needs it, cannot serve.
  std::filesystem::remove(dir.path() / "echo.so");
  outcomes = catalog->Reload();
  ASSERT_TRUE(outcomes.ok());
  EXPECT_EQ(For(*outcomes, dir, "echo.so")->action, Action::kRemoved);
  const ReloadOutcome* needs = For(*outcomes, dir, "echo_needs.so");
  EXPECT_EQ(needs->action, Action::kFailed);
  EXPECT_THAT(needs->error.message(), HasSubstr("needs analyzers"));
  EXPECT_TRUE(catalog->Current()->Names().empty());
}

TEST(PluginCatalogTest, CallsTakeARegistryWhileReloadsReplaceIt) {
  ScratchDir dir;
  dir.Add("echo");
  auto catalog = Catalog(dir);
  std::atomic<bool> stop{false};
  std::atomic<int> calls{0}, failures{0};
  std::vector<std::thread> callers;
  const std::string input = plugin::v1::PluginInput().SerializeAsString();
  for (int t = 0; t < 3; ++t) {
    callers.emplace_back([&] {
      while (!stop.load()) {
        const auto registry = catalog->Current();
        const auto echo = registry->Find("echo");
        if (echo == nullptr || !echo->Analyze(input, nullptr).status.ok()) {
          ++failures;
        }
        ++calls;
      }
    });
  }
  for (int i = 0; i < 6; ++i) {
    Place(dir, tests::TestPlugin(i % 2 == 0 ? "versions/echo_v2" : "echo"),
          "echo.so");
    auto outcomes = catalog->Reload();
    ASSERT_TRUE(outcomes.ok());
    EXPECT_EQ(For(*outcomes, dir, "echo.so")->action, Action::kReplaced);
  }
  stop = true;
  for (auto& caller : callers) caller.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_GT(calls.load(), 0);
}

TEST(PluginCatalogTest, ARegistryBuiltByHandCannotReload) {
  PluginCatalog catalog(PluginRegistry::Builder().Build());
  EXPECT_EQ(catalog.Reload().status().code(),
            absl::StatusCode::kFailedPrecondition);
}

}  // namespace
}  // namespace textlens::service::plugins
