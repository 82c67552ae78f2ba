// Micro-benchmarks of every stage of an analysis, in process (no gRPC), on
// news articles like the ones textlens serves: the five seed articles of
// ../shared/corpus/seeds (about 3 KB each) when that folder is there, else
// the French test article of tests/integration/testdata, three times.
//
//   BM_Ingest/{plain,html}  reading the content (HTML: the seeds wrapped in
//                           paragraphs)
//   BM_Prepare              normalization, language, sentences, tokens
//   BM_Summarizer, BM_Entities, BM_Stance
//                           each analyzer on prepared documents, called
//                           directly (no plugin boundary)
//   BM_PluginCall/{empty,summarizer,entities,stance}
//                           one call through the plugin ABI: the input
//                           serialized, the plugin run, its result parsed;
//                           `empty` is the boundary's own cost
//   BM_Engine/{all,empty}   a whole Analyze request through the engine the
//                           server uses (ingestion, preparation, plugins,
//                           response), with the three analyzers or the
//                           empty one
//   BM_EngineTiny           the same for "Bonjour." and the empty analyzer:
//                           the engine's fixed cost per call
//   BM_EngineTinyOnCallThread  the same as unary gRPC calls run it: the one
//                           analyzer on the calling thread
//   BM_Growth/N             the engine with all analyzers on a document of
//                           N bytes (seeds repeated), 4 KB to 4 MB: its
//                           bytes_per_second shows the cost per byte
//   BM_GrowthNames/N        the same on N sentences of "Jean Dupont et Marie
//                           Curie de Mistral AI." (a name every two words),
//                           2,000 and 20,000: linear cost keeps the second
//                           within 10x the first
//
// Counters: documents/s, words/s (words: WORD tokens of the prepared text),
// all over wall-clock time (the engine's analyzers run on its worker thread).
// Usage: pipeline_bench [Google Benchmark flags], e.g.
//   --benchmark_format=json --benchmark_out=build/bench/pipeline.json
// Plugins: $TEXTLENS_PLUGIN_DIR (default: build folder's bin/plugins) and
// $TEXTLENS_BENCH_PLUGIN_DIR (the empty plugin; default bench/plugins).
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "bench/name_dense_text.h"
#include "plugins/entities/entities.h"
#include "plugins/sdk/tokens.h"
#include "plugins/stance/stance.h"
#include "plugins/summarizer/summarizer.h"
#include "service/config/server_config.h"
#include "service/ingest/ingester.h"
#include "service/pipeline/worker_pool.h"
#include "service/plugins/plugin_catalog.h"
#include "service/plugins/plugin_registry.h"
#include "service/server/analysis_engine.h"
#include "service/text/document_preparer.h"
#include "service/text/normalizer.h"

namespace {

using textlens::sdk::Tokens;

namespace fs = std::filesystem;
using textlens::plugin::v1::PreparedDocument;

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

std::string Env(const char* name, const std::string& fallback) {
  const char* value = std::getenv(name);
  return value != nullptr && *value != '\0' ? value : fallback;
}

// The documents of the file comment, read once.
const std::vector<std::string>& Documents() {
  static const auto* documents = [] {
    auto* out = new std::vector<std::string>();
    const fs::path seeds = fs::path(Env("TEXTLENS_DATA_DIR", TEXTLENS_SOURCE_DIR
                                        "/../shared/data")) /
                           ".." / "corpus" / "seeds";
    std::error_code error;
    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator(seeds, error)) {
      if (entry.path().extension() == ".txt") files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());
    for (const auto& file : files) out->push_back(ReadFile(file));
    if (out->empty()) {
      const std::string article = ReadFile(
          TEXTLENS_SOURCE_DIR "/tests/integration/testdata/article_fr.txt");
      out->push_back(article + "\n\n" + article + "\n\n" + article);
    }
    std::fprintf(stderr, "pipeline_bench: %zu documents (%s)\n", out->size(),
                 files.empty() ? "tests/integration/testdata" : "seeds");
    return out;
  }();
  return *documents;
}

