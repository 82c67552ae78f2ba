// Two textlensd replicas behind nginx (deploy/nginx/nginx.conf and its
// health follower, follow-health.sh): both serve, and stopping one while
// clients keep calling loses no call once its health turns it away.
#include <arpa/inet.h>
#include <grpcpp/grpcpp.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_replace.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/integration/test_server.h"
#include "textlens/v1/service.grpc.pb.h"

namespace textlens::tests {
namespace {

using ::testing::HasSubstr;

namespace fs = std::filesystem;

// A port free on the loopback now.
int FreePort() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address));
  socklen_t length = sizeof(address);
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
  ::close(fd);
  return ntohs(address.sin_port);
}

bool Accepts(int port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  const bool connected = ::connect(fd, reinterpret_cast<sockaddr*>(&address),
                                   sizeof(address)) == 0;
  ::close(fd);
  return connected;
}

// Runs `argv` in a process of its own; its pid.
pid_t Spawn(const std::vector<std::string>& argv) {
  const pid_t pid = ::fork();
  if (pid == 0) {
    std::vector<char*> args;
    for (const std::string& arg : argv)
      args.push_back(const_cast<char*>(arg.c_str()));
    args.push_back(nullptr);
    ::execvp(args[0], args.data());
    std::_Exit(127);
  }
  return pid;
}

// nginx with the deployment's configuration and its health follower
// (deploy/nginx/follow-health.sh), in a folder of their own.
class Nginx {
 public:
  explicit Nginx(const std::vector<std::string>& replicas) : port_(FreePort()) {
    prefix_ = fs::temp_directory_path() /
              ("textlens_nginx_" + std::to_string(::getpid()));
    fs::remove_all(prefix_);
    fs::create_directories(prefix_ / "tmp");
    // Its workers run as nobody when the tests run as root.
    ::chmod(prefix_.c_str(), 0755);
    ::chmod((prefix_ / "tmp").c_str(), 0777);
    std::ifstream in(std::string(DEPLOY_DIR) + "/nginx/nginx.conf");
    std::stringstream text;
    text << in.rdbuf();
    std::ofstream(prefix_ / "nginx.conf")
        << absl::StrReplaceAll(text.str(), {{"127.0.0.1:50050", address()}});
    std::ofstream list(prefix_ / "replicas.conf");
    for (const std::string& replica : replicas) {
      list << "server " << replica << " max_fails=1 fail_timeout=5s;\n";
    }
    list.close();
    const std::string prefix = prefix_.string() + "/";
    nginx_ = Spawn({NGINX_BINARY, "-p", prefix, "-c", prefix + "nginx.conf",
                    "-g", "daemon off;"});
    for (int attempt = 0; attempt < 200 && !Accepts(port_); ++attempt) {
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    std::vector<std::string> follower = {
        "env", "INTERVAL=0.2", std::string("NGINX=") + NGINX_BINARY,
        std::string(DEPLOY_DIR) + "/nginx/follow-health.sh", prefix_.string()};
    follower.insert(follower.end(), replicas.begin(), replicas.end());
    follower_ = Spawn(follower);
  }
  ~Nginx() {
    for (const pid_t pid : {follower_, nginx_}) {
      if (pid <= 0) continue;
      ::kill(pid, pid == nginx_ ? SIGQUIT : SIGTERM);
      ::waitpid(pid, nullptr, 0);
    }
    fs::remove_all(prefix_);
  }
  std::string address() const { return "127.0.0.1:" + std::to_string(port_); }
  bool running() const { return Accepts(port_); }
  // The replica list the follower keeps.
  std::string Replicas() const {
    std::ifstream in(prefix_ / "replicas.conf");
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
  }

 private:
  int port_;
  fs::path prefix_;
  pid_t nginx_ = -1;
  pid_t follower_ = -1;
};

// The Analyze calls a replica logged.
int Served(TestServer& replica) {
  const std::string output = replica.process().Output();
  int count = 0;
  for (size_t at = output.find("rpc=Analyze code=OK"); at != std::string::npos;
       at = output.find("rpc=Analyze code=OK", at + 1)) {
    ++count;
  }
  return count;
}

textlens::v1::AnalyzeRequest Request() {
  textlens::v1::AnalyzeRequest request;
  request.mutable_document()->set_text(
      "Mistral AI publie un modèle ouvert. Le laboratoire parisien défend "
      "l'open source.");
  request.add_analyzers()->set_name("summarizer");
  return request;
}

TEST(LoadBalancerTest, TwoReplicasServeAndStoppingOneLosesNoCall) {
  // A stopping replica serves on for 2 s, NOT_SERVING: the follower checks
  // health every 0.2 s.
  const std::vector<std::string> flags = {
      "--log_level=info", "--watch_plugins=false", "--shutdown_delay=2s"};
  TestServer a(flags);
  TestServer b(flags);
  Nginx nginx({a.address(), b.address()});
  ASSERT_TRUE(nginx.running()) << "nginx did not start";
  auto stub = textlens::v1::AnalysisService::NewStub(
      grpc::CreateChannel(nginx.address(), grpc::InsecureChannelCredentials()));

  for (int i = 0; i < 40; ++i) {
    grpc::ClientContext context;
    textlens::v1::AnalyzeResponse response;
    const grpc::Status status = stub->Analyze(&context, Request(), &response);
    ASSERT_TRUE(status.ok()) << status.error_message();
  }
  // Request lines reach the output a little after the answers.
  for (int attempt = 0; attempt < 100 && Served(a) + Served(b) < 40;
       ++attempt) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  EXPECT_GT(Served(a), 0);
  EXPECT_GT(Served(b), 0);
  EXPECT_EQ(Served(a) + Served(b), 40);

  // Clients keep calling while replica a stops.
  std::atomic<bool> stop{false};
  std::atomic<int> ok{0};
  std::mutex mu;
  std::vector<std::string> failures;
  std::vector<std::thread> clients;
  for (int c = 0; c < 4; ++c) {
    clients.emplace_back([&] {
      while (!stop.load()) {
        grpc::ClientContext context;
        context.set_deadline(std::chrono::system_clock::now() +
                             std::chrono::seconds(10));
        textlens::v1::AnalyzeResponse response;
        const grpc::Status status =
            stub->Analyze(&context, Request(), &response);
        if (status.ok()) {
          ++ok;
        } else {
          std::lock_guard<std::mutex> lock(mu);
          failures.push_back(std::to_string(status.error_code()) + " " +
                             status.error_message());
        }
      }
    });
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  const int b_before = Served(b);
  // SIGTERM: a turns NOT_SERVING, the follower marks it down and nginx
  // reloads, a serves on until its delay ends, then exits 0.
  EXPECT_EQ(a.process().Stop(), 0);
  EXPECT_THAT(nginx.Replicas(), HasSubstr(a.address() + " down;"));
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  stop = true;
  for (auto& client : clients) client.join();

  EXPECT_TRUE(failures.empty())
      << failures.size() << " of " << ok.load() + failures.size()
      << " calls failed, e.g. " << failures.front();
  EXPECT_GT(ok.load(), 20);
  for (int attempt = 0; attempt < 100 && Served(b) == b_before; ++attempt) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  EXPECT_GT(Served(b), b_before);  // the survivor took the calls
}

}  // namespace
}  // namespace textlens::tests
