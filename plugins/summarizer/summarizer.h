// Extractive summarizer: ranks the sentences of a prepared document by their
// centrality (LexRank: TF-IDF cosine graph + PageRank) with a mild lead
// prior, leaves out headings, fragments and boilerplate, removes near
// duplicates, and adds key phrases.
//
// Thread-safety: Summarize() keeps no state; call it from many threads at once.
#ifndef TEXTLENS_PLUGINS_SUMMARIZER_SUMMARIZER_H_
#define TEXTLENS_PLUGINS_SUMMARIZER_SUMMARIZER_H_

#include <functional>

#include "absl/status/statusor.h"
#include "textlens/plugin/v1/plugin.pb.h"
#include "textlens/v1/summary.pb.h"

namespace textlens::plugins::summarizer {

// Everything that shapes a summary. `options` are the caller's; the rest are
// tuning knobs with the defaults the plugin uses (the evaluation turns them
// off to measure a plain TextRank).
struct SummarizerConfig {
  textlens::v1::SummarizerOptions options;

  // Teleport weight of the lead: candidate k (0-based, in document order)
  // gets 1 + lead_bias / (k + 1) in PageRank's personalization vector.
  // 0 turns the prior off.
  double lead_bias = 2.0;
  // After PageRank, candidate k's score is multiplied by
  // 1 + lead_boost / (k + 1). 0 turns it off.
  double lead_boost = 1.0;
  // Sentences shorter than this many words have their score multiplied by
  // sqrt(words / full_length_words). 0 turns it off.
  double full_length_words = 20.0;
  // Skip headings, sentences under `min_words` words and boilerplate lines,
  // unless that leaves no sentence at all.
  bool filter_candidates = true;
  int min_words = 5;
  // A candidate whose cosine with an already picked sentence reaches this is
  // a near duplicate and is skipped. Above 1 turns the check off.
  double duplicate_threshold = 0.5;
  // Comparisons per sentence on each side (see RankOptions::window).
  int window = 400;
};

// Summarizes `document`. An empty document, or one without any word, gives
// a summary with no sentences (and document_sentence_count set). Spans are
// UTF-8 byte offsets into document.text(). CANCELLED when `cancelled` (may be
// empty) returns true during the work; INVALID_ARGUMENT when the document's
// offsets do not fit its text.
absl::StatusOr<textlens::v1::Summary> Summarize(
    const textlens::plugin::v1::PreparedDocument& document,
    const SummarizerConfig& config, const std::function<bool()>& cancelled);

// The config the plugin uses for `options` (defaults filled in).
SummarizerConfig DefaultConfig(const textlens::v1::SummarizerOptions& options);

}  // namespace textlens::plugins::summarizer

#endif  // TEXTLENS_PLUGINS_SUMMARIZER_SUMMARIZER_H_
