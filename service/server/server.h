// Server: a running textlens server with everything it owns: plugins,
// worker pool, engine, gRPC service, health and reflection.
//
// Thread-safe: Wait() and Shutdown() may be called from different threads.
#ifndef TEXTLENS_SERVICE_SERVER_SERVER_H_
#define TEXTLENS_SERVICE_SERVER_SERVER_H_

#include <grpcpp/server.h>

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "service/config/server_config.h"
#include "service/pipeline/worker_pool.h"
#include "service/plugins/plugin_registry.h"
#include "service/server/analysis_engine.h"
#include "service/server/analysis_service.h"

namespace textlens::service::server {

class Server {
 public:
  // Loads the plugins, starts listening and marks the service SERVING.
  // UNAVAILABLE if the address cannot be bound; INVALID_ARGUMENT for a bad
  // configuration. Plugins that fail to load do not fail the start.
  static absl::StatusOr<std::unique_ptr<Server>> Start(
      const config::ServerConfig& config);
  ~Server();

  // The port actually bound (useful with port 0).
  int port() const { return port_; }
  // Blocks until Shutdown() completes.
  void Wait();
  // Marks health NOT_SERVING, stops accepting calls and waits up to the
  // configured grace for calls in flight.
  void Shutdown();

 private:
  Server() = default;

  config::ServerConfig config_;
  std::unique_ptr<plugins::PluginRegistry> registry_;
  std::unique_ptr<pipeline::WorkerPool> pool_;
  std::unique_ptr<AnalysisEngine> engine_;
  std::unique_ptr<Admission> admission_;
  std::unique_ptr<BearerTokens> tokens_;  // null: no authentication
  std::unique_ptr<AnalysisServiceImpl> service_;
  std::unique_ptr<grpc::Server> server_;
  int port_ = 0;
};

}  // namespace textlens::service::server

#endif  // TEXTLENS_SERVICE_SERVER_SERVER_H_