const textlens::service::text::DocumentPreparer& Preparer() {
  static const auto* preparer =
      textlens::service::text::DocumentPreparer::Create()->release();
  return *preparer;
}

PreparedDocument Prepare(const std::string& text) {
  return *Preparer().Prepare(*textlens::service::text::NormalizeText(text), "");
}

const std::vector<PreparedDocument>& PreparedDocuments() {
  static const auto* prepared = [] {
    auto* out = new std::vector<PreparedDocument>();
    for (const std::string& text : Documents()) out->push_back(Prepare(text));
    return out;
  }();
  return *prepared;
}

int64_t Words(const PreparedDocument& document) {
  int64_t words = 0;
  for (const auto& token : Tokens(document)) {
    words += token.kind() == textlens::plugin::v1::TOKEN_KIND_WORD;
  }
  return words;
}

int64_t TotalWords() {
  int64_t words = 0;
  for (const auto& document : PreparedDocuments()) words += Words(document);
  return words;
}

int64_t TotalBytes() {
  int64_t bytes = 0;
  for (const auto& text : Documents())
    bytes += static_cast<int64_t>(text.size());
  return bytes;
}

// Documents/s, words/s and bytes/s for `state`, which processed every
// document once per iteration.
void SetRates(benchmark::State& state) {
  const double iterations = static_cast<double>(state.iterations());
  const double documents = static_cast<double>(Documents().size());
  state.counters["documents_per_second"] =
      benchmark::Counter(iterations * documents, benchmark::Counter::kIsRate);
  state.counters["words_per_second"] =
      benchmark::Counter(iterations * static_cast<double>(TotalWords()),
                         benchmark::Counter::kIsRate);
  state.SetBytesProcessed(state.iterations() * TotalBytes());
}

void BM_Ingest(benchmark::State& state) {
  const bool html = state.range(0) == 1;
  std::vector<std::string> contents;
  for (const std::string& text : Documents()) {
    if (!html) {
      contents.push_back(text);
      continue;
    }
    std::string page = "<html><head><title>Article</title></head><body>";
    std::istringstream lines(text);
    for (std::string line; std::getline(lines, line);) {
      if (!line.empty()) page += "<p>" + line + "</p>\n";
    }
    contents.push_back(page + "</body></html>");
  }
  for (auto _ : state) {
    for (const std::string& content : contents) {
      auto ingested = textlens::service::ingest::Ingest(
          content, html ? "text/html" : "text/plain", "", "document.content");
      benchmark::DoNotOptimize(ingested);
    }
  }
  SetRates(state);
  state.SetLabel(html ? "html" : "plain");
}
BENCHMARK(BM_Ingest)->Arg(0)->Arg(1)->UseRealTime();

void BM_Prepare(benchmark::State& state) {
  for (auto _ : state) {
    for (const std::string& text : Documents()) {
      auto normalized = textlens::service::text::NormalizeText(text);
      auto prepared = Preparer().Prepare(*normalized, "");
      benchmark::DoNotOptimize(prepared);
    }
  }
  SetRates(state);
}
BENCHMARK(BM_Prepare)->UseRealTime();

void BM_Summarizer(benchmark::State& state) {
  const auto config = textlens::plugins::summarizer::DefaultConfig(
      textlens::v1::SummarizerOptions());
  for (auto _ : state) {
    for (const auto& document : PreparedDocuments()) {
      auto summary =
          textlens::plugins::summarizer::Summarize(document, config, nullptr);
      benchmark::DoNotOptimize(summary);
    }
  }
  SetRates(state);
}
BENCHMARK(BM_Summarizer)->UseRealTime();

const textlens::plugins::entities::EntityAnalyzer& Tagger() {
  static const auto* tagger =
      textlens::plugins::entities::EntityAnalyzer::Create()->release();
  return *tagger;
}

