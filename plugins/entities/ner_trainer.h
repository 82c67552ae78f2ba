// Trains an NerModel (ner_model.h): an averaged perceptron, greedy decoding
// with its own predicted history, sentences in a seeded shuffled order each
// epoch, so a run is reproducible.
//
// Thread-compatible.
#ifndef TEXTLENS_PLUGINS_ENTITIES_NER_TRAINER_H_
#define TEXTLENS_PLUGINS_ENTITIES_NER_TRAINER_H_

#include <array>
#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "plugins/entities/ner_model.h"

namespace textlens::plugins::entities {

// A sentence of the training data: words and their gold labels.
struct NerExample {
  std::vector<std::string> words;
  std::vector<NerLabel> labels;
};

// Reads "index<TAB>word<TAB>label" lines, sentences separated by blank
// lines (the CoNLL form of the shared NER data). Lines that do not parse
// are skipped and counted in `*skipped` (may be null).
std::vector<NerExample> ReadConll(const std::string& text, int* skipped);

class NerTrainer {
 public:
  // One pass over `examples` in an order shuffled by `seed`.
  void Epoch(const std::vector<NerExample>& examples, uint32_t seed);

  // The averaged weights as a model file for NerModel::Parse, leaving out
  // features whose weights all round to zero.
  std::string Serialize() const;

  // Tokens seen and mistakes made in the last epoch.
  int64_t tokens() const { return tokens_; }
  int64_t mistakes() const { return mistakes_; }

 private:
  struct Weights {
    std::array<float, kNerLabels> current{};
    std::array<double, kNerLabels> total{};
    std::array<int64_t, kNerLabels> stamp{};
  };
  void Update(uint64_t feature, NerLabel label, float delta);

  std::unordered_map<uint64_t, Weights> weights_;
  int64_t clock_ = 0;
  int64_t tokens_ = 0;
  int64_t mistakes_ = 0;
};

}  // namespace textlens::plugins::entities

#endif  // TEXTLENS_PLUGINS_ENTITIES_NER_TRAINER_H_
