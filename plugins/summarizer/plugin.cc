// The summarizer's ABI entry: adapts plugins/summarizer/summarizer.h to the
// plugin SDK. Instances are stateless, so analyze runs concurrently.
#include <memory>
#include <string>

#include "absl/status/status.h"
#include "plugins/sdk/plugin_helper.h"
#include "plugins/summarizer/summarizer.h"
#include "textlens/v1/summary.pb.h"

namespace textlens::plugins::summarizer {
namespace {

class SummarizerPlugin {
 public:
  using Result = textlens::v1::Summary;
  using Options = textlens::v1::SummarizerOptions;

  static textlens::plugin::v1::PluginDescriptor Describe() {
    textlens::plugin::v1::PluginDescriptor descriptor;
    descriptor.set_name("summarizer");
    descriptor.set_version("0.3.0");
    descriptor.set_description(
        "Extractive summary (sentences scored by a model learned from news "
        "articles and their abstracts, redundancy removed by MMR) and key "
        "phrases");
    descriptor.add_languages("fr");
    descriptor.add_languages("en");
    descriptor.set_threading(textlens::plugin::v1::THREADING_CONCURRENT);
    *descriptor.add_options() = sdk::IntOption(
        "max_sentences", 2, 1, 50, "Number of sentences to extract.");
    *descriptor.add_options() = sdk::EnumOption(
        "order", {"ORDER_POSITION", "ORDER_RANK"}, "ORDER_POSITION",
        "Order of the extracted sentences: document order or best first.");
    *descriptor.add_options() = sdk::IntOption(
        "max_key_phrases", 10, 0, 50, "Number of key phrases to return.");
    *descriptor.add_options() = sdk::IntOption(
        "max_chars", 0, 0, 1000000,
        "Longest summary in characters, one separator between sentences "
        "counted; 0: no limit.");
    *descriptor.add_options() = sdk::DoubleOption(
        "ratio", 0.0, 0.0, 1.0,
        "Share of the document's sentences to extract (replaces "
        "max_sentences); 0: not used.");
    return descriptor;
  }

  static sdk::Status Create(const sdk::Context& /*context*/,
                            std::unique_ptr<SummarizerPlugin>* out) {
    *out = std::make_unique<SummarizerPlugin>();
    return sdk::Status::Ok();
  }

  sdk::Status Analyze(sdk::Context& context, Result* result) const {
    textlens::v1::SummarizerOptions options;
    options.set_max_sentences(
        static_cast<uint32_t>(context.GetInt("max_sentences", 2)));
    options.set_max_key_phrases(
        static_cast<uint32_t>(context.GetInt("max_key_phrases", 10)));
    options.set_max_chars(
        static_cast<uint32_t>(context.GetInt("max_chars", 0)));
    options.set_ratio(context.GetDouble("ratio", 0.0));
    options.set_order(context.GetString("order", "ORDER_POSITION") ==
                              "ORDER_RANK"
                          ? textlens::v1::SummarizerOptions::ORDER_RANK
                          : textlens::v1::SummarizerOptions::ORDER_POSITION);
    auto summary = Summarize(context.document(), DefaultConfig(options),
                             [&context] { return context.Cancelled(); });
    if (!summary.ok()) {
      return sdk::Status::From(summary.status());
    }
    *result = std::move(*summary);
    return sdk::Status::Ok();
  }
};

}  // namespace
}  // namespace textlens::plugins::summarizer

TEXTLENS_PLUGIN(textlens::plugins::summarizer::SummarizerPlugin)
