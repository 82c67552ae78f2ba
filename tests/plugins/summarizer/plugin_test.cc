// Specification of summarizer.so through its C ABI: the descriptor it gives
// the host, and one analyze call with options and with cancellation.
#include <dlfcn.h>

#include <string>

#include "gtest/gtest.h"
#include "plugins/sdk/textlens_plugin.h"
#include "service/text/document_preparer.h"
#include "service/text/normalizer.h"
#include "textlens/plugin/v1/plugin.pb.h"
#include "textlens/v1/summary.pb.h"

namespace textlens::plugins::summarizer {
namespace {

// What the plugin wrote through the sink during one call.
struct Captured {
  std::string output;
  int32_t error_code = 0;
  std::string error;
  bool cancel = false;
};

tl_sink SinkFor(Captured* captured) {
  tl_sink sink{};
  sink.struct_size = sizeof(tl_sink);
  sink.ctx = captured;
  sink.write = [](void* ctx, const uint8_t* data, size_t size) {
    static_cast<Captured*>(ctx)->output.assign(
        reinterpret_cast<const char*>(data), size);
  };
  sink.error = [](void* ctx, int32_t code, const char* message, size_t size) {
    static_cast<Captured*>(ctx)->error_code = code;
    static_cast<Captured*>(ctx)->error.assign(message, size);
  };
  sink.warn = [](void*, const char*, size_t) {};
  sink.cancelled = [](void* ctx) -> int32_t {
    return static_cast<Captured*>(ctx)->cancel ? 1 : 0;
  };
  return sink;
}

class SummarizerPluginTest : public ::testing::Test {
 protected:
  void SetUp() override {
    handle_ = dlopen(SUMMARIZER_PLUGIN_PATH, RTLD_NOW | RTLD_LOCAL);
    ASSERT_NE(handle_, nullptr) << dlerror();
    auto entry = reinterpret_cast<tl_plugin_entry_fn>(
        dlsym(handle_, "textlens_plugin_entry"));
    ASSERT_NE(entry, nullptr);
    api_ = entry();
    host_.struct_size = sizeof(tl_host_api);
    host_.abi_major = TEXTLENS_PLUGIN_ABI_MAJOR;
    host_.abi_minor = TEXTLENS_PLUGIN_ABI_MINOR;
    Captured captured;
    const tl_sink sink = SinkFor(&captured);
    ASSERT_EQ(api_->init(&host_, &sink), TL_OK) << captured.error;
    ASSERT_TRUE(descriptor_.ParseFromString(captured.output));
    ASSERT_EQ(api_->create(nullptr, 0, &instance_, &sink), TL_OK);
  }
  void TearDown() override {
    if (api_ != nullptr) {
      if (instance_ != nullptr) api_->destroy(instance_);
      api_->fini();
    }
    // Like the server, never dlclose: a plugin's function-local statics
    // (the general IDF table) live as long as the process.
  }

  std::string Input() {
    auto preparer = service::text::DocumentPreparer::Create();
    EXPECT_TRUE(preparer.ok());
    auto text = service::text::NormalizeText(
        "Les modèles ouverts gagnent du terrain en Europe.\n"
        "Plusieurs laboratoires publient désormais les poids de leurs "
        "modèles ouverts.\n"
        "Les entreprises adaptent ces modèles ouverts à leurs propres "
        "données.\n"
        "Il a plu toute la journée sur la côte bretonne hier.\n");
    plugin::v1::PluginInput input;
    *input.mutable_document() = (*preparer)->Prepare(*text, "fr").value();
    (*input.mutable_options())["max_sentences"].set_int_value(2);
    (*input.mutable_options())["order"].set_string_value("ORDER_RANK");
    (*input.mutable_options())["max_key_phrases"].set_int_value(2);
    return input.SerializeAsString();
  }

