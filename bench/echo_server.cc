// A gRPC server with one RPC that returns its request: the floor textlens is
// compared with (scripts/run-bench.sh). Built like textlensd's server: the
// synchronous API, the same completion queue defaults.
//
// Usage: echo_server [--listen=127.0.0.1:0]; prints
// "echo_server listening on port N" once serving.
#include <grpcpp/grpcpp.h>

#include <cstdio>
#include <cstring>
#include <memory>
#include <string>

#include "absl/synchronization/mutex.h"
#include "bench/echo.grpc.pb.h"

namespace {

class EchoServiceImpl final : public textlens::bench::EchoService::Service {
 public:
  grpc::Status Echo(grpc::ServerContext* /*context*/,
                    const textlens::bench::EchoRequest* request,
                    textlens::bench::EchoResponse* response) override {
    *response->mutable_document() = request->document();
    return grpc::Status::OK;
  }
};

}  // namespace

int main(int argc, char** argv) {
  // As textlensd: no lock-order checks on every Mutex acquisition.
  absl::SetMutexDeadlockDetectionMode(absl::OnDeadlockCycle::kIgnore);
  std::string listen = "127.0.0.1:0";
  for (int i = 1; i < argc; ++i) {
    if (std::strncmp(argv[i], "--listen=", 9) == 0) listen = argv[i] + 9;
  }
  EchoServiceImpl service;
  int port = 0;
  grpc::ServerBuilder builder;
  builder.AddListeningPort(listen, grpc::InsecureServerCredentials(), &port);
  builder.RegisterService(&service);
  std::unique_ptr<grpc::Server> server = builder.BuildAndStart();
  if (server == nullptr || port == 0) {
    std::fprintf(stderr, "echo_server: cannot listen on %s\n", listen.c_str());
    return 1;
  }
  std::printf("echo_server listening on port %d\n", port);
  std::fflush(stdout);
  server->Wait();
  return 0;
}
