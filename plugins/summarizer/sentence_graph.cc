#include "plugins/summarizer/sentence_graph.h"

#include <algorithm>
#include <cmath>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"

namespace textlens::plugins::summarizer {

std::vector<SparseVector> TfIdfVectors(
    const std::vector<std::vector<uint32_t>>& terms) {
  const size_t n = terms.size();
  // Each sentence's distinct terms with their counts, in term order.
  std::vector<std::vector<std::pair<uint32_t, int>>> counts(n);
  absl::flat_hash_map<uint32_t, int> df;
  std::vector<uint32_t> sorted;
  for (size_t i = 0; i < n; ++i) {
    sorted.assign(terms[i].begin(), terms[i].end());
    std::sort(sorted.begin(), sorted.end());
    for (size_t k = 0; k < sorted.size(); ++k) {
      if (k > 0 && sorted[k] == sorted[k - 1]) {
        ++counts[i].back().second;
        continue;
      }
      counts[i].emplace_back(sorted[k], 1);
      ++df[sorted[k]];
    }
  }
  std::vector<SparseVector> vectors(n);
  for (size_t i = 0; i < n; ++i) {
    SparseVector& vector = vectors[i];
    vector.reserve(counts[i].size());
    double norm = 0.0;
    for (const auto& [term, count] : counts[i]) {
      const double idf = std::log((1.0 + n) / (1.0 + df[term])) + 1.0;
      const double weight = (1.0 + std::log(count)) * idf;
      vector.emplace_back(term, weight);
      norm += weight * weight;
    }
    norm = std::sqrt(norm);
    if (norm > 0) {
      for (auto& entry : vector) entry.second /= norm;
    }
  }
  return vectors;
}

double Cosine(const SparseVector& a, const SparseVector& b) {
  double dot = 0.0;
  size_t i = 0, j = 0;
  while (i < a.size() && j < b.size()) {
    if (a[i].first < b[j].first) {
      ++i;
    } else if (b[j].first < a[i].first) {
      ++j;
    } else {
      dot += a[i].second * b[j].second;
      ++i;
      ++j;
    }
  }
  return dot;
}

size_t ComparisonWindow(size_t n, const RankOptions& options) {
  if (options.window > 0) return static_cast<size_t>(options.window);
  const size_t budget =
      static_cast<size_t>(std::max(1, options.max_comparisons)) /
      std::max<size_t>(1, n);
  return std::max(budget, static_cast<size_t>(std::max(1, options.min_window)));
}

absl::StatusOr<std::vector<double>> RankSentences(
    const std::vector<SparseVector>& vectors,
    const std::vector<double>& teleport, const RankOptions& options,
    const CancelFn& cancelled) {
  const size_t n = vectors.size();
  if (n == 0) return std::vector<double>();

  // Teleport distribution, normalized; uniform when absent or all zero.
  std::vector<double> jump(n, 1.0 / n);
  if (teleport.size() == n) {
    double total = 0.0;
    for (double w : teleport) total += std::max(0.0, w);
    if (total > 0) {
      for (size_t i = 0; i < n; ++i)
        jump[i] = std::max(0.0, teleport[i]) / total;
    }
  }

  // Adjacency lists within the window; symmetric weights.
  std::vector<std::vector<std::pair<uint32_t, double>>> edges(n);
  std::vector<double> degree(n, 0.0);
  const size_t window = ComparisonWindow(n, options);
  for (size_t i = 0; i < n; ++i) {
    if (i % 256 == 0 && cancelled && cancelled()) {
      return absl::CancelledError("summarizer cancelled");
    }
    if (vectors[i].empty()) continue;
    const size_t last = std::min(n, i + 1 + window);
    for (size_t j = i + 1; j < last; ++j) {
      const double sim = Cosine(vectors[i], vectors[j]);
      if (sim < options.min_similarity) continue;
      edges[i].emplace_back(static_cast<uint32_t>(j), sim);
      edges[j].emplace_back(static_cast<uint32_t>(i), sim);
      degree[i] += sim;
      degree[j] += sim;
    }
  }

  std::vector<double> rank = jump;
  std::vector<double> next(n);
  for (int iteration = 0; iteration < options.max_iterations; ++iteration) {
    if (cancelled && cancelled()) {
      return absl::CancelledError("summarizer cancelled");
    }
    // Mass of sentences without edges goes back through the teleport vector.
    double dangling = 0.0;
    for (size_t i = 0; i < n; ++i) {
      if (degree[i] <= 0) dangling += rank[i];
    }
    for (size_t i = 0; i < n; ++i) {
      next[i] = (1.0 - options.damping + options.damping * dangling) * jump[i];
    }
    for (size_t i = 0; i < n; ++i) {
      if (degree[i] <= 0) continue;
      const double share = options.damping * rank[i] / degree[i];
      for (const auto& [j, weight] : edges[i]) next[j] += share * weight;
    }
    double change = 0.0;
    for (size_t i = 0; i < n; ++i) change += std::fabs(next[i] - rank[i]);
    rank.swap(next);
    if (change < options.tolerance) break;
  }
  return rank;
}

}  // namespace textlens::plugins::summarizer
