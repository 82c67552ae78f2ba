#include "service/plugins/analyzer.h"

#include "service/common/status_macros.h"
#include "service/plugins/host_sink.h"

namespace textlens::service::plugins {

absl::StatusOr<std::shared_ptr<Analyzer>> Analyzer::Create(
    std::shared_ptr<PluginLibrary> library,
    const plugin::v1::PluginInput& config) {
  const std::string bytes = config.SerializeAsString();
  HostSink sink;
  tl_instance* instance = nullptr;
  const int32_t code =
      library->api().create(reinterpret_cast<const uint8_t*>(bytes.data()),
                            bytes.size(), &instance, sink.sink());
  RETURN_IF_ERROR(sink.Finish(code, "create", /*expect_output=*/false));
  if (instance == nullptr) {
    return absl::InternalError("create returned OK but no instance");
  }
  return std::shared_ptr<Analyzer>(new Analyzer(std::move(library), instance));
}

Analyzer::Analyzer(std::shared_ptr<PluginLibrary> library,
                   tl_instance* instance)
    : library_(std::move(library)),
      instance_(instance),
      serialized_(library_->descriptor().threading() !=
                  plugin::v1::THREADING_CONCURRENT) {}

Analyzer::~Analyzer() { library_->api().destroy(instance_); }

Analyzer::Output Analyzer::Analyze(const std::string& input,
                                   const std::atomic<bool>* cancelled) const {
  HostSink sink(cancelled);
  auto call = [&] {
    return library_->api().analyze(
        instance_, reinterpret_cast<const uint8_t*>(input.data()), input.size(),
        sink.sink());
  };
  int32_t code;
  if (serialized_) {
    std::lock_guard<std::mutex> lock(serial_mu_);
    code = call();
  } else {
    code = call();
  }
  Output output;
  output.status = sink.Finish(code, "analyze", /*expect_output=*/true);
  output.warnings = sink.warnings();
  if (output.status.ok()) output.result = sink.output();
  return output;
}

}  // namespace textlens::service::plugins
