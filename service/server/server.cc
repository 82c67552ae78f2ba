#include "service/server/server.h"

#include <grpcpp/ext/health_check_service_server_builder_option.h>
#include <grpcpp/ext/proto_server_reflection_plugin.h>
#include <grpcpp/health_check_service_interface.h>
#include <grpcpp/resource_quota.h>
#include <grpcpp/security/server_credentials.h>
#include <grpcpp/server_builder.h>
#include <prometheus/exposer.h>
#include <prometheus/registry.h>

#include <fstream>
#include <sstream>
#include <thread>

#include "absl/strings/str_cat.h"
#include "service/common/status_macros.h"
#include "service/server/listen_address.h"
#include "service/server/parse_failure.h"
#include "service/server/request_traits.h"
#include "spdlog/spdlog.h"

namespace textlens::service::server {
namespace {

absl::StatusOr<std::string> ReadPem(const std::string& setting,
                                    const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream pem;
  pem << in.rdbuf();
  if (!in || pem.str().find("-----BEGIN ") == std::string::npos) {
    return absl::InvalidArgumentError(
        absl::StrCat(setting, " ", path, " cannot be read as PEM"));
  }
  return pem.str();
}

// Plaintext, TLS, or mutual TLS when a client CA is given.
absl::StatusOr<std::shared_ptr<grpc::ServerCredentials>> MakeCredentials(
    const config::ServerConfig& config) {
  if (config.tls_cert_file.empty()) return grpc::InsecureServerCredentials();
  grpc::SslServerCredentialsOptions options;
  grpc::SslServerCredentialsOptions::PemKeyCertPair pair;
  ASSIGN_OR_RETURN(pair.cert_chain,
                   ReadPem("tls_cert_file", config.tls_cert_file));
  ASSIGN_OR_RETURN(pair.private_key,
                   ReadPem("tls_key_file", config.tls_key_file));
  options.pem_key_cert_pairs.push_back(std::move(pair));
  if (!config.tls_client_ca_file.empty()) {
    ASSIGN_OR_RETURN(options.pem_root_certs,
                     ReadPem("tls_client_ca_file", config.tls_client_ca_file));
    options.client_certificate_request =
        GRPC_SSL_REQUEST_AND_REQUIRE_CLIENT_CERTIFICATE_AND_VERIFY;
  }
  return grpc::SslServerCredentials(options);
}

absl::Status CannotListen(const std::string& address,
                          const std::string& reason) {
  return absl::UnavailableError(absl::StrCat(
      "cannot listen on ", address, reason.empty() ? "" : ": ", reason));
}

}  // namespace

absl::StatusOr<std::unique_ptr<Server>> Server::Start(
    const config::ServerConfig& config) {
  RETURN_IF_ERROR(config::Validate(config));
  // A busy port stops the start at once, before the plugins load (the bind
  // below still decides: the port may be taken in between).
  if (!config.listen_reuse_port) {
    const std::string reason = WhyCannotListen(config.listen);
    if (!reason.empty()) return CannotListen(config.listen, reason);
  }
  std::unique_ptr<Server> server(new Server());
  server->config_ = config;
  // Secrets first: a bad file stops the start before plugins load.
  if (!config.auth_token_file.empty()) {
    ASSIGN_OR_RETURN(BearerTokens tokens,
                     BearerTokens::Load(config.auth_token_file));
    server->tokens_ = std::make_unique<BearerTokens>(std::move(tokens));
  }
  ASSIGN_OR_RETURN(std::shared_ptr<grpc::ServerCredentials> credentials,
                   MakeCredentials(config));
  const std::string plugin_dir = config.plugin_dir.empty()
                                     ? config::DefaultPluginDir()
                                     : config.plugin_dir;
  const size_t threads =
      config.worker_threads != 0
          ? config.worker_threads
          : std::max(1u, std::thread::hardware_concurrency());
  plugins::PluginIsolation isolation;
  for (const std::string& name : config.isolate) {
    if (name == "all") isolation.all = true;
    isolation.plugins.insert(name);
  }
  isolation.limits.host_binary = config.plugin_host;
  isolation.limits.max_memory_bytes = config.isolation_max_memory_bytes;
  isolation.limits.max_call_time = config.isolation_max_call_time;
  isolation.limits.start_timeout = config.isolation_start_timeout;
  isolation.limits.max_processes = config.isolation_processes != 0
                                       ? config.isolation_processes
                                       : static_cast<uint32_t>(threads);
  auto registry = plugins::PluginRegistry::LoadDirectory(
      plugin_dir, config.plugin_options, isolation);
  spdlog::info("{} analyzers loaded from {}, {} refused", registry->size(),
               plugin_dir, registry->failures().size());
  server->plugins_ = std::make_unique<plugins::PluginCatalog>(
      std::move(registry), plugin_dir, config.plugin_options, isolation);

  server->pool_ =
      std::make_unique<pipeline::WorkerPool>(threads, config.max_queued_tasks);
  ASSIGN_OR_RETURN(server->engine_,
                   AnalysisEngine::Create(config, server->plugins_.get(),
                                          server->pool_.get()));
  server->admission_ = std::make_unique<Admission>(
      config.max_concurrent_calls, config.max_concurrent_streams);
  if (!config.metrics_listen.empty()) {
    server->metrics_ = std::make_shared<prometheus::Registry>();
  }
  Telemetry::Options telemetry;
  telemetry.log_requests = config.log_requests;
  telemetry.json = config.log_format == "json";
  telemetry.log_document_text = config.log_document_text;
  server->telemetry_ = std::make_unique<Telemetry>(
      telemetry, server->metrics_,
      Telemetry::State{server->admission_.get(), server->pool_.get(),
                       server->plugins_.get()});
  server->engine_->SetOverrunReporter(server->telemetry_->OverrunRecorder());
  if (server->metrics_ != nullptr) {
    // Its own port, plain HTTP: GET /metrics in Prometheus' text format.
    try {
      server->exposer_ =
          std::make_unique<prometheus::Exposer>(config.metrics_listen, 1);
    } catch (const std::exception& error) {
      return absl::UnavailableError(
          absl::StrCat("metrics_listen: cannot serve metrics on ",
                       config.metrics_listen, " (", error.what(), ")"));
    }
    server->exposer_->RegisterCollectable(server->metrics_);
    server->exposer_->RegisterCollectable(server->telemetry_->state_metrics());
    const std::vector<int> ports = server->exposer_->GetListeningPorts();
    server->metrics_port_ = ports.empty() ? 0 : ports.front();
  }
  server->service_ = std::make_unique<AnalysisServiceImpl>(
      server->engine_.get(), server->admission_.get(), server->tokens_.get(),
      server->telemetry_.get());
  if (!config.http_listen.empty()) {
    ASSIGN_OR_RETURN(
        server->http_,
        HttpGateway::Start(config,
                           {server->engine_.get(), server->admission_.get(),
                            server->tokens_.get(), server->telemetry_.get(),
                            server->plugins_.get()}));
  }

  // A request that does not parse is answered with the field and offset of
  // its invalid UTF-8 rather than gRPC's bare INTERNAL.
  textlens::api::SetParseFailureHandler(&ExplainParseFailure);
  grpc::reflection::InitProtoReflectionServerBuilderPlugin();
  grpc::ServerBuilder builder;
  builder.AddListeningPort(config.listen, credentials, &server->port_);
  // One server per port: gRPC binds with SO_REUSEPORT by default on Linux,
  // so a second server on a busy port would start and take half its calls.
  builder.AddChannelArgument(GRPC_ARG_ALLOW_REUSEPORT,
                             config.listen_reuse_port ? 1 : 0);
  builder.RegisterService(server->service_.get());
  // Health: ours instead of gRPC's default (see health_service.h); the
  // gRPC server owns it and hands it back from GetHealthCheckService().
  auto health_service = std::make_unique<HealthService>();
  server->health_ = health_service.get();
  builder.RegisterService(health_service.get());
  builder.SetOption(
      std::make_unique<grpc::HealthCheckServiceServerBuilderOption>(
          std::move(health_service)));
  Server* self = server.get();
  server->admin_ = std::make_unique<AdminServiceImpl>(
      [self] { return self->ReloadPlugins(); }, server->tokens_.get(),
      server->telemetry_.get());
  builder.RegisterService(server->admin_.get());
  // Room above the document and request limits, so an oversized document
  // or request reaches the service and gets RESOURCE_EXHAUSTED with the
  // limit in its message.
  const uint64_t max_message = std::min<uint64_t>(
      std::max(config.max_content_bytes * 2, config.max_request_bytes) +
          (4 << 20),
      INT32_MAX);
  builder.SetMaxReceiveMessageSize(static_cast<int>(max_message));
  // gRPC's threads are bounded too (a thread per call in flight, plus its
  // pollers): room for the calls admitted, and as many again refused by
  // Admission with their reason; beyond, gRPC itself answers
  // RESOURCE_EXHAUSTED ("Server Threadpool Exhausted").
  // Health calls take threads from it too (health_service.h): room for
  // every Watch and for Check calls, so that probes are answered under
  // overload.
  grpc::ResourceQuota quota("textlens");
  quota.SetMaxThreads(static_cast<int>(config.max_concurrent_calls) * 4 + 64 +
                      HealthService::kMaxWatches + 16);
  builder.SetResourceQuota(quota);
  server->server_ = builder.BuildAndStart();
  if (server->server_ == nullptr || server->port_ == 0) {
    return CannotListen(config.listen, WhyCannotListen(config.listen));
  }
  auto* health = server->server_->GetHealthCheckService();
  health->SetServingStatus("", true);
  health->SetServingStatus(textlens::v1::AnalysisService::service_full_name(),
                           true);
  server->FollowAvailability(nullptr, *server->plugins_->Current());
  server->started_ = true;
  if (config.watch_plugins) {
    auto watcher =
        PluginWatcher::Start(plugin_dir, absl::Milliseconds(300), [self] {
          if (auto reloaded = self->ReloadPlugins(); !reloaded.ok()) {
            spdlog::error("reload: {}", reloaded.status().ToString());
          }
        });
    if (watcher.ok()) {
      server->watcher_ = *std::move(watcher);
    } else {
      spdlog::warn("plugins are not reloaded on change: {}",
                   watcher.status().ToString());
    }
  }
  return server;
}

void Server::FollowAvailability(const plugins::PluginRegistry* previous,
                                const plugins::PluginRegistry& next) {
  auto* health =
      server_ != nullptr ? server_->GetHealthCheckService() : nullptr;
  if (previous != nullptr) {
    for (const std::string& name : previous->Names()) {
      auto analyzer = previous->Find(name);
      if (next.Find(name) == analyzer) continue;  // kept as is
      analyzer->OnAvailabilityChange(nullptr);
      if (health != nullptr && next.Find(name) == nullptr) {
        health->SetServingStatus(absl::StrCat("textlens.analyzer.", name),
                                 false);
      }
    }
  }
  if (health == nullptr) return;
  // Each analyzer under "textlens.analyzer.NAME": an isolated one turns
  // NOT_SERVING while its process restarts.
  for (const std::string& name : next.Names()) {
    auto analyzer = next.Find(name);
    if (previous != nullptr && previous->Find(name) == analyzer) continue;
    const std::string service = absl::StrCat("textlens.analyzer.", name);
    analyzer->OnAvailabilityChange([health, service](bool available) {
      health->SetServingStatus(service, available);
    });
  }
}

absl::StatusOr<std::vector<plugins::ReloadOutcome>> Server::ReloadPlugins() {
  if (!started_.load()) {
    return absl::UnavailableError("the server is still starting");
  }
  return plugins_->Reload([this](const plugins::PluginRegistry& previous,
                                 const plugins::PluginRegistry& next) {
    FollowAvailability(&previous, next);
  });
}

Server::~Server() {
  watcher_.reset();
  Shutdown();
  // The health service goes with server_, before the analyzers.
  if (plugins_ != nullptr) {
    const auto current = plugins_->Current();
    for (const std::string& name : current->Names()) {
      current->Find(name)->OnAvailabilityChange(nullptr);
    }
  }
}

void Server::Wait() {
  if (server_ != nullptr) server_->Wait();
}

void Server::Shutdown() {
  if (server_ == nullptr || shutting_down_.exchange(true)) return;
  // No reload from now on, and health stays NOT_SERVING whatever an
  // analyzer's process does meanwhile.
  if (watcher_ != nullptr) watcher_->Stop();
  if (auto* health = server_->GetHealthCheckService()) health->Shutdown();
  // Lame duck: everything is still served while load balancers that watch
  // health (Kubernetes, Envoy, deploy/nginx/follow-health.sh) turn away;
  // once gRPC's shutdown starts, calls that arrive are cancelled.
  absl::SleepFor(config_.shutdown_delay);
  // Watch calls would hold gRPC's shutdown until its deadline.
  if (health_ != nullptr) health_->EndWatches();
  if (http_ != nullptr) http_->Stop();  // finishes its requests
  server_->Shutdown(std::chrono::system_clock::now() +
                    absl::ToChronoNanoseconds(config_.shutdown_grace));
}

}  // namespace textlens::service::server
