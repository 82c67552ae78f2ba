#include "plugins/summarizer/summarizer.h"

#include <algorithm>
#include <cmath>
#include <queue>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "plugins/sdk/tokens.h"
#include "plugins/summarizer/key_phrases.h"
#include "plugins/summarizer/sentence_graph.h"

namespace textlens::plugins::summarizer {

using textlens::sdk::Tokens;
namespace {

using textlens::plugin::v1::PreparedDocument;
using textlens::plugin::v1::Sentence;

constexpr int kDefaultMaxSentences = 2;
constexpr int kDefaultMaxKeyPhrases = 10;

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
// ratio is given, max_sentences (default 2) otherwise.
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

// The model's scores of the candidates as exp(score - best): in (0, 1], the
// best at 1; then off-topic ones lowered (SummarizerConfig::topic_share).
std::vector<double> ScoreCandidates(const PreparedDocument& document,
                                    const Candidates& candidates,
                                    const SentenceModel& model,
                                    const SummarizerConfig& config) {
  const size_t n = candidates.size();
  std::vector<double> scores(n);
  for (size_t k = 0; k < n; ++k) {
    scores[k] = model.Score(candidates.Row(k), document,
                            document.sentences(candidates.sentences[k]));
  }
  const double top = *std::max_element(scores.begin(), scores.end());
  for (size_t k = 0; k < n; ++k) {
    scores[k] = std::exp(scores[k] - top);
    if (config.topic_share > 0 && n > 2) {
      scores[k] *= std::min(1.0, candidates.topicality[k] / config.topic_share);
    }
  }
  return scores;
}

// Picks up to `max_sentences` candidates by MMR (SummarizerConfig), whose
// text fits `max_chars` code points (0: no limit); returns them in the order
// picked. CANCELLED when `cancelled` says so.
//
// Lazily: a candidate's value only drops as sentences are picked, so the
// queue's top is re-evaluated against the picks it has not seen and taken
// once it is still the best. Redundancy is measured against picks within
// the graph's window: each re-evaluation costs at most 2 * window + 1
// comparisons, so long documents stay linear.
absl::StatusOr<std::vector<size_t>> SelectByMmr(
    const PreparedDocument& document, const Candidates& candidates,
    const std::vector<double>& scores, const SummarizerConfig& config,
    size_t max_sentences, size_t max_chars,
    const std::function<bool()>& cancelled) {
  const std::vector<SparseVector>& vectors = candidates.vectors;
  const size_t n = candidates.size();
  const size_t window = candidates.window;
  std::vector<double> redundancy(n, 0.0);
  std::priority_queue<QueueEntry> queue;
  for (size_t k = 0; k < n; ++k) {
    queue.push({(1.0 - config.redundancy) * scores[k], k, 0});
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
      queue.push({(1.0 - config.redundancy) * scores[k] -
                      config.redundancy * redundancy[k] -
                      config.length_penalty * candidates.words[k] / 20.0,
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
  return picked;
}

// Adds the picked candidates to `summary`, in document order or in the
// order picked (`order`), each with its rank in the order picked.
void AddSentences(const PreparedDocument& document,
                  const Candidates& candidates,
                  const std::vector<double>& scores,
                  const std::vector<size_t>& picked,
                  textlens::v1::SummarizerOptions::Order order,
                  textlens::v1::Summary* summary) {
  std::vector<std::pair<size_t, int>> picked_with_rank;
  for (size_t r = 0; r < picked.size(); ++r) {
    picked_with_rank.emplace_back(picked[r], static_cast<int>(r) + 1);
  }
  if (order != textlens::v1::SummarizerOptions::ORDER_RANK) {
    std::sort(picked_with_rank.begin(), picked_with_rank.end());
  }
  for (const auto& [k, rank] : picked_with_rank) {
    const Sentence& sentence = document.sentences(candidates.sentences[k]);
    auto* out = summary->add_sentences();
    out->mutable_span()->set_begin(sentence.begin());
    out->mutable_span()->set_end(sentence.end());
    out->set_text(document.text().substr(sentence.begin(),
                                         sentence.end() - sentence.begin()));
    out->set_score(std::clamp(scores[k], 1e-9, 1.0));
    out->set_position(candidates.sentences[k]);
    out->set_rank(rank);
  }
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
  const size_t max_sentences =
      SentenceLimit(options, document.sentences_size());
  const int max_key_phrases = options.has_max_key_phrases()
                                  ? static_cast<int>(options.max_key_phrases())
                                  : kDefaultMaxKeyPhrases;
  const SentenceModel* model = config.model;
  if (model == nullptr) {
    const absl::StatusOr<SentenceModel>& embedded = EmbeddedModel();
    if (!embedded.ok()) {
      return absl::InternalError(
          absl::StrCat("summarizer model: ", embedded.status().message()));
    }
    model = &*embedded;
  }
  auto candidates = CollectCandidates(document, config.candidates, cancelled);
  if (!candidates.ok()) return candidates.status();
  if (candidates->size() > 0 && max_sentences > 0) {
    const std::vector<double> scores =
        ScoreCandidates(document, *candidates, *model, config);
    auto picked = SelectByMmr(document, *candidates, scores, config,
                              max_sentences, options.max_chars(), cancelled);
    if (!picked.ok()) return picked.status();
    AddSentences(document, *candidates, scores, *picked, options.order(),
                 &summary);
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
