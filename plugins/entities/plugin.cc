// The entities plugin: adapts EntityAnalyzer to the plugin SDK.
#include <fstream>
#include <iterator>
#include <memory>
#include <string>
#include <utility>

#include "plugins/entities/entities.h"
#include "plugins/sdk/plugin_helper.h"
#include "textlens/v1/entities.pb.h"

namespace textlens::plugins::entities {
namespace {

// Most values of the `types` list (duplicates are harmless, but a list
// longer than this is no honest request).
constexpr uint32_t kMaxTypes = 64;

class EntitiesPlugin {
 public:
  using Result = textlens::v1::Entities;
  using Options = textlens::v1::EntitiesOptions;

  static textlens::plugin::v1::PluginDescriptor Describe() {
    textlens::plugin::v1::PluginDescriptor descriptor;
    descriptor.set_name("entities");
    descriptor.set_version("0.2.0");
    descriptor.set_description(
        "Named entities of the AI ecosystem, dates, money, percentages and "
        "quantities, with canonical names, mentions and salience.");
    descriptor.add_languages("fr");
    descriptor.add_languages("en");
    descriptor.set_threading(textlens::plugin::v1::THREADING_CONCURRENT);
    std::vector<std::string> types;
    const auto* type_enum = textlens::v1::EntityType_descriptor();
    for (int i = 0; i < type_enum->value_count(); ++i) {
      if (type_enum->value(i)->number() == 0) continue;
      types.push_back(type_enum->value(i)->name());
    }
    auto& types_option = *descriptor.add_options();
    types_option =
        sdk::EnumOption("types", std::move(types), "",
                        "Entity types to return; empty returns every type.",
                        /*repeated=*/true);
    types_option.set_max_items(kMaxTypes);
    *descriptor.add_options() = sdk::DoubleOption(
        "min_salience", 0.0, 0.0, 1.0,
        "Leave out entities whose salience is below this value.");
    *descriptor.add_options() = sdk::BoolOption(
        "include_unknown", true,
        "Return capitalized names the knowledge base does not know.");
    auto& custom = *descriptor.add_options();
    custom = sdk::StringOption(
        "custom_entities", "",
        "The request's own entities, matched before the knowledge base: a "
        "JSON array of {\"id\", \"canonical\", \"type\" (PERSON, "
        "ORGANIZATION, PRODUCT...), \"aliases\": [...], optional "
        "\"openness\", \"owner\"}. At most 4 MiB, 20,000 entities, 64 "
        "aliases (and cues) an entity, 256 bytes a string.");
    custom.set_max_bytes(kMaxCustomEntitiesBytes);
    auto& limits = *custom.mutable_content_limits();
    limits["entities"] = kCustomEntityLimits.entities;
    limits["aliases_per_entity"] = kCustomEntityLimits.aliases_per_entity;
    limits["text_bytes"] = kCustomEntityLimits.text_bytes;
    return descriptor;
  }

  // The server's configuration for the plugin may name `kb_file`: a
  // deployment's own entities (same JSON as custom_entities, or an object
  // with an "entities" array), added to the built-in knowledge base.
  static sdk::Status Create(const sdk::Context& context,
                            std::unique_ptr<EntitiesPlugin>* out) {
    std::string extra;
    const std::string kb_file = context.GetString("kb_file", "");
    if (!kb_file.empty()) {
      std::ifstream in(kb_file, std::ios::binary);
      if (!in) {
        return sdk::Status::Error(TL_INVALID_ARGUMENT,
                                  "kb_file " + kb_file + ": cannot be read");
      }
      extra.assign(std::istreambuf_iterator<char>(in),
                   std::istreambuf_iterator<char>());
    }
    auto analyzer = EntityAnalyzer::Create(extra);
    if (!analyzer.ok()) {
      const std::string where =
          kb_file.empty() ? "" : "kb_file " + kb_file + ": ";
      return sdk::Status::Error(
          analyzer.status().code() == absl::StatusCode::kInvalidArgument
              ? TL_INVALID_ARGUMENT
              : TL_INTERNAL,
          where + std::string(analyzer.status().message()));
    }
    out->reset(new EntitiesPlugin(std::move(*analyzer)));
    return sdk::Status::Ok();
  }

  sdk::Status Analyze(sdk::Context& context, Result* result) const {
    textlens::v1::EntitiesOptions options;
    for (const std::string& name : context.GetStringList("types")) {
      textlens::v1::EntityType type;
      // The schema lists full enum names; short ones ("PERSON") help callers
      // that run the plugin outside a host.
      if ((!textlens::v1::EntityType_Parse(name, &type) &&
           !textlens::v1::EntityType_Parse("ENTITY_TYPE_" + name, &type)) ||
          type == textlens::v1::ENTITY_TYPE_UNSPECIFIED) {
        return sdk::Status::Error(TL_INVALID_ARGUMENT,
                                  "unknown entity type: " + name);
      }
      options.add_types(type);
    }
    options.set_min_salience(context.GetDouble("min_salience", 0.0));
    options.set_include_unknown(context.GetBool("include_unknown", true));
    sdk::Cancellation cancel = context.MakeCancellation();
    std::unique_ptr<KnowledgeBase> custom;
    if (const std::string json = context.GetString("custom_entities", "");
        !json.empty()) {
      auto parsed = EntityAnalyzer::ParseCustomEntities(json, &cancel);
      if (!parsed.ok()) {
        return sdk::Status::Error(
            static_cast<int32_t>(parsed.status().code()),
            "custom_entities: " + std::string(parsed.status().message()));
      }
      custom = *std::move(parsed);
    }
    auto entities =
        analyzer_->Analyze(context.document(), options, custom.get(), &cancel);
    if (!entities.ok()) {
      return sdk::Status::From(entities.status());
    }
    *result = std::move(*entities);
    return sdk::Status::Ok();
  }

 private:
  explicit EntitiesPlugin(std::unique_ptr<EntityAnalyzer> analyzer)
      : analyzer_(std::move(analyzer)) {}

  std::unique_ptr<EntityAnalyzer> analyzer_;
};

}  // namespace
}  // namespace textlens::plugins::entities

TEXTLENS_PLUGIN(textlens::plugins::entities::EntitiesPlugin)
