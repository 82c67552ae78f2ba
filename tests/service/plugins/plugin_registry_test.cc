#include "service/plugins/plugin_registry.h"

#include <fstream>
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "plugins/sdk/textlens_plugin.h"
#include "tests/service/plugins/test_plugin_dir.h"

namespace textlens::service::plugins {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using tests::ScratchDir;

const LoadFailure* FindFailure(const PluginRegistry& registry,
                               const std::string& name) {
  for (const auto& failure : registry.failures()) {
    if (failure.name == name) return &failure;
  }
  return nullptr;
}

TEST(PluginRegistryTest, LoadsGoodPluginsAndRecordsEachRefusal) {
  ScratchDir dir;
  dir.Add("echo");
  dir.Add("echo_needs");
  dir.Add("bad_abi_major");
  dir.Add("init_fails");
  std::ofstream(dir.path() / "broken.so") << "garbage";
  std::ofstream(dir.path() / "README.txt") << "not a plugin, ignored";

  auto registry = PluginRegistry::LoadDirectory(dir.path().string());
  EXPECT_THAT(registry->Names(), ElementsAre("echo", "echo_needs"));
  ASSERT_EQ(registry->failures().size(), 3u);
  EXPECT_THAT(FindFailure(*registry, "broken")->status.message(),
              HasSubstr("not a loadable shared library"));
  EXPECT_THAT(FindFailure(*registry, "bad_abi_major")->status.message(),
              HasSubstr("ABI 99." + std::to_string(TEXTLENS_PLUGIN_ABI_MINOR)));
  EXPECT_THAT(FindFailure(*registry, "init_fails")->status.message(),
              HasSubstr("model file missing"));
  ASSERT_NE(registry->Find("echo"), nullptr);
  EXPECT_EQ(registry->Find("nope"), nullptr);
  EXPECT_EQ(registry->ResultDescriptor("echo")->full_name(),
            "textlens.v1.Summary");
}

TEST(PluginRegistryTest, RefusesSecondPluginWithTheSameName) {
  ScratchDir dir;
  dir.Add("echo", "a_echo");
  dir.Add("echo", "b_echo");
  auto registry = PluginRegistry::LoadDirectory(dir.path().string());
  EXPECT_THAT(registry->Names(), ElementsAre("echo"));
  ASSERT_EQ(registry->failures().size(), 1u);
  EXPECT_EQ(registry->failures()[0].status.code(),
            absl::StatusCode::kAlreadyExists);
  EXPECT_THAT(registry->failures()[0].status.message(), HasSubstr("a_echo.so"));
}

TEST(PluginRegistryTest, RefusesAnalyzerWhoseNeedsAreMissing) {
  ScratchDir dir;
  dir.Add("echo_needs");
  auto registry = PluginRegistry::LoadDirectory(dir.path().string());
  EXPECT_TRUE(registry->Names().empty());
  const auto* failure = FindFailure(*registry, "echo_needs");
  ASSERT_NE(failure, nullptr);
  EXPECT_EQ(failure->status.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(failure->status.message(), HasSubstr("echo"));
}

TEST(PluginRegistryTest, MissingFolderIsRecordedNotFatal) {
  auto registry = PluginRegistry::LoadDirectory("/nonexistent/plugins");
  EXPECT_EQ(registry->size(), 0u);
  ASSERT_EQ(registry->failures().size(), 1u);
  EXPECT_EQ(registry->failures()[0].status.code(), absl::StatusCode::kNotFound);
}

}  // namespace
}  // namespace textlens::service::plugins
