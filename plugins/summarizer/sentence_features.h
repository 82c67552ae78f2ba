// What the summarizer knows about each sentence that may enter a summary:
// the candidates of a prepared document (body sentences, without headings,
// fragments and page furniture), their TF-IDF vectors, and a row of
// features per candidate for the learned sentence model (sentence_model.h).
// The trainer (tools/train_summarizer.cc) computes them with this very code
// on the very documents the plugin sees.
//
// Features use no word list of any language beyond the text layer's
// stopword flags: position, length, centrality, likeness to the title and
// to the lead, topicality, term rarity within the document, density of
// numbers and capitalized words, quotes and punctuation, paragraphs.
//
// Thread-safety: pure functions; safe from many threads at once.
#ifndef TEXTLENS_PLUGINS_SUMMARIZER_SENTENCE_FEATURES_H_
#define TEXTLENS_PLUGINS_SUMMARIZER_SENTENCE_FEATURES_H_

#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/types/span.h"
#include "plugins/summarizer/sentence_graph.h"
#include "textlens/plugin/v1/plugin.pb.h"

namespace textlens::plugins::summarizer {

// The names of the features, in the order of a feature row. A model file
// lists its weights under these names.
absl::Span<const std::string_view> FeatureNames();

struct CandidateOptions {
  // Skip headings, sentences under `min_words` words and boilerplate lines,
  // unless that leaves no sentence at all.
  bool filter_candidates = true;
  int min_words = 5;
  // Comparisons of the similarity graph (see RankOptions).
  int max_comparisons = 1 << 17;
  int min_window = 16;
};

struct Candidates {
  std::vector<int> sentences;         // indexes into document.sentences()
  std::vector<SparseVector> vectors;  // L2-normalized TF-IDF, one each
  std::vector<int> words;             // WORD and NUMBER tokens, one each
  // Each candidate's summed cosine with all the others over the average of
  // that sum: below 1 for sentences off the document's topic.
  std::vector<double> topicality;
  // FeatureNames().size() values per candidate, candidate after candidate.
  std::vector<double> features;
  // Each candidate is compared with this many neighbours on each side (the
  // similarity graph's window; MMR keeps to it too).
  size_t window = 0;

  size_t size() const { return sentences.size(); }
  absl::Span<const double> Row(size_t k) const {
    const size_t width = FeatureNames().size();
    return absl::MakeConstSpan(features).subspan(k * width, width);
  }
};

// The candidates of `document` and their features. The title is the
// heading lines above the first candidate. When the filters leave nothing
// (a one-line note, a list of titles) every sentence with content words
// competes. CANCELLED when `cancelled` says so.
absl::StatusOr<Candidates> CollectCandidates(
    const textlens::plugin::v1::PreparedDocument& document,
    const CandidateOptions& options, const CancelFn& cancelled);

}  // namespace textlens::plugins::summarizer

#endif  // TEXTLENS_PLUGINS_SUMMARIZER_SENTENCE_FEATURES_H_
