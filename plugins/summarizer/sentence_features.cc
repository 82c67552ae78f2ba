#include "plugins/summarizer/sentence_features.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "plugins/sdk/tokens.h"
#include "plugins/summarizer/terms.h"

namespace textlens::plugins::summarizer {
namespace {

using textlens::plugin::v1::PreparedDocument;
using textlens::plugin::v1::Sentence;
using textlens::sdk::Token;
using textlens::sdk::Tokens;

// One index per feature; FeatureNames() lists them in this order.
enum Feature {
  kBias,
  kPosition0,  // one-hot: the candidate's rank in the document
  kPosition1,
  kPosition2,
  kPosition3,
  kPosition4,
  kPosition5To7,
  kPosition8To15,
  kPosition16On,
  kRelativePosition,  // k / (n - 1)
  kInversePosition,   // 1 / (k + 1)
  kLast,
  kWordsUnder10,  // one-hot: words in the sentence
  kWords10To15,
  kWords16To22,
  kWords23To30,
  kWords31To45,
  kWords46On,
  kLogWords,
  kCentrality,  // PageRank over the cosine graph / the highest
  kMostCentral,
  kTitleCosine,
  kTitleCosineToBest,  // title cosine / the highest title cosine
  kClosestToTitle,
  kNoTitle,
  kLeadCosine,    // cosine with the first candidate (the second for it)
  kTopicDegree,   // summed cosine with the others / the average, up to 3
  kSharedTerms,   // share of its terms found in another candidate
  kMeanRarity,    // mean in-document IDF of its terms, / ln(n + 1)
  kNumbers,       // number tokens / words
  kCapitalized,   // capitalized words after the first / words
  kContentShare,  // content terms / words
  kQuote,         // has a quotation mark
  kStartsWithQuote,
  kQuestion,  // ends with ? or !
  kColon,
  kParenthesis,
  kParagraphStart,
  kFirstParagraph,
  kLogCandidates,
  kTitleRecall,      // share of the title's terms found in it
  kTitleShared,      // ln(1 + title terms found in it)
  kCentroidCosine,   // cosine with the sum of all candidates
  kRelativeLength,   // words / mean words per candidate, up to 3
  kLeadBlockCosine,  // cosine with the first three candidates but itself
  kTopTerms,         // share of the document's 10 most spread terms in it
  kSpreadMass,       // mean ln(candidates containing each of its terms)
  kFeatureCount
};

constexpr std::array<std::string_view, kFeatureCount> kNames = {
    "bias",
    "position_0",
    "position_1",
    "position_2",
    "position_3",
    "position_4",
    "position_5_7",
    "position_8_15",
    "position_16_on",
    "relative_position",
    "inverse_position",
    "last",
    "words_under_10",
    "words_10_15",
    "words_16_22",
    "words_23_30",
    "words_31_45",
    "words_46_on",
    "log_words",
    "centrality",
    "most_central",
    "title_cosine",
    "title_cosine_to_best",
    "closest_to_title",
    "no_title",
    "lead_cosine",
    "topic_degree",
    "shared_terms",
    "mean_rarity",
    "numbers",
    "capitalized",
    "content_share",
    "quote",
    "starts_with_quote",
    "question",
    "colon",
    "parenthesis",
    "paragraph_start",
    "first_paragraph",
    "log_candidates",
    "title_recall",
    "title_shared",
    "centroid_cosine",
    "relative_length",
    "lead_block_cosine",
    "top_terms",
    "spread_mass",
};

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

bool IsWordOrNumber(const Token& token) {
  return token.kind() == textlens::plugin::v1::TOKEN_KIND_WORD ||
         token.kind() == textlens::plugin::v1::TOKEN_KIND_NUMBER;
}

int WordCount(const PreparedDocument& document, const Sentence& sentence) {
  int words = 0;
  const uint32_t end = sentence.first_token() + sentence.token_count();
  for (uint32_t t = sentence.first_token(); t < end; ++t) {
    words += IsWordOrNumber(Tokens(document)[t]);
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

// The candidates' sentence indexes and term ids (the text layer's stems),
// and the title's term ids.
struct Selection {
  std::vector<int> sentences;
  std::vector<std::vector<uint32_t>> terms;
  std::vector<uint32_t> title_terms;
};

Selection SelectSentences(const PreparedDocument& document,
                          const CandidateOptions& options) {
  Selection out;
  absl::flat_hash_map<absl::string_view, uint32_t> stem_ids;
  const auto terms_of = [&](const Sentence& sentence) {
    std::vector<uint32_t> terms;
    const uint32_t end = sentence.first_token() + sentence.token_count();
    for (uint32_t t = sentence.first_token(); t < end; ++t) {
      const Token& token = Tokens(document)[t];
      if (!IsContentToken(document, token)) continue;
      const std::string_view stem = token.stem();
      const absl::string_view key(stem.data(), stem.size());
      auto it = stem_ids.find(key);
      if (it == stem_ids.end()) {
        it = stem_ids.emplace(key, stem_ids.size()).first;
      }
      terms.push_back(it->second);
    }
    return terms;
  };
  for (int pass = options.filter_candidates ? 0 : 1;
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
                     WordCount(document, sentence) < options.min_words ||
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

// Each candidate's summed cosine with all the others: v . (sum of all
// vectors) - v . v, linear in the document.
std::vector<double> TopicDegrees(const std::vector<SparseVector>& vectors) {
  absl::flat_hash_map<uint32_t, double> centroid;
  for (const SparseVector& vector : vectors) {
    for (const auto& [term, weight] : vector) centroid[term] += weight;
  }
  std::vector<double> degree(vectors.size(), 0.0);
  for (size_t k = 0; k < vectors.size(); ++k) {
    double dot = 0.0, self = 0.0;
    for (const auto& [term, weight] : vectors[k]) {
      dot += weight * centroid[term];
      self += weight * weight;
    }
    degree[k] = std::max(0.0, dot - self);
  }
  return degree;
}

// A quotation mark at byte i: '"', or the UTF-8 of « » (C2 AB, C2 BB) or
// “ ” (E2 80 9C, E2 80 9D).
bool IsQuote(std::string_view text, size_t i) {
  const auto byte = [&](size_t k) {
    return k < text.size() ? static_cast<unsigned char>(text[k]) : 0u;
  };
  switch (byte(i)) {
    case '"':
      return true;
    case 0xC2:
      return byte(i + 1) == 0xAB || byte(i + 1) == 0xBB;
    case 0xE2:
      return byte(i + 1) == 0x80 &&
             (byte(i + 2) == 0x9C || byte(i + 2) == 0x9D);
    default:
      return false;
  }
}

// The features read from the sentence's own tokens and characters.
void SurfaceFeatures(const PreparedDocument& document, const Sentence& sentence,
                     size_t content_terms, double* row) {
  int words = 0, numbers = 0, capitalized = 0;
  const uint32_t end = sentence.first_token() + sentence.token_count();
  for (uint32_t t = sentence.first_token(); t < end; ++t) {
    const Token& token = Tokens(document)[t];
    if (!IsWordOrNumber(token)) continue;
    ++words;
    numbers += token.kind() == textlens::plugin::v1::TOKEN_KIND_NUMBER;
    capitalized += words > 1 && token.capitalized();
  }
  const double w = std::max(1, words);
  row[kWordsUnder10] = words < 10;
  row[kWords10To15] = words >= 10 && words <= 15;
  row[kWords16To22] = words >= 16 && words <= 22;
  row[kWords23To30] = words >= 23 && words <= 30;
  row[kWords31To45] = words >= 31 && words <= 45;
  row[kWords46On] = words >= 46;
  row[kLogWords] = std::log1p(words);
  row[kNumbers] = numbers / w;
  row[kCapitalized] = capitalized / w;
  row[kContentShare] = std::min(1.0, content_terms / w);

  const std::string_view text =
      std::string_view(document.text())
          .substr(sentence.begin(), sentence.end() - sentence.begin());
  size_t first = 0;
  while (first < text.size() && text[first] == ' ') ++first;
  size_t last = text.size();
  while (last > 0 && (text[last - 1] == ' ' || text[last - 1] == '\n')) --last;
  for (size_t i = 0; i < text.size(); ++i) {
    if (IsQuote(text, i)) row[kQuote] = 1;
    if (text[i] == ':') row[kColon] = 1;
    if (text[i] == '(') row[kParenthesis] = 1;
  }
  row[kStartsWithQuote] = first < text.size() && IsQuote(text, first);
  row[kQuestion] = last > 0 && (text[last - 1] == '?' || text[last - 1] == '!');
}

}  // namespace

absl::Span<const std::string_view> FeatureNames() { return kNames; }

absl::StatusOr<Candidates> CollectCandidates(const PreparedDocument& document,
                                             const CandidateOptions& options,
                                             const CancelFn& cancelled) {
  Selection selection = SelectSentences(document, options);
  Candidates out;
  const size_t n = selection.sentences.size();
  if (n == 0) return out;
  out.sentences = std::move(selection.sentences);

  // The title's vector is computed with the sentences' (its terms count
  // once more in the document frequencies), then set apart.
  const bool has_title = !selection.title_terms.empty();
  if (has_title) selection.terms.push_back(selection.title_terms);
  out.vectors = TfIdfVectors(selection.terms);
  SparseVector title;
  if (has_title) {
    title = std::move(out.vectors.back());
    out.vectors.pop_back();
    selection.terms.pop_back();
  }
  RankOptions rank_options;
  rank_options.max_comparisons = options.max_comparisons;
  rank_options.min_window = options.min_window;
  out.window = ComparisonWindow(n, rank_options);
  auto centrality_or = RankSentences(out.vectors, {}, rank_options, cancelled);
  if (!centrality_or.ok()) return centrality_or.status();
  const std::vector<double>& centrality = *centrality_or;
  const std::vector<double> degree = TopicDegrees(out.vectors);

  // In-document frequencies of the terms, for rarity and sharing.
  absl::flat_hash_map<uint32_t, int> frequency;
  for (const SparseVector& vector : out.vectors) {
    for (const auto& [term, weight] : vector) ++frequency[term];
  }
  std::vector<double> title_cosine(n, 0.0);
  // The title's distinct terms, the centroid of all candidates and of the
  // first three.
  std::vector<uint32_t> title_terms = selection.title_terms;
  std::sort(title_terms.begin(), title_terms.end());
  title_terms.erase(std::unique(title_terms.begin(), title_terms.end()),
                    title_terms.end());
  absl::flat_hash_map<uint32_t, double> centroid, lead_block;
  for (size_t k = 0; k < n; ++k) {
    for (const auto& [term, weight] : out.vectors[k]) {
      centroid[term] += weight;
      if (k < 3) lead_block[term] += weight;
    }
  }
  double centroid_norm = 0;
  for (const auto& [term, weight] : centroid) centroid_norm += weight * weight;
  centroid_norm = std::sqrt(centroid_norm);
  double total_words = 0;
  for (int sentence : out.sentences) {
    out.words.push_back(WordCount(document, document.sentences(sentence)));
    total_words += out.words.back();
  }
  const double mean_words = total_words / n;
  // The 10 terms found in most candidates (ties to the smaller id, which
  // came first in the text).
  std::vector<std::pair<int, uint32_t>> spread;
  for (const auto& [term, count] : frequency) spread.emplace_back(-count, term);
  const size_t top_count = std::min<size_t>(10, spread.size());
  std::partial_sort(spread.begin(), spread.begin() + top_count, spread.end());
  std::vector<uint32_t> top_terms;
  for (size_t i = 0; i < top_count; ++i) top_terms.push_back(spread[i].second);
  std::sort(top_terms.begin(), top_terms.end());
  double top_centrality = 0, top_title = 0, total_degree = 0;
  size_t most_central = 0, closest_to_title = 0;
  for (size_t k = 0; k < n; ++k) {
    if (has_title) title_cosine[k] = Cosine(out.vectors[k], title);
    if (centrality[k] > top_centrality) {
      top_centrality = centrality[k];
      most_central = k;
    }
    if (title_cosine[k] > top_title) {
      top_title = title_cosine[k];
      closest_to_title = k;
    }
    total_degree += degree[k];
  }
  const double average_degree = total_degree / n;
  const double log_n = std::log(n + 1.0);

  out.features.assign(n * kFeatureCount, 0.0);
  for (size_t k = 0; k < n; ++k) {
    double* row = out.features.data() + k * kFeatureCount;
    const Sentence& sentence = document.sentences(out.sentences[k]);
    row[kBias] = 1;
    row[k < 5    ? kPosition0 + k
        : k < 8  ? size_t{kPosition5To7}
        : k < 16 ? size_t{kPosition8To15}
                 : size_t{kPosition16On}] = 1;
    row[kRelativePosition] = n > 1 ? k / (n - 1.0) : 0.0;
    row[kInversePosition] = 1.0 / (k + 1.0);
    row[kLast] = k + 1 == n;
    row[kCentrality] = top_centrality > 0 ? centrality[k] / top_centrality : 0;
    row[kMostCentral] = k == most_central;
    row[kTitleCosine] = title_cosine[k];
    row[kTitleCosineToBest] = top_title > 0 ? title_cosine[k] / top_title : 0;
    row[kClosestToTitle] = top_title > 0 && k == closest_to_title;
    row[kNoTitle] = !has_title;
    if (n > 1) {
      row[kLeadCosine] = Cosine(out.vectors[k], out.vectors[k == 0 ? 1 : 0]);
    }
    out.topicality.push_back(average_degree > 0 ? degree[k] / average_degree
                                                : 1.0);
    row[kTopicDegree] = std::min(3.0, out.topicality[k]);
    size_t shared = 0;
    double rarity = 0;
    for (const auto& [term, weight] : out.vectors[k]) {
      const int f = frequency[term];
      shared += f > 1;
      rarity += std::log((n + 1.0) / f);
    }
    const size_t distinct = out.vectors[k].size();
    if (distinct > 0) {
      row[kSharedTerms] = static_cast<double>(shared) / distinct;
      row[kMeanRarity] = rarity / distinct / log_n;
    }
    SurfaceFeatures(document, sentence, selection.terms[k].size(), row);
    row[kParagraphStart] =
        out.sentences[k] == 0 ||
        document.sentences(out.sentences[k] - 1).paragraph() !=
            sentence.paragraph();
    row[kFirstParagraph] = sentence.paragraph() ==
                           document.sentences(out.sentences[0]).paragraph();
    row[kLogCandidates] = log_n;
    size_t title_shared = 0, top_shared = 0;
    double centroid_dot = 0, block_dot = 0, block_self = 0, spread_mass = 0;
    for (const auto& [term, weight] : out.vectors[k]) {
      top_shared +=
          std::binary_search(top_terms.begin(), top_terms.end(), term);
      spread_mass += std::log(frequency[term]);
      title_shared +=
          std::binary_search(title_terms.begin(), title_terms.end(), term);
      centroid_dot += weight * centroid[term];
      block_dot += weight * lead_block[term];
      block_self += weight * weight;
    }
    if (!title_terms.empty()) {
      row[kTitleRecall] =
          static_cast<double>(title_shared) / title_terms.size();
    }
    row[kTitleShared] = std::log1p(title_shared);
    if (top_count > 0) {
      row[kTopTerms] = static_cast<double>(top_shared) / top_count;
    }
    if (!out.vectors[k].empty()) {
      row[kSpreadMass] = spread_mass / out.vectors[k].size() / log_n;
    }
    row[kCentroidCosine] =
        centroid_norm > 0 ? centroid_dot / centroid_norm : 0.0;
    row[kRelativeLength] =
        mean_words > 0 ? std::min(3.0, out.words[k] / mean_words) : 0.0;
    // The lead block without the candidate itself, not normalized: how much
    // it shares with the opening of the article.
    row[kLeadBlockCosine] = k < 3 ? block_dot - block_self : block_dot;
  }
  return out;
}

}  // namespace textlens::plugins::summarizer
