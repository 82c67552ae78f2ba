// The empty analyzer: returns an empty textlens.v1.Summary without reading
// the document. Measures what the plugin boundary and the server cost on
// their own (bench/pipeline_bench, scripts/run-bench.sh). Built for the
// benchmarks only; it lands in build/<preset>/bench/plugins, never in the
// server's plugin folder.
#include <memory>

#include "plugins/sdk/plugin_helper.h"
#include "textlens/v1/summary.pb.h"

namespace textlens::bench {
namespace {

class EmptyAnalyzer {
 public:
  using Result = textlens::v1::Summary;

  static plugin::v1::PluginDescriptor Describe() {
    plugin::v1::PluginDescriptor descriptor;
    descriptor.set_name("empty");
    descriptor.set_version("1.0.0");
    descriptor.set_description("returns an empty result (benchmarks only)");
    descriptor.add_languages("fr");
    descriptor.add_languages("en");
    descriptor.set_threading(plugin::v1::THREADING_CONCURRENT);
    return descriptor;
  }

  static sdk::Status Create(const sdk::Context& /*context*/,
                            std::unique_ptr<EmptyAnalyzer>* out) {
    *out = std::make_unique<EmptyAnalyzer>();
    return sdk::Status::Ok();
  }

  sdk::Status Analyze(sdk::Context& /*context*/, Result* /*result*/) const {
    return sdk::Status::Ok();
  }
};

}  // namespace
}  // namespace textlens::bench

TEXTLENS_PLUGIN(textlens::bench::EmptyAnalyzer)
