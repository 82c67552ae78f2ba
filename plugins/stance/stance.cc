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
#include "plugins/sdk/tokens.h"
#include "plugins/stance/features.h"
#include "plugins/stance/sentence_scorer.h"

namespace textlens::embedded {
std::string_view stance_side_cues();
std::string_view stance_domain_polarity();
std::string_view stance_predicates();
std::string_view stance_polarity_en();
std::string_view stance_polarity_fr();
std::string_view stance_frames();
std::string_view stance_model();
}  // namespace textlens::embedded

namespace textlens::plugins::stance {
namespace {

using textlens::sdk::Token;
using textlens::sdk::Tokens;

using plugin::v1::PreparedDocument;

// Scale of the tanh that maps an actor's net evidence to its score.
constexpr double kScoreScale = 1.5;
// A sentence that names no side speaks of the side the sentence before it
// spoke of, with this fraction of its weight, and so on while the weight
// stays at least kMinTopicWeight (two sentences after a sure cue).
constexpr double kTopicDecay = 0.6;
constexpr double kMinTopicWeight = 0.3;
// The weight of a conceded sentence, and how many sentences before a
// "Mais ..." / "However ..." it concedes.
constexpr double kConcession = 0.5;
constexpr int kConcededSentences = 2;
// The weight of a sentence the writer quotes rather than says: someone
// else's opinion, reported.
constexpr double kQuoted = 0.5;
// Judging words listed per evidence sentence.
constexpr size_t kMaxJudgingCues = 5;

absl::StatusOr<WordTable> ParseTable(std::string_view tsv,
                                     std::vector<std::string> languages) {
  return WordTable::Parse(tsv, languages);
}

// Whether each sentence opens inside a quotation (« », “ ”, or straight
// double quotes), in one pass over the text.
std::vector<bool> QuotedSentences(const PreparedDocument& document) {
  std::vector<bool> quoted(document.sentences_size(), false);
  const std::string_view text = document.text();
  int depth = 0;          // guillemets and curly quotes nest
  bool straight = false;  // straight double quotes toggle
  size_t at = 0;
  const auto advance_to = [&](size_t end) {
    for (; at < end && at < text.size(); ++at) {
      // A quotation does not run past its paragraph: an unmatched mark
      // (an inch sign, a typo) stops mattering at the blank line.
      if (text[at] == '\n' && at + 1 < text.size() && text[at + 1] == '\n') {
        depth = 0;
        straight = false;
        continue;
      }
      const std::string_view rest = text.substr(at);
      if (rest.rfind("«", 0) == 0 || rest.rfind("“", 0) == 0) {
        ++depth;
      } else if ((rest.rfind("»", 0) == 0 || rest.rfind("”", 0) == 0) &&
                 depth > 0) {
        --depth;
      } else if (text[at] == '"') {
        straight = !straight;
      }
    }
  };
  for (int s = 0; s < document.sentences_size(); ++s) {
    const auto& sentence = document.sentences(s);
    advance_to(sentence.begin());
    bool inside = depth > 0 || straight;
    if (!inside && sentence.begin() < text.size()) {
      const std::string_view start = text.substr(sentence.begin());
      inside = start.rfind("«", 0) == 0 || start.rfind("“", 0) == 0 ||
               start.rfind("\"", 0) == 0;
    }
    quoted[s] = inside;
  }
  return quoted;
}

// A sentence and what it says.
struct Scored {
  int sentence;
  SentenceScore score;
};

v1::Side ToProto(Side side) {
  return side == Side::kOpen ? v1::SIDE_OPEN : v1::SIDE_CLOSED;
}

// The phrases that name a side, in text order, then up to kMaxJudgingCues
// words that judge, strongest first.
void AddCues(const PreparedDocument& document, const SentenceScore& score,
             v1::StanceEvidence* evidence) {
  std::vector<const ScoredWord*> judging;
  const auto add = [&](const ScoredWord& word) {
    const auto& first = Tokens(document)[word.first_token];
    const auto& last =
        Tokens(document)[word.first_token + word.token_count - 1];
    v1::StanceCue* cue = evidence->add_cues();
    cue->mutable_span()->set_begin(first.begin());
    cue->mutable_span()->set_end(last.end());
    cue->set_text(
        document.text().substr(first.begin(), last.end() - first.begin()));
    cue->set_side(word.names_side ? ToProto(word.side) : v1::SIDE_UNSPECIFIED);
    cue->set_valence(word.valence);
  };
  for (const ScoredWord& word : score.words) {
    if (word.names_side) {
      add(word);
    } else {
      judging.push_back(&word);
    }
  }
  std::stable_sort(judging.begin(), judging.end(),
                   [](const ScoredWord* a, const ScoredWord* b) {
                     return std::abs(a->valence) > std::abs(b->valence);
                   });
  if (judging.size() > kMaxJudgingCues) judging.resize(kMaxJudgingCues);
  for (const ScoredWord* word : judging) add(*word);
}

// The stance of the sentences that name each person, organization or
// product of `entities`.
void AddActors(const PreparedDocument& document, const v1::Entities& entities,
               const std::vector<Scored>& scored, v1::Stance* stance) {
  struct Actor {
    const v1::Entity* entity;
    double contribution = 0, open_weight = 0, closed_weight = 0;
    uint32_t sentences = 0;
  };
  // Sentence index -> its place in `scored` (-1: not scored).
  std::vector<int> place(document.sentences_size(), -1);
  for (size_t k = 0; k < scored.size(); ++k) {
    place[scored[k].sentence] = static_cast<int>(k);
  }
  const auto sentence_at = [&document](uint32_t offset) {
    const auto& sentences = document.sentences();
    auto it = std::upper_bound(sentences.begin(), sentences.end(), offset,
                               [](uint32_t o, const plugin::v1::Sentence& s) {
                                 return o < s.begin();
                               });
    if (it == sentences.begin()) return -1;
    --it;
    return offset < it->end() ? static_cast<int>(it - sentences.begin()) : -1;
  };
  std::vector<Actor> actors;
  for (const v1::Entity& entity : entities.entities()) {
    if (entity.type() != v1::ENTITY_TYPE_PERSON &&
        entity.type() != v1::ENTITY_TYPE_ORGANIZATION &&
        entity.type() != v1::ENTITY_TYPE_PRODUCT) {
      continue;
    }
    Actor actor{&entity};
    // Each sentence once, however often it names the actor.
    int last_sentence = -1;
    for (const v1::EntityMention& mention : entity.mentions()) {
      const int sentence = sentence_at(mention.span().begin());
      if (sentence < 0 || sentence == last_sentence || place[sentence] < 0) {
        continue;
      }
      last_sentence = sentence;
      const SentenceScore& score = scored[place[sentence]].score;
      const double contribution = score.Contribution();
      if (std::abs(contribution) <= 1e-3) continue;
      actor.contribution += contribution;
      actor.open_weight += score.open_weight;
      actor.closed_weight += score.closed_weight;
      ++actor.sentences;
    }
    if (actor.sentences > 0) actors.push_back(actor);
  }
  std::stable_sort(
      actors.begin(), actors.end(),
      [](const Actor& a, const Actor& b) { return a.sentences > b.sentences; });
  for (const Actor& actor : actors) {
    v1::ActorStance* out = stance->add_actors();
    out->set_name(actor.entity->canonical_name());
    out->set_kb_id(actor.entity->kb_id());
    if (actor.entity->openness() == v1::OPENNESS_OPEN_WEIGHTS) {
      out->set_side(v1::SIDE_OPEN);
    } else if (actor.entity->openness() == v1::OPENNESS_CLOSED) {
      out->set_side(v1::SIDE_CLOSED);
    } else if (actor.open_weight > 0 && actor.closed_weight > 0) {
      out->set_side(v1::SIDE_BOTH);
    } else if (actor.open_weight > 0) {
      out->set_side(v1::SIDE_OPEN);
    } else if (actor.closed_weight > 0) {
      out->set_side(v1::SIDE_CLOSED);
    }
    out->set_score(std::tanh(actor.contribution / kScoreScale));
    out->set_sentences(actor.sentences);
  }
}

absl::Status CheckDocument(const PreparedDocument& document) {
  for (const auto& sentence : document.sentences()) {
    if (sentence.first_token() + sentence.token_count() >
            static_cast<uint32_t>(Tokens(document).size()) ||
        sentence.begin() > sentence.end() ||
        sentence.end() > document.text().size()) {
      return absl::InvalidArgumentError(
          "document: sentence out of the tokens or text");
    }
  }
  return absl::OkStatus();
}

// Scores every sentence of an on-topic document, in order: the side it
// speaks of (its own cues, or the topic the sentences before it set), its
// polarity, and its emphasis (concessions and quotations weigh less).
std::vector<Scored> ScoreSentences(const SentenceScorer& scorer,
                                   const PreparedDocument& document,
                                   const std::vector<bool>& quoted) {
  std::vector<Scored> scored;
  // Pages often repeat their title or lead; a repeated sentence is one
  // piece of evidence, not several.
  std::unordered_set<std::string_view> seen;
  Topic topic;
  for (int s = 0; s < document.sentences_size(); ++s) {
    const auto& sentence = document.sentences(s);
    if (!seen.insert(std::string_view(document.text())
                         .substr(sentence.begin(),
                                 sentence.end() - sentence.begin()))
             .second) {
      continue;
    }
    SentenceScore score = scorer.Score(s, true, topic);
    if (score.inherited) {
      topic.weight *= kTopicDecay;
      if (topic.weight < kMinTopicWeight) topic.weight = 0;
    } else if (score.open_weight > 0 && score.closed_weight == 0) {
      topic = {Side::kOpen, score.open_weight * kTopicDecay};
    } else if (score.closed_weight > 0 && score.open_weight == 0) {
      topic = {Side::kClosed, score.closed_weight * kTopicDecay};
    } else {
      // Both sides, or none: the next sentence's topic is unclear.
      topic.weight = 0;
    }
    // A concession weighs less than the answer to it: "Certes ..." itself,
    // and the sentences a "Mais ..." / "However ..." answers.
    if (scorer.OpensWithConcession(s)) score.emphasis *= kConcession;
    if (quoted[s]) score.emphasis *= kQuoted;
    if (scorer.OpensWithContrast(s)) {
      for (size_t k = scored.size(); k-- > 0;) {
        if (scored[k].sentence < s - kConcededSentences) break;
        scored[k].score.emphasis *= kConcession;
      }
    }
    scored.push_back({s, score});
  }
  return scored;
}

// The evidence for each side, the sentences that name each side themselves
// (a sentence that only goes on about a side does not count), and the mean
// polarity toward each.
void CountSides(const std::vector<Scored>& scored, DocumentEvidence* e) {
  double open_polarity = 0, closed_polarity = 0;
  for (const Scored& item : scored) {
    const SentenceScore& score = item.score;
    const bool open = score.open_weight > 0 && !score.inherited;
    const bool closed = score.closed_weight > 0 && !score.inherited;
    if (open) {
      ++e->open_sentences;
      open_polarity += score.OpenPolarity();
    }
    if (closed) {
      ++e->closed_sentences;
      closed_polarity += score.ClosedPolarity();
    }
    e->both_sentences += open && closed;
    e->pro_open += score.ProOpenEvidence();
    e->pro_closed += score.ProClosedEvidence();
  }
  e->open_sentiment = e->open_sentences ? open_polarity / e->open_sentences : 0;
  e->closed_sentiment =
      e->closed_sentences ? closed_polarity / e->closed_sentences : 0;
}

// The frames' words in the whole text and in the sentences that speak of
// each side (their own cues or the topic they carry on).
void CountFrames(const PreparedDocument& document,
                 const std::vector<Scored>& scored, const Frames& frames,
                 DocumentEvidence* e) {
  const Tokens tokens(document);
  for (const Token& token : tokens) {
    e->words += token.kind() == plugin::v1::TOKEN_KIND_WORD;
  }
  const std::vector<uint16_t> marks = frames.Mark(tokens);
  Frames::Count(marks, 0, static_cast<int>(marks.size()), &e->frames);
  for (const Scored& item : scored) {
    const auto& sentence = document.sentences(item.sentence);
    const int begin = static_cast<int>(sentence.first_token());
    FrameCounts counts{};
    Frames::Count(marks, begin,
                  begin + static_cast<int>(sentence.token_count()), &counts);
    for (int f = 0; f < kFrameCount; ++f) {
      if (item.score.open_weight > 0) e->open_frames[f] += counts[f];
      if (item.score.closed_weight > 0) e->closed_frames[f] += counts[f];
    }
  }
}

// Mentions of entities whose openness is known.
void CountEntities(const v1::Entities& entities, DocumentEvidence* e) {
  for (const v1::Entity& entity : entities.entities()) {
    if (entity.openness() == v1::OPENNESS_OPEN_WEIGHTS) {
      e->open_entities += entity.mentions_size();
    } else if (entity.openness() == v1::OPENNESS_CLOSED) {
      e->closed_entities += entity.mentions_size();
    }
  }
}

// Adds one evidence sentence and its cues to `stance`.
void AddEvidence(const PreparedDocument& document, const Scored& item,
                 v1::Stance* stance) {
  const auto& sentence = document.sentences(item.sentence);
  const SentenceScore& score = item.score;
  v1::StanceEvidence* evidence = stance->add_evidence();
  evidence->mutable_span()->set_begin(sentence.begin());
  evidence->mutable_span()->set_end(sentence.end());
  evidence->set_text(document.text().substr(sentence.begin(),
                                            sentence.end() - sentence.begin()));
  if (score.open_weight > 0 && score.closed_weight > 0) {
    evidence->set_target(v1::SIDE_BOTH);
    // Toward "open rather than closed".
    evidence->set_polarity((score.OpenPolarity() - score.ClosedPolarity()) / 2);
  } else if (score.open_weight > 0) {
    evidence->set_target(v1::SIDE_OPEN);
    evidence->set_polarity(score.OpenPolarity());
  } else {
    evidence->set_target(v1::SIDE_CLOSED);
    evidence->set_polarity(score.ClosedPolarity());
  }
  evidence->set_weight(score.Contribution());
  evidence->set_negated(score.negated);
  AddCues(document, score, evidence);
}

// What the analysis of one document gathered.
struct Gathered {
  std::vector<Scored> scored;  // the sentences, when on topic
  DocumentEvidence evidence;
};

// The sentence-level analysis of a checked document and what it adds up to.
Gathered Gather(const Lexicons& lexicons, const Frames& frames,
                const PreparedDocument& document,
                const v1::Entities* entities) {
  SentenceScorer scorer(lexicons, document, entities);
  Gathered out;
  DocumentEvidence& evidence = out.evidence;
  for (int s = 0; s < document.sentences_size() && !evidence.on_topic; ++s) {
    evidence.on_topic = scorer.HasSureCue(s);
  }
  const std::vector<bool> quoted = QuotedSentences(document);
  evidence.sentences = document.sentences_size();
  evidence.quoted =
      static_cast<int>(std::count(quoted.begin(), quoted.end(), true));
  if (evidence.on_topic) out.scored = ScoreSentences(scorer, document, quoted);
  CountSides(out.scored, &evidence);
  CountFrames(document, out.scored, frames, &evidence);
  if (entities != nullptr) CountEntities(*entities, &evidence);
  return out;
}

}  // namespace

StanceAnalyzer::StanceAnalyzer(SideCues cues, WordTable domain,
                               WordTable predicates, WordTable polarity_en,
                               WordTable polarity_fr, Frames frames,
                               std::optional<StanceModel> model)
    : cues_(std::move(cues)),
      domain_(std::move(domain)),
      predicates_(std::move(predicates)),
      polarity_en_(std::move(polarity_en)),
      polarity_fr_(std::move(polarity_fr)),
      frames_(std::move(frames)),
      model_(std::move(model)) {}

StanceAnalyzer::~StanceAnalyzer() = default;

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
  absl::StatusOr<Frames> frames = Frames::Parse(texts.frames);
  if (!frames.ok()) return frames.status();
  std::optional<StanceModel> model;
  if (!texts.model.empty()) {
    absl::StatusOr<StanceModel> parsed =
        StanceModel::Parse(texts.model, StanceFeatureNames());
    if (!parsed.ok()) return parsed.status();
    model = *std::move(parsed);
  }
  return std::unique_ptr<StanceAnalyzer>(new StanceAnalyzer(
      *std::move(cues), *std::move(domain), *std::move(predicates),
      *std::move(en), *std::move(fr), *std::move(frames), std::move(model)));
}

