// StanceAnalyzer: the stance of a prepared document on open-source vs
// closed-source AI.
//
// It finds the sentences about either side (side cues of data/side_cues.tsv,
// and entities whose openness is known), scores their polarity with
// sentiment lexicons under negation, intensifiers, concession, contrast and
// quotation, adds predicates that rank one side over the other ("surpasse",
// "outperforms"), and counts the argument frames' words (data/frames.tsv).
// What that gathers becomes a few dozen features (features.h), and a model
// learned from labelled texts (stance_model.h, data/stance_model.tsv, written
// by textlens-train-stance) gives each label its probability: the label, its
// confidence, a score in [-1, 1]; the strongest sentences are the evidence.
//
// Thread-safety: immutable after Create(); Analyze() may run concurrently.
#ifndef TEXTLENS_PLUGINS_STANCE_STANCE_H_
#define TEXTLENS_PLUGINS_STANCE_STANCE_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "plugins/stance/frames.h"
#include "plugins/stance/sentence_scorer.h"
#include "plugins/stance/side_cues.h"
#include "plugins/stance/stance_model.h"
#include "plugins/stance/word_table.h"
#include "textlens/plugin/v1/plugin.pb.h"
#include "textlens/v1/entities.pb.h"
#include "textlens/v1/stance.pb.h"

namespace textlens::plugins::stance {

// Options of one analysis (textlens.v1.StanceOptions).
struct StanceConfig {
  // Maximum number of evidence sentences, 0..50.
  uint32_t max_evidence = 5;
};

// The lexicons, as text (see data/README.md for their formats).
struct LexiconTexts {
  std::string_view side_cues;
  std::string_view domain_polarity;
  std::string_view predicates;
  std::string_view polarity_en;
  std::string_view polarity_fr;
  std::string_view frames;
  // The model file (stance_model.h); empty for an analyzer that only
  // computes features (the trainer's), whose Analyze() then fails.
  std::string_view model;
};

class StanceAnalyzer {
 public:
  // Builds an analyzer from the lexicons and model embedded in the library.
  // INTERNAL if one of them does not parse.
  static absl::StatusOr<std::unique_ptr<StanceAnalyzer>> Create();
  // Builds an analyzer from the given lexicons and model. INVALID_ARGUMENT
  // names the first bad line.
  static absl::StatusOr<std::unique_ptr<StanceAnalyzer>> FromLexicons(
      const LexiconTexts& texts);
  // The lexicons and model embedded in the library.
  static LexiconTexts EmbeddedTexts();

  ~StanceAnalyzer();

  // Analyzes `document`. `entities` (the entities analyzer's result for the
  // same document, offsets in UTF-8 bytes of document.text) is optional:
  // nullptr means the analysis relies on the side cues alone.
  // INVALID_ARGUMENT if max_evidence is over 50 or the document's sentences
  // and tokens are inconsistent; FAILED_PRECONDITION without a model.
  absl::StatusOr<v1::Stance> Analyze(
      const plugin::v1::PreparedDocument& document,
      const v1::Entities* entities, const StanceConfig& config) const;

  // The model's features of `document` (StanceFeatureNames() order), for
  // the trainer and the evaluation. INVALID_ARGUMENT as Analyze().
  absl::StatusOr<std::vector<double>> Features(
      const plugin::v1::PreparedDocument& document,
      const v1::Entities* entities) const;

 private:
  StanceAnalyzer(SideCues cues, WordTable domain, WordTable predicates,
                 WordTable polarity_en, WordTable polarity_fr, Frames frames,
                 std::optional<StanceModel> model);

  // The lexicons, for a SentenceScorer.
  Lexicons lexicons() const;

  SideCues cues_;
  WordTable domain_;
  WordTable predicates_;
  WordTable polarity_en_;
  WordTable polarity_fr_;
  Frames frames_;
  std::optional<StanceModel> model_;
};

}  // namespace textlens::plugins::stance

#endif  // TEXTLENS_PLUGINS_STANCE_STANCE_H_
