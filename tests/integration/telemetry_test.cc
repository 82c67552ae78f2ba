// What an operator sees of the real server: the Prometheus endpoint scraped
// after known traffic, and the request log lines (text and JSON).
#include <arpa/inet.h>
#include <grpcpp/grpcpp.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <functional>
#include <memory>
#include <regex>
#include <string>
#include <thread>

#include "absl/strings/str_split.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"
#include "tests/integration/test_server.h"
#include "textlens/v1/service.grpc.pb.h"

namespace textlens::tests {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

constexpr char kText[] =
    "Mistral AI publie un nouveau modèle ouvert à Paris. Le laboratoire "
    "défend l'open source face à OpenAI.";

// GET `path` from 127.0.0.1:`port` over HTTP/1.0; the body.
std::string HttpGet(int port, const std::string& path) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)) !=
      0) {
    ::close(fd);
    return "";
  }
  const std::string request = "GET " + path + " HTTP/1.0\r\n\r\n";
  if (::write(fd, request.data(), request.size()) < 0) {
    ::close(fd);
    return "";
  }
  std::string response;
  char buffer[4096];
  ssize_t n;
  while ((n = ::read(fd, buffer, sizeof(buffer))) > 0)
    response.append(buffer, n);
  ::close(fd);
  const size_t body = response.find("\r\n\r\n");
  return body == std::string::npos ? "" : response.substr(body + 4);
}

// The value of the sample `series` (name and labels as printed), or -1.
double Sample(const std::string& metrics, const std::string& series) {
  for (absl::string_view line : absl::StrSplit(metrics, '\n')) {
    if (line.size() > series.size() + 1 &&
        line.substr(0, series.size()) == series && line[series.size()] == ' ') {
      return std::stod(std::string(line.substr(series.size() + 1)));
    }
  }
  return -1;
}

