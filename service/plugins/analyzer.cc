#include "service/plugins/analyzer.h"

#include <mutex>

#include "service/common/status_macros.h"
#include "service/plugins/host_sink.h"

namespace textlens::service::plugins {
namespace {

// A plugin instance inside the server: calls go straight through its table.
class InProcessAnalyzer : public Analyzer {
 public:
  InProcessAnalyzer(std::shared_ptr<PluginLibrary> library,
                    tl_instance* instance)
      : Analyzer(library->path(), library->descriptor()),
        library_(std::move(library)),
        instance_(instance),
        serialized_(library_->descriptor().threading() !=
                    plugin::v1::THREADING_CONCURRENT) {}

  ~InProcessAnalyzer() override { library_->api().destroy(instance_); }

  Output Analyze(const std::string& input,
                 const std::atomic<bool>* cancelled) const override {
    HostSink sink(cancelled);
    auto call = [&] {
      return library_->api().analyze(
          instance_, reinterpret_cast<const uint8_t*>(input.data()),
          input.size(), sink.sink());
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

 private:
  std::shared_ptr<PluginLibrary> library_;  // outlives instance_
  tl_instance* instance_;
  const bool serialized_;
  mutable std::mutex serial_mu_;  // held around analyze when serialized_
};

}  // namespace

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
  return std::shared_ptr<Analyzer>(
      new InProcessAnalyzer(std::move(library), instance));
}

}  // namespace textlens::service::plugins
