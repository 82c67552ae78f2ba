// Faulty plugins (tests/plugins/test_plugins: one that segfaults, aborts,
// hangs, allocates without bound, answers garbage, has the wrong ABI, is
// slow to start) in a real server, isolated and in-process, and the
// server's shutdown with calls in flight.
#include <grpcpp/grpcpp.h>
#include <signal.h>
#include <sys/wait.h>

#include <filesystem>
#include <fstream>
#include <future>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "gmock/gmock.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "gtest/gtest.h"
#include "tests/integration/server_process.h"
#include "textlens/v1/service.grpc.pb.h"

namespace textlens::tests {
namespace {

using ::grpc::health::v1::Health;
using ::grpc::health::v1::HealthCheckRequest;
using ::grpc::health::v1::HealthCheckResponse;
using ::testing::AnyOf;
using ::testing::HasSubstr;
using textlens::v1::AnalyzeRequest;
using textlens::v1::AnalyzeResponse;

constexpr char kFaultyDir[] = TEST_PLUGIN_DIR "/faulty";

std::shared_ptr<grpc::Channel> Connect(const ServerProcess& server) {
  return grpc::CreateChannel(server.address(),
                             grpc::InsecureChannelCredentials());
}

grpc::Status Analyze(const ServerProcess& server,
                     const std::vector<std::string>& analyzers,
                     AnalyzeResponse* response, int sleep_ms = 0) {
  AnalyzeRequest request;
  request.mutable_document()->set_text(
      "Les modèles ouverts progressent. Les laboratoires publient leurs "
      "poids.");
  for (const auto& name : analyzers) {
    auto* spec = request.add_analyzers();
    spec->set_name(name);
    if (sleep_ms > 0) {
      (*spec->mutable_generic()->mutable_fields())["sleep_ms"].set_number_value(
          sleep_ms);
    }
  }
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() +
                       std::chrono::seconds(60));
  return textlens::v1::AnalysisService::NewStub(Connect(server))
      ->Analyze(&context, request, response);
}

const textlens::v1::AnalyzerResult& ResultOf(const AnalyzeResponse& response,
                                             const std::string& name) {
  for (const auto& result : response.results()) {
    if (result.analyzer() == name) return result;
  }
  ADD_FAILURE() << "no result for " << name;
  static const textlens::v1::AnalyzerResult kNone;
  return kNone;
}

// The health of `service` ("" for the server), or -1 when unreachable.
int HealthOf(const ServerProcess& server, const std::string& service) {
  HealthCheckRequest request;
  request.set_service(service);
  HealthCheckResponse response;
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() +
                       std::chrono::seconds(10));
  const grpc::Status status =
      Health::NewStub(Connect(server))->Check(&context, request, &response);
  return status.ok() ? static_cast<int>(response.status()) : -1;
}

textlens::v1::ListAnalyzersResponse List(const ServerProcess& server) {
  textlens::v1::ListAnalyzersResponse list;
  grpc::ClientContext context;
  EXPECT_TRUE(textlens::v1::AnalysisService::NewStub(Connect(server))
                  ->ListAnalyzers(&context, {}, &list)
                  .ok());
  return list;
}

const textlens::v1::AnalyzerInfo* InfoOf(
    const textlens::v1::ListAnalyzersResponse& list, const std::string& name) {
  for (const auto& info : list.analyzers()) {
    if (info.name() == name) return &info;
  }
  return nullptr;
}

