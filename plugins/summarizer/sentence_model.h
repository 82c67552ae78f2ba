// The learned sentence model of the summarizer: a linear scorer over the
// feature rows of sentence_features.h, plus optional weights of word forms
// for the one language the model was trained on (a sentence in another
// language is scored by its features alone), trained by
// textlens-train-summarizer
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

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/types/span.h"
#include "textlens/plugin/v1/plugin.pb.h"

namespace textlens::plugins::summarizer {

class SentenceModel {
 public:
  // A model with these weights, one per FeatureNames() entry.
  // INVALID_ARGUMENT when the count differs.
  static absl::StatusOr<SentenceModel> FromWeights(std::vector<double> weights);

  // Adds word weights: `words` maps lowercased word forms (Token.lower) to
  // their weight, used for sentences whose language is `language`, whose
  // features are then weighed by `feature_weights` (fitted together with the
  // words; one per FeatureNames() entry) instead of weights().
  void SetLexicon(std::string language,
                  absl::flat_hash_map<std::string, double> words,
                  std::vector<double> feature_weights);

  // Parses a model file: lines starting with '#' are comments, every other
  // non-empty line is "feature<TAB>weight", one per FeatureNames() entry in
  // that order, then optionally "lexicon_language<TAB>code", one
  // "with_words:feature<TAB>weight" line per feature in the same order, and
  // "word:form<TAB>weight" lines. INVALID_ARGUMENT, naming the line, when a
  // name is missing, out of order or unknown, or a weight is not a number.
  static absl::StatusOr<SentenceModel> Parse(std::string_view text);

  // The model file for these weights, after `comment` lines (each written
  // with a leading "# "); words in byte order. Parse(Serialize(...)) gives
  // the same weights to the printed precision (9 significant digits).
  std::string Serialize(absl::Span<const std::string> comment) const;

  // The score of `sentence` of `document` (a log-odds of belonging to the
  // summary; higher is better) from its feature row: in the lexicon's
  // language, the row times the with-words feature weights plus the weights
  // of its distinct WORD forms; in any other language (the sentence's own,
  // or the document's when it has none), the row times weights().
  double Score(absl::Span<const double> features,
               const textlens::plugin::v1::PreparedDocument& document,
               const textlens::plugin::v1::Sentence& sentence) const;

  // The dot product of a feature row with weights().
  double Score(absl::Span<const double> features) const;

  // The language a sentence's words are read in: its own, or the
  // document's when it has none.
  static const std::string& Language(
      const textlens::plugin::v1::PreparedDocument& document,
      const textlens::plugin::v1::Sentence& sentence);

  const std::vector<double>& weights() const { return weights_; }
  const absl::flat_hash_map<std::string, double>& words() const {
    return words_;
  }
  const std::vector<double>& language_weights() const {
    return language_weights_;
  }

 private:
  explicit SentenceModel(std::vector<double> weights)
      : weights_(std::move(weights)) {}

  std::vector<double> weights_;
  // The sum of the weights of the sentence's distinct WORD forms.
  double LexicalScore(const textlens::plugin::v1::PreparedDocument& document,
                      const textlens::plugin::v1::Sentence& sentence) const;

  std::string language_;
  absl::flat_hash_map<std::string, double> words_;
  std::vector<double> language_weights_;  // with the words
};

// The model compiled into the plugin, parsed on first use; its error when
// the embedded file does not parse (a build with a stale model file).
const absl::StatusOr<SentenceModel>& EmbeddedModel();

}  // namespace textlens::plugins::summarizer

#endif  // TEXTLENS_PLUGINS_SUMMARIZER_SENTENCE_MODEL_H_