void BM_Entities(benchmark::State& state) {
  for (auto _ : state) {
    for (const auto& document : PreparedDocuments()) {
      auto entities =
          Tagger().Analyze(document, textlens::v1::EntitiesOptions());
      benchmark::DoNotOptimize(entities);
    }
  }
  SetRates(state);
}
BENCHMARK(BM_Entities)->UseRealTime();

void BM_Stance(benchmark::State& state) {
  static const auto* analyzer =
      textlens::plugins::stance::StanceAnalyzer::Create()->release();
  std::vector<textlens::v1::Entities> entities;
  for (const auto& document : PreparedDocuments()) {
    entities.push_back(
        *Tagger().Analyze(document, textlens::v1::EntitiesOptions()));
  }
  for (auto _ : state) {
    for (size_t i = 0; i < entities.size(); ++i) {
      auto stance =
          analyzer->Analyze(PreparedDocuments()[i], &entities[i],
                            textlens::plugins::stance::StanceConfig());
      benchmark::DoNotOptimize(stance);
    }
  }
  SetRates(state);
}
BENCHMARK(BM_Stance)->UseRealTime();

// The server's plugins and the empty one, loaded once.
// The bundled plugins and the empty one, as the engine serves them.
const textlens::service::plugins::PluginCatalog& Plugins() {
  static const auto* plugins = [] {
    textlens::service::plugins::PluginRegistry::Builder builder;
    builder.LoadDirectory(
        Env("TEXTLENS_PLUGIN_DIR", TEXTLENS_BINARY_DIR "/bin/plugins"));
    const std::string empty =
        Env("TEXTLENS_BENCH_PLUGIN_DIR", TEXTLENS_BINARY_DIR "/bench/plugins") +
        "/empty.so";
    if (!builder.LoadFile(empty).ok()) {
      std::fprintf(stderr, "pipeline_bench: cannot load %s\n", empty.c_str());
    }
    return new textlens::service::plugins::PluginCatalog(
        std::move(builder).Build());
  }();
  return *plugins;
}

const textlens::service::plugins::PluginRegistry& Registry() {
  return *Plugins().Current();
}

void BM_PluginCall(benchmark::State& state) {
  static const char* kNames[] = {"empty", "summarizer", "entities", "stance"};
  const char* name = kNames[state.range(0)];
  const auto analyzer = Registry().Find(name);
  if (analyzer == nullptr) {
    state.SkipWithError("plugin not loaded");
    return;
  }
  // Inputs as the pipeline builds them: the document, the options'
  // defaults, and stance's entities dependency.
  std::vector<std::string> inputs;
  for (const auto& document : PreparedDocuments()) {
    textlens::plugin::v1::PluginInput input;
    *input.mutable_document() = document;
    for (const auto& spec : analyzer->descriptor().options()) {
      (*input.mutable_options())[spec.name()] = spec.default_value();
    }
    if (std::string(name) == "stance") {
      auto* dependency = input.add_dependencies();
      dependency->set_analyzer("entities");
      dependency->set_result_type("textlens.v1.Entities");
      dependency->set_result(
          Tagger()
              .Analyze(document, textlens::v1::EntitiesOptions())
              ->SerializeAsString());
    }
    inputs.push_back(input.SerializeAsString());
  }
  for (auto _ : state) {
    for (const std::string& input : inputs) {
      auto output = analyzer->Analyze(input, nullptr);
      benchmark::DoNotOptimize(output);
    }
  }
  SetRates(state);
  state.SetLabel(name);
}
BENCHMARK(BM_PluginCall)->DenseRange(0, 3)->UseRealTime();

// The engine as the server builds it, one worker thread (the benchmark
// measures one request at a time).
const textlens::service::server::AnalysisEngine& Engine() {
  static const auto* engine = [] {
    textlens::service::config::ServerConfig config;
    config.worker_threads = 1;
    config.max_document_bytes = 8u << 20;
    config.max_content_bytes = 16u << 20;
    auto* pool =
        new textlens::service::pipeline::WorkerPool(1, config.max_queued_tasks);
    return textlens::service::server::AnalysisEngine::Create(config, &Plugins(),
                                                             pool)
        ->release();
  }();
  return *engine;
}

