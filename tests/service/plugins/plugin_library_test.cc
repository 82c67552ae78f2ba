#include "service/plugins/plugin_library.h"

#include <sys/stat.h>

#include <fstream>
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "plugins/sdk/textlens_plugin.h"
#include "service/plugins/analyzer.h"
#include "tests/service/plugins/test_plugin_dir.h"
#include "textlens/v1/summary.pb.h"

namespace textlens::service::plugins {
namespace {

using ::testing::HasSubstr;
using tests::ScratchDir;
using tests::TestPlugin;

TEST(PluginLibraryTest, LoadsPluginAndReadsItsDescriptor) {
  auto library = PluginLibrary::Open(TestPlugin("echo"));
  ASSERT_TRUE(library.ok()) << library.status();
  const auto& d = (*library)->descriptor();
  EXPECT_EQ(d.name(), "echo");
  EXPECT_EQ(d.version(), "1.2.3");
  EXPECT_EQ(d.result_type(), "textlens.v1.Summary");
  EXPECT_FALSE(d.result_descriptor_set().empty());
  EXPECT_EQ(d.options_size(), 6);
  EXPECT_EQ(d.threading(), plugin::v1::THREADING_CONCURRENT);
}

TEST(PluginLibraryTest, AnalyzerRunsAndReturnsItsResult) {
  auto library = PluginLibrary::Open(TestPlugin("echo"));
  ASSERT_TRUE(library.ok()) << library.status();
  auto analyzer = Analyzer::Create(*library, plugin::v1::PluginInput());
  ASSERT_TRUE(analyzer.ok()) << analyzer.status();
  plugin::v1::PluginInput input;
  input.mutable_document()->set_text("Bonjour.");
  input.mutable_document()->set_language("fr");
  auto output = (*analyzer)->Analyze(input.SerializeAsString(), nullptr);
  ASSERT_TRUE(output.status.ok()) << output.status;
  textlens::v1::Summary summary;
  ASSERT_TRUE(summary.ParseFromString(output.result));
  EXPECT_EQ(summary.key_phrases(1).text(), "language=fr");
  EXPECT_THAT(output.warnings, ::testing::ElementsAre("echo warning"));
}

TEST(PluginLibraryTest, ExceptionInAnalyzeBecomesInternalError) {
  auto library = PluginLibrary::Open(TestPlugin("echo"));
  ASSERT_TRUE(library.ok());
  auto analyzer = Analyzer::Create(*library, plugin::v1::PluginInput());
  ASSERT_TRUE(analyzer.ok());
  plugin::v1::PluginInput input;
  (*input.mutable_options())["throw"].set_bool_value(true);
  auto output = (*analyzer)->Analyze(input.SerializeAsString(), nullptr);
  EXPECT_EQ(output.status.code(), absl::StatusCode::kInternal);
  EXPECT_THAT(output.status.message(), HasSubstr("asked to throw"));
}

TEST(PluginLibraryTest, PluginErrorCodeIsKept) {
  auto library = PluginLibrary::Open(TestPlugin("echo"));
  ASSERT_TRUE(library.ok());
  auto analyzer = Analyzer::Create(*library, plugin::v1::PluginInput());
  ASSERT_TRUE(analyzer.ok());
  plugin::v1::PluginInput input;
  (*input.mutable_options())["fail_code"].set_int_value(TL_UNAVAILABLE);
  auto output = (*analyzer)->Analyze(input.SerializeAsString(), nullptr);
  EXPECT_EQ(output.status.code(), absl::StatusCode::kUnavailable);
  EXPECT_THAT(output.status.message(), HasSubstr("asked to fail"));
}

TEST(PluginLibraryTest, GarbageInputIsInvalidArgument) {
  auto library = PluginLibrary::Open(TestPlugin("echo"));
  ASSERT_TRUE(library.ok());
  auto analyzer = Analyzer::Create(*library, plugin::v1::PluginInput());
  ASSERT_TRUE(analyzer.ok());
  auto output = (*analyzer)->Analyze(std::string("\xff\xff\xff", 3), nullptr);
  EXPECT_EQ(output.status.code(), absl::StatusCode::kInvalidArgument);
}

TEST(PluginLibraryTest, MissingFileIsNotFound) {
  auto library = PluginLibrary::Open("/nonexistent/folder/plugin.so");
  EXPECT_EQ(library.status().code(), absl::StatusCode::kNotFound);
}

TEST(PluginLibraryTest, RejectsFileThatIsNotASharedLibrary) {
  ScratchDir dir;
  const auto path = dir.path() / "text.so";
  std::ofstream(path) << "this is not an ELF file\n";
  ::chmod(path.c_str(), 0644);
  auto library = PluginLibrary::Open(path.string());
  EXPECT_EQ(library.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(library.status().message(),
              HasSubstr("not a loadable shared library"));
}

TEST(PluginLibraryTest, RejectsLibraryWithoutEntrySymbol) {
  auto library = PluginLibrary::Open(TestPlugin("no_entry"));
  EXPECT_EQ(library.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(library.status().message(), HasSubstr("textlens_plugin_entry"));
}

TEST(PluginLibraryTest, RejectsPluginWithOtherMajorAbi) {
  auto library = PluginLibrary::Open(TestPlugin("bad_abi_major"));
  EXPECT_EQ(library.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(
      library.status().message(),
      HasSubstr("plugin ABI 99." + std::to_string(TEXTLENS_PLUGIN_ABI_MINOR)));
}

TEST(PluginLibraryTest, ReportsWhyInitFailed) {
  auto library = PluginLibrary::Open(TestPlugin("init_fails"));
  EXPECT_EQ(library.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(library.status().message(), HasSubstr("model file missing"));
}

TEST(PluginLibraryTest, RejectsMalformedDescriptor) {
  auto library = PluginLibrary::Open(TestPlugin("bad_descriptor"));
  EXPECT_EQ(library.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(library.status().message(), HasSubstr("PluginDescriptor"));
}

TEST(PluginLibraryTest, ReportsWhyCreateFailed) {
  auto library = PluginLibrary::Open(TestPlugin("create_fails"));
  ASSERT_TRUE(library.ok()) << library.status();
  auto analyzer = Analyzer::Create(*library, plugin::v1::PluginInput());
  EXPECT_EQ(analyzer.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(analyzer.status().message(), HasSubstr("no licence key"));
}

TEST(PluginLibraryTest, RejectsFileWritableByOthers) {
  ScratchDir dir;
  const std::string path = dir.Add("echo");
  ::chmod(path.c_str(), 0666);
  auto library = PluginLibrary::Open(path);
  EXPECT_EQ(library.status().code(), absl::StatusCode::kPermissionDenied);
  EXPECT_THAT(library.status().message(), HasSubstr("writable by others"));
}

TEST(PluginLibraryTest, RejectsFolderWritableByOthers) {
  ScratchDir dir;
  const std::string path = dir.Add("echo");
  ::chmod(dir.path().c_str(), 0777);
  auto library = PluginLibrary::Open(path);
  EXPECT_EQ(library.status().code(), absl::StatusCode::kPermissionDenied);
  EXPECT_THAT(library.status().message(), HasSubstr("plugin folder"));
}

TEST(ValidateDescriptorTest, RejectsBadNamesAndSchemas) {
  auto library = PluginLibrary::Open(TestPlugin("echo"));
  ASSERT_TRUE(library.ok());
  plugin::v1::PluginDescriptor d = (*library)->descriptor();
  EXPECT_TRUE(ValidateDescriptor(d).ok());

  auto bad_name = d;
  bad_name.set_name("Has Spaces");
  EXPECT_EQ(ValidateDescriptor(bad_name).code(),
            absl::StatusCode::kInvalidArgument);

  auto unknown_type = d;
  unknown_type.set_result_type("textlens.v1.NoSuchMessage");
  EXPECT_THAT(ValidateDescriptor(unknown_type).message(),
              HasSubstr("not in result_descriptor_set"));

  auto duplicate_option = d;
  *duplicate_option.add_options() = d.options(0);
  EXPECT_THAT(ValidateDescriptor(duplicate_option).message(),
              HasSubstr("declared twice"));

  auto self_need = d;
  self_need.add_needs("echo");
  EXPECT_EQ(ValidateDescriptor(self_need).code(),
            absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace textlens::service::plugins
