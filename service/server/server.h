// Server: a running textlens server with everything it owns: plugins,
// worker pool, engine, gRPC service, health and reflection, metrics, and
// the HTTP/JSON gateway.
//
// Thread-safe: Wait() and Shutdown() may be called from different threads.
#ifndef TEXTLENS_SERVICE_SERVER_SERVER_H_
#define TEXTLENS_SERVICE_SERVER_SERVER_H_

#include <grpcpp/server.h>

#include <atomic>
#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "service/config/server_config.h"
#include "service/pipeline/worker_pool.h"
#include "service/plugins/plugin_catalog.h"
#include "service/plugins/plugin_registry.h"
#include "service/server/admin_service.h"
#include "service/server/analysis_engine.h"
#include "service/server/analysis_service.h"
#include "service/server/health_service.h"
#include "service/server/http_gateway.h"
#include "service/server/plugin_watcher.h"
#include "service/server/telemetry.h"

namespace prometheus {
class Exposer;
}  // namespace prometheus

namespace textlens::service::server {

class Server {
 public:
  // Loads the plugins, starts listening and marks the service SERVING.
  // UNAVAILABLE if the address cannot be bound, with the reason ("cannot
  // listen on 127.0.0.1:50051: address already in use": without
  // listen_reuse_port, a port another process listens on is busy, checked
  // before the plugins load); INVALID_ARGUMENT for a bad
  // configuration. Plugins that fail to load do not fail the start.
  static absl::StatusOr<std::unique_ptr<Server>> Start(
      const config::ServerConfig& config);
  ~Server();

  // The port actually bound (useful with port 0).
  int port() const { return port_; }
  // The metrics endpoint's port; 0 without metrics.
  int metrics_port() const { return metrics_port_; }
  // The HTTP/JSON endpoint's port; 0 without http_listen.
  int http_port() const { return http_ != nullptr ? http_->port() : 0; }
  // Loads the plugin folder again (PluginCatalog::Reload) and points each
  // analyzer's health at its new version.
  absl::StatusOr<std::vector<plugins::ReloadOutcome>> ReloadPlugins();
  // Blocks until Shutdown() completes.
  void Wait();
  // Marks health NOT_SERVING at once, goes on serving for
  // `shutdown_delay` (time for load balancers that watch health to turn
  // away), then stops taking calls and waits up to `shutdown_grace` for
  // those in flight. Later calls do nothing.
  void Shutdown();

 private:
  Server() = default;

  // Health "textlens.analyzer.NAME" follows each analyzer of `next`; those
  // of `previous` no longer report (NOT_SERVING if gone).
  void FollowAvailability(const plugins::PluginRegistry* previous,
                          const plugins::PluginRegistry& next);

  config::ServerConfig config_;
  std::unique_ptr<plugins::PluginCatalog> plugins_;
  std::unique_ptr<pipeline::WorkerPool> pool_;
  std::unique_ptr<AnalysisEngine> engine_;
  std::unique_ptr<Admission> admission_;
  std::unique_ptr<BearerTokens> tokens_;           // null: no authentication
  std::shared_ptr<prometheus::Registry> metrics_;  // null: no metrics
  std::unique_ptr<Telemetry> telemetry_;
  std::unique_ptr<prometheus::Exposer> exposer_;  // serves metrics_
  std::unique_ptr<AnalysisServiceImpl> service_;
  std::unique_ptr<AdminServiceImpl> admin_;
  std::unique_ptr<grpc::Server> server_;
  std::unique_ptr<HttpGateway> http_;  // null without http_listen
  HealthService* health_ = nullptr;    // owned by server_
  std::atomic<bool> started_{false};   // reloads wait for the start's end
  std::atomic<bool> shutting_down_{false};
  int port_ = 0;
  int metrics_port_ = 0;
  // Last, so it stops first: no reload runs during the teardown.
  std::unique_ptr<PluginWatcher> watcher_;  // null: not watching
};

}  // namespace textlens::service::server

#endif  // TEXTLENS_SERVICE_SERVER_SERVER_H_
