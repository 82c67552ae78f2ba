#include "plugins/summarizer/summarizer.h"

#include <algorithm>
#include <cmath>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "plugins/summarizer/key_phrases.h"
#include "plugins/summarizer/sentence_graph.h"
#include "plugins/summarizer/terms.h"

namespace textlens::plugins::summarizer {
namespace {

using textlens::plugin::v1::PreparedDocument;
using textlens::plugin::v1::Sentence;
using textlens::plugin::v1::Token;

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
    const auto kind = document.tokens(t).kind();
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
    const Token& token = document.tokens(t);
    if (!start.empty() && t > first &&
        document.tokens(t - 1).end() < token.begin()) {
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
            static_cast<uint64_t>(document.tokens_size())) {
      return absl::InvalidArgumentError(
          absl::StrCat("sentence ", i, " does not fit the document"));
    }
  }
  return absl::OkStatus();
}

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
  const int max_sentences = options.has_max_sentences()
                                ? static_cast<int>(options.max_sentences())
                                : kDefaultMaxSentences;
  const int max_key_phrases = options.has_max_key_phrases()
                                  ? static_cast<int>(options.max_key_phrases())
                                  : kDefaultMaxKeyPhrases;

  // Candidates and their terms (stem ids). When the filters leave nothing
  // (a one-line note, a list of titles) every sentence with terms competes:
  // a short document still gets its own text back.
  std::vector<int> candidates;
  std::vector<std::vector<uint32_t>> terms;
  std::unordered_map<std::string, uint32_t> stem_ids;
  for (int pass = config.filter_candidates ? 0 : 1;
       pass < 2 && candidates.empty(); ++pass) {
    const bool strict = pass == 0;
    for (int i = 0; i < document.sentences_size(); ++i) {
      const Sentence& sentence = document.sentences(i);
      if (strict && (sentence.is_heading() ||
                     WordCount(document, sentence) < config.min_words ||
                     IsBoilerplate(document, sentence))) {
        continue;
      }
      std::vector<uint32_t> sentence_terms;
      const uint32_t end = sentence.first_token() + sentence.token_count();
      for (uint32_t t = sentence.first_token(); t < end; ++t) {
        const Token& token = document.tokens(t);
        if (!IsContentToken(document, token)) continue;
        sentence_terms.push_back(
            stem_ids.emplace(token.stem(), stem_ids.size()).first->second);
      }
      if (sentence_terms.empty()) continue;
      candidates.push_back(i);
      terms.push_back(std::move(sentence_terms));
    }
  }

  if (!candidates.empty() && max_sentences > 0) {
    const std::vector<SparseVector> vectors = TfIdfVectors(terms);
    std::vector<double> teleport;
    if (config.lead_bias > 0) {
      teleport.resize(candidates.size());
      for (size_t k = 0; k < candidates.size(); ++k) {
        teleport[k] = 1.0 + config.lead_bias / (k + 1.0);
      }
    }
    RankOptions rank_options;
    rank_options.window = config.window;
    auto scores_or = RankSentences(vectors, teleport, rank_options, cancelled);
    if (!scores_or.ok()) return scores_or.status();
    std::vector<double>& scores = *scores_or;
    // Centrality alone ignores that news put the essentials first; the
    // multiplicative boost lets an early sentence win against a slightly
    // more central later one, but not against a clearly more central one.
    // Short sentences ("Les images sont impressionnantes.") are hooks more
    // often than summaries: they lose up to half their score below
    // `full_length_words` words.
    for (size_t k = 0; k < scores.size(); ++k) {
      if (config.lead_boost > 0) {
        scores[k] *= 1.0 + config.lead_boost / (k + 1.0);
      }
      if (config.full_length_words > 0) {
        const double words =
            WordCount(document, document.sentences(candidates[k]));
        scores[k] *= std::sqrt(std::min(1.0, words / config.full_length_words));
      }
    }

    std::vector<size_t> order(candidates.size());
    for (size_t k = 0; k < order.size(); ++k) order[k] = k;
    // Ties go to the earlier sentence.
    std::stable_sort(order.begin(), order.end(),
                     [&](size_t a, size_t b) { return scores[a] > scores[b]; });

    std::vector<size_t> picked;
    for (size_t k : order) {
      if (static_cast<int>(picked.size()) >= max_sentences) break;
      bool duplicate = false;
      for (size_t p : picked) {
        if (Cosine(vectors[k], vectors[p]) >= config.duplicate_threshold) {
          duplicate = true;
          break;
        }
      }
      if (!duplicate) picked.push_back(k);
    }
    const double best = scores[picked.front()] > 0 ? scores[picked.front()] : 1;
    std::vector<std::pair<size_t, int>> picked_with_rank;
    for (size_t r = 0; r < picked.size(); ++r) {
      picked_with_rank.emplace_back(picked[r], static_cast<int>(r) + 1);
    }
    if (options.order() != textlens::v1::SummarizerOptions::ORDER_RANK) {
      std::sort(picked_with_rank.begin(), picked_with_rank.end());
    }
    for (const auto& [k, rank] : picked_with_rank) {
      const Sentence& sentence = document.sentences(candidates[k]);
      auto* out = summary.add_sentences();
      out->mutable_span()->set_begin(sentence.begin());
      out->mutable_span()->set_end(sentence.end());
      out->set_text(document.text().substr(sentence.begin(),
                                           sentence.end() - sentence.begin()));
      out->set_score(std::clamp(scores[k] / best, 1e-9, 1.0));
      out->set_position(candidates[k]);
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
