// How the entities analyzer's cost grows with what a request brings:
//
//   BM_CustomEntities/N  a request with N custom entities (two aliases
//                        each): parsing them and analyzing one news article
//                        with them, on one thread
//   BM_NameDense/N       the analyzer alone on N sentences of "Jean Dupont
//                        et Marie Curie de Mistral AI." (a name every two
//                        words: tagged names, heuristic names and knowledge
//                        base matches all grow with N)
//
// After the runs it prints the ratios of the large to the small cases,
// which linear cost keeps near the size ratio (10).
//
// Usage: entities_bench [Google Benchmark flags]
#include <benchmark/benchmark.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <tuple>

#include "absl/status/status.h"
#include "bench/name_dense_text.h"
#include "plugins/entities/entities.h"
#include "service/text/document_preparer.h"
#include "service/text/normalizer.h"

namespace {

using textlens::plugin::v1::PreparedDocument;
using textlens::plugins::entities::EntityAnalyzer;

const EntityAnalyzer& Analyzer() {
  static const auto* analyzer = EntityAnalyzer::Create()->release();
  return *analyzer;
}

PreparedDocument PrepareText(const std::string& text) {
  static const auto* preparer =
      textlens::service::text::DocumentPreparer::Create()->release();
  return *preparer->Prepare(*textlens::service::text::NormalizeText(text), "");
}

// N entities of the knowledge base's form, each with a made-up name and
// an acronym for aliases.
std::string CustomEntities(int count) {
  std::string json = "[";
  for (int i = 0; i < count; ++i) {
    const std::string n = std::to_string(i);
    if (i > 0) json += ",";
    json += R"({"id":"client-)" + n + R"(","canonical":"Zentrix Holding )" + n +
            R"(","type":"ORGANIZATION","aliases":["Zentrix Holding )" + n +
            R"(","ZH)" + n + R"("]})";
  }
  return json + "]";
}

// Mean wall time per iteration, by benchmark name, for the ratios.
std::map<std::string, double>& Times() {
  static auto* times = new std::map<std::string, double>();
  return *times;
}

// Runs `work` (on `bytes` of input) once per iteration of `state`, keeping
// its mean wall time under `name` for the ratios; the benchmark is marked
// failed when `work` fails.
template <typename Work>
void TimeEachIteration(benchmark::State& state, const std::string& name,
                       size_t bytes, Work work) {
  double seconds = 0;
  for (auto _ : state) {
    const auto start = std::chrono::steady_clock::now();
    if (const absl::Status status = work(); !status.ok()) {
      state.SkipWithError(std::string(status.message()).c_str());
      return;
    }
    seconds +=
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
            .count();
  }
  Times()[name + "/" + std::to_string(state.range(0))] =
      seconds / static_cast<double>(state.iterations());
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(bytes));
}

void BM_CustomEntities(benchmark::State& state) {
  const std::string json = CustomEntities(static_cast<int>(state.range(0)));
  std::ifstream in(TEXTLENS_SOURCE_DIR
                   "/tests/integration/testdata/article_fr.txt");
  std::stringstream article;
  article << in.rdbuf();
  const PreparedDocument document = PrepareText(article.str());
  TimeEachIteration(state, "BM_CustomEntities", json.size(), [&] {
    auto custom = EntityAnalyzer::ParseCustomEntities(json);
    if (!custom.ok()) return custom.status();
    return Analyzer()
        .Analyze(document, textlens::v1::EntitiesOptions(), custom->get())
        .status();
  });
}
BENCHMARK(BM_CustomEntities)
    ->Arg(1000)
    ->Arg(10000)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

void BM_NameDense(benchmark::State& state) {
  const std::string text = textlens::bench::NameDenseText(state.range(0));
  const PreparedDocument document = PrepareText(text);
  TimeEachIteration(state, "BM_NameDense", text.size(), [&] {
    return Analyzer()
        .Analyze(document, textlens::v1::EntitiesOptions())
        .status();
  });
}
BENCHMARK(BM_NameDense)
    ->Arg(2000)
    ->Arg(20000)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  for (const auto& [name, small, large] :
       {std::tuple{"BM_CustomEntities", "1000", "10000"},
        std::tuple{"BM_NameDense", "2000", "20000"}}) {
    const auto a = Times().find(std::string(name) + "/" + small);
    const auto b = Times().find(std::string(name) + "/" + large);
    if (a == Times().end() || b == Times().end()) continue;
    std::printf("%s: %s takes %.1fx the time of %s (linear: 10x)\n", name,
                large, b->second / a->second, small);
  }
  return 0;
}
