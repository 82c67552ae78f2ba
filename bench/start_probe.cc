// Starts a gRPC server and measures the time until its health service
// answers SERVING, then its resident memory.
//
// Usage: start_probe --address=127.0.0.1:PORT [--keep] -- SERVER [ARGS...]
// Prints one line: "serving_ms=<ms> rss_kb=<kB> pid=<pid>". The server must
// listen on --address (pass it in its ARGS). Without --keep the server is
// stopped (SIGTERM) before the probe exits; with it, it keeps running.
#include <fcntl.h>
#include <grpcpp/grpcpp.h>
#include <grpcpp/impl/codegen/client_unary_call.h>
#include <grpcpp/impl/codegen/proto_utils.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "grpc/health/v1/health.pb.h"

namespace {

long ResidentKb(pid_t pid) {
  std::ifstream status("/proc/" + std::to_string(pid) + "/status");
  for (std::string line; std::getline(status, line);) {
    if (line.rfind("VmRSS:", 0) == 0) return std::atol(line.c_str() + 6);
  }
  return -1;
}

bool Serving(grpc::Channel* channel) {
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() +
                       std::chrono::milliseconds(100));
  grpc::health::v1::HealthCheckRequest request;
  grpc::health::v1::HealthCheckResponse response;
  const grpc::internal::RpcMethod method("/grpc.health.v1.Health/Check",
                                         grpc::internal::RpcMethod::NORMAL_RPC);
  const grpc::Status status = grpc::internal::BlockingUnaryCall(
      channel, method, &context, request, &response);
  return status.ok() &&
         response.status() == grpc::health::v1::HealthCheckResponse::SERVING;
}

}  // namespace

int main(int argc, char** argv) {
  std::string address;
  bool keep = false;
  int command = -1;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--") == 0) {
      command = i + 1;
      break;
    }
    if (std::strncmp(argv[i], "--address=", 10) == 0) address = argv[i] + 10;
    if (std::strcmp(argv[i], "--keep") == 0) keep = true;
  }
  if (address.empty() || command < 0 || command >= argc) {
    std::fprintf(stderr,
                 "usage: start_probe --address=HOST:PORT [--keep] -- SERVER "
                 "[ARGS...]\n");
    return 2;
  }
  const auto started = std::chrono::steady_clock::now();
  const pid_t pid = fork();
  if (pid == 0) {
    // The server's own output would mix with the probe's line.
    const int null = open("/dev/null", O_WRONLY);
    if (null >= 0) {
      dup2(null, STDOUT_FILENO);
      dup2(null, STDERR_FILENO);
    }
    execv(argv[command], argv + command);
    std::perror("start_probe: exec");
    _exit(127);
  }
  if (pid < 0) {
    std::perror("start_probe: fork");
    return 1;
  }
  bool serving = false;
  while (!serving) {
    int status = 0;
    if (waitpid(pid, &status, WNOHANG) == pid) {
      std::fprintf(stderr, "start_probe: the server exited\n");
      return 1;
    }
    if (std::chrono::steady_clock::now() - started > std::chrono::seconds(30)) {
      std::fprintf(stderr, "start_probe: not SERVING after 30 s\n");
      kill(pid, SIGKILL);
      return 1;
    }
    // A fresh channel per attempt: a channel that failed to connect waits
    // out gRPC's reconnect backoff, which would be measured instead.
    grpc::ChannelArguments arguments;
    arguments.SetInt(GRPC_ARG_USE_LOCAL_SUBCHANNEL_POOL, 1);
    auto channel = grpc::CreateCustomChannel(
        "ipv4:" + address, grpc::InsecureChannelCredentials(), arguments);
    serving = Serving(channel.get());
    if (!serving) std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  const double ms = std::chrono::duration<double, std::milli>(
                        std::chrono::steady_clock::now() - started)
                        .count();
  // Let start-up work that follows SERVING settle before reading memory.
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  std::printf("serving_ms=%.1f rss_kb=%ld pid=%d\n", ms, ResidentKb(pid),
              static_cast<int>(pid));
  std::fflush(stdout);
  if (!keep) {
    kill(pid, SIGTERM);
    waitpid(pid, nullptr, 0);
  }
  return 0;
}