TEST(IsolationTest, EachFaultyPluginFailsOnlyItsOwnResult) {
  ServerProcess server({std::string("--plugin_dir=") + kFaultyDir,
                        "--isolate=all", "--isolation_max_call_time=2s",
                        "--isolation_max_memory_bytes=268435456",
                        "--isolation_processes=1"});

  const auto list = List(server);
  for (const char* name :
       {"steady", "fault_segfault", "fault_abort", "fault_hang",
        "fault_allocate", "fault_garbage", "fault_slow_start"}) {
    const auto* info = InfoOf(list, name);
    ASSERT_NE(info, nullptr) << name;
    EXPECT_EQ(info->load_status().code(), 0) << name;
    EXPECT_TRUE(info->isolated()) << name;
    EXPECT_TRUE(info->available()) << name;
  }
  // The wrong ABI is refused by its process, with the same reason as
  // in-process.
  const auto* bad_abi = InfoOf(list, "fault_bad_abi");
  ASSERT_NE(bad_abi, nullptr);
  EXPECT_EQ(bad_abi->load_status().code(),
            grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_THAT(bad_abi->load_status().message(), HasSubstr("ABI"));

  struct Fault {
    const char* analyzer;
    grpc::StatusCode code;
    const char* says;
  };
  const Fault faults[] = {
      {"fault_segfault", grpc::StatusCode::INTERNAL, "its process"},
      {"fault_abort", grpc::StatusCode::INTERNAL, "its process"},
      {"fault_hang", grpc::StatusCode::DEADLINE_EXCEEDED, "took more than 2s"},
      {"fault_allocate", grpc::StatusCode::INTERNAL, "its process"},
      {"fault_garbage", grpc::StatusCode::INTERNAL, "bytes that are not"},
  };
  for (const Fault& fault : faults) {
    SCOPED_TRACE(fault.analyzer);
    AnalyzeResponse response;
    ASSERT_TRUE(Analyze(server, {"steady", fault.analyzer}, &response).ok());
    EXPECT_EQ(ResultOf(response, "steady").status().code(), 0);
    EXPECT_TRUE(ResultOf(response, "steady").has_summary());
    const auto& failed = ResultOf(response, fault.analyzer).status();
    EXPECT_EQ(failed.code(), fault.code) << failed.message();
    EXPECT_THAT(failed.message(), HasSubstr(fault.says));
    EXPECT_EQ(HealthOf(server, ""), HealthCheckResponse::SERVING);
  }
  AnalyzeResponse slow;
  ASSERT_TRUE(Analyze(server, {"steady", "fault_slow_start"}, &slow).ok());
  EXPECT_EQ(ResultOf(slow, "fault_slow_start").status().code(), 0);

  // The crashed ones are restarted: their health and ListAnalyzers come back
  // to available, with the failure counted and described.
  for (const char* name : {"fault_segfault", "fault_abort", "fault_hang"}) {
    const std::string service = std::string("textlens.analyzer.") + name;
    for (int i = 0;
         i < 200 && HealthOf(server, service) != HealthCheckResponse::SERVING;
         ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    EXPECT_EQ(HealthOf(server, service), HealthCheckResponse::SERVING) << name;
  }
  const auto after = List(server);
  const auto* segfault = InfoOf(after, "fault_segfault");
  ASSERT_NE(segfault, nullptr);
  EXPECT_GE(segfault->failures(), 1u);
  EXPECT_THAT(segfault->last_failure(),
              AnyOf(HasSubstr("signal"), HasSubstr("exited")));
  EXPECT_THAT(InfoOf(after, "fault_hang")->last_failure(),
              HasSubstr("was killed"));
  EXPECT_EQ(InfoOf(after, "steady")->failures(), 0u);

  // A plugin crashing again right after its restart: the call that meets
  // the dead process gets INTERNAL, a call during the backoff UNAVAILABLE;
  // never a failed call.
  for (int i = 0; i < 3; ++i) {
    AnalyzeResponse response;
    ASSERT_TRUE(Analyze(server, {"steady", "fault_segfault"}, &response).ok());
    EXPECT_THAT(
        ResultOf(response, "fault_segfault").status().code(),
        AnyOf(grpc::StatusCode::INTERNAL, grpc::StatusCode::UNAVAILABLE));
  }
  AnalyzeResponse healthy;
  ASSERT_TRUE(Analyze(server, {"steady"}, &healthy).ok());
  EXPECT_EQ(ResultOf(healthy, "steady").status().code(), 0);
  EXPECT_EQ(server.Stop(), 0);
}

TEST(IsolationTest, InProcessAHangIsBoundedByTheDeadline) {
  ServerProcess server({std::string("--plugin_dir=") + kFaultyDir,
                        "--default_deadline=1s", "--shutdown_grace=1s"});
  AnalyzeResponse response;
  ASSERT_TRUE(Analyze(server, {"steady", "fault_hang"}, &response).ok());
  EXPECT_EQ(ResultOf(response, "steady").status().code(), 0);
  EXPECT_EQ(ResultOf(response, "fault_hang").status().code(),
            grpc::StatusCode::DEADLINE_EXCEEDED);
  EXPECT_FALSE(InfoOf(List(server), "steady")->isolated());
  EXPECT_EQ(HealthOf(server, ""), HealthCheckResponse::SERVING);
  ASSERT_TRUE(Analyze(server, {"steady"}, &response).ok());
  EXPECT_EQ(ResultOf(response, "steady").status().code(), 0);
  // The hung worker cannot be stopped in-process: the server exits after
  // the grace period without it, and says so with its exit status.
  const int status = server.Stop();
  EXPECT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 1);
}

// A call for one analyzer runs it on the call's own thread: a plugin that
// stops when cancelled answers at the deadline; one that hangs gets the RPC
// cancelled shortly after, so the client is released either way.
TEST(IsolationTest, InProcessASingleAnalyzerCallIsReleasedAtItsDeadline) {
  ServerProcess server({std::string("--plugin_dir=") + kFaultyDir,
                        "--default_deadline=1s", "--shutdown_grace=1s"});
  AnalyzeResponse response;
  ASSERT_TRUE(Analyze(server, {"steady"}, &response, /*sleep_ms=*/30000).ok());
  EXPECT_EQ(ResultOf(response, "steady").status().code(),
            grpc::StatusCode::DEADLINE_EXCEEDED);

  const auto start = std::chrono::steady_clock::now();
  const grpc::Status hung = Analyze(server, {"fault_hang"}, &response);
  EXPECT_EQ(hung.error_code(), grpc::StatusCode::CANCELLED);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(30));
  EXPECT_EQ(HealthOf(server, ""), HealthCheckResponse::SERVING);
  ASSERT_TRUE(Analyze(server, {"steady"}, &response).ok());
  EXPECT_EQ(ResultOf(response, "steady").status().code(), 0);
  const int status = server.Stop();  // the hung thread cannot be joined
  EXPECT_TRUE(WIFEXITED(status));
}

