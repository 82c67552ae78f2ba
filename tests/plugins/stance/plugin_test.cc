// Loads plugins/stance as a shared library and drives it through the C ABI:
// the descriptor, an analysis with options and the entities dependency, and
// a malformed input.
#include <dlfcn.h>

#include <string>

#include "gtest/gtest.h"
#include "plugins/sdk/textlens_plugin.h"
#include "tests/plugins/stance/test_documents.h"
#include "textlens/plugin/v1/plugin.pb.h"
#include "textlens/v1/entities.pb.h"
#include "textlens/v1/stance.pb.h"

namespace textlens::plugins::stance {
namespace {

struct Captured {
  std::string bytes;
  int32_t error_code = 0;
  std::string error;
};

tl_sink SinkFor(Captured* captured) {
  tl_sink sink{};
  sink.struct_size = sizeof(tl_sink);
  sink.ctx = captured;
  sink.write = [](void* ctx, const uint8_t* data, size_t size) {
    static_cast<Captured*>(ctx)->bytes.assign(
        reinterpret_cast<const char*>(data), size);
  };
  sink.error = [](void* ctx, int32_t code, const char* message, size_t size) {
    static_cast<Captured*>(ctx)->error_code = code;
    static_cast<Captured*>(ctx)->error.assign(message, size);
  };
  return sink;
}

class StancePluginTest : public ::testing::Test {
 protected:
  void SetUp() override {
    handle_ = dlopen(TEXTLENS_STANCE_PLUGIN, RTLD_NOW | RTLD_LOCAL);
    ASSERT_NE(handle_, nullptr) << dlerror();
    auto entry = reinterpret_cast<tl_plugin_entry_fn>(
        dlsym(handle_, "textlens_plugin_entry"));
    ASSERT_NE(entry, nullptr);
    api_ = entry();
    tl_host_api host{};
    host.struct_size = sizeof(tl_host_api);
    host.abi_major = TEXTLENS_PLUGIN_ABI_MAJOR;
    host.abi_minor = TEXTLENS_PLUGIN_ABI_MINOR;
    Captured captured;
    tl_sink sink = SinkFor(&captured);
    ASSERT_EQ(api_->init(&host, &sink), TL_OK) << captured.error;
    ASSERT_TRUE(descriptor_.ParseFromString(captured.bytes));
    ASSERT_EQ(api_->create(nullptr, 0, &instance_, &sink), TL_OK)
        << captured.error;
  }
  void TearDown() override {
    if (api_ != nullptr) {
      if (instance_ != nullptr) api_->destroy(instance_);
      api_->fini();
    }
    // Not dlclosed: protobuf may keep references into the library.
  }

  void* handle_ = nullptr;
  const tl_plugin_api* api_ = nullptr;
  tl_instance* instance_ = nullptr;
  plugin::v1::PluginDescriptor descriptor_;
};

TEST_F(StancePluginTest, DescribesItself) {
  EXPECT_EQ(descriptor_.name(), "stance");
  EXPECT_EQ(descriptor_.version(), "0.3.0");
  EXPECT_EQ(descriptor_.result_type(), "textlens.v1.Stance");
  ASSERT_EQ(descriptor_.needs_size(), 1);
  EXPECT_EQ(descriptor_.needs(0), "entities");
  ASSERT_EQ(descriptor_.languages_size(), 2);
  EXPECT_EQ(descriptor_.threading(), plugin::v1::THREADING_CONCURRENT);
  ASSERT_EQ(descriptor_.options_size(), 1);
  EXPECT_EQ(descriptor_.options(0).name(), "max_evidence");
  EXPECT_EQ(descriptor_.options(0).default_value().int_value(), 5);
  EXPECT_EQ(descriptor_.options(0).max(), 50);
}

TEST_F(StancePluginTest, AnalyzesWithOptionsAndEntities) {
  const std::string text =
      "Le débat sur l'open source agite le secteur. Zephyrine est "
      "remarquable et impressionnante. Les modèles ouverts sont excellents.";
  plugin::v1::PluginInput input;
  *input.mutable_document() = Prepare(text, "fr");
  (*input.mutable_options())["max_evidence"].set_int_value(1);
  v1::Entities entities;
  v1::Entity* entity = entities.add_entities();
  entity->set_canonical_name("Zephyrine");
  entity->set_openness(v1::OPENNESS_OPEN_WEIGHTS);
  const size_t at = text.find("Zephyrine");
  entity->add_mentions()->mutable_span()->set_begin(static_cast<uint32_t>(at));
  entity->mutable_mentions(0)->mutable_span()->set_end(
      static_cast<uint32_t>(at + 9));
  plugin::v1::Dependency* dependency = input.add_dependencies();
  dependency->set_analyzer("entities");
  dependency->set_result_type("textlens.v1.Entities");
  dependency->set_result(entities.SerializeAsString());
  const std::string bytes = input.SerializeAsString();

  Captured captured;
  tl_sink sink = SinkFor(&captured);
  ASSERT_EQ(
      api_->analyze(instance_, reinterpret_cast<const uint8_t*>(bytes.data()),
                    bytes.size(), &sink),
      TL_OK)
      << captured.error;
  v1::Stance stance;
  ASSERT_TRUE(stance.ParseFromString(captured.bytes));
  EXPECT_NE(stance.label(), v1::STANCE_LABEL_UNSPECIFIED);
  ASSERT_EQ(stance.evidence_size(), 1);
  EXPECT_GT(stance.evidence(0).weight(), 0);  // praise of open
  EXPECT_EQ(stance.open().mentions(), 3u);    // with the entity's sentence
}

TEST_F(StancePluginTest, RejectsAnInconsistentTokenTable) {
  plugin::v1::PluginInput input;
  *input.mutable_document() =
      Prepare("Les modèles ouverts sont excellents.", "fr");
  // The stems column one row short: the SDK refuses the input before the
  // analyzer reads it.
  input.mutable_document()->mutable_tokens()->mutable_stem_end()->RemoveLast();
  const std::string bytes = input.SerializeAsString();
  Captured captured;
  tl_sink sink = SinkFor(&captured);
  EXPECT_EQ(
      api_->analyze(instance_, reinterpret_cast<const uint8_t*>(bytes.data()),
                    bytes.size(), &sink),
      TL_INVALID_ARGUMENT);
  EXPECT_EQ(captured.error,
            "input's document: stem_end has 5 rows for 6 tokens");
}

TEST_F(StancePluginTest, RejectsMalformedInput) {
  const std::string garbage = "\xff\xff\xff\xff not a protobuf";
  Captured captured;
  tl_sink sink = SinkFor(&captured);
  EXPECT_EQ(
      api_->analyze(instance_, reinterpret_cast<const uint8_t*>(garbage.data()),
                    garbage.size(), &sink),
      TL_INVALID_ARGUMENT);
  EXPECT_FALSE(captured.error.empty());
}

}  // namespace
}  // namespace textlens::plugins::stance
