#include "plugins/summarizer/key_phrases.h"

#include <algorithm>
#include <cmath>
#include <string>
#include <unordered_map>
#include <unordered_set>

#include "absl/status/status.h"
#include "plugins/summarizer/general_idf.h"
#include "plugins/summarizer/terms.h"

namespace textlens::plugins::summarizer {
namespace {

using textlens::plugin::v1::PreparedDocument;
using textlens::plugin::v1::Token;

bool IsWord(const Token& token) {
  return token.kind() == textlens::plugin::v1::TOKEN_KIND_WORD;
}

// TextRank word weights over stems: an undirected graph linking content
// words that occur within `window` content words of each other in a sentence.
absl::StatusOr<std::unordered_map<std::string, double>> WordWeights(
    const PreparedDocument& document, int window,
    const std::function<bool()>& cancelled) {
  std::unordered_map<std::string, uint32_t> ids;
  std::vector<std::unordered_map<uint32_t, double>> graph;
  for (const auto& sentence : document.sentences()) {
    std::vector<uint32_t> run;
    const uint32_t end =
        std::min<uint32_t>(sentence.first_token() + sentence.token_count(),
                           document.tokens_size());
    for (uint32_t t = sentence.first_token(); t < end; ++t) {
      const Token& token = document.tokens(t);
      if (!IsContentToken(document, token)) continue;
      auto [it, added] = ids.emplace(token.stem(), ids.size());
      if (added) graph.emplace_back();
      run.push_back(it->second);
    }
    for (size_t i = 0; i < run.size(); ++i) {
      for (size_t j = i + 1; j < run.size() && j < i + window; ++j) {
        if (run[i] == run[j]) continue;
        graph[run[i]][run[j]] += 1.0;
        graph[run[j]][run[i]] += 1.0;
      }
    }
  }
  const size_t n = graph.size();
  std::vector<double> degree(n, 0.0);
  for (size_t i = 0; i < n; ++i) {
    for (const auto& [j, w] : graph[i]) degree[i] += w;
  }
  std::vector<double> rank(n, n ? 1.0 / n : 0.0), next(n);
  constexpr double kDamping = 0.85;
  for (int iteration = 0; iteration < 100 && n > 0; ++iteration) {
    if (cancelled && cancelled()) {
      return absl::CancelledError("summarizer cancelled");
    }
    double dangling = 0.0;
    for (size_t i = 0; i < n; ++i) {
      if (degree[i] <= 0) dangling += rank[i];
    }
    std::fill(next.begin(), next.end(),
              (1.0 - kDamping + kDamping * dangling) / n);
    for (size_t i = 0; i < n; ++i) {
      if (degree[i] <= 0) continue;
      const double share = kDamping * rank[i] / degree[i];
      for (const auto& [j, w] : graph[i]) next[j] += share * w;
    }
    double change = 0.0;
    for (size_t i = 0; i < n; ++i) change += std::fabs(next[i] - rank[i]);
    rank.swap(next);
    if (change < 1e-7) break;
  }
  std::unordered_map<std::string, double> weights;
  // Scaled by n so weights are near 1 for an average word.
  // Times the general IDF, so that words frequent in any news text do not
  // pass for topics.
  for (const auto& [stem, id] : ids) {
    weights[stem] = rank[id] * n * GeneralIdfWeight(document.language(), stem);
  }
  return weights;
}

struct Candidate {
  std::vector<std::string> stems;
  std::string text;  // first surface form
  std::vector<std::pair<uint32_t, uint32_t>> mentions;
  double score = 0.0;
};

// True if `inner` occurs as a contiguous part of `outer`.
bool Contains(const std::vector<std::string>& outer,
              const std::vector<std::string>& inner) {
  if (inner.size() > outer.size()) return false;
  for (size_t start = 0; start + inner.size() <= outer.size(); ++start) {
    if (std::equal(inner.begin(), inner.end(), outer.begin() + start)) {
      return true;
    }
  }
  return false;
}

// True if at least two stems, and at least half of the shorter phrase's,
// are common to both ("modèle open source" and "open source chinois").
bool SharesMost(const std::vector<std::string>& a,
                const std::vector<std::string>& b) {
  size_t common = 0;
  for (const auto& stem : a) {
    if (std::find(b.begin(), b.end(), stem) != b.end()) ++common;
  }
  return common >= 2 && 2 * common >= std::min(a.size(), b.size());
}

}  // namespace

absl::StatusOr<std::vector<textlens::v1::KeyPhrase>> ExtractKeyPhrases(
    const PreparedDocument& document, const KeyPhraseOptions& options,
    const std::function<bool()>& cancelled) {
  std::vector<textlens::v1::KeyPhrase> out;
  if (options.max_phrases <= 0 || document.tokens_size() == 0) return out;
  auto weights_or =
      WordWeights(document, std::max(2, options.window), cancelled);
  if (!weights_or.ok()) return weights_or.status();
  const auto& weights = *weights_or;

  std::unordered_map<std::string, size_t> index;  // joined stems -> candidate
  std::vector<Candidate> candidates;
  const std::string& text = document.text();
  for (const auto& sentence : document.sentences()) {
    const uint32_t end =
        std::min<uint32_t>(sentence.first_token() + sentence.token_count(),
                           document.tokens_size());
    uint32_t t = sentence.first_token();
    while (t < end) {
      if (!IsContentToken(document, document.tokens(t))) {
        ++t;
        continue;
      }
      uint32_t run_end = t;
      while (run_end < end &&
             IsContentToken(document, document.tokens(run_end)))
        ++run_end;
      // Every 1..max_words slice of the run that starts and ends with a word.
      for (uint32_t begin = t; begin < run_end; ++begin) {
        if (!IsWord(document.tokens(begin))) continue;
        for (uint32_t last = begin;
             last < run_end && last < begin + options.max_words; ++last) {
          if (!IsWord(document.tokens(last))) continue;
          std::vector<std::string> stems;
          std::string key;
          for (uint32_t k = begin; k <= last; ++k) {
            stems.push_back(document.tokens(k).stem());
            key += stems.back();
            key += '\x1f';
          }
          const uint32_t span_begin = document.tokens(begin).begin();
          const uint32_t span_end = document.tokens(last).end();
          if (span_end > text.size() || span_begin >= span_end) continue;
          auto [it, added] = index.emplace(key, candidates.size());
          if (added) {
            Candidate candidate;
            candidate.stems = std::move(stems);
            candidate.text = text.substr(span_begin, span_end - span_begin);
            candidates.push_back(std::move(candidate));
          }
          candidates[it->second].mentions.emplace_back(span_begin, span_end);
        }
      }
      t = run_end;
    }
  }
  if (cancelled && cancelled()) {
    return absl::CancelledError("summarizer cancelled");
  }

  // A slice that never occurs without the same extension ("écosystème open"
  // always followed by "source") is a fragment of the longer phrase.
  std::vector<bool> fragment(candidates.size(), false);
  for (const Candidate& candidate : candidates) {
    if (candidate.stems.size() < 2) continue;
    const size_t n = candidate.stems.size();
    for (size_t drop_front = 0; drop_front < 2; ++drop_front) {
      std::string key;
      for (size_t k = drop_front; k < n - 1 + drop_front; ++k) {
        key += candidate.stems[k];
        key += '\x1f';
      }
      auto it = index.find(key);
      if (it != index.end() &&
          candidates[it->second].mentions.size() == candidate.mentions.size()) {
        fragment[it->second] = true;
      }
    }
  }

  // Mean word weight, a bonus per extra word (a specific phrase says more
  // than its head alone) and a sublinear frequency factor.
  for (Candidate& candidate : candidates) {
    double sum = 0.0;
    for (const auto& stem : candidate.stems) {
      auto it = weights.find(stem);
      if (it != weights.end()) sum += it->second;
    }
    const double words = static_cast<double>(candidate.stems.size());
    candidate.score = (sum / words) * (1.0 + 0.5 * (words - 1.0)) *
                      std::log2(1.0 + candidate.mentions.size());
  }
  std::vector<size_t> order(candidates.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    return candidates[a].score > candidates[b].score;
  });

  std::vector<size_t> picked;
  for (size_t i : order) {
    if (static_cast<int>(picked.size()) >= options.max_phrases) break;
    const Candidate& candidate = candidates[i];
    if (candidate.score <= 0) break;
    if (fragment[i]) continue;
    bool redundant = false;
    for (size_t p : picked) {
      if (Contains(candidates[p].stems, candidate.stems) ||
          Contains(candidate.stems, candidates[p].stems) ||
          SharesMost(candidates[p].stems, candidate.stems)) {
        redundant = true;
        break;
      }
    }
    if (!redundant) picked.push_back(i);
  }
  const double best = picked.empty() ? 1.0 : candidates[picked[0]].score;
  for (size_t p : picked) {
    const Candidate& candidate = candidates[p];
    textlens::v1::KeyPhrase phrase;
    phrase.set_text(candidate.text);
    phrase.set_score(candidate.score / best);
    for (const auto& [b, e] : candidate.mentions) {
      auto* span = phrase.add_mentions();
      span->set_begin(b);
      span->set_end(e);
    }
    out.push_back(std::move(phrase));
  }
  return out;
}

}  // namespace textlens::plugins::summarizer
