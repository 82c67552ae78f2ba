// The stance analyzer's ABI entry: adapts plugins/stance/stance.h to the
// plugin SDK. The analyzer is immutable after Create(), so analyze runs
// concurrently on one instance.
#include <memory>
#include <string>
#include <utility>

#include "absl/status/status.h"
#include "plugins/sdk/plugin_helper.h"
#include "plugins/stance/stance.h"
#include "textlens/v1/entities.pb.h"
#include "textlens/v1/stance.pb.h"

namespace textlens::plugins::stance {
namespace {

class StancePlugin {
 public:
  using Result = textlens::v1::Stance;
  using Options = textlens::v1::StanceOptions;

  explicit StancePlugin(std::unique_ptr<StanceAnalyzer> analyzer)
      : analyzer_(std::move(analyzer)) {}

  static textlens::plugin::v1::PluginDescriptor Describe() {
    textlens::plugin::v1::PluginDescriptor descriptor;
    descriptor.set_name("stance");
    descriptor.set_version("0.3.0");
    descriptor.set_description(
        "Stance on open-source vs closed-source AI: label, signed score, "
        "sentiment toward each side, evidence sentences with their cue "
        "words, and each actor's stance (sentence analysis under negation, "
        "contrast, concession and quotation, argument frames, entity "
        "openness; a model learned from labelled texts decides the label)");
    descriptor.add_languages("fr");
    descriptor.add_languages("en");
    descriptor.add_needs("entities");
    descriptor.set_threading(textlens::plugin::v1::THREADING_CONCURRENT);
    *descriptor.add_options() = sdk::IntOption(
        "max_evidence", 5, 0, 50, "Maximum number of evidence sentences.");
    return descriptor;
  }

  static sdk::Status Create(const sdk::Context& /*context*/,
                            std::unique_ptr<StancePlugin>* out) {
    auto analyzer = StanceAnalyzer::Create();
    if (!analyzer.ok()) {
      return sdk::Status::From(analyzer.status());
    }
    *out = std::make_unique<StancePlugin>(*std::move(analyzer));
    return sdk::Status::Ok();
  }

  sdk::Status Analyze(sdk::Context& context, Result* result) const {
    StanceConfig config;
    config.max_evidence =
        static_cast<uint32_t>(context.GetInt("max_evidence", 5));
    // The entities are an optional help: without them (or if they do not
    // parse) the analysis relies on its side cues alone.
    textlens::v1::Entities entities;
    const textlens::v1::Entities* entities_ptr = nullptr;
    if (const auto* dependency = context.FindDependency("entities")) {
      if (entities.ParseFromString(dependency->result())) {
        entities_ptr = &entities;
      } else {
        context.Warn("stance: the entities result does not parse; ignored");
      }
    }
    auto stance = analyzer_->Analyze(context.document(), entities_ptr, config);
    if (!stance.ok()) {
      return sdk::Status::From(stance.status());
    }
    *result = std::move(*stance);
    return sdk::Status::Ok();
  }

 private:
  std::unique_ptr<StanceAnalyzer> analyzer_;
};

}  // namespace
}  // namespace textlens::plugins::stance

TEXTLENS_PLUGIN(textlens::plugins::stance::StancePlugin)