  void* handle_ = nullptr;
  const tl_plugin_api* api_ = nullptr;
  tl_host_api host_{};
  tl_instance* instance_ = nullptr;
  plugin::v1::PluginDescriptor descriptor_;
};

TEST_F(SummarizerPluginTest, DescribesItself) {
  EXPECT_EQ(descriptor_.name(), "summarizer");
  EXPECT_EQ(descriptor_.version(), "0.3.0");
  EXPECT_EQ(descriptor_.result_type(), "textlens.v1.Summary");
  EXPECT_FALSE(descriptor_.result_descriptor_set().empty());
  ASSERT_EQ(descriptor_.languages_size(), 2);
  EXPECT_EQ(descriptor_.languages(0), "fr");
  EXPECT_EQ(descriptor_.languages(1), "en");
  EXPECT_EQ(descriptor_.threading(), plugin::v1::THREADING_CONCURRENT);
  ASSERT_EQ(descriptor_.options_size(), 5);
  // Option names are the fields of SummarizerOptions.
  const auto* fields = textlens::v1::SummarizerOptions::descriptor();
  for (const auto& option : descriptor_.options()) {
    EXPECT_NE(fields->FindFieldByName(option.name()), nullptr) << option.name();
  }
  EXPECT_EQ(descriptor_.options(0).name(), "max_sentences");
  EXPECT_EQ(descriptor_.options(0).default_value().int_value(), 2);
  EXPECT_EQ(descriptor_.options(0).min(), 1);
  EXPECT_EQ(descriptor_.options(0).max(), 50);
  EXPECT_EQ(descriptor_.options(1).name(), "order");
  EXPECT_EQ(descriptor_.options(1).default_value().string_value(),
            "ORDER_POSITION");
  EXPECT_EQ(descriptor_.options(2).name(), "max_key_phrases");
  EXPECT_EQ(descriptor_.options(2).default_value().int_value(), 10);
  EXPECT_EQ(descriptor_.options(2).min(), 0);
  EXPECT_EQ(descriptor_.options(3).name(), "max_chars");
  EXPECT_EQ(descriptor_.options(3).default_value().int_value(), 0);
  EXPECT_EQ(descriptor_.options(3).max(), 1000000);
  EXPECT_EQ(descriptor_.options(4).name(), "ratio");
  EXPECT_EQ(descriptor_.options(4).type(), plugin::v1::OPTION_TYPE_DOUBLE);
  EXPECT_EQ(descriptor_.options(4).default_value().double_value(), 0.0);
  EXPECT_EQ(descriptor_.options(4).max(), 1.0);
}

TEST_F(SummarizerPluginTest, AnalyzeHonoursOptions) {
  const std::string input = Input();
  Captured captured;
  const tl_sink sink = SinkFor(&captured);
  ASSERT_EQ(
      api_->analyze(instance_, reinterpret_cast<const uint8_t*>(input.data()),
                    input.size(), &sink),
      TL_OK)
      << captured.error;
  textlens::v1::Summary summary;
  ASSERT_TRUE(summary.ParseFromString(captured.output));
  EXPECT_EQ(summary.document_sentence_count(), 4u);
  ASSERT_EQ(summary.sentences_size(), 2);
  EXPECT_EQ(summary.sentences(0).rank(), 1u);
  EXPECT_EQ(summary.sentences(1).rank(), 2u);
  for (const auto& sentence : summary.sentences()) {
    EXPECT_EQ(sentence.text().find("bretonne"), std::string::npos);
  }
  ASSERT_EQ(summary.key_phrases_size(), 2);
  EXPECT_EQ(summary.key_phrases(0).text(), "modèles ouverts");
  EXPECT_EQ(summary.key_phrases(0).mentions_size(), 3);
}

TEST_F(SummarizerPluginTest, CancelledCallReportsCancelled) {
  const std::string input = Input();
  Captured captured;
  captured.cancel = true;
  const tl_sink sink = SinkFor(&captured);
  EXPECT_EQ(
      api_->analyze(instance_, reinterpret_cast<const uint8_t*>(input.data()),
                    input.size(), &sink),
      TL_CANCELLED);
  EXPECT_EQ(captured.error_code, TL_CANCELLED);
  EXPECT_TRUE(captured.output.empty());
}

}  // namespace
}  // namespace textlens::plugins::summarizer
