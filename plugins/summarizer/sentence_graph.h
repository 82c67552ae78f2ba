// Sentence centrality for extractive summaries (LexRank / TextRank): sparse
// TF-IDF vectors of sentences, a cosine similarity graph, and a (personalized)
// PageRank over it.
//
// Thread-safety: free functions without shared state; safe to call from many
// threads at once.
#ifndef TEXTLENS_PLUGINS_SUMMARIZER_SENTENCE_GRAPH_H_
#define TEXTLENS_PLUGINS_SUMMARIZER_SENTENCE_GRAPH_H_

#include <cstdint>
#include <functional>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"

namespace textlens::plugins::summarizer {

// A sparse vector: (term id, weight) pairs sorted by term id.
using SparseVector = std::vector<std::pair<uint32_t, double>>;

// Returns true when the caller's call is cancelled; may be empty.
using CancelFn = std::function<bool()>;

// Builds L2-normalized TF-IDF vectors. `terms[i]` are the term ids of
// sentence i (repetitions count). TF is sublinear (1 + ln tf); IDF is
// smoothed over the given sentences: ln((1 + n) / (1 + df)) + 1, so a term
// present everywhere still weighs a little. A sentence without terms gets an
// empty vector.
std::vector<SparseVector> TfIdfVectors(
    const std::vector<std::vector<uint32_t>>& terms);

// Cosine of two L2-normalized sparse vectors (their dot product).
double Cosine(const SparseVector& a, const SparseVector& b);

struct RankOptions {
  double damping = 0.85;
  // Stop when the L1 change of the scores drops below this.
  double tolerance = 1e-7;
  int max_iterations = 200;
  // Edges with a smaller similarity are dropped (noise from one shared word).
  double min_similarity = 0.05;
  // Each sentence is compared with its neighbours up to `window` places away
  // on each side. 0 picks the window from the budget below.
  int window = 0;
  // With window 0: the window is max_comparisons / n, at least min_window,
  // so a news article (a few hundred sentences) gets its full graph and a
  // long document at most max(max_comparisons, n * min_window) comparisons:
  // the cost grows linearly with the document, never with its square.
  int max_comparisons = 1 << 17;
  int min_window = 16;
};

// The number of neighbours on each side each of `n` sentences is compared
// with under `options` (see RankOptions::window).
size_t ComparisonWindow(size_t n, const RankOptions& options);

// PageRank over the cosine graph of `vectors` (weighted, undirected).
// `teleport` is the personalization vector (any non-negative weights, one
// per sentence; empty means uniform). Returns one score per sentence, summing
// to 1. CANCELLED if `cancelled` says so between iterations.
absl::StatusOr<std::vector<double>> RankSentences(
    const std::vector<SparseVector>& vectors,
    const std::vector<double>& teleport, const RankOptions& options,
    const CancelFn& cancelled);

}  // namespace textlens::plugins::summarizer

#endif  // TEXTLENS_PLUGINS_SUMMARIZER_SENTENCE_GRAPH_H_
