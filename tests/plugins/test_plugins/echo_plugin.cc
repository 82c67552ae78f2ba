// A test analyzer whose behaviour the request controls: it can sleep (while
// honouring cancellation), fail with a code, throw, or wait to meet other
// analyzers of the same call (to prove they run in parallel). Its result is
// a textlens.v1.Summary whose key phrases report what it received.
//
// Built several times under different names (ECHO_NAME, ECHO_NEEDS), once
// as a second version of echo (ECHO_VERSION), once
// failing in create (ECHO_CREATE_FAILS), and as the faulty plugins
// (ECHO_FAULT, at the end of this file).
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <thread>
#include <vector>

#include "plugins/sdk/plugin_helper.h"
#include "plugins/sdk/tokens.h"
#include "textlens/v1/summary.pb.h"

#ifndef ECHO_VERSION
#define ECHO_VERSION "1.2.3"
#endif

namespace textlens::tests {
namespace {

using textlens::sdk::Tokens;

class EchoAnalyzer {
 public:
  using Result = textlens::v1::Summary;

  static plugin::v1::PluginDescriptor Describe() {
    plugin::v1::PluginDescriptor d;
    d.set_name(ECHO_NAME);
    d.set_version(ECHO_VERSION);
    d.set_description("test analyzer that echoes what it receives");
    d.add_languages("fr");
    d.add_languages("en");
    if (std::string(ECHO_NEEDS) != "") d.add_needs(ECHO_NEEDS);
    d.set_threading(plugin::v1::THREADING_CONCURRENT);
    *d.add_options() =
        sdk::IntOption("sleep_ms", 0, 0, 60000, "sleep this long");
    *d.add_options() = sdk::BoolOption(
        "ignore_cancellation", false,
        "sleep through a cancellation, as a runaway plugin would");
    *d.add_options() =
        sdk::IntOption("fail_code", 0, 0, 16, "fail with this code");
    *d.add_options() = sdk::BoolOption("throw", false, "throw an exception");
    *d.add_options() =
        sdk::EnumOption("mode", {"PLAIN", "LOUD"}, "PLAIN", "echo mode");
    *d.add_options() =
        sdk::IntOption("rendezvous", 0, 0, 8,
                       "wait for this many analyzers in the folder "
                       "named by the metadata key 'rendezvous'");
    return d;
  }

  static sdk::Status Create(const sdk::Context& /*context*/,
                            std::unique_ptr<EchoAnalyzer>* out) {
#ifdef ECHO_CREATE_FAILS
    return sdk::Status::Error(TL_FAILED_PRECONDITION,
                              "no licence key configured");
#endif
    *out = std::make_unique<EchoAnalyzer>();
    return sdk::Status::Ok();
  }

  sdk::Status Analyze(sdk::Context& context, Result* result) const {
    auto note = [result](std::string text) {
      result->add_key_phrases()->set_text(std::move(text));
    };
    const auto& doc = context.document();
    note("name=" ECHO_NAME);
    note("language=" + doc.language());
    note("tokens=" + std::to_string(Tokens(doc).size()));
    note("mode=" + context.GetString("mode", "?"));
    for (const auto& dependency : context.input().dependencies()) {
      textlens::v1::Summary needed;
      needed.ParseFromString(dependency.result());
      note("dependency=" + dependency.analyzer() + ":" +
           std::to_string(needed.key_phrases_size()));
    }
    if (doc.sentences_size() > 0) {
      auto* sentence = result->add_sentences();
      sentence->mutable_span()->set_begin(doc.sentences(0).begin());
      sentence->mutable_span()->set_end(doc.sentences(0).end());
      sentence->set_text(
          doc.text().substr(doc.sentences(0).begin(),
                            doc.sentences(0).end() - doc.sentences(0).begin()));
    }
    if (const int64_t n = context.GetInt("rendezvous", 0); n > 0) {
      note(Rendezvous(doc.metadata().at("rendezvous"), n) ? "rendezvous=met"
                                                          : "rendezvous=alone");
    }
    const int64_t sleep_ms = context.GetInt("sleep_ms", 0);
    const bool stoppable = !context.GetBool("ignore_cancellation", false);
    const auto until =
        std::chrono::steady_clock::now() + std::chrono::milliseconds(sleep_ms);
    while (std::chrono::steady_clock::now() < until) {
      if (stoppable && context.Cancelled()) {
        return sdk::Status::Error(TL_CANCELLED, "cancelled while sleeping");
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    if (context.GetBool("throw", false)) {
      throw std::runtime_error("asked to throw");
    }
    if (const int64_t code = context.GetInt("fail_code", 0); code != 0) {
      return sdk::Status::Error(static_cast<int32_t>(code), "asked to fail");
    }
    context.Warn("echo warning");
    return sdk::Status::Ok();
  }

 private:
  // Marks this analyzer present in `folder` and waits (up to 20 s) until
  // `count` analyzers are present. True if they all met.
  static bool Rendezvous(const std::string& folder, int64_t count) {
    std::ofstream(std::filesystem::path(folder) / ECHO_NAME).put('x');
    const auto give_up =
        std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (std::chrono::steady_clock::now() < give_up) {
      int64_t present = 0;
      for (const auto& entry : std::filesystem::directory_iterator(folder)) {
        (void)entry;
        ++present;
      }
      if (present >= count) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    return false;
  }
};

}  // namespace
}  // namespace textlens::tests

#ifndef ECHO_FAULT
TEXTLENS_PLUGIN(textlens::tests::EchoAnalyzer)
#else
// The faulty plugins: the echo analyzer with one hook replaced by code that
// misbehaves as a broken or hostile plugin would (ECHO_FAULT names how).
namespace {

const tl_plugin_api& Echo() {
  return *::textlens::sdk::PluginApi<textlens::tests::EchoAnalyzer>();
}

int32_t SlowInit(const tl_host_api* host, const tl_sink* out) {
  std::this_thread::sleep_for(std::chrono::milliseconds(1500));
  return Echo().init(host, out);
}

int32_t FaultyAnalyze(tl_instance* instance, const uint8_t* input, size_t size,
                      const tl_sink* out) {
  const std::string fault = ECHO_FAULT;
  if (fault == "segfault") {
    *static_cast<volatile int*>(nullptr) = 1;
  } else if (fault == "abort") {
    std::abort();
  } else if (fault == "hang") {
    for (volatile uint64_t spin = 0;; spin = spin + 1) {
    }
  } else if (fault == "allocate") {
    // Grows until the allocator gives up, touching every page.
    std::vector<char*> blocks;
    while (char* block = static_cast<char*>(std::malloc(16 << 20))) {
      std::memset(block, 1, 16 << 20);
      blocks.push_back(block);
    }
    std::abort();
  } else if (fault == "garbage") {
    static const uint8_t kGarbage[] = {0xff, 0xff, 0xff, 0xff, 0x0f, 0x00};
    out->write(out->ctx, kGarbage, sizeof(kGarbage));
    return TL_OK;
  }
  return Echo().analyze(instance, input, size, out);
}

}  // namespace

extern "C" TEXTLENS_PLUGIN_EXPORT const tl_plugin_api* textlens_plugin_entry(
    void) {
  static const tl_plugin_api api = [] {
    tl_plugin_api faulty = Echo();
    if (std::string(ECHO_FAULT) == "slow_start") {
      faulty.init = SlowInit;
    } else {
      faulty.analyze = FaultyAnalyze;
    }
    return faulty;
  }();
  return &api;
}
#endif