// The processes whose parent is `parent` and whose command line holds
// `needle`.
std::vector<pid_t> ChildrenWith(pid_t parent, const std::string& needle) {
  std::vector<pid_t> found;
  for (const auto& entry : std::filesystem::directory_iterator("/proc")) {
    const std::string name = entry.path().filename();
    if (name.find_first_not_of("0123456789") != std::string::npos) continue;
    std::ifstream stat(entry.path() / "stat");
    std::string line;
    std::getline(stat, line);
    // "pid (comm) state ppid ...": the command may hold spaces.
    const size_t close = line.rfind(')');
    if (close == std::string::npos) continue;
    std::istringstream rest(line.substr(close + 2));
    char state = 0;
    pid_t ppid = 0;
    rest >> state >> ppid;
    if (ppid != parent) continue;
    std::ifstream cmdline(entry.path() / "cmdline");
    const std::string args((std::istreambuf_iterator<char>(cmdline)),
                           std::istreambuf_iterator<char>());
    if (args.find(needle) != std::string::npos)
      found.push_back(std::stoi(name));
  }
  return found;
}

// A stopped analyzer process costs its own result only: the call answers
// before the client's deadline with the other analyzers' results, and the
// process is replaced.
TEST(IsolationTest, AStoppedAnalyzerProcessLeavesTheOthersResultsInTime) {
  ServerProcess server({std::string("--plugin_dir=") + BUNDLED_PLUGIN_DIR,
                        "--isolate=all", "--isolation_processes=1"});
  AnalyzeResponse response;
  const std::vector<std::string> all = {"entities", "stance", "summarizer"};
  ASSERT_TRUE(Analyze(server, all, &response).ok());
  const std::vector<pid_t> stance = ChildrenWith(server.pid(), "stance.so");
  ASSERT_EQ(stance.size(), 1u);
  ASSERT_EQ(kill(stance[0], SIGSTOP), 0);

  AnalyzeRequest request;
  request.mutable_document()->set_text(
      "Les modèles ouverts progressent. Les laboratoires publient leurs "
      "poids.");
  for (const auto& name : all) request.add_analyzers()->set_name(name);
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() +
                       std::chrono::seconds(2));
  const grpc::Status status =
      textlens::v1::AnalysisService::NewStub(Connect(server))
          ->Analyze(&context, request, &response);
  ASSERT_TRUE(status.ok()) << status.error_code() << " "
                           << status.error_message();
  EXPECT_EQ(ResultOf(response, "entities").status().code(), 0);
  EXPECT_EQ(ResultOf(response, "summarizer").status().code(), 0);
  EXPECT_EQ(ResultOf(response, "stance").status().code(),
            grpc::StatusCode::DEADLINE_EXCEEDED);

  // The stopped process is killed and another takes its place.
  bool replaced = false;
  for (int i = 0; i < 100 && !replaced; ++i) {
    ASSERT_TRUE(Analyze(server, {"stance"}, &response).ok());
    replaced = ResultOf(response, "stance").status().code() == 0;
    if (!replaced) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  EXPECT_TRUE(replaced);
  const std::vector<pid_t> now = ChildrenWith(server.pid(), "stance.so");
  ASSERT_EQ(now.size(), 1u);
  EXPECT_NE(now[0], stance[0]);
  EXPECT_EQ(HealthOf(server, ""), HealthCheckResponse::SERVING);
}

