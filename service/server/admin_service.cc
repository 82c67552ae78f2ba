#include "service/server/admin_service.h"

#include "service/server/status_util.h"

namespace textlens::service::server {

textlens::v1::ReloadPluginsResponse ToResponse(
    const std::vector<plugins::ReloadOutcome>& outcomes) {
  using Action = plugins::ReloadOutcome::Action;
  textlens::v1::ReloadPluginsResponse response;
  for (const plugins::ReloadOutcome& outcome : outcomes) {
    auto* plugin = response.add_plugins();
    plugin->set_file(outcome.file);
    plugin->set_analyzer(outcome.analyzer);
    switch (outcome.action) {
      case Action::kUnchanged:
        plugin->set_action(textlens::v1::PluginReload::ACTION_UNCHANGED);
        break;
      case Action::kAdded:
        plugin->set_action(textlens::v1::PluginReload::ACTION_ADDED);
        break;
      case Action::kReplaced:
        plugin->set_action(textlens::v1::PluginReload::ACTION_REPLACED);
        break;
      case Action::kRemoved:
        plugin->set_action(textlens::v1::PluginReload::ACTION_REMOVED);
        break;
      case Action::kFailed:
        plugin->set_action(textlens::v1::PluginReload::ACTION_FAILED);
        break;
    }
    plugin->set_previous_version(outcome.previous_version);
    plugin->set_version(outcome.version);
    if (!outcome.error.ok()) {
      *plugin->mutable_error() = ToProtoStatus(outcome.error);
    }
  }
  return response;
}

grpc::Status AdminServiceImpl::ReloadPlugins(
    grpc::ServerContext* context,
    const textlens::v1::ReloadPluginsRequest* /*request*/,
    textlens::v1::ReloadPluginsResponse* response) {
  Telemetry::Call call = telemetry_->Start("ReloadPlugins", context);
  grpc::Status status = grpc::Status::OK;
  if (tokens_ != nullptr) status = tokens_->Check(*context);
  if (status.ok()) {
    auto outcomes = reload_();
    if (outcomes.ok()) {
      *response = ToResponse(*outcomes);
    } else {
      status = ToGrpcStatus(outcomes.status());
    }
  }
  call.Finish(status);
  return status;
}

}  // namespace textlens::service::server
