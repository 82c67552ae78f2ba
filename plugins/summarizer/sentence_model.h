// The learned sentence model of the summarizer: a linear scorer over the
// feature rows of sentence_features.h, trained by textlens-train-summarizer
// (tools/train_summarizer.cc) on OrangeSum's training articles and compiled
// into the plugin (data/sentence_model.tsv, see data/README.md).
//
// Thread-safety: a SentenceModel is immutable once built; Score() is safe
// from many threads at once. EmbeddedModel() parses the built-in file once,
// under a function-local static.
#ifndef TEXTLENS_PLUGINS_SUMMARIZER_SENTENCE_MODEL_H_
#define TEXTLENS_PLUGINS_SUMMARIZER_SENTENCE_MODEL_H_

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/types/span.h"

namespace textlens::plugins::summarizer {

class SentenceModel {
 public:
  // A model with these weights, one per FeatureNames() entry.
  // INVALID_ARGUMENT when the count differs.
  static absl::StatusOr<SentenceModel> FromWeights(std::vector<double> weights);

  // Parses a model file: lines starting with '#' are comments, every other
  // non-empty line is "feature<TAB>weight", one per FeatureNames() entry in
  // that order. INVALID_ARGUMENT, naming the line, when a name is missing,
  // out of order or unknown, or a weight is not a number.
  static absl::StatusOr<SentenceModel> Parse(std::string_view text);

  // The model file for these weights, after `comment` lines (each written
  // with a leading "# "). Parse(Serialize(...)) gives the same weights to
  // the printed precision (9 significant digits).
  std::string Serialize(absl::Span<const std::string> comment) const;

  // The sentence's score: the dot product of its feature row with the
  // weights (a log-odds of belonging to the summary; higher is better).
  double Score(absl::Span<const double> features) const;

  const std::vector<double>& weights() const { return weights_; }

 private:
  explicit SentenceModel(std::vector<double> weights)
      : weights_(std::move(weights)) {}

  std::vector<double> weights_;
};

// The model compiled into the plugin, parsed on first use; its error when
// the embedded file does not parse (a build with a stale model file).
const absl::StatusOr<SentenceModel>& EmbeddedModel();

}  // namespace textlens::plugins::summarizer

#endif  // TEXTLENS_PLUGINS_SUMMARIZER_SENTENCE_MODEL_H_