TEST(ShutdownTest, SigtermDrainsTheCallsInFlight) {
  ServerProcess server(
      {std::string("--plugin_dir=") + kFaultyDir, "--shutdown_grace=20s"});
  // A watcher sees health turn NOT_SERVING.
  grpc::ClientContext watch_context;
  HealthCheckRequest watch_request;
  auto watch =
      Health::NewStub(Connect(server))->Watch(&watch_context, watch_request);
  HealthCheckResponse seen;
  ASSERT_TRUE(watch->Read(&seen));
  EXPECT_EQ(seen.status(), HealthCheckResponse::SERVING);

  constexpr int kCalls = 6;
  std::vector<std::future<std::pair<grpc::Status, AnalyzeResponse>>> calls;
  for (int i = 0; i < kCalls; ++i) {
    calls.push_back(std::async(std::launch::async, [&server] {
      AnalyzeResponse response;
      grpc::Status status = Analyze(server, {"steady"}, &response, 1500);
      return std::make_pair(status, response);
    }));
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  server.Signal(SIGTERM);
  ASSERT_TRUE(watch->Read(&seen));
  EXPECT_EQ(seen.status(), HealthCheckResponse::NOT_SERVING);
  watch_context.TryCancel();

  // Every call accepted before the signal is answered in full.
  for (auto& call : calls) {
    auto [status, response] = call.get();
    ASSERT_TRUE(status.ok()) << status.error_message();
    EXPECT_EQ(ResultOf(response, "steady").status().code(), 0);
  }
  const int exit = server.Wait();
  EXPECT_TRUE(WIFEXITED(exit));
  EXPECT_EQ(WEXITSTATUS(exit), 0);
}

TEST(ShutdownTest, AWatchSeesNotServingThenEndsWithoutHoldingTheShutdown) {
  ServerProcess server({std::string("--plugin_dir=") + kFaultyDir,
                        "--shutdown_delay=1s", "--shutdown_grace=60s"});
  grpc::ClientContext watch_context;
  auto watch = Health::NewStub(Connect(server))
                   ->Watch(&watch_context, HealthCheckRequest());
  HealthCheckResponse seen;
  ASSERT_TRUE(watch->Read(&seen));
  EXPECT_EQ(seen.status(), HealthCheckResponse::SERVING);
  const auto start = std::chrono::steady_clock::now();
  server.Signal(SIGTERM);
  // NOT_SERVING during the delay, the stream still open; then it ends and
  // the server exits without waiting for the grace on it.
  ASSERT_TRUE(watch->Read(&seen));
  EXPECT_EQ(seen.status(), HealthCheckResponse::NOT_SERVING);
  EXPECT_FALSE(watch->Read(&seen));
  const grpc::Status ended = watch->Finish();
  EXPECT_EQ(ended.error_code(), grpc::StatusCode::UNAVAILABLE);
  EXPECT_GE(std::chrono::steady_clock::now() - start, std::chrono::seconds(1));
  const int exit = server.Wait();
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(30));
  EXPECT_TRUE(WIFEXITED(exit));
  EXPECT_EQ(WEXITSTATUS(exit), 0);
}

}  // namespace
}  // namespace textlens::tests
