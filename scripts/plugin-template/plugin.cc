// The __name__ analyzer's ABI entry: adapts plugins/__name__/__name__.h to
// the plugin SDK.
#include <memory>
#include <utility>

#include "plugins/__name__/__name__.h"
#include "plugins/sdk/plugin_helper.h"

namespace textlens::plugins::__name__ {
namespace {

class __Name__Plugin {
 public:
  using Result = v1::__Name__Result;

  static textlens::plugin::v1::PluginDescriptor Describe() {
    textlens::plugin::v1::PluginDescriptor descriptor;
    descriptor.set_name("__name__");
    descriptor.set_version("0.1.0");
    descriptor.set_description(
        "Counts words and sentences and finds the longest sentence");
    descriptor.set_threading(textlens::plugin::v1::THREADING_CONCURRENT);
    *descriptor.add_options() =
        sdk::IntOption("min_word_length", 1, 1, 100,
                       "Words shorter than this many bytes are not counted.");
    return descriptor;
  }

  static sdk::Status Create(const sdk::Context& /*context*/,
                            std::unique_ptr<__Name__Plugin>* out) {
    *out = std::make_unique<__Name__Plugin>();
    return sdk::Status::Ok();
  }

  sdk::Status Analyze(sdk::Context& context, Result* result) const {
    auto analyzed = __name__::Analyze(
        context.document(),
        static_cast<int>(context.GetInt("min_word_length", 1)));
    if (!analyzed.ok()) return sdk::Status::From(analyzed.status());
    *result = *std::move(analyzed);
    return sdk::Status::Ok();
  }
};

}  // namespace
}  // namespace textlens::plugins::__name__

TEXTLENS_PLUGIN(textlens::plugins::__name__::__Name__Plugin)
