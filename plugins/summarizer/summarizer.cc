#include "plugins/summarizer/summarizer.h"

#include <algorithm>
#include <cmath>
#include <queue>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "plugins/sdk/tokens.h"
#include "plugins/summarizer/key_phrases.h"
#include "plugins/summarizer/sentence_graph.h"
#include "plugins/summarizer/terms.h"

namespace textlens::plugins::summarizer {

using textlens::sdk::Tokens;
namespace {

using textlens::plugin::v1::PreparedDocument;
using textlens::plugin::v1::Sentence;
using textlens::sdk::Token;

constexpr int kDefaultMaxSentences = 3;
constexpr int kDefaultMaxKeyPhrases = 10;

// Lowercased starts of lines that are page furniture, not content: bylines,
// dates, sharing and comment prompts, photo credits, cross-links.
constexpr std::string_view kBoilerplatePrefixes[] = {
    "publié le",       "mis à jour",
    "modifié le",      "ajouter un commentaire",
    "lire aussi",      "à lire aussi",
    "lire la suite",   "voir aussi",
    "partager",        "abonnez-vous",
    "inscrivez-vous",  "crédit",
    "écrit par",       "par :",
    "source :",        "photo :",
    "published",       "updated",
    "posted on",       "read more",
    "read also",       "see also",
    "share this",      "sign up",
    "subscribe",       "add a comment",
    "leave a comment", "written by",
    "image credit",    "photo credit",
    "advertisement",   "publicité",
};

int WordCount(const PreparedDocument& document, const Sentence& sentence) {
  int words = 0;
  const uint32_t end = sentence.first_token() + sentence.token_count();
  for (uint32_t t = sentence.first_token(); t < end; ++t) {
    const auto kind = Tokens(document)[t].kind();
    if (kind == textlens::plugin::v1::TOKEN_KIND_WORD ||
        kind == textlens::plugin::v1::TOKEN_KIND_NUMBER) {
      ++words;
    }
  }
  return words;
}

bool IsBoilerplate(const PreparedDocument& document, const Sentence& sentence) {
  const uint32_t first = sentence.first_token();
  const uint32_t end = first + std::min<uint32_t>(sentence.token_count(), 8);
  // Rebuild the start from token lowercase forms, so case and NFC variants
  // of the prefixes match.
  std::string start;
  for (uint32_t t = first; t < end; ++t) {
    const Token& token = Tokens(document)[t];
    if (!start.empty() && t > first &&
        Tokens(document)[t - 1].end() < token.begin()) {
      start += ' ';
    }
    start += token.lower();
  }
  for (std::string_view prefix : kBoilerplatePrefixes) {
    if (start.compare(0, prefix.size(), prefix) == 0) return true;
  }
  return false;
}

// Sentence ids whose tokens fit the text; INVALID_ARGUMENT otherwise.
absl::Status CheckOffsets(const PreparedDocument& document) {
  const size_t text_size = document.text().size();
  for (int i = 0; i < document.sentences_size(); ++i) {
    const Sentence& s = document.sentences(i);
    if (s.begin() > s.end() || s.end() > text_size ||
        static_cast<uint64_t>(s.first_token()) + s.token_count() >
            static_cast<uint64_t>(Tokens(document).size())) {
      return absl::InvalidArgumentError(
          absl::StrCat("sentence ", i, " does not fit the document"));
    }
  }
  return absl::OkStatus();
}

// Length of a sentence in Unicode code points (the unit of max_chars).
size_t CodePoints(std::string_view text) {
  size_t count = 0;
  for (char c : text) {
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++count;
  }
  return count;
}

// How many sentences the caller asked for: ceil(ratio * sentences) when a
// ratio is given, max_sentences (default 3) otherwise.
size_t SentenceLimit(const textlens::v1::SummarizerOptions& options,
                     int document_sentences) {
  if (options.ratio() > 0) {
    const double wanted =
        std::ceil(std::min(1.0, options.ratio()) * document_sentences - 1e-9);
    return static_cast<size_t>(std::max(1.0, wanted));
  }
  return options.has_max_sentences() ? options.max_sentences()
                                     : kDefaultMaxSentences;
}

// The sentences a summary is made of, with the text layer's stems as term
// ids: the candidates (body sentences) and the title (the heading lines
// above the first candidate).
struct Candidates {
  std::vector<int> sentences;                // sentence indexes
  std::vector<std::vector<uint32_t>> terms;  // one list per candidate
  std::vector<uint32_t> title_terms;
};

// Collects candidates. When the filters leave nothing (a one-line note, a
// list of titles) every sentence with terms competes: a short document
// still gets its own text back.
Candidates CollectCandidates(const PreparedDocument& document,
                             const SummarizerConfig& config) {
  Candidates out;
  absl::flat_hash_map<absl::string_view, uint32_t>
      stem_ids;  // Abseil's: faster
  const auto terms_of = [&](const Sentence& sentence) {
    std::vector<uint32_t> terms;
    const uint32_t end = sentence.first_token() + sentence.token_count();
    for (uint32_t t = sentence.first_token(); t < end; ++t) {
      const Token& token = Tokens(document)[t];
      if (!IsContentToken(document, token)) continue;
      const std::string_view stem = token.stem();
      const absl::string_view key(stem.data(), stem.size());
      auto it = stem_ids.find(key);
      if (it == stem_ids.end())
        it = stem_ids.emplace(key, stem_ids.size()).first;
      terms.push_back(it->second);
    }
    return terms;
  };
  for (int pass = config.filter_candidates ? 0 : 1;
       pass < 2 && out.sentences.empty(); ++pass) {
    const bool strict = pass == 0;
    out.title_terms.clear();
    for (int i = 0; i < document.sentences_size(); ++i) {
      const Sentence& sentence = document.sentences(i);
      if (strict && sentence.is_heading() && out.sentences.empty()) {
        std::vector<uint32_t> terms = terms_of(sentence);
        out.title_terms.insert(out.title_terms.end(), terms.begin(),
                               terms.end());
        continue;
      }
      if (strict && (sentence.is_heading() ||
                     WordCount(document, sentence) < config.min_words ||
                     IsBoilerplate(document, sentence))) {
        continue;
      }
      std::vector<uint32_t> terms = terms_of(sentence);
      if (terms.empty()) continue;
      out.sentences.push_back(i);
      out.terms.push_back(std::move(terms));
    }
  }
  return out;
}

// One entry of the MMR selection queue: the candidate's value when it was
// last evaluated, against the first `picks_seen` picks.
struct QueueEntry {
  double value;
  size_t candidate;
  size_t picks_seen;
  bool operator<(const QueueEntry& other) const {
    // Ties go to the earlier sentence.
    return value != other.value ? value < other.value
                                : candidate > other.candidate;
  }
};

}  // namespace

SummarizerConfig DefaultConfig(const textlens::v1::SummarizerOptions& options) {
  SummarizerConfig config;
  config.options = options;
  return config;
}

absl::StatusOr<textlens::v1::Summary> Summarize(
    const PreparedDocument& document, const SummarizerConfig& config,
    const std::function<bool()>& cancelled) {
  textlens::v1::Summary summary;
  summary.set_document_sentence_count(document.sentences_size());
  if (absl::Status status = CheckOffsets(document); !status.ok()) return status;

  const auto& options = config.options;
  const size_t max_sentences =
      SentenceLimit(options, document.sentences_size());
  const int max_key_phrases = options.has_max_key_phrases()
                                  ? static_cast<int>(options.max_key_phrases())
                                  : kDefaultMaxKeyPhrases;
  const size_t max_chars = options.max_chars();  // 0: no limit

  Candidates candidates = CollectCandidates(document, config);
  const size_t n = candidates.sentences.size();
  if (n > 0 && max_sentences > 0) {
    // The title's vector is computed with the sentences' (its terms count
    // once more in the document frequencies), then set apart.
    const bool has_title =
        config.title_weight > 0 && !candidates.title_terms.empty();
    if (has_title) candidates.terms.push_back(candidates.title_terms);
    std::vector<SparseVector> vectors = TfIdfVectors(candidates.terms);
    SparseVector title;
    if (has_title) {
      title = std::move(vectors.back());
      vectors.pop_back();
    }

    std::vector<double> teleport;
    if (config.lead_bias > 0) {
      teleport.resize(n);
      for (size_t k = 0; k < n; ++k) {
        teleport[k] = 1.0 + config.lead_bias / (k + 1.0);
      }
    }
    RankOptions rank_options;
    rank_options.max_comparisons = config.max_comparisons;
    rank_options.min_window = config.min_window;
    auto scores_or = RankSentences(vectors, teleport, rank_options, cancelled);
    if (!scores_or.ok()) return scores_or.status();
    std::vector<double>& scores = *scores_or;
    // Centrality alone ignores that news put the essentials first, that
    // the title is the author's own summary and that short sentences ("Les
    // images sont impressionnantes.") are hooks: the four terms of
    // SummarizerConfig add up.
    double top_centrality = 0.0;
    for (double score : scores)
      top_centrality = std::max(top_centrality, score);
    if (top_centrality <= 0) top_centrality = 1.0;
    for (size_t k = 0; k < n; ++k) {
      const double words =
          WordCount(document, document.sentences(candidates.sentences[k]));
      const double position =
          k < static_cast<size_t>(std::max(0, config.lead_sentences))
              ? 1.0
              : std::max(0, config.lead_sentences) / (k + 1.0);
      const double length =
          config.full_length_words > 0
              ? std::sqrt(std::min(1.0, words / config.full_length_words))
              : 1.0;
      scores[k] =
          config.centrality_weight * scores[k] / top_centrality +
          config.position_weight * position + config.length_weight * length +
          (has_title ? config.title_weight * Cosine(vectors[k], title) : 0.0);
    }
    if (config.topic_share > 0 && n > 2) {
      // Each candidate's summed cosine with the others: v . (sum of all
      // vectors) - v . v (both summed in the same order, so a sentence
      // sharing no term gets exactly 0).
      absl::flat_hash_map<uint32_t, double> centroid;
      for (const SparseVector& vector : vectors) {
        for (const auto& [term, weight] : vector) centroid[term] += weight;
      }
      std::vector<double> degree(n, 0.0);
      double total = 0.0;
      for (size_t k = 0; k < n; ++k) {
        double dot = 0.0, self = 0.0;
        for (const auto& [term, weight] : vectors[k]) {
          dot += weight * centroid[term];
          self += weight * weight;
        }
        degree[k] = std::max(0.0, dot - self);
        total += degree[k];
      }
      const double floor = config.topic_share * total / n;
      if (floor > 1e-6) {
        for (size_t k = 0; k < n; ++k) {
          scores[k] *= std::min(1.0, degree[k] / floor);
        }
      }
    }
    double best = 0.0;
    for (double score : scores) best = std::max(best, score);
    if (best <= 0) best = 1.0;
    // MMR, lazily: a candidate's value only drops as sentences are picked,
    // so the queue's top is re-evaluated against the picks it has not seen
    // and taken once it is still the best. Redundancy is measured against
    // picks within the graph's window: each re-evaluation costs at most
    // 2 * window + 1 comparisons, so long documents stay linear.
    const size_t window = ComparisonWindow(n, rank_options);
    std::vector<double> redundancy(n, 0.0);
    std::priority_queue<QueueEntry> queue;
    for (size_t k = 0; k < n; ++k) {
      queue.push({(1.0 - config.redundancy) * scores[k] / best, k, 0});
    }
    std::vector<size_t> picked;
    // pick_order[k]: when candidate k was picked (its index in `picked`), or
    // -1. Lets a re-evaluation look at the picks within the window directly
    // when there are fewer of them than picks since it was last evaluated.
    std::vector<long> pick_order(n, -1);
    size_t chars = 0, pops = 0;
    while (!queue.empty() && picked.size() < max_sentences) {
      if (++pops % 256 == 0 && cancelled && cancelled()) {
        return absl::CancelledError("summarizer cancelled");
      }
      QueueEntry top = queue.top();
      queue.pop();
      const size_t k = top.candidate;
      if (top.picks_seen < picked.size()) {
        bool duplicate = false;
        const auto compare = [&](size_t other) {
          const double similarity = Cosine(vectors[k], vectors[other]);
          if (similarity >= config.duplicate_threshold) duplicate = true;
          redundancy[k] = std::max(redundancy[k], similarity);
        };
        const size_t first = k > window ? k - window : 0;
        const size_t last = std::min(n - 1, k + window);
        if (picked.size() - top.picks_seen <= last - first + 1) {
          for (size_t p = top.picks_seen; p < picked.size(); ++p) {
            const size_t other = picked[p];
            if ((other > k ? other - k : k - other) <= window) compare(other);
          }
        } else {
          for (size_t other = first; other <= last; ++other) {
            if (pick_order[other] >= static_cast<long>(top.picks_seen)) {
              compare(other);
            }
          }
        }
        if (duplicate) continue;
        queue.push({(1.0 - config.redundancy) * scores[k] / best -
                        config.redundancy * redundancy[k],
                    k, picked.size()});
        continue;
      }
      if (max_chars > 0) {
        const Sentence& sentence = document.sentences(candidates.sentences[k]);
        const size_t length =
            CodePoints(std::string_view(document.text())
                           .substr(sentence.begin(),
                                   sentence.end() - sentence.begin())) +
            (picked.empty() ? 0 : 1);
        if (chars + length > max_chars) continue;
        chars += length;
      }
      pick_order[k] = static_cast<long>(picked.size());
      picked.push_back(k);
    }

    std::vector<std::pair<size_t, int>> picked_with_rank;
    for (size_t r = 0; r < picked.size(); ++r) {
      picked_with_rank.emplace_back(picked[r], static_cast<int>(r) + 1);
    }
    if (options.order() != textlens::v1::SummarizerOptions::ORDER_RANK) {
      std::sort(picked_with_rank.begin(), picked_with_rank.end());
    }
    for (const auto& [k, rank] : picked_with_rank) {
      const Sentence& sentence = document.sentences(candidates.sentences[k]);
      auto* out = summary.add_sentences();
      out->mutable_span()->set_begin(sentence.begin());
      out->mutable_span()->set_end(sentence.end());
      out->set_text(document.text().substr(sentence.begin(),
                                           sentence.end() - sentence.begin()));
      out->set_score(std::clamp(scores[k] / best, 1e-9, 1.0));
      out->set_position(candidates.sentences[k]);
      out->set_rank(rank);
    }
  }

  KeyPhraseOptions phrase_options;
  phrase_options.max_phrases = max_key_phrases;
  auto phrases_or = ExtractKeyPhrases(document, phrase_options, cancelled);
  if (!phrases_or.ok()) return phrases_or.status();
  for (auto& phrase : *phrases_or)
    *summary.add_key_phrases() = std::move(phrase);
  return summary;
}

}  // namespace textlens::plugins::summarizer
