#include "plugins/stance/sentence_scorer.h"

#include <algorithm>
#include <cmath>
#include <string>

#include "plugins/sdk/tokens.h"
#include "plugins/stance/modifiers.h"

namespace textlens::plugins::stance {

using textlens::sdk::Tokens;
namespace {

using plugin::v1::PreparedDocument;
using sdk::Token;

// Cues below this weight ("libre", "API", "transparent") name a side only in
// a document that names one surely somewhere: alone they are too ambiguous.
constexpr double kSureCue = 0.5;
// How surely an entity of known openness names its side.
constexpr double kEntityCueWeight = 0.6;
// Squashes a sum of valences into (-1, 1): x / sqrt(x^2 + alpha).
constexpr double kPolarityAlpha = 1.0;
// Words judge what is near them: beyond this many tokens from the nearest
// cue, a word's valence fades as kNearWindow / distance. Long sentences
// otherwise pile up unrelated words onto the side they happen to name.
constexpr int kNearWindow = 6;

double Proximity(int distance) {
  return distance <= kNearWindow ? 1.0
                                 : static_cast<double>(kNearWindow) / distance;
}

bool IsFoilMarker(std::string_view lower) {
  return lower == "contrairement" || lower == "unlike" ||
         lower == "différence" || lower == "opposé";
}

// Relative pronouns: a clause they open after a comma still describes what
// came before it ("Unlike proprietary systems, which have guardrails, ...").
bool IsRelativePronoun(std::string_view lower) {
  return lower == "which" || lower == "who" || lower == "that" ||
         lower == "qui" || lower == "dont" || lower == "lequel" ||
         lower == "laquelle" || lower == "lesquels" || lower == "lesquelles";
}

// The first `count` words of sentence [begin, end), lowercased and joined
// by spaces; opening punctuation is skipped, other punctuation ends them.
std::string OpeningWords(const sdk::Tokens& tokens, int begin, int end,
                         int count) {
  std::string words;
  int taken = 0;
  for (int i = begin; i < end && taken < count; ++i) {
    if (tokens[i].kind() != plugin::v1::TOKEN_KIND_WORD) {
      if (taken == 0) continue;
      break;
    }
    if (taken++ > 0) words += ' ';
    words += tokens[i].lower();
  }
  return words;
}

double Squash(double x) { return x / std::sqrt(x * x + kPolarityAlpha); }

}  // namespace

void SentenceScore::Add(Side side, double value) {
  const bool open = side == Side::kOpen;
  if (value >= 0) {
    (open ? open_positive : closed_positive) += value;
  } else {
    (open ? open_negative : closed_negative) -= value;
  }
}
double SentenceScore::OpenPolarity() const {
  return Squash(open_positive) - Squash(open_negative);
}
double SentenceScore::ClosedPolarity() const {
  return Squash(closed_positive) - Squash(closed_negative);
}
double SentenceScore::ProOpenEvidence() const {
  return emphasis * (open_weight * Squash(open_positive) +
                     closed_weight * Squash(closed_negative));
}
double SentenceScore::ProClosedEvidence() const {
  return emphasis * (open_weight * Squash(open_negative) +
                     closed_weight * Squash(closed_positive));
}

SentenceScorer::SentenceScorer(const Lexicons& lexicons,
                               const PreparedDocument& document,
                               const v1::Entities* entities)
    : lexicons_(lexicons), doc_(document) {
  generic_ = document.language() == "fr"   ? lexicons.polarity_fr
             : document.language() == "en" ? lexicons.polarity_en
                                           : nullptr;
  if (entities != nullptr) CollectEntityCues(*entities);
  lexical_cues_.resize(static_cast<size_t>(document.sentences_size()));
}

const std::vector<CueMatch>& SentenceScorer::LexicalCues(int s) const {
  std::optional<std::vector<CueMatch>>& cues = lexical_cues_[s];
  if (!cues.has_value()) {
    const auto& sentence = doc_.sentences(s);
    const int begin = static_cast<int>(sentence.first_token());
    const int end = begin + static_cast<int>(sentence.token_count());
    cues = lexicons_.cues->Match(Tokens(doc_), begin, end);
  }
  return *cues;
}

std::vector<CueMatch> SentenceScorer::Cues(int s,
                                           bool document_on_topic) const {
  const auto& sentence = doc_.sentences(s);
  const int begin = static_cast<int>(sentence.first_token());
  const int end = begin + static_cast<int>(sentence.token_count());
  std::vector<CueMatch> cues;
  for (const CueMatch& cue : LexicalCues(s)) {
    if (cue.weight >= kSureCue || document_on_topic) cues.push_back(cue);
  }
  if (!document_on_topic) return cues;
  for (CueMatch cue : entity_cues_) {
    if (cue.first_token < begin || cue.first_token >= end) continue;
    // A mention running past the sentence (the entities result is another
    // plugin's) counts within the sentence.
    cue.token_count = std::min(cue.token_count, end - cue.first_token);
    const bool overlaps =
        std::any_of(cues.begin(), cues.end(), [&](const CueMatch& c) {
          return cue.first_token < c.first_token + c.token_count &&
                 c.first_token < cue.first_token + cue.token_count;
        });
    if (!overlaps) cues.push_back(cue);
  }
  std::sort(cues.begin(), cues.end(), [](const CueMatch& a, const CueMatch& b) {
    return a.first_token < b.first_token;
  });
  return cues;
}

bool SentenceScorer::OpensWithContrast(int s) const {
  const auto& sentence = doc_.sentences(s);
  const int begin = static_cast<int>(sentence.first_token());
  const std::string first = OpeningWords(
      Tokens(doc_), begin, begin + static_cast<int>(sentence.token_count()), 1);
  return IsContrast(first) || first == "still";
}

bool SentenceScorer::OpensWithConcession(int s) const {
  const auto& sentence = doc_.sentences(s);
  const int begin = static_cast<int>(sentence.first_token());
  const int end = begin + static_cast<int>(sentence.token_count());
  const std::string first = OpeningWords(Tokens(doc_), begin, end, 1);
  const std::string two = OpeningWords(Tokens(doc_), begin, end, 2);
  const std::string three = OpeningWords(Tokens(doc_), begin, end, 3);
  return first == "certes" || first == "admittedly" || first == "granted" ||
         two == "bien sûr" || two == "of course" || three == "il est vrai" ||
         three == "it is true";
}

bool SentenceScorer::HasSureCue(int s) const {
  for (const CueMatch& cue : Cues(s, false)) {
    if (cue.weight >= kSureCue) return true;
  }
  return false;
}

void SentenceScorer::CollectEntityCues(const v1::Entities& entities) {
  for (const v1::Entity& entity : entities.entities()) {
    Side side;
    if (entity.openness() == v1::OPENNESS_OPEN_WEIGHTS) {
      side = Side::kOpen;
    } else if (entity.openness() == v1::OPENNESS_CLOSED) {
      side = Side::kClosed;
    } else {
      continue;  // mixed or unknown: says nothing about a side
    }
    for (const v1::EntityMention& mention : entity.mentions()) {
      // Tokens overlapping the mention's byte span.
      auto first = std::lower_bound(
          Tokens(doc_).begin(), Tokens(doc_).end(), mention.span().begin(),
          [](const Token& t, uint32_t offset) { return t.end() <= offset; });
      int index = static_cast<int>(first - Tokens(doc_).begin());
      int count = 0;
      while (index + count < Tokens(doc_).size() &&
             Tokens(doc_)[index + count].begin() < mention.span().end()) {
        ++count;
      }
      if (count > 0) {
        entity_cues_.push_back({side, index, count, kEntityCueWeight, 0.0});
      }
    }
  }
}

std::optional<double> SentenceScorer::Valence(const Token& token) const {
  if (auto v = lexicons_.domain->Find(token)) return v;
  if (token.stopword()) return std::nullopt;
  if (generic_ != nullptr) return generic_->Find(token);
  if (auto v = lexicons_.polarity_en->Find(token)) return v;
  return lexicons_.polarity_fr->Find(token);
}

SentenceScore SentenceScorer::Score(int s, bool document_on_topic,
                                    const Topic& topic) const {
  SentenceScore score;
  const auto& sentence = doc_.sentences(s);
  const int begin = static_cast<int>(sentence.first_token());
  const int end = begin + static_cast<int>(sentence.token_count());
  if (begin == end) return score;
  std::vector<CueMatch> cues = Cues(s, document_on_topic);
  if (cues.empty()) {
    if (topic.weight <= 0) return score;
    // The topic as a cue of no tokens just before the sentence: every word
    // of the sentence judges it.
    cues.push_back({topic.side, begin, 0, topic.weight, 0.0});
    score.inherited = true;
  }

  const std::vector<TokenModifier> mods =
      ComputeModifiers(Tokens(doc_), begin, end);
  std::vector<bool> in_cue(end - begin, false);

  // A fully negated cue names the other side: "n'est pas open source" speaks
  // of a closed model. "sans" / "without" only deny its presence.
  for (CueMatch& cue : cues) {
    const TokenModifier& mod = mods[cue.first_token - begin];
    if (mod.fully_negated && cue.token_count > 0) {
      cue.side = cue.side == Side::kOpen ? Side::kClosed : Side::kOpen;
      score.negated = true;
    }
    for (int k = 0; k < cue.token_count; ++k)
      in_cue[cue.first_token - begin + k] = true;
    double& weight =
        cue.side == Side::kOpen ? score.open_weight : score.closed_weight;
    weight = std::min(1.0, weight + cue.weight);
    // "sans boîte noire" denies the judgement rather than reversing it.
    const bool judges =
        cue.valence != 0 && !(mod.negated && !mod.fully_negated);
    if (judges) score.Add(cue.side, cue.valence);
    if (cue.token_count > 0) {
      score.words.push_back({cue.first_token, cue.token_count, true, cue.side,
                             judges ? cue.valence : 0.0});
    }
  }

  // Nearest cue before / after token i (by token distance).
  auto nearest = [&cues](int i, int direction) -> const CueMatch* {
    const CueMatch* best = nullptr;
    int best_distance = 1 << 30;
    for (const CueMatch& cue : cues) {
      const int distance = direction < 0
                               ? i - (cue.first_token + cue.token_count - 1)
                               : cue.first_token - i;
      if (distance > 0 && distance < best_distance) {
        best = &cue;
        best_distance = distance;
      }
    }
    return best;
  };
  // A cue introduced by "contrairement à" / "unlike" is a foil: the main
  // clause judges the other side ("Contrairement aux offres verrouillées,
  // ce modèle offre une liberté..." praises the open one).
  std::vector<bool> foil(cues.size(), false);
  for (size_t c = 0; c < cues.size(); ++c) {
    for (int k = cues[c].first_token - 1;
         k >= begin && !IsClauseBoundary(Tokens(doc_)[k]); --k) {
      if (IsFoilMarker(Tokens(doc_)[k].lower())) foil[c] = true;
    }
  }
  // Clause boundaries before each token, to tell a foil's own clause.
  std::vector<int> boundaries(end - begin + 1, 0);
  for (int i = begin; i < end; ++i) {
    const bool boundary =
        IsClauseBoundary(Tokens(doc_)[i]) &&
        !(i + 1 < end && IsRelativePronoun(Tokens(doc_)[i + 1].lower()));
    boundaries[i - begin + 1] = boundaries[i - begin] + (boundary ? 1 : 0);
  }
  // The side a word at `i` judges when `cue` is the cue it attaches to.
  auto judged_side = [&](const CueMatch& cue, int i) {
    const size_t c = static_cast<size_t>(&cue - cues.data());
    const int a = std::min(i, cue.first_token) - begin;
    const int b = std::max(i, cue.first_token) - begin;
    if (foil[c] && boundaries[b] != boundaries[a]) {
      return cue.side == Side::kOpen ? Side::kClosed : Side::kOpen;
    }
    return cue.side;
  };

  for (int i = begin; i < end; ++i) {
    const Token& token = Tokens(doc_)[i];
    const TokenModifier& mod = mods[i - begin];
    if (in_cue[i - begin] || mod.is_operator ||
        token.kind() != plugin::v1::TOKEN_KIND_WORD) {
      continue;
    }
    const CueMatch* before = nearest(i, -1);
    const CueMatch* after = nearest(i, +1);
    if (auto strength = lexicons_.predicates->Find(token)) {
      // The subject (named before) gains over the object (named after).
      const double value = *strength * mod.factor;
      if (before != nullptr || after != nullptr) {
        score.words.push_back({i, 1, false, Side::kOpen, value});
      }
      if (before != nullptr) score.Add(before->side, value);
      if (after != nullptr &&
          (before == nullptr || after->side != before->side)) {
        score.Add(after->side, -value);
      }
      score.negated |= mod.negated;
      continue;
    }
    std::optional<double> valence = Valence(token);
    if (!valence) continue;
    const int d_before =
        before ? i - (before->first_token + before->token_count - 1) : 1 << 30;
    const int d_after = after ? after->first_token - i : 1 << 30;
    // An inherited topic has no place in the sentence: every word judges it.
    const double value =
        *valence * mod.factor *
        (score.inherited ? 1.0 : Proximity(std::min(d_before, d_after)));
    score.negated |= mod.negated;
    if (value != 0) score.words.push_back({i, 1, false, Side::kOpen, value});
    // The word judges the side named nearest to it; at equal distance from
    // two cues it judges both halfway.
    const CueMatch* cue = d_before <= d_after ? before : after;
    if (d_before == d_after && before != nullptr && after != nullptr) {
      score.Add(judged_side(*before, i), value / 2);
      score.Add(judged_side(*after, i), value / 2);
    } else if (cue != nullptr) {
      score.Add(judged_side(*cue, i), value);
    }
  }
  return score;
}

}  // namespace textlens::plugins::stance