// The port the server announced for its metrics.
int MetricsPort(ServerProcess& server) {
  const std::regex announced("textlensd metrics on port (\\d+)");
  for (int attempt = 0; attempt < 100; ++attempt) {
    std::smatch match;
    const std::string output = server.Output();
    if (std::regex_search(output, match, announced)) {
      return std::stoi(match[1]);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return 0;
}

textlens::v1::AnalyzeRequest Request(const std::string& text) {
  textlens::v1::AnalyzeRequest request;
  request.mutable_document()->set_text(text);
  return request;
}

TEST(TelemetryTest, MetricsCountTheCallsTheServerAnswered) {
  TestServer server({"--metrics_listen=127.0.0.1:0"});
  const int port = MetricsPort(server.process());
  ASSERT_NE(port, 0) << server.process().Output();
  auto stub = textlens::v1::AnalysisService::NewStub(grpc::CreateChannel(
      server.address(), grpc::InsecureChannelCredentials()));

  for (int i = 0; i < 3; ++i) {
    grpc::ClientContext context;
    textlens::v1::AnalyzeResponse response;
    ASSERT_TRUE(stub->Analyze(&context, Request(kText), &response).ok());
  }
  {
    grpc::ClientContext context;
    textlens::v1::AnalyzeResponse response;
    EXPECT_EQ(stub->Analyze(&context, Request(" "), &response).error_code(),
              grpc::StatusCode::INVALID_ARGUMENT);
  }
  {
    grpc::ClientContext context;
    textlens::v1::BatchAnalyzeRequest batch;
    *batch.add_requests() = Request(kText);
    *batch.add_requests() = Request("");
    textlens::v1::BatchAnalyzeResponse response;
    ASSERT_TRUE(stub->BatchAnalyze(&context, batch, &response).ok());
  }

  const std::string metrics = HttpGet(port, "/metrics");
  ASSERT_THAT(metrics, HasSubstr("textlens_requests_total")) << metrics;
  EXPECT_EQ(
      Sample(metrics, R"(textlens_requests_total{code="OK",rpc="Analyze"})"),
      3);
  EXPECT_EQ(
      Sample(
          metrics,
          R"(textlens_requests_total{code="INVALID_ARGUMENT",rpc="Analyze"})"),
      1);
  EXPECT_EQ(Sample(metrics,
                   R"(textlens_requests_total{code="OK",rpc="BatchAnalyze"})"),
            1);
  EXPECT_EQ(Sample(metrics,
                   R"(textlens_request_duration_seconds_count{rpc="Analyze"})"),
            4);
  EXPECT_EQ(Sample(metrics, R"(textlens_documents_total{outcome="analyzed"})"),
            4);
  EXPECT_EQ(Sample(metrics, R"(textlens_documents_total{outcome="refused"})"),
            2);
  EXPECT_EQ(Sample(metrics, "textlens_document_bytes_total"),
            4 * std::string(kText).size() + 1);
  // No analyzers asked: all three ran on each of the 4 documents analyzed.
  for (const std::string analyzer : {"summarizer", "entities", "stance"}) {
    EXPECT_EQ(
        Sample(metrics, "textlens_analyzer_duration_seconds_count{analyzer=\"" +
                            analyzer + "\"}"),
        4)
        << analyzer;
    EXPECT_EQ(Sample(metrics, "textlens_analyzer_results_total{analyzer=\"" +
                                  analyzer + "\",code=\"OK\"}"),
              4)
        << analyzer;
    EXPECT_EQ(Sample(metrics, "textlens_analyzer_available{analyzer=\"" +
                                  analyzer + "\"}"),
              1)
        << analyzer;
  }
  EXPECT_EQ(Sample(metrics, "textlens_calls_in_flight"), 0);
  EXPECT_EQ(Sample(metrics, "textlens_worker_queue_depth"), 0);
  // TestServer adds a file that is no library and a plugin of another ABI.
  EXPECT_EQ(
      Sample(
          metrics,
          R"(textlens_plugin_load_errors{code="FAILED_PRECONDITION",plugin="broken"})"),
      1)
      << metrics;
  EXPECT_EQ(
      Sample(
          metrics,
          R"(textlens_plugin_load_errors{code="FAILED_PRECONDITION",plugin="bad_abi_major"})"),
      1);

  // The scrape is read again: counts only grow.
  {
    grpc::ClientContext context;
    textlens::v1::AnalyzeResponse response;
    ASSERT_TRUE(stub->Analyze(&context, Request(kText), &response).ok());
  }
  EXPECT_EQ(Sample(HttpGet(port, "/metrics"),
                   R"(textlens_requests_total{code="OK",rpc="Analyze"})"),
            4);
}

TEST(TelemetryTest, RequestLinesInJsonCarryTheRequestIdAndNeverTheText) {
  TestServer server({"--log_level=info", "--log_format=json"});
  auto stub = textlens::v1::AnalysisService::NewStub(grpc::CreateChannel(
      server.address(), grpc::InsecureChannelCredentials()));
  grpc::ClientContext context;
  context.AddMetadata("x-request-id", "client-id-42");
  textlens::v1::AnalyzeRequest request = Request(kText);
  request.add_analyzers()->set_name("entities");
  textlens::v1::AnalyzeResponse response;
  ASSERT_TRUE(stub->Analyze(&context, request, &response).ok());
  const auto& echoed = context.GetServerInitialMetadata();
  ASSERT_EQ(echoed.count("x-request-id"), 1u);
  EXPECT_EQ(echoed.find("x-request-id")->second, "client-id-42");

  // A call without an id gets one.
  grpc::ClientContext second;
  ASSERT_TRUE(stub->Analyze(&second, Request(kText), &response).ok());
  const auto generated = second.GetServerInitialMetadata().find("x-request-id");
  ASSERT_NE(generated, second.GetServerInitialMetadata().end());
  EXPECT_EQ(generated->second.size(), 16u);

  std::string output;
  for (int attempt = 0; attempt < 100; ++attempt) {
    output = server.process().Output();
    if (output.find(
            std::string(generated->second.data(), generated->second.size())) !=
        std::string::npos) {
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  nlohmann::json line;
  int objects = 0;
  for (absl::string_view text : absl::StrSplit(output, '\n')) {
    if (text.empty()) continue;
    const auto parsed = nlohmann::json::parse(text, nullptr, false);
    ASSERT_FALSE(parsed.is_discarded()) << "not JSON: " << text;
    ++objects;
    EXPECT_TRUE(parsed.contains("time") && parsed.contains("level")) << text;
    if (parsed.value("request_id", "") == "client-id-42") line = parsed;
  }
  EXPECT_GE(objects, 4);  // the port, start-up lines, the two requests
  ASSERT_FALSE(line.is_null()) << output;
  EXPECT_EQ(line["message"], "request");
  EXPECT_EQ(line["rpc"], "Analyze");
  EXPECT_EQ(line["code"], "OK");
  EXPECT_EQ(line["documents"], 1);
  EXPECT_EQ(line["bytes"], std::string(kText).size());
  EXPECT_EQ(line["analyzers"], nlohmann::json::array({"entities"}));
  EXPECT_GT(line["duration_ms"].get<double>(), 0.0);
  EXPECT_THAT(output, Not(HasSubstr("Mistral AI publie")));
}

TEST(TelemetryTest, TextRequestLinesShowTheTextOnlyWhenAsked) {
  TestServer server({"--log_level=info", "--log_document_text=true"});
  auto stub = textlens::v1::AnalysisService::NewStub(grpc::CreateChannel(
      server.address(), grpc::InsecureChannelCredentials()));
  grpc::ClientContext context;
  context.AddMetadata("x-request-id", "with-text");
  textlens::v1::AnalyzeResponse response;
  EXPECT_EQ(stub->Analyze(&context, Request("\t"), &response).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
  std::string output;
  for (int attempt = 0; attempt < 100; ++attempt) {
    output = server.process().Output();
    if (output.find("request_id=with-text") != std::string::npos) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  EXPECT_THAT(output, HasSubstr("request_id=with-text rpc=Analyze "
                                "code=INVALID_ARGUMENT duration_ms="));
  EXPECT_THAT(output, HasSubstr(" documents=1 refused=1 bytes=1 "
                                "analyzers=- peer=ipv"));
  EXPECT_THAT(output, HasSubstr("error=\"document.text: "));
  EXPECT_THAT(output, HasSubstr("text=\"\\t\""));
}

TEST(TelemetryTest, UnloggedCallsGetNoRequestId) {
  for (const char* flag : {"--log_level=warn", "--log_requests=false"}) {
    TestServer server({flag});
    auto stub = textlens::v1::AnalysisService::NewStub(grpc::CreateChannel(
        server.address(), grpc::InsecureChannelCredentials()));
    grpc::ClientContext context;
    context.AddMetadata("x-request-id", "not-logged");
    textlens::v1::AnalyzeResponse response;
    ASSERT_TRUE(stub->Analyze(&context, Request(kText), &response).ok());
    EXPECT_EQ(context.GetServerInitialMetadata().count("x-request-id"), 0u)
        << flag;
    EXPECT_THAT(server.process().Output(), Not(HasSubstr("request_id=")))
        << flag;
  }
}

// A server whose only analyzers are two copies of the echo test plugin,
// with metrics: calls that end before their analyzer does.
class AccountingTest : public ::testing::Test {
 protected:
  void SetUp() override {
    folder_ = std::filesystem::temp_directory_path() /
              ("textlens_accounting_" + std::to_string(::getpid()));
    std::filesystem::remove_all(folder_);
    std::filesystem::create_directories(folder_);
    ::chmod(folder_.c_str(), 0755);
    for (const char* name : {"echo.so", "echo_twin.so"}) {
      std::filesystem::copy_file(std::string(TEST_PLUGIN_DIR) + "/" + name,
                                 folder_ / name);
    }
    server_ = std::make_unique<ServerProcess>(std::vector<std::string>{
        "--plugin_dir=" + folder_.string(), "--watch_plugins=false",
        "--metrics_listen=127.0.0.1:0", "--log_level=info"});
    metrics_port_ = MetricsPort(*server_);
    stub_ = textlens::v1::AnalysisService::NewStub(grpc::CreateChannel(
        server_->address(), grpc::InsecureChannelCredentials()));
  }
  void TearDown() override {
    stub_.reset();
    server_.reset();
    std::filesystem::remove_all(folder_);
  }

  // Analyze with a 500 ms deadline: echo sleeps `sleep_ms` through its
  // cancellation; with `twin`, echo_twin runs beside it (the worker pool
  // then runs both).
  grpc::Status AnalyzeOverrunning(int sleep_ms, bool twin) {
    textlens::v1::AnalyzeRequest request = Request(kText);
    auto* echo = request.add_analyzers();
    echo->set_name("echo");
    auto& fields = *echo->mutable_generic()->mutable_fields();
    fields["sleep_ms"].set_number_value(sleep_ms);
    fields["ignore_cancellation"].set_bool_value(true);
    if (twin) request.add_analyzers()->set_name("echo_twin");
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() +
                         std::chrono::milliseconds(500));
    textlens::v1::AnalyzeResponse response;
    return stub_->Analyze(&context, request, &response);
  }

  // Waits up to `seconds` for `predicate`; whether it held.
  static bool Eventually(const std::function<bool()>& predicate, int seconds) {
    const auto until =
        std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
    while (!predicate()) {
      if (std::chrono::steady_clock::now() > until) return false;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return true;
  }

  double Metric(const std::string& series) {
    return Sample(HttpGet(metrics_port_, "/metrics"), series);
  }

  std::filesystem::path folder_;
  std::unique_ptr<ServerProcess> server_;
  int metrics_port_ = 0;
  std::unique_ptr<textlens::v1::AnalysisService::Stub> stub_;
};

TEST_F(AccountingTest, ACallGivenUpOnIsLoggedAndCountedBeforeItsAnalyzerEnds) {
  // One analyzer runs on the call's thread; 200 ms after the deadline the
  // call is abandoned while the plugin still sleeps (4 s in all).
  const grpc::Status status = AnalyzeOverrunning(4000, false);
  EXPECT_NE(status.error_code(), grpc::StatusCode::OK);
  // Counted when it was given up on, while the plugin still runs.
  const std::string given_up =
      R"(textlens_requests_total{code="DEADLINE_EXCEEDED",rpc="Analyze"})";
  const std::string overruns =
      R"(textlens_analyzer_overruns_total{analyzer="echo"})";
  EXPECT_TRUE(Eventually([&] { return Metric(given_up) == 1; }, 3));
  EXPECT_EQ(Metric(overruns), -1);  // the plugin has not returned yet
  // Then the plugin returns: its overrun is counted, the call is not again.
  EXPECT_TRUE(Eventually([&] { return Metric(overruns) == 1; }, 10));
  EXPECT_EQ(Metric(given_up), 1);
  // Logged when given up on too: its line comes before the overrun's.
  server_->Stop();
  const std::string output = server_->Output();
  const size_t line = output.find("rpc=Analyze code=DEADLINE_EXCEEDED");
  const size_t overrun = output.find("analyzer echo ran ");
  ASSERT_NE(line, std::string::npos) << output;
  ASSERT_NE(overrun, std::string::npos) << output;
  EXPECT_LT(line, overrun);
}

TEST_F(AccountingTest, AnalyzerWorkThatOutlivesItsCallIsCounted) {
  // Two analyzers run on the pool; the call answers at its deadline with
  // echo's DEADLINE_EXCEEDED, and echo goes on for about a second.
  EXPECT_TRUE(AnalyzeOverrunning(1500, true).ok());
  EXPECT_TRUE(Eventually(
      [&] {
        return Metric(R"(textlens_analyzer_overruns_total{analyzer="echo"})") ==
               1;
      },
      10));
  EXPECT_GT(
      Metric(R"(textlens_analyzer_overrun_seconds_total{analyzer="echo"})"),
      0.5);
  EXPECT_THAT(server_->Output(), HasSubstr("analyzer echo ran "));
  EXPECT_THAT(server_->Output(), HasSubstr("s after its call ended"));
  EXPECT_EQ(Metric(R"(textlens_requests_total{code="OK",rpc="Analyze"})"), 1);
}

TEST_F(AccountingTest, ACallItsClientCancelledIsCountedAsCancelled) {
  // Two analyzers on the pool (echo sleeps 3 s, honouring cancellation);
  // the client cancels after 300 ms.
  textlens::v1::AnalyzeRequest request = Request(kText);
  auto* echo = request.add_analyzers();
  echo->set_name("echo");
  (*echo->mutable_generic()->mutable_fields())["sleep_ms"].set_number_value(
      3000);
  request.add_analyzers()->set_name("echo_twin");
  grpc::ClientContext context;
  std::thread canceller([&context] {
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    context.TryCancel();
  });
  textlens::v1::AnalyzeResponse response;
  EXPECT_EQ(stub_->Analyze(&context, request, &response).error_code(),
            grpc::StatusCode::CANCELLED);
  canceller.join();
  EXPECT_TRUE(Eventually(
      [&] {
        return Metric(R"(textlens_requests_total{code="CANCELLED",)"
                      R"(rpc="Analyze"})") == 1;
      },
      5));
  EXPECT_EQ(Metric(R"(textlens_requests_total{code="OK",rpc="Analyze"})"), -1);
}

}  // namespace
}  // namespace textlens::tests
