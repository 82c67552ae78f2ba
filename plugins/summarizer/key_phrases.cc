#include "plugins/summarizer/key_phrases.h"

#include <algorithm>
#include <cmath>
#include <string>
#include <string_view>
#include <vector>

#include "absl/algorithm/container.h"
#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "plugins/sdk/tokens.h"
#include "plugins/summarizer/general_idf.h"
#include "plugins/summarizer/terms.h"

namespace textlens::plugins::summarizer {

using textlens::sdk::Tokens;
namespace {

using textlens::plugin::v1::PreparedDocument;
using textlens::sdk::Token;

bool IsWord(const Token& token) {
  return token.kind() == textlens::plugin::v1::TOKEN_KIND_WORD;
}

// Phrases are at most this long, whatever the options say: a candidate's
// stems pack into one 64-bit key (kIdBits per stem).
constexpr int kMaxPhraseWords = 3;
constexpr int kIdBits = 21;
constexpr uint32_t kMaxIds = (1u << kIdBits) - 1;

// The content tokens' stems as small integers, so that phrases are keyed,
// compared and weighed without building strings.
struct StemIds {
  std::vector<int32_t> of_token;       // -1: not a content token
  std::vector<std::string_view> stem;  // id -> stem (views into the tokens)
};

StemIds NumberStems(const PreparedDocument& document) {
  StemIds ids;
  ids.of_token.assign(Tokens(document).size(), -1);
  // Keyed by Abseil's string_view, which its hash reads faster than
  // std::string_view.
  absl::flat_hash_map<absl::string_view, int32_t> index;
  for (int t = 0; t < Tokens(document).size(); ++t) {
    const Token& token = Tokens(document)[t];
    if (!IsContentToken(document, token)) continue;
    const std::string_view stem = token.stem();
    const absl::string_view key(stem.data(), stem.size());
    auto it = index.find(key);
    if (it == index.end()) {
      if (ids.stem.size() >= kMaxIds) continue;  // past any real document
      it = index.emplace(key, static_cast<int32_t>(ids.stem.size())).first;
      ids.stem.push_back(stem);
    }
    ids.of_token[t] = it->second;
  }
  return ids;
}

// TextRank word weights per stem id: an undirected graph linking content
// words that occur within `window` content words of each other in a sentence.
absl::StatusOr<std::vector<double>> WordWeights(
    const PreparedDocument& document, const StemIds& ids, int window,
    bool general_idf, const std::function<bool()>& cancelled) {
  const size_t n = ids.stem.size();
  // Each co-occurrence once per direction, packed as (from, to) and
  // sorted: the graph as flat arrays, with the weight of a link the number
  // of times it occurs.
  std::vector<uint64_t> pairs;
  std::vector<uint32_t> run;
  for (const auto& sentence : document.sentences()) {
    run.clear();
    const uint32_t end =
        std::min<uint32_t>(sentence.first_token() + sentence.token_count(),
                           Tokens(document).size());
    for (uint32_t t = sentence.first_token(); t < end; ++t) {
      if (ids.of_token[t] >= 0) run.push_back(ids.of_token[t]);
    }
    for (size_t i = 0; i < run.size(); ++i) {
      for (size_t j = i + 1; j < run.size() && j < i + window; ++j) {
        if (run[i] == run[j]) continue;
        pairs.push_back(uint64_t{run[i]} << 32 | run[j]);
        pairs.push_back(uint64_t{run[j]} << 32 | run[i]);
      }
    }
  }
  absl::c_sort(pairs);
  // The graph as arrays: node i's neighbours are link_to[first_link[i]..
  // first_link[i + 1]) in ascending order, with the number of times each
  // link occurs. Links go both ways with the same count.
  std::vector<size_t> first_link(n + 1, 0);
  std::vector<uint32_t> link_to;
  std::vector<double> link_count;
  std::vector<double> degree(n, 0.0);
  for (size_t k = 0; k < pairs.size(); ++k) {
    const auto from = static_cast<uint32_t>(pairs[k] >> 32);
    const auto to = static_cast<uint32_t>(pairs[k]);
    degree[from] += 1.0;
    if (k > 0 && pairs[k] == pairs[k - 1]) {
      link_count.back() += 1.0;
    } else {
      link_to.push_back(to);
      link_count.push_back(1.0);
      ++first_link[from + 1];
    }
  }
  for (size_t i = 0; i < n; ++i) first_link[i + 1] += first_link[i];
  std::vector<double> rank(n, n ? 1.0 / n : 0.0), next(n), share(n);
  constexpr double kDamping = 0.85;
  for (int iteration = 0; iteration < 100 && n > 0; ++iteration) {
    if (cancelled && cancelled()) {
      return absl::CancelledError("summarizer cancelled");
    }
    double dangling = 0.0;
    for (size_t i = 0; i < n; ++i) {
      if (degree[i] <= 0) {
        dangling += rank[i];
        share[i] = 0.0;
      } else {
        share[i] = kDamping * rank[i] / degree[i];
      }
    }
    const double base = (1.0 - kDamping + kDamping * dangling) / n;
    // Each node gathers its neighbours' shares, in ascending order of
    // neighbour: the very additions, in the very order, of spreading each
    // node's share to its neighbours in turn, without a store per link.
    for (size_t i = 0; i < n; ++i) {
      double sum = base;
      for (size_t k = first_link[i]; k < first_link[i + 1]; ++k) {
        sum += share[link_to[k]] * link_count[k];
      }
      next[i] = sum;
    }
    double change = 0.0;
    for (size_t i = 0; i < n; ++i) change += std::fabs(next[i] - rank[i]);
    rank.swap(next);
    if (change < 1e-7) break;
  }
  // Scaled by n so weights are near 1 for an average word, times the
  // general IDF, so that words frequent in any news text do not pass for
  // topics.
  std::vector<double> weights(n);
  for (size_t id = 0; id < n; ++id) {
    weights[id] =
        rank[id] * n *
        (general_idf ? GeneralIdfWeight(document.language(), ids.stem[id])
                     : 1.0);
  }
  return weights;
}

struct Candidate {
  std::vector<uint32_t> stems;
  std::pair<uint32_t, uint32_t> first;  // span of the first surface form
  std::vector<std::pair<uint32_t, uint32_t>> mentions;
  double score = 0.0;
};

uint64_t Key(const uint32_t* stems, size_t count) {
  uint64_t key = 0;
  for (size_t k = 0; k < count; ++k) {
    key |= static_cast<uint64_t>(stems[k] + 1) << (kIdBits * k);
  }
  return key;
}

// True if `inner` occurs as a contiguous part of `outer`.
bool Contains(const std::vector<uint32_t>& outer,
              const std::vector<uint32_t>& inner) {
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
bool SharesMost(const std::vector<uint32_t>& a,
                const std::vector<uint32_t>& b) {
  size_t common = 0;
  for (uint32_t stem : a) {
    if (std::find(b.begin(), b.end(), stem) != b.end()) ++common;
  }
  return common >= 2 && 2 * common >= std::min(a.size(), b.size());
}

}  // namespace

absl::StatusOr<std::vector<textlens::v1::KeyPhrase>> ExtractKeyPhrases(
    const PreparedDocument& document, const KeyPhraseOptions& options,
    const std::function<bool()>& cancelled) {
  std::vector<textlens::v1::KeyPhrase> out;
  if (options.max_phrases <= 0 || Tokens(document).size() == 0) return out;
  const StemIds ids = NumberStems(document);
  auto weights_or = WordWeights(document, ids, std::max(2, options.window),
                                options.general_idf, cancelled);
  if (!weights_or.ok()) return weights_or.status();
  const std::vector<double>& weights = *weights_or;
  const int max_words = std::clamp(options.max_words, 1, kMaxPhraseWords);

  absl::flat_hash_map<uint64_t, size_t> index;  // packed stems -> candidate
  std::vector<Candidate> candidates;
  const std::string& text = document.text();
  for (const auto& sentence : document.sentences()) {
    const uint32_t end =
        std::min<uint32_t>(sentence.first_token() + sentence.token_count(),
                           Tokens(document).size());
    uint32_t t = sentence.first_token();
    while (t < end) {
      if (ids.of_token[t] < 0) {
        ++t;
        continue;
      }
      uint32_t run_end = t;
      while (run_end < end && ids.of_token[run_end] >= 0) ++run_end;
      // Every 1..max_words slice of the run that starts and ends with a word.
      for (uint32_t begin = t; begin < run_end; ++begin) {
        if (!IsWord(Tokens(document)[begin])) continue;
        uint32_t stems[kMaxPhraseWords];
        for (uint32_t last = begin; last < run_end && last < begin + max_words;
             ++last) {
          stems[last - begin] = static_cast<uint32_t>(ids.of_token[last]);
          if (!IsWord(Tokens(document)[last])) continue;
          const size_t count = last - begin + 1;
          const uint32_t span_begin = Tokens(document)[begin].begin();
          const uint32_t span_end = Tokens(document)[last].end();
          if (span_end > text.size() || span_begin >= span_end) continue;
          auto [it, added] =
              index.emplace(Key(stems, count), candidates.size());
          if (added) {
            Candidate candidate;
            candidate.stems.assign(stems, stems + count);
            candidate.first = {span_begin, span_end};
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
    const size_t n = candidate.stems.size();
    if (n < 2) continue;
    for (size_t drop_front = 0; drop_front < 2; ++drop_front) {
      auto it = index.find(Key(candidate.stems.data() + drop_front, n - 1));
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
    for (uint32_t stem : candidate.stems) sum += weights[stem];
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
    phrase.set_text(text.substr(
        candidate.first.first, candidate.first.second - candidate.first.first));
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
