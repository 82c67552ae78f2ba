#include "plugins/stance/stance.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <string>
#include <unordered_set>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "plugins/stance/sentence_scorer.h"

namespace textlens::embedded {
std::string_view stance_side_cues();
std::string_view stance_domain_polarity();
std::string_view stance_predicates();
std::string_view stance_polarity_en();
std::string_view stance_polarity_fr();
}  // namespace textlens::embedded

namespace textlens::plugins::stance {
namespace {

using plugin::v1::PreparedDocument;

// Total evidence under which a document takes no side.
constexpr double kMinEvidence = 0.25;
// |pro - con| / (pro + con) under which strong evidence both ways is MIXED.
constexpr double kMixedBalance = 0.2;
// Each side needs at least this much evidence for MIXED.
constexpr double kMixedSideEvidence = 0.6;
// Scale of the tanh that maps net evidence to the score.
constexpr double kScoreScale = 1.5;

absl::StatusOr<WordTable> ParseTable(std::string_view tsv,
                                     std::vector<std::string> languages) {
  return WordTable::Parse(tsv, languages);
}

}  // namespace

StanceAnalyzer::StanceAnalyzer(SideCues cues, WordTable domain,
                               WordTable predicates, WordTable polarity_en,
                               WordTable polarity_fr)
    : cues_(std::move(cues)),
      domain_(std::move(domain)),
      predicates_(std::move(predicates)),
      polarity_en_(std::move(polarity_en)),
      polarity_fr_(std::move(polarity_fr)) {}

absl::StatusOr<std::unique_ptr<StanceAnalyzer>> StanceAnalyzer::FromLexicons(
    const LexiconTexts& texts) {
  absl::StatusOr<SideCues> cues = SideCues::Parse(texts.side_cues);
  if (!cues.ok()) return cues.status();
  absl::StatusOr<WordTable> domain =
      ParseTable(texts.domain_polarity, {"french", "english"});
  if (!domain.ok()) return domain.status();
  absl::StatusOr<WordTable> predicates =
      ParseTable(texts.predicates, {"french", "english"});
  if (!predicates.ok()) return predicates.status();
  absl::StatusOr<WordTable> en = ParseTable(texts.polarity_en, {"english"});
  if (!en.ok()) return en.status();
  absl::StatusOr<WordTable> fr = ParseTable(texts.polarity_fr, {"french"});
  if (!fr.ok()) return fr.status();
  return std::unique_ptr<StanceAnalyzer>(new StanceAnalyzer(
      *std::move(cues), *std::move(domain), *std::move(predicates),
      *std::move(en), *std::move(fr)));
}

absl::StatusOr<std::unique_ptr<StanceAnalyzer>> StanceAnalyzer::Create() {
  LexiconTexts texts;
  texts.side_cues = embedded::stance_side_cues();
  texts.domain_polarity = embedded::stance_domain_polarity();
  texts.predicates = embedded::stance_predicates();
  texts.polarity_en = embedded::stance_polarity_en();
  texts.polarity_fr = embedded::stance_polarity_fr();
  auto analyzer = FromLexicons(texts);
  if (!analyzer.ok()) {
    return absl::InternalError(
        absl::StrCat("embedded stance lexicon: ", analyzer.status().message()));
  }
  return analyzer;
}

absl::StatusOr<v1::Stance> StanceAnalyzer::Analyze(
    const PreparedDocument& document, const v1::Entities* entities,
    const StanceConfig& config) const {
  if (config.max_evidence > 50) {
    return absl::InvalidArgumentError("max_evidence: must be in 0..50");
  }
  for (const auto& sentence : document.sentences()) {
    if (sentence.first_token() + sentence.token_count() >
            static_cast<uint32_t>(document.tokens_size()) ||
        sentence.begin() > sentence.end() ||
        sentence.end() > document.text().size()) {
      return absl::InvalidArgumentError(
          "document: sentence out of the tokens or text");
    }
  }
  const Lexicons lexicons{&cues_, &domain_, &predicates_, &polarity_en_,
                          &polarity_fr_};
  SentenceScorer scorer(lexicons, document, entities);
  bool on_topic = false;
  for (int s = 0; s < document.sentences_size() && !on_topic; ++s) {
    on_topic = scorer.HasSureCue(s);
  }

  v1::Stance stance;
  struct Scored {
    int sentence;
    SentenceScore score;
  };
  std::vector<Scored> scored;
  double pro = 0, con = 0;
  double open_polarity = 0, closed_polarity = 0;
  uint32_t open_mentions = 0, closed_mentions = 0;
  if (on_topic) {
    // Pages often repeat their title or lead; a repeated sentence is one
    // piece of evidence, not several.
    std::unordered_set<std::string_view> seen;
    for (int s = 0; s < document.sentences_size(); ++s) {
      const auto& sentence = document.sentences(s);
      if (!seen.insert(std::string_view(document.text())
                           .substr(sentence.begin(),
                                   sentence.end() - sentence.begin()))
               .second) {
        continue;
      }
      SentenceScore score = scorer.Score(s, true);
      if (score.open_weight > 0) {
        ++open_mentions;
        open_polarity += score.OpenPolarity();
      }
      if (score.closed_weight > 0) {
        ++closed_mentions;
        closed_polarity += score.ClosedPolarity();
      }
      const double contribution = score.Contribution();
      pro += score.ProOpenEvidence();
      con += score.ProClosedEvidence();
      if (std::abs(contribution) > 1e-3) scored.push_back({s, score});
    }
  }
  stance.mutable_open()->set_mentions(open_mentions);
  stance.mutable_open()->set_sentiment(
      open_mentions ? open_polarity / open_mentions : 0);
  stance.mutable_closed()->set_mentions(closed_mentions);
  stance.mutable_closed()->set_sentiment(
      closed_mentions ? closed_polarity / closed_mentions : 0);

  const double total = pro + con;
  const double net = pro - con;
  const double balance = total > 0 ? net / total : 0;
  const double strength = 1 - std::exp(-total);  // more evidence, more sure
  stance.set_score(std::tanh(net / kScoreScale));
  if (total < kMinEvidence) {
    stance.set_label(v1::STANCE_LABEL_NEUTRAL);
    stance.set_confidence(on_topic ? 1 - 0.5 * total / kMinEvidence : 0.9);
  } else if (std::abs(balance) < kMixedBalance) {
    if (std::min(pro, con) >= kMixedSideEvidence) {
      stance.set_label(v1::STANCE_LABEL_MIXED);
      stance.set_confidence(strength *
                            (1 - std::abs(balance) / kMixedBalance * 0.5));
    } else {
      stance.set_label(v1::STANCE_LABEL_NEUTRAL);
      stance.set_confidence(0.5);
    }
  } else {
    stance.set_label(net > 0 ? v1::STANCE_LABEL_PRO_OPEN
                             : v1::STANCE_LABEL_PRO_CLOSED);
    stance.set_confidence(std::abs(balance) * strength);
  }

  std::stable_sort(scored.begin(), scored.end(),
                   [](const Scored& a, const Scored& b) {
                     return std::abs(a.score.Contribution()) >
                            std::abs(b.score.Contribution());
                   });
  if (scored.size() > config.max_evidence) scored.resize(config.max_evidence);
  for (const Scored& item : scored) {
    const auto& sentence = document.sentences(item.sentence);
    const SentenceScore& score = item.score;
    v1::StanceEvidence* evidence = stance.add_evidence();
    evidence->mutable_span()->set_begin(sentence.begin());
    evidence->mutable_span()->set_end(sentence.end());
    evidence->set_text(document.text().substr(
        sentence.begin(), sentence.end() - sentence.begin()));
    if (score.open_weight > 0 && score.closed_weight > 0) {
      evidence->set_target(v1::SIDE_BOTH);
      // Toward "open rather than closed".
      evidence->set_polarity((score.OpenPolarity() - score.ClosedPolarity()) /
                             2);
    } else if (score.open_weight > 0) {
      evidence->set_target(v1::SIDE_OPEN);
      evidence->set_polarity(score.OpenPolarity());
    } else {
      evidence->set_target(v1::SIDE_CLOSED);
      evidence->set_polarity(score.ClosedPolarity());
    }
    evidence->set_weight(score.Contribution());
    evidence->set_negated(score.negated);
  }
  return stance;
}

}  // namespace textlens::plugins::stance