LexiconTexts StanceAnalyzer::EmbeddedTexts() {
  LexiconTexts texts;
  texts.side_cues = embedded::stance_side_cues();
  texts.domain_polarity = embedded::stance_domain_polarity();
  texts.predicates = embedded::stance_predicates();
  texts.polarity_en = embedded::stance_polarity_en();
  texts.polarity_fr = embedded::stance_polarity_fr();
  texts.frames = embedded::stance_frames();
  texts.model = embedded::stance_model();
  return texts;
}

absl::StatusOr<std::unique_ptr<StanceAnalyzer>> StanceAnalyzer::Create() {
  auto analyzer = FromLexicons(EmbeddedTexts());
  if (!analyzer.ok()) {
    return absl::InternalError(
        absl::StrCat("embedded stance data: ", analyzer.status().message()));
  }
  return analyzer;
}

Lexicons StanceAnalyzer::lexicons() const {
  return Lexicons{&cues_, &domain_, &predicates_, &polarity_en_, &polarity_fr_};
}

absl::StatusOr<std::vector<double>> StanceAnalyzer::Features(
    const PreparedDocument& document, const v1::Entities* entities) const {
  if (absl::Status status = CheckDocument(document); !status.ok()) {
    return status;
  }
  return StanceFeatures(
      Gather(lexicons(), frames_, document, entities).evidence);
}

