#include "service/server/server.h"

#include <grpcpp/ext/proto_server_reflection_plugin.h>
#include <grpcpp/health_check_service_interface.h>
#include <grpcpp/server_builder.h>

#include <thread>

#include "absl/strings/str_cat.h"
#include "proto/grpc_traits/request_traits.h"
#include "service/common/status_macros.h"
#include "service/server/parse_failure.h"
#include "spdlog/spdlog.h"

namespace textlens::service::server {

absl::StatusOr<std::unique_ptr<Server>> Server::Start(
    const config::ServerConfig& config) {
  RETURN_IF_ERROR(config::Validate(config));
  std::unique_ptr<Server> server(new Server());
  server->config_ = config;
  const std::string plugin_dir = config.plugin_dir.empty()
                                     ? config::DefaultPluginDir()
                                     : config.plugin_dir;
  server->registry_ =
      plugins::PluginRegistry::LoadDirectory(plugin_dir, config.plugin_options);
  spdlog::info("{} analyzers loaded from {}, {} refused",
               server->registry_->size(), plugin_dir,
               server->registry_->failures().size());

  const size_t threads =
      config.worker_threads != 0
          ? config.worker_threads
          : std::max(1u, std::thread::hardware_concurrency());
  server->pool_ =
      std::make_unique<pipeline::WorkerPool>(threads, config.max_queued_tasks);
  ASSIGN_OR_RETURN(server->engine_,
                   AnalysisEngine::Create(config, server->registry_.get(),
                                          server->pool_.get()));
  server->service_ =
      std::make_unique<AnalysisServiceImpl>(server->engine_.get());

  // A request that does not parse is answered with the field and offset of
  // its invalid UTF-8 rather than gRPC's bare INTERNAL.
  textlens::api::SetParseFailureHandler(&ExplainParseFailure);
  grpc::EnableDefaultHealthCheckService(true);
  grpc::reflection::InitProtoReflectionServerBuilderPlugin();
  grpc::ServerBuilder builder;
  builder.AddListeningPort(config.listen, grpc::InsecureServerCredentials(),
                           &server->port_);
  builder.RegisterService(server->service_.get());
  // Room above the document limit, so an oversized document reaches the
  // service and gets RESOURCE_EXHAUSTED with the limit in its message.
  const uint64_t max_message =
      std::min<uint64_t>(config.max_content_bytes * 2 + (4 << 20), INT32_MAX);
  builder.SetMaxReceiveMessageSize(static_cast<int>(max_message));
  server->server_ = builder.BuildAndStart();
  if (server->server_ == nullptr || server->port_ == 0) {
    return absl::UnavailableError(
        absl::StrCat("cannot listen on ", config.listen));
  }
  auto* health = server->server_->GetHealthCheckService();
  health->SetServingStatus("", true);
  health->SetServingStatus(textlens::v1::AnalysisService::service_full_name(),
                           true);
  return server;
}

Server::~Server() { Shutdown(); }

void Server::Wait() {
  if (server_ != nullptr) server_->Wait();
}

void Server::Shutdown() {
  if (server_ == nullptr) return;
  if (auto* health = server_->GetHealthCheckService()) {
    health->SetServingStatus(false);
  }
  server_->Shutdown(std::chrono::system_clock::now() +
                    absl::ToChronoSeconds(config_.shutdown_grace));
}

}  // namespace textlens::service::server
