// The fitting steps of textlens-train-summarizer (train_summarizer.cc): a
// linear sentence model over the features of sentence_features.h, then
// word weights for one language fitted together with a second set of
// feature weights (sentence_model.h). Deterministic: the same examples and
// options give the same weights.
//
// Thread-safety: pure functions over their arguments; Vocabulary is not
// thread-safe.
#ifndef TEXTLENS_PLUGINS_SUMMARIZER_TOOLS_SENTENCE_TRAINER_H_
#define TEXTLENS_PLUGINS_SUMMARIZER_TOOLS_SENTENCE_TRAINER_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "plugins/summarizer/sentence_model.h"
#include "textlens/plugin/v1/plugin.pb.h"

namespace textlens::plugins::summarizer {

// The options of the fit (textlens-train-summarizer's flags).
struct TrainingOptions {
  // Listwise: a softmax over each article's candidates toward
  // softmax(label / temperature) (temperature 0: the best candidate only).
  // Otherwise pointwise: a squared error on the label.
  bool listwise = true;
  double temperature = 0.02;
  // Feature model: AdaGrad over standardized features, articles shuffled by
  // `seed`, weights averaged over the last epoch.
  int epochs = 10;
  double learning_rate = 0.05;
  double l2 = 1e-5;
  uint32_t seed = 1;
  // Word weights: forms in at least lexicon_min_count candidates (0: none),
  // full-batch AdaGrad with L2 lexicon_l2, step lexicon_rate; the feature
  // weights move with step joint_rate (0: fixed).
  int lexicon_min_count = 20;
  double lexicon_l2 = 100;
  int lexicon_iterations = 100;
  double lexicon_rate = 0.1;
  double joint_rate = 0.1;
};

// One training article: its candidates' feature rows and labels.
struct Example {
  std::vector<float> features;  // width values per candidate
  std::vector<float> labels;    // ROUGE-L F1 against the abstract
  // The vocabulary ids of each candidate's distinct word forms:
  // word_ids[word_begin[k]..word_begin[k + 1]).
  std::vector<uint32_t> word_ids, word_begin;
};

// Word forms (Token.lower) of the training candidates in the lexicon's
// language, numbered in order of appearance, with the number of candidates
// each appears in.
struct Vocabulary {
  absl::flat_hash_map<std::string, uint32_t> ids;
  std::vector<std::string> forms;
  std::vector<int> candidates;

  // Appends the distinct word forms of `sentence` to `example` when the
  // sentence is in `language` (none otherwise), and ends its list.
  void Add(const textlens::plugin::v1::PreparedDocument& document, int sentence,
           const std::string& language, Example* example);
};

// Word weights, and the feature weights fitted together with them.
struct WithWords {
  absl::flat_hash_map<std::string, double> words;
  std::vector<double> features;
};

// Fits the feature model's weights (in raw-feature units, one per
// FeatureNames() entry) on `examples`.
std::vector<double> FitFeatures(const std::vector<Example>& examples,
                                const TrainingOptions& options);

// Fits word weights together with feature weights that start from
// `model`'s (which sentences in other languages keep): full-batch AdaGrad
// on the listwise loss plus lexicon_l2 * |word weights|^2.
WithWords FitWords(const std::vector<Example>& examples,
                   const Vocabulary& vocabulary, const SentenceModel& model,
                   const TrainingOptions& options);

}  // namespace textlens::plugins::summarizer

#endif  // TEXTLENS_PLUGINS_SUMMARIZER_TOOLS_SENTENCE_TRAINER_H_
