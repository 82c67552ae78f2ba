// How the summarizer's cost grows with the document: the analyzer alone (on
// a prepared document) and with the text layer's preparation, on generated
// French-like news text of 50 KB and 1 MB. After the runs it prints the
// ratio of the 1 MB time to the 50 KB time, which linear cost keeps near
// the size ratio (20.5) and the summarizer's bounded similarity graph keeps
// below 20; a quadratic pass over sentence pairs would make it about 400.
//
// Usage: summarizer_bench [Google Benchmark flags]
#include <benchmark/benchmark.h>

#include <cstdio>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "plugins/summarizer/summarizer.h"
#include "service/text/document_preparer.h"
#include "service/text/normalizer.h"

namespace {

using textlens::plugin::v1::PreparedDocument;

constexpr size_t kSmall = 50 * 1024;
constexpr size_t kLarge = 1024 * 1024;

// Text of about `bytes` bytes: paragraphs of four sentences under a heading
// every ten paragraphs. Words are drawn from a 5,000-word vocabulary with
// Zipf frequencies (as in real text, frequent words repeat and the
// vocabulary keeps growing with the document), function words between them.
std::string GenerateText(size_t bytes) {
  static const char* kSyllables[] = {"ma",  "ri",  "lo",  "tu",  "ven", "sé",
                                     "qua", "dé",  "mon", "tra", "pli", "cor",
                                     "nu",  "ges", "fi",  "bal", "ron", "té"};
  static const char* kFunction[] = {"le", "la",   "les",  "des", "du",   "et",
                                    "en", "pour", "avec", "sur", "dans", "une"};
  std::mt19937 random(20261130);
  std::vector<std::string> vocabulary;
  for (int i = 0; i < 5000; ++i) {
    std::string word;
    for (int s = 0, n = 2 + i % 3; s < n; ++s) {
      word += kSyllables[(i * 7 + s * 13 + i / 18) % 18];
    }
    vocabulary.push_back(word);
  }
  std::vector<double> weights(vocabulary.size());
  for (size_t i = 0; i < weights.size(); ++i) weights[i] = 1.0 / (i + 1);
  std::discrete_distribution<size_t> zipf(weights.begin(), weights.end());
  std::uniform_int_distribution<int> length(10, 28), function(0, 11);
  std::string text;
  for (int paragraph = 0; text.size() < bytes; ++paragraph) {
    if (paragraph % 10 == 0) {
      text += "Chapitre " + vocabulary[zipf(random)] + " " +
              vocabulary[zipf(random)] + "\n\n";
    }
    for (int sentence = 0; sentence < 4; ++sentence) {
      const int words = length(random);
      for (int w = 0; w < words; ++w) {
        std::string word =
            w % 3 == 1 ? kFunction[function(random)] : vocabulary[zipf(random)];
        if (w == 0) word[0] = static_cast<char>(word[0] - 'a' + 'A');
        text += word;
        text += w + 1 < words ? " " : ". ";
      }
    }
    text += "\n\n";
  }
  return text;
}

const textlens::service::text::DocumentPreparer& Preparer() {
  static const auto* preparer =
      textlens::service::text::DocumentPreparer::Create()->release();
  return *preparer;
}

PreparedDocument Prepare(const std::string& text) {
  return *Preparer().Prepare(*textlens::service::text::NormalizeText(text),
                             "fr");
}

const std::string& Text(size_t bytes) {
  static auto* texts = new std::map<size_t, std::string>();
  auto it = texts->find(bytes);
  if (it == texts->end()) it = texts->emplace(bytes, GenerateText(bytes)).first;
  return it->second;
}

// Three sentences and the default key phrases, as the runs before the
// default became two sentences measured.
textlens::plugins::summarizer::SummarizerConfig ThreeSentences() {
  textlens::v1::SummarizerOptions options;
  options.set_max_sentences(3);
  return textlens::plugins::summarizer::DefaultConfig(options);
}

void BM_Summarize(benchmark::State& state) {
  const std::string& text = Text(static_cast<size_t>(state.range(0)));
  const PreparedDocument document = Prepare(text);
  const auto config = ThreeSentences();
  for (auto _ : state) {
    auto summary =
        textlens::plugins::summarizer::Summarize(document, config, nullptr);
    if (!summary.ok() || summary->sentences_size() != 3) {
      state.SkipWithError("summarizer failed");
      return;
    }
    benchmark::DoNotOptimize(summary);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) *
                          static_cast<int64_t>(text.size()));
  state.counters["sentences"] = document.sentences_size();
}
BENCHMARK(BM_Summarize)
    ->Arg(kSmall)
    ->Arg(kLarge)
    ->Unit(benchmark::kMillisecond);

void BM_PrepareAndSummarize(benchmark::State& state) {
  const std::string& text = Text(static_cast<size_t>(state.range(0)));
  const auto config = ThreeSentences();
  for (auto _ : state) {
    const PreparedDocument document = Prepare(text);
    auto summary =
        textlens::plugins::summarizer::Summarize(document, config, nullptr);
    benchmark::DoNotOptimize(summary);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) *
                          static_cast<int64_t>(text.size()));
}
BENCHMARK(BM_PrepareAndSummarize)
    ->Arg(kSmall)
    ->Arg(kLarge)
    ->Unit(benchmark::kMillisecond);

// Prints the runs as usual and keeps each one's real time per iteration.
class RatioReporter : public benchmark::ConsoleReporter {
 public:
  void ReportRuns(const std::vector<Run>& runs) override {
    benchmark::ConsoleReporter::ReportRuns(runs);
    for (const Run& run : runs) {
      if (run.run_type != Run::RT_Iteration || run.error_occurred) continue;
      seconds_[run.benchmark_name()] =
          run.GetAdjustedRealTime() /
          benchmark::GetTimeUnitMultiplier(run.time_unit);
    }
  }
  void PrintRatios() const {
    for (const char* name : {"BM_Summarize", "BM_PrepareAndSummarize"}) {
      const auto small =
          seconds_.find(std::string(name) + "/" + std::to_string(kSmall));
      const auto large =
          seconds_.find(std::string(name) + "/" + std::to_string(kLarge));
      if (small == seconds_.end() || large == seconds_.end()) continue;
      std::printf(
          "%s: 1 MB takes %.1fx the time of 50 KB (size ratio %.1f; "
          "target below 20)\n",
          name, large->second / small->second,
          static_cast<double>(kLarge) / kSmall);
    }
  }

 private:
  std::map<std::string, double> seconds_;
};

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  RatioReporter reporter;
  benchmark::RunSpecifiedBenchmarks(&reporter);
  reporter.PrintRatios();
  benchmark::Shutdown();
  return 0;
}
