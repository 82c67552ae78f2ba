// AdminServiceImpl: the textlens.v1.AdminService gRPC service, for
// operators: reloading the plugins without a restart.
//
// Thread-safe: reloads run one at a time (PluginCatalog).
#ifndef TEXTLENS_SERVICE_SERVER_ADMIN_SERVICE_H_
#define TEXTLENS_SERVICE_SERVER_ADMIN_SERVICE_H_

#include <functional>
#include <vector>

#include "absl/status/statusor.h"
#include "service/plugins/plugin_catalog.h"
#include "service/server/call_guard.h"
#include "service/server/telemetry.h"
#include "textlens/v1/admin.grpc.pb.h"

namespace textlens::service::server {

class AdminServiceImpl final : public textlens::v1::AdminService::Service {
 public:
  using Reload =
      std::function<absl::StatusOr<std::vector<plugins::ReloadOutcome>>()>;

  // `reload` does the work; `tokens` (null: no authentication) and
  // `telemetry` are borrowed and must outlive the service.
  AdminServiceImpl(Reload reload, const BearerTokens* tokens,
                   const Telemetry* telemetry)
      : reload_(std::move(reload)), tokens_(tokens), telemetry_(telemetry) {}

  grpc::Status ReloadPlugins(
      grpc::ServerContext* context,
      const textlens::v1::ReloadPluginsRequest* request,
      textlens::v1::ReloadPluginsResponse* response) override;

 private:
  const Reload reload_;
  const BearerTokens* tokens_;
  const Telemetry* telemetry_;
};

// The outcomes as the API reports them.
textlens::v1::ReloadPluginsResponse ToResponse(
    const std::vector<plugins::ReloadOutcome>& outcomes);

}  // namespace textlens::service::server

#endif  // TEXTLENS_SERVICE_SERVER_ADMIN_SERVICE_H_
