// textlensd's configuration from a YAML file, TEXTLENS_* variables and
// flags, as an operator sets it up: --print-config, refusals naming the bad
// setting, and a server running with the result.
#include <grpcpp/grpcpp.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/integration/test_server.h"
#include "textlens/v1/service.grpc.pb.h"

namespace textlens::tests {
namespace {

using ::testing::HasSubstr;

class ConfigTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = (std::filesystem::temp_directory_path() /
             ("textlens_config_" + std::to_string(::getpid()) + ".yaml"))
                .string();
  }
  void TearDown() override { std::filesystem::remove(path_); }

  void Write(const std::string& yaml) { std::ofstream(path_) << yaml; }

  // textlensd with `variables` (NAME=VALUE) added to its environment.
  static CommandResult Textlensd(const std::vector<std::string>& variables,
                                 const std::vector<std::string>& flags) {
    std::vector<std::string> argv = {"/usr/bin/env"};
    argv.insert(argv.end(), variables.begin(), variables.end());
    argv.push_back(TEXTLENSD_BINARY);
    argv.insert(argv.end(), flags.begin(), flags.end());
    return RunCommand(argv);
  }

  std::string path_;
};

TEST_F(ConfigTest, PrintConfigShowsEachSettingAndWhereItCameFrom) {
  Write(
      "# limits of this deployment\nmax_document_bytes: 123456\n"
      "max_batch_size: 5\nisolate: [stance]\n");
  const CommandResult result = Textlensd(
      {"TEXTLENS_MAX_BATCH_SIZE=6"},
      {"--config=" + path_, "--print-config", "--max-queued-tasks=99"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_THAT(result.out,
              HasSubstr("max_document_bytes: 123456  # file " + path_ + "\n"));
  EXPECT_THAT(result.out, HasSubstr("max_batch_size: 6  # environment "
                                    "TEXTLENS_MAX_BATCH_SIZE\n"));
  EXPECT_THAT(result.out,
              HasSubstr("max_queued_tasks: 99  # flag --max_queued_tasks\n"));
  EXPECT_THAT(result.out, HasSubstr("isolate: [stance]  # file"));
  EXPECT_THAT(result.out, HasSubstr("listen: 127.0.0.1:50051  # default\n"));
  EXPECT_THAT(result.out, HasSubstr("default_deadline: 30s  # default\n"));

  // TEXTLENS_CONFIG names the file when --config does not; what textlensd
  // printed is a configuration it reads back.
  const std::string printed = result.out;
  Write(printed);
  const CommandResult again =
      Textlensd({"TEXTLENS_CONFIG=" + path_}, {"--print_config"});
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_THAT(again.out, HasSubstr("max_batch_size: 6  # file " + path_));
  EXPECT_THAT(again.out, HasSubstr("max_queued_tasks: 99  # file " + path_));
}

TEST_F(ConfigTest, BadSettingsStopTheServerNamingThem) {
  Write("max_batch_size: 5\nmax_docment_bytes: 10\n");
  CommandResult result = Textlensd({}, {"--config=" + path_});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_THAT(result.err, HasSubstr("config " + path_ +
                                    ", line 2: unknown setting "
                                    "'max_docment_bytes'"));

  Write("default_deadline: 30\n");
  result = Textlensd({}, {"--config=" + path_});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_THAT(result.err, HasSubstr("line 1: default_deadline: '30' is not a "
                                    "duration such as 30s"));

  result = Textlensd({"TEXTLENS_MAX_BATCH_SIZE=lots"}, {});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_THAT(result.err, HasSubstr("environment variable "
                                    "TEXTLENS_MAX_BATCH_SIZE: 'lots' is not a "
                                    "whole number"));

  result = Textlensd({}, {"--config=/nonexistent/textlens.yaml"});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_THAT(result.err,
              HasSubstr("cannot read config /nonexistent/textlens.yaml"));

  result = Textlensd({}, {"--max_concurrent_calls=0"});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_THAT(result.err,
              HasSubstr("max_concurrent_calls and max_concurrent_streams must "
                        "be at least 1 (max_concurrent_calls: flag "
                        "--max_concurrent_calls; max_concurrent_streams: "
                        "default)"));

  // A directory is no configuration file.
  result = Textlensd({}, {"--config=/tmp"});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_THAT(result.err, HasSubstr("cannot read config /tmp"));
}

TEST_F(ConfigTest, ASecondServerOnABusyPortExitsAtOnce) {
  TestServer first;
  const std::string listen = "--listen=" + first.address();
  const CommandResult second =
      Textlensd({}, {listen, "--plugin_dir=/nonexistent", "--log_level=warn"});
  EXPECT_EQ(second.exit_code, 2);
  EXPECT_THAT(second.out + second.err,
              HasSubstr("cannot listen on " + first.address() +
                        ": address already in use"));

  // The first one still answers every call.
  auto stub = textlens::v1::AnalysisService::NewStub(
      grpc::CreateChannel(first.address(), grpc::InsecureChannelCredentials()));
  grpc::ClientContext context;
  textlens::v1::ServerInfo info;
  EXPECT_TRUE(stub->GetServerInfo(&context, {}, &info).ok());
}

TEST_F(ConfigTest, ListenReusePortLetsServersShareAPortThatAskForIt) {
  TestServer first({"--listen_reuse_port=true"});
  TestServer second(
      {"--listen=" + first.address(), "--listen_reuse_port=true"});
  EXPECT_EQ(second.address(), first.address());
  auto stub = textlens::v1::AnalysisService::NewStub(grpc::CreateChannel(
      second.address(), grpc::InsecureChannelCredentials()));
  grpc::ClientContext context;
  textlens::v1::ServerInfo info;
  EXPECT_TRUE(stub->GetServerInfo(&context, {}, &info).ok());

  // A server that does not ask cannot join them.
  const CommandResult third = Textlensd(
      {}, {"--listen=" + first.address(), "--plugin_dir=/nonexistent"});
  EXPECT_EQ(third.exit_code, 2);
  EXPECT_THAT(third.out + third.err, HasSubstr("address already in use"));
}

TEST_F(ConfigTest, TheServerRunsWithTheMergedConfiguration) {
  Write(
      "max_document_bytes: 123456\nmax_content_bytes: 234567\n"
      "max_batch_size: 5\n");
  ::setenv("TEXTLENS_MAX_BATCH_SIZE", "6", 1);
  TestServer server({"--config=" + path_, "--max-content-bytes=345678"});
  ::unsetenv("TEXTLENS_MAX_BATCH_SIZE");
  auto stub = textlens::v1::AnalysisService::NewStub(grpc::CreateChannel(
      server.address(), grpc::InsecureChannelCredentials()));
  grpc::ClientContext context;
  textlens::v1::ServerInfo info;
  ASSERT_TRUE(stub->GetServerInfo(&context, {}, &info).ok());
  EXPECT_EQ(info.max_document_bytes(), 123456u);  // the file
  EXPECT_EQ(info.max_batch_size(), 6u);           // the environment
  EXPECT_EQ(info.max_content_bytes(), 345678u);   // the flag
}

}  // namespace
}  // namespace textlens::tests
