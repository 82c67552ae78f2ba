// Fuzzes the service behind gRPC: the whole AnalysisEngine (request
// validation, option resolution, ingestion, text preparation, the pipeline,
// every bundled analyzer through its C entry point, offset conversion), and
// each analyzer's entry point on raw bytes. The first byte picks the mode:
//   0: the rest is a serialized AnalyzeRequest;
//   1: bytes 1-3 choose the content type, offset unit and summarizer
//      options, the rest is the document;
//   2: byte 1 picks an analyzer, the rest is its PluginInput, however
//      malformed.
// A call may fail with any status; it must not crash, leak or hang, and a
// successful answer's spans must lie within its text.
#include <cstdint>
#include <cstdlib>
#include <string>

#include "absl/time/clock.h"
#include "service/config/server_config.h"
#include "service/pipeline/worker_pool.h"
#include "service/plugins/plugin_catalog.h"
#include "service/plugins/plugin_registry.h"
#include "service/server/analysis_engine.h"
#include "service/text/offset_map.h"

namespace {

using textlens::service::server::AnalysisEngine;

struct Service {
  Service() {
    config.pdf_helper = "/bin/false";  // PDFs: see pdf_fuzz
    plugins = std::make_unique<textlens::service::plugins::PluginCatalog>(
        textlens::service::plugins::PluginRegistry::LoadDirectory(PLUGIN_DIR));
    registry = plugins->Current();
    if (registry->size() != 3) std::abort();  // the bundled analyzers
    pool = std::make_unique<textlens::service::pipeline::WorkerPool>(2, 64);
    engine =
        std::move(AnalysisEngine::Create(config, plugins.get(), pool.get()))
            .value();
  }
  textlens::service::config::ServerConfig config;
  std::unique_ptr<textlens::service::plugins::PluginCatalog> plugins;
  std::shared_ptr<const textlens::service::plugins::PluginRegistry> registry;
  std::unique_ptr<textlens::service::pipeline::WorkerPool> pool;
  std::unique_ptr<AnalysisEngine> engine;
};

// The length of `text` in `unit`.
uint64_t Length(const std::string& text, textlens::v1::OffsetUnit unit) {
  const textlens::service::text::OffsetMap offsets(text);
  if (unit == textlens::v1::OFFSET_UNIT_UTF16_CODE_UNITS) {
    return offsets.utf16_length();
  }
  if (unit == textlens::v1::OFFSET_UNIT_CODE_POINTS) {
    return offsets.code_point_length();
  }
  return offsets.utf8_length();
}

void CheckSpans(const textlens::v1::AnalyzeResponse& response) {
  const uint64_t length = Length(response.text(), response.offset_unit());
  const auto check = [length](const textlens::v1::TextSpan& span) {
    if (span.begin() > span.end() || span.end() > length) std::abort();
  };
  for (const auto& segment : response.language_segments()) {
    check(segment.span());
  }
  for (const auto& result : response.results()) {
    for (const auto& sentence : result.summary().sentences()) {
      check(sentence.span());
    }
    for (const auto& entity : result.entities().entities()) {
      for (const auto& mention : entity.mentions()) check(mention.span());
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static Service* service = new Service();
  if (size < 4) return 0;
  const std::string rest(reinterpret_cast<const char*>(data) + 4, size - 4);
  textlens::v1::AnalyzeRequest request;
  switch (data[0] % 3) {
    case 0:
      if (!request.ParseFromArray(data + 1, static_cast<int>(size - 1))) {
        return 0;
      }
      break;
    case 1: {
      static const char* kTypes[] = {"", "text/html", "text/markdown",
                                     "text/plain; charset=windows-1252"};
      request.mutable_document()->set_content(rest);
      request.mutable_document()->set_content_type(kTypes[data[1] % 4]);
      request.set_offset_unit(
          static_cast<textlens::v1::OffsetUnit>(data[1] >> 2 & 3));
      request.set_include_source_map(data[1] & 0x10);
      auto* summarizer = request.add_analyzers();
      summarizer->set_name("summarizer");
      summarizer->mutable_summarizer()->set_max_sentences(data[2] % 8);
      summarizer->mutable_summarizer()->set_max_chars(data[3] % 4 * 100);
      request.add_analyzers()->set_name("stance");
      break;
    }
    default: {
      const auto names = service->registry->Names();
      const auto analyzer =
          service->registry->Find(names[data[1] % names.size()]);
      analyzer->Analyze(rest, nullptr);
      return 0;
    }
  }
  auto response = service->engine->Analyze(
      request, absl::Now() + absl::Seconds(20), nullptr);
  if (response.ok()) CheckSpans(*response);
  return 0;
}