textlens::v1::AnalyzeRequest Request(const std::string& text, bool all) {
  textlens::v1::AnalyzeRequest request;
  request.mutable_document()->set_text(text);
  if (all) {
    for (const char* name : {"summarizer", "entities", "stance"}) {
      request.add_analyzers()->set_name(name);
    }
  } else {
    request.add_analyzers()->set_name("empty");
  }
  return request;
}

void BM_Engine(benchmark::State& state) {
  const bool all = state.range(0) == 1;
  std::vector<textlens::v1::AnalyzeRequest> requests;
  for (const std::string& text : Documents()) {
    requests.push_back(Request(text, all));
  }
  for (auto _ : state) {
    for (const auto& request : requests) {
      auto response =
          Engine().Analyze(request, absl::InfiniteFuture(), nullptr);
      if (!response.ok()) {
        state.SkipWithError(std::string(response.status().message()).c_str());
        return;
      }
      benchmark::DoNotOptimize(response);
    }
  }
  SetRates(state);
  state.SetLabel(all ? "all" : "empty");
}
BENCHMARK(BM_Engine)
    ->Arg(1)
    ->Arg(0)
    ->Unit(benchmark::kMicrosecond)
    ->UseRealTime();

// Runs `request` through the engine once per iteration of `state`; false
// (and the benchmark marked failed) if a call fails.
bool AnalyzeEachIteration(benchmark::State& state,
                          const textlens::v1::AnalyzeRequest& request,
                          const std::function<void()>& abandon = nullptr) {
  for (auto _ : state) {
    auto response =
        Engine().Analyze(request, absl::InfiniteFuture(), nullptr, abandon);
    if (!response.ok()) {
      state.SkipWithError(std::string(response.status().message()).c_str());
      return false;
    }
    benchmark::DoNotOptimize(response);
  }
  return true;
}

// One tiny request ("Bonjour.") with the empty analyzer: the engine's fixed
// cost per call, what the gRPC floor comparison adds to gRPC's own.
void BM_EngineTiny(benchmark::State& state) {
  const auto request = Request("Bonjour.", false);
  if (!AnalyzeEachIteration(state, request)) return;
}
BENCHMARK(BM_EngineTiny)->Unit(benchmark::kMicrosecond)->UseRealTime();

// The same as a unary gRPC call makes it: one analyzer runs on the calling
// thread (with an `abandon` callback), no worker hand-off.
void BM_EngineTinyOnCallThread(benchmark::State& state) {
  const auto request = Request("Bonjour.", false);
  if (!AnalyzeEachIteration(state, request, [] {})) return;
}
BENCHMARK(BM_EngineTinyOnCallThread)
    ->Unit(benchmark::kMicrosecond)
    ->UseRealTime();

void BM_Growth(benchmark::State& state) {
  const size_t bytes = static_cast<size_t>(state.range(0));
  std::string text;
  for (size_t i = 0; text.size() < bytes; ++i) {
    text += Documents()[i % Documents().size()];
    text += "\n\n";
  }
  text.resize(bytes);
  // Cut at a line end so the last sentence is whole.
  if (const size_t cut = text.rfind('\n');
      cut != std::string::npos && cut > 0) {
    text.resize(cut);
  }
  const auto request = Request(text, true);
  if (!AnalyzeEachIteration(state, request)) return;
  state.SetBytesProcessed(state.iterations() *
                          static_cast<int64_t>(text.size()));
}
BENCHMARK(BM_Growth)
    ->Arg(4 << 10)
    ->Arg(64 << 10)
    ->Arg(1 << 20)
    ->Arg(4 << 20)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

void BM_GrowthNames(benchmark::State& state) {
  const std::string text = textlens::bench::NameDenseText(state.range(0));
  if (!AnalyzeEachIteration(state, Request(text, true))) return;
  state.SetBytesProcessed(state.iterations() *
                          static_cast<int64_t>(text.size()));
}
BENCHMARK(BM_GrowthNames)
    ->Arg(2000)
    ->Arg(20000)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
