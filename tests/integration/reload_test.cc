// Plugins reloaded in a running server: through the admin call and by the
// folder watch, under steady traffic, with a failed load keeping the
// previous version and calls in flight finishing on theirs.
#include <grpcpp/grpcpp.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/integration/server_process.h"
#include "textlens/v1/admin.grpc.pb.h"
#include "textlens/v1/service.grpc.pb.h"

namespace textlens::tests {
namespace {

using ::testing::HasSubstr;
using textlens::v1::PluginReload;

namespace fs = std::filesystem;

class ReloadTest : public ::testing::Test {
 protected:
  void SetUp() override {
    folder_ = fs::temp_directory_path() /
              ("textlens_reload_" + std::to_string(::getpid()) + "_" +
               ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(folder_);
    fs::create_directories(folder_);
    ::chmod(folder_.c_str(), 0755);
    Place(std::string(TEST_PLUGIN_DIR) + "/echo.so", "echo.so");
  }
  void TearDown() override {
    // Clients first: an open connection holds the shutdown for its grace.
    analysis_.reset();
    admin_.reset();
    server_.reset();
    fs::remove_all(folder_);
  }

  void Start(std::vector<std::string> flags) {
    flags.push_back("--plugin_dir=" + folder_.string());
    server_ = std::make_unique<ServerProcess>(flags);
    auto channel = grpc::CreateChannel(server_->address(),
                                       grpc::InsecureChannelCredentials());
    analysis_ = textlens::v1::AnalysisService::NewStub(channel);
    admin_ = textlens::v1::AdminService::NewStub(channel);
  }

  // Puts a copy of `source` in the folder as `name` the way a deployment
  // should: written beside it, then moved in (a new file, never rewritten
  // in place).
  void Place(const std::string& source, const std::string& name) {
    const fs::path staging = folder_ / ("." + name + ".partial");
    fs::copy_file(source, staging, fs::copy_options::overwrite_existing);
    fs::rename(staging, folder_ / name);
  }
  void PlaceText(const std::string& text, const std::string& name) {
    const fs::path staging = folder_ / ("." + name + ".partial");
    std::ofstream(staging) << text;
    fs::rename(staging, folder_ / name);
  }

  textlens::v1::ReloadPluginsResponse Reload() {
    grpc::ClientContext context;
    textlens::v1::ReloadPluginsResponse response;
    const grpc::Status status = admin_->ReloadPlugins(&context, {}, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return response;
  }

  // The reload's entry for `name` in the folder.
  PluginReload Entry(const textlens::v1::ReloadPluginsResponse& response,
                     const std::string& name) {
    for (const PluginReload& plugin : response.plugins()) {
      if (plugin.file() == (folder_ / name).string()) return plugin;
    }
    ADD_FAILURE() << "no entry for " << name << " in "
                  << response.DebugString();
    return {};
  }

  // The version of analyzer `name` ListAnalyzers reports; empty if none.
  std::string ListedVersion(const std::string& name) {
    grpc::ClientContext context;
    textlens::v1::ListAnalyzersResponse response;
    EXPECT_TRUE(analysis_->ListAnalyzers(&context, {}, &response).ok());
    for (const auto& analyzer : response.analyzers()) {
      if (analyzer.name() == name && analyzer.load_status().code() == 0) {
        return analyzer.version();
      }
    }
    return "";
  }

  static textlens::v1::AnalyzeRequest EchoRequest(int sleep_ms = 0) {
    textlens::v1::AnalyzeRequest request;
    request.mutable_document()->set_text("Bonjour le monde.");
    auto* echo = request.add_analyzers();
    echo->set_name("echo");
    if (sleep_ms > 0) {
      (*echo->mutable_generic()->mutable_fields())["sleep_ms"].set_number_value(
          sleep_ms);
    }
    return request;
  }

  fs::path folder_;
  std::unique_ptr<ServerProcess> server_;
  std::unique_ptr<textlens::v1::AnalysisService::Stub> analysis_;
  std::unique_ptr<textlens::v1::AdminService::Stub> admin_;
};

TEST_F(ReloadTest, ReloadUnderSteadyTrafficLosesNoCall) {
  Start({"--watch_plugins=false"});
  ASSERT_EQ(ListedVersion("echo"), "1.2.3");

  // Clients sending one call after another for the whole test.
  std::atomic<bool> stop{false};
  std::atomic<int> ok{0};
  std::mutex mu;
  std::vector<std::string> failures;
  std::set<std::string> versions;
  std::vector<std::thread> clients;
  for (int c = 0; c < 3; ++c) {
    clients.emplace_back([&] {
      while (!stop.load()) {
        grpc::ClientContext context;
        textlens::v1::AnalyzeResponse response;
        const grpc::Status status =
            analysis_->Analyze(&context, EchoRequest(), &response);
        std::lock_guard<std::mutex> lock(mu);
        if (!status.ok()) {
          failures.push_back(status.error_message());
        } else if (response.results(0).status().code() != 0) {
          failures.push_back(response.results(0).status().message());
        } else {
          ++ok;
          versions.insert(response.results(0).version());
        }
      }
    });
  }
  // A slow call on version 1 that the reload must let finish.
  textlens::v1::AnalyzeResponse slow_response;
  grpc::Status slow_status;
  std::thread slow([&] {
    grpc::ClientContext context;
    slow_status =
        analysis_->Analyze(&context, EchoRequest(1500), &slow_response);
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(400));

  // A new version moved in, then reloaded.
  Place(std::string(TEST_PLUGIN_DIR) + "/versions/echo_v2.so", "echo.so");
  textlens::v1::ReloadPluginsResponse reloaded = Reload();
  PluginReload echo = Entry(reloaded, "echo.so");
  EXPECT_EQ(echo.action(), PluginReload::ACTION_REPLACED);
  EXPECT_EQ(echo.analyzer(), "echo");
  EXPECT_EQ(echo.previous_version(), "1.2.3");
  EXPECT_EQ(echo.version(), "2.0.0");
  EXPECT_EQ(ListedVersion("echo"), "2.0.0");
  std::this_thread::sleep_for(std::chrono::milliseconds(400));

  // A broken file: the load fails, version 2 serves on.
  PlaceText("not a shared library\n", "echo.so");
  reloaded = Reload();
  echo = Entry(reloaded, "echo.so");
  EXPECT_EQ(echo.action(), PluginReload::ACTION_FAILED);
  EXPECT_EQ(echo.version(), "2.0.0");
  EXPECT_THAT(echo.error().message(), HasSubstr("not a loadable shared"));
  EXPECT_EQ(ListedVersion("echo"), "2.0.0");
  std::this_thread::sleep_for(std::chrono::milliseconds(400));

  stop = true;
  for (auto& client : clients) client.join();
  slow.join();
  EXPECT_TRUE(failures.empty())
      << failures.size() << " calls failed, e.g. " << failures.front();
  EXPECT_GT(ok.load(), 50);
  EXPECT_EQ(versions, (std::set<std::string>{"1.2.3", "2.0.0"}));
  // The call in flight at the reload finished on the version it started on.
  ASSERT_TRUE(slow_status.ok()) << slow_status.error_message();
  EXPECT_EQ(slow_response.results(0).status().code(), 0);
  EXPECT_EQ(slow_response.results(0).version(), "1.2.3");

  // Once the file is gone, so is the analyzer.
  fs::remove(folder_ / "echo.so");
  echo = Entry(Reload(), "echo.so");
  EXPECT_EQ(echo.action(), PluginReload::ACTION_REMOVED);
  EXPECT_EQ(echo.previous_version(), "2.0.0");
  grpc::ClientContext context;
  textlens::v1::AnalyzeResponse response;
  EXPECT_EQ(analysis_->Analyze(&context, EchoRequest(), &response).error_code(),
            grpc::StatusCode::NOT_FOUND);
}

TEST_F(ReloadTest, TheFolderWatchReloadsByItself) {
  Start({});
  ASSERT_EQ(ListedVersion("echo"), "1.2.3");
  const auto until = [this](const std::string& name,
                            const std::string& version) {
    for (int attempt = 0; attempt < 200; ++attempt) {
      if (ListedVersion(name) == version) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return false;
  };
  Place(std::string(TEST_PLUGIN_DIR) + "/versions/echo_v2.so", "echo.so");
  EXPECT_TRUE(until("echo", "2.0.0"));
  Place(std::string(TEST_PLUGIN_DIR) + "/echo_twin.so", "echo_twin.so");
  EXPECT_TRUE(until("echo_twin", "1.2.3"));
  // Files that are not plugins change nothing.
  PlaceText("notes\n", "README.txt");
  grpc::ClientContext context;
  textlens::v1::AnalyzeResponse response;
  ASSERT_TRUE(analysis_->Analyze(&context, EchoRequest(), &response).ok());
  EXPECT_EQ(response.results(0).version(), "2.0.0");
}

TEST_F(ReloadTest, ReloadingNeedsTheTokenWhenTheServerHasOne) {
  const fs::path tokens = folder_.parent_path() / ("textlens_reload_tokens_" +
                                                   std::to_string(::getpid()));
  std::ofstream(tokens) << "admin-secret\n";
  ::chmod(tokens.c_str(), 0600);
  Start({"--auth_token_file=" + tokens.string(), "--watch_plugins=false"});
  {
    grpc::ClientContext context;
    textlens::v1::ReloadPluginsResponse response;
    EXPECT_EQ(admin_->ReloadPlugins(&context, {}, &response).error_code(),
              grpc::StatusCode::UNAUTHENTICATED);
  }
  grpc::ClientContext context;
  context.AddMetadata("authorization", "Bearer admin-secret");
  textlens::v1::ReloadPluginsResponse response;
  ASSERT_TRUE(admin_->ReloadPlugins(&context, {}, &response).ok());
  EXPECT_EQ(Entry(response, "echo.so").action(),
            PluginReload::ACTION_UNCHANGED);
  fs::remove(tokens);
}

}  // namespace
}  // namespace textlens::tests
