// textlens-train-ner: trains the entities analyzer's tagger from a CoNLL
// file ("index<TAB>word<TAB>BIO label" lines, blank lines between
// sentences). Sentence i (from 0, in file order) is held out when
// i % 10 == 9: it is never trained on, and the evaluations score it.
//
// Usage (one command line):
//   textlens-train-ner --conll=../shared/data/ner/wikineural_fr_val.conllu
//       --out=plugins/entities/data/ner_fr.model [--epochs=10] [--seed=1]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "plugins/entities/ner_model.h"
#include "plugins/entities/ner_trainer.h"

ABSL_FLAG(std::string, conll, "", "training data, CoNLL");
ABSL_FLAG(std::string, out, "", "model file to write");
ABSL_FLAG(int, epochs, 10, "passes over the training sentences");
ABSL_FLAG(uint32_t, seed, 1, "shuffling seed (a run is reproducible)");

using textlens::plugins::entities::NerExample;
using textlens::plugins::entities::NerLabel;

namespace {

// Exact-span F1 of `model` on `examples` (entities as B/I runs), and the
// words it tags per second on one thread in `*words_per_second`.
double SpanF1(const textlens::plugins::entities::NerModel& model,
              const std::vector<NerExample>& examples,
              double* words_per_second) {
  int64_t tp = 0, predicted = 0, gold = 0, words_tagged = 0;
  double seconds = 0;
  for (const NerExample& example : examples) {
    const std::vector<std::string_view> words(example.words.begin(),
                                              example.words.end());
    const auto start = std::chrono::steady_clock::now();
    const std::vector<NerLabel> guess = model.Tag(words);
    seconds +=
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
            .count();
    words_tagged += static_cast<int64_t>(words.size());
    const auto spans = [](const std::vector<NerLabel>& labels) {
      std::vector<std::tuple<size_t, size_t, int>> out;
      for (size_t i = 0; i < labels.size(); ++i) {
        if (labels[i] == 0 || labels[i] % 2 == 0) continue;  // not B-X
        size_t end = i + 1;
        while (end < labels.size() && labels[end] == labels[i] + 1) ++end;
        out.emplace_back(i, end, labels[i]);
      }
      return out;
    };
    const auto g = spans(example.labels);
    const auto p = spans(guess);
    gold += static_cast<int64_t>(g.size());
    predicted += static_cast<int64_t>(p.size());
    for (const auto& span : p) {
      tp += std::find(g.begin(), g.end(), span) != g.end();
    }
  }
  *words_per_second = words_tagged / std::max(seconds, 1e-9);
  const double precision = predicted ? static_cast<double>(tp) / predicted : 0;
  const double recall = gold ? static_cast<double>(tp) / gold : 0;
  return precision + recall > 0 ? 2 * precision * recall / (precision + recall)
                                : 0;
}

}  // namespace

int main(int argc, char** argv) {
  absl::ParseCommandLine(argc, argv);
  std::ifstream in(absl::GetFlag(FLAGS_conll), std::ios::binary);
  if (!in || absl::GetFlag(FLAGS_out).empty()) {
    std::fprintf(stderr,
                 "usage: textlens-train-ner --conll=FILE --out=MODEL\n");
    return 2;
  }
  std::stringstream text;
  text << in.rdbuf();
  int skipped = 0;
  const std::vector<NerExample> all =
      textlens::plugins::entities::ReadConll(text.str(), &skipped);
  std::vector<NerExample> train, held_out;
  for (size_t i = 0; i < all.size(); ++i) {
    (i % 10 == 9 ? held_out : train).push_back(all[i]);
  }
  std::printf("%zu sentences: %zu to train, %zu held out (%d lines skipped)\n",
              all.size(), train.size(), held_out.size(), skipped);
  textlens::plugins::entities::NerTrainer trainer;
  const auto start = std::chrono::steady_clock::now();
  for (int epoch = 0; epoch < absl::GetFlag(FLAGS_epochs); ++epoch) {
    trainer.Epoch(train, absl::GetFlag(FLAGS_seed) + epoch);
    std::printf(
        "epoch %d: %.2f%% of %lld tokens mistaken\n", epoch + 1,
        100.0 * trainer.mistakes() / std::max<int64_t>(1, trainer.tokens()),
        static_cast<long long>(trainer.tokens()));
  }
  const std::string bytes = trainer.Serialize();
  auto model = textlens::plugins::entities::NerModel::Parse(bytes);
  if (!model.ok()) {
    std::fprintf(stderr, "%s\n", std::string(model.status().message()).c_str());
    return 1;
  }
  std::ofstream(absl::GetFlag(FLAGS_out), std::ios::binary) << bytes;
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
          .count();
  double words_per_second = 0;
  const double f1 = SpanF1(*model, held_out, &words_per_second);
  std::printf(
      "%zu features, %zu bytes, trained in %.1f s; held-out span F1 %.3f "
      "(PER, ORG, LOC, MISC; gold tokens); tagging %.0f words/s on one "
      "thread\n",
      model->feature_count(), bytes.size(), seconds, f1, words_per_second);
  return 0;
}
