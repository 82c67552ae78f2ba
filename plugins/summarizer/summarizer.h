// Extractive summarizer: scores the candidate sentences of a prepared
// document (body sentences without headings, fragments and boilerplate) with
// a learned linear model over their features (position, length, centrality,
// likeness to the title and the lead, ...; sentence_features.h), picks
// sentences by maximal marginal relevance (MMR) within the caller's limits,
// and adds key phrases.
//
// Thread-safety: Summarize() keeps no state; call it from many threads at once.
#ifndef TEXTLENS_PLUGINS_SUMMARIZER_SUMMARIZER_H_
#define TEXTLENS_PLUGINS_SUMMARIZER_SUMMARIZER_H_

#include <functional>

#include "absl/status/statusor.h"
#include "plugins/summarizer/sentence_features.h"
#include "plugins/summarizer/sentence_model.h"
#include "textlens/plugin/v1/plugin.pb.h"
#include "textlens/v1/summary.pb.h"

namespace textlens::plugins::summarizer {

// Everything that shapes a summary. `options` are the caller's; the rest are
// knobs with the defaults the plugin uses (the trainer and the evaluation
// vary them).
struct SummarizerConfig {
  textlens::v1::SummarizerOptions options;

  // Which sentences compete, and the similarity graph's budget.
  CandidateOptions candidates;
  // The sentence scorer; null means the model compiled into the plugin.
  // Not owned; must outlive the call.
  const SentenceModel* model = nullptr;
  // Off-topic sentences (an aside in the lead) lose their score in
  // proportion: a candidate whose topicality (sentence_features.h) is below
  // `topic_share` keeps only topicality / topic_share of it. 0 turns it off.
  double topic_share = 0.25;
  // Maximal marginal relevance: the next sentence maximizes
  // (1 - redundancy) * score - redundancy * (highest cosine with a sentence
  // already picked), where score = exp(model score - best model score), in
  // (0, 1]. 0 picks by score alone.
  double redundancy = 0.3;
  // After the first pick, a candidate's value also loses length_penalty *
  // words / 20: a second or third sentence lengthens the summary, and a
  // long one dilutes it more than it adds.
  double length_penalty = 0.25;
  // A candidate whose cosine with an already picked sentence reaches this is
  // a near duplicate and is never picked. Above 1 turns the check off.
  double duplicate_threshold = 0.5;
};

// Summarizes `document`. An empty document, or one without any word, gives
// a summary with no sentences (and document_sentence_count set). Spans are
// UTF-8 byte offsets into document.text(). CANCELLED when `cancelled` (may be
// empty) returns true during the work; INVALID_ARGUMENT when the document's
// offsets do not fit its text; INTERNAL when the embedded model does not
// parse.
absl::StatusOr<textlens::v1::Summary> Summarize(
    const textlens::plugin::v1::PreparedDocument& document,
    const SummarizerConfig& config, const std::function<bool()>& cancelled);

// The config the plugin uses for `options` (defaults filled in).
SummarizerConfig DefaultConfig(const textlens::v1::SummarizerOptions& options);

}  // namespace textlens::plugins::summarizer

#endif  // TEXTLENS_PLUGINS_SUMMARIZER_SUMMARIZER_H_