absl::StatusOr<v1::Stance> StanceAnalyzer::Analyze(
    const PreparedDocument& document, const v1::Entities* entities,
    const StanceConfig& config) const {
  if (config.max_evidence > 50) {
    return absl::InvalidArgumentError("max_evidence: must be in 0..50");
  }
  if (absl::Status status = CheckDocument(document); !status.ok()) {
    return status;
  }
  if (!model_.has_value()) {
    return absl::FailedPreconditionError("stance: no model loaded");
  }
  const Gathered gathered = Gather(lexicons(), frames_, document, entities);
  const DocumentEvidence& evidence = gathered.evidence;
  v1::Stance stance;
  stance.mutable_open()->set_mentions(evidence.open_sentences);
  stance.mutable_open()->set_sentiment(evidence.open_sentiment);
  stance.mutable_closed()->set_mentions(evidence.closed_sentences);
  stance.mutable_closed()->set_sentiment(evidence.closed_sentiment);

  // A text without a word takes no side. Otherwise the label is the
  // model's most probable one, the confidence its probability, and the score
  // leans by how much more probable pro-open is than pro-closed.
  if (evidence.words == 0) {
    stance.set_label(v1::STANCE_LABEL_NEUTRAL);
    stance.set_confidence(1);
    return stance;
  }
  const LabelProbabilities p = model_->Probabilities(StanceFeatures(evidence));
  const int best =
      static_cast<int>(std::max_element(p.begin(), p.end()) - p.begin());
  stance.set_label(kModelLabels[best]);
  stance.set_confidence(p[best]);
  stance.set_score(p[kProOpenLabel] - p[kProClosedLabel]);

  std::vector<const Scored*> strongest;
  for (const Scored& item : gathered.scored) {
    if (std::abs(item.score.Contribution()) > 1e-3) strongest.push_back(&item);
  }
  std::stable_sort(strongest.begin(), strongest.end(),
                   [](const Scored* a, const Scored* b) {
                     return std::abs(a->score.Contribution()) >
                            std::abs(b->score.Contribution());
                   });
  if (strongest.size() > config.max_evidence) {
    strongest.resize(config.max_evidence);
  }
  for (const Scored* item : strongest) AddEvidence(document, *item, &stance);
  if (entities != nullptr) {
    AddActors(document, *entities, gathered.scored, &stance);
  }
  return stance;
}

}  // namespace textlens::plugins::stance
