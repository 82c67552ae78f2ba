// Extractive summarizer: ranks the sentences of a prepared document by their
// centrality (LexRank: TF-IDF cosine graph + PageRank personalized toward
// the lead), weighted by position, length and likeness to the title; leaves
// out headings, fragments and boilerplate; picks sentences by maximal
// marginal relevance (MMR) within the caller's limits; adds key phrases.
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

  // A candidate's score adds four terms, each in [0, 1] times its weight:
  // its centrality (PageRank over the similarity graph, divided by the
  // highest), its likeness to the title (cosine with the heading lines above
  // the first candidate), its position (1 for the first `lead_sentences`
  // candidates, then lead_sentences / (k + 1) for candidate k, 0-based: news
  // put the gist in the opening sentences, not always the very first, which
  // is often a hook) and its length (sqrt(words / full_length_words), at
  // most 1: short sentences are hooks or fragments more often than
  // summaries). A weight of 0 turns its term off.
  double centrality_weight = 0.5;
  double title_weight = 2.0;
  double position_weight = 2.0;
  int lead_sentences = 3;
  double length_weight = 2.5;
  double full_length_words = 20.0;
  // Off-topic sentences (an aside in the lead) lose their score in
  // proportion: a candidate whose summed cosine with all the others (its
  // degree in the full similarity graph, computed in linear time through
  // the centroid) is below `topic_share` times the average keeps only
  // degree / (topic_share * average) of its score. 0 turns it off.
  double topic_share = 0.25;
  // Teleport weight of the lead in PageRank's personalization vector:
  // candidate k gets 1 + lead_bias / (k + 1). 0 makes it uniform.
  double lead_bias = 0.0;
  // Skip headings, sentences under `min_words` words and boilerplate lines,
  // unless that leaves no sentence at all.
  bool filter_candidates = true;
  int min_words = 5;
  // Maximal marginal relevance: the next sentence maximizes
  // (1 - redundancy) * score - redundancy * (highest cosine with a sentence
  // already picked). 0 picks by score alone.
  double redundancy = 0.3;
  // A candidate whose cosine with an already picked sentence reaches this is
  // a near duplicate and is never picked. Above 1 turns the check off.
  double duplicate_threshold = 0.5;
  // Comparisons of the similarity graph (see RankOptions).
  int max_comparisons = 1 << 17;
  int min_window = 16;
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
