// SentenceScorer: what each sentence of a prepared document says about the
// open and the closed side: how surely it names each side (side cues and
// entities of known openness) and the polarity it expresses toward each
// (lexicon valences under negation, intensity, contrast and proximity, plus
// predicates that rank one side over the other).
//
// Thread-safety: one scorer per document and call; it only reads the
// lexicons, which may be shared by concurrent calls.
#ifndef TEXTLENS_PLUGINS_STANCE_SENTENCE_SCORER_H_
#define TEXTLENS_PLUGINS_STANCE_SENTENCE_SCORER_H_

#include <optional>
#include <vector>

#include "plugins/sdk/tokens.h"
#include "plugins/stance/side_cues.h"
#include "plugins/stance/word_table.h"
#include "textlens/plugin/v1/plugin.pb.h"
#include "textlens/v1/entities.pb.h"

namespace textlens::plugins::stance {

// The lexicons a scorer reads; not owned.
struct Lexicons {
  const SideCues* cues;
  const WordTable* domain;       // domain valences, any language, win first
  const WordTable* predicates;   // subject side over object side
  const WordTable* polarity_en;  // generic valences
  const WordTable* polarity_fr;
};

// A word or phrase that counted in a sentence.
struct ScoredWord {
  int first_token = 0;  // document token index
  int token_count = 1;
  bool names_side = false;  // a side cue (then `side` is the side it names)
  Side side = Side::kOpen;
  double valence = 0;  // what it brought, modifiers applied
};

// What one sentence says about each side.
struct SentenceScore {
  double open_weight = 0;    // how surely it speaks about open, [0, 1]
  double closed_weight = 0;  // same for closed
  // Summed positive and (magnitudes of) negative valence toward each side,
  // kept apart so that praise and blame in one sentence both count as
  // evidence instead of cancelling out.
  double open_positive = 0;
  double open_negative = 0;
  double closed_positive = 0;
  double closed_negative = 0;
  bool negated = false;  // a negation flipped something that counted
  // The sentence names no side itself and speaks of the one the sentences
  // before it named ("Ces modèles...", "They...").
  bool inherited = false;
  // The side cues and the words that judged, in text order.
  std::vector<ScoredWord> words;

  // Adds a valence toward `side`.
  void Add(Side side, double value);
  // Polarity toward each side in (-1, 1).
  double OpenPolarity() const;
  double ClosedPolarity() const;
  // How much the sentence weighs in the document: below 1 for a concession
  // the writer goes on to answer ("Certes...", the sentence before a
  // "Mais..."), 1 otherwise.
  double emphasis = 1.0;

  // Evidence for open (praise of open, blame of closed) and for closed, >= 0,
  // times `emphasis`.
  double ProOpenEvidence() const;
  double ProClosedEvidence() const;
  // Pro-open minus pro-closed evidence, in (-2, 2).
  double Contribution() const {
    return ProOpenEvidence() - ProClosedEvidence();
  }
};

// The side the text is still speaking about when a sentence names none:
// the one side the last sentence with cues named, its weight decaying with
// each sentence since.
struct Topic {
  Side side = Side::kOpen;
  double weight = 0;  // 0: none
};

class SentenceScorer {
 public:
  // `lexicons`, `document` and `entities` (may be nullptr) must outlive the
  // scorer. Entity mention spans are UTF-8 byte offsets into document.text.
  SentenceScorer(const Lexicons& lexicons,
                 const plugin::v1::PreparedDocument& document,
                 const v1::Entities* entities);

  // Whether sentence `s` opens with a contrast ("Mais", "Toutefois",
  // "However", "But"): what came before it is a concession.
  bool OpensWithContrast(int s) const;
  // Whether sentence `s` opens by conceding ("Certes", "Bien sûr",
  // "Admittedly", "Of course"): the writer grants it before answering.
  bool OpensWithConcession(int s) const;

  // Whether sentence `s` names a side surely (a strong lexical cue). A
  // document without any such sentence is off topic.
  bool HasSureCue(int s) const;

  // Scores sentence `s`. Weak cues and entities count only when
  // `document_on_topic`. A sentence without cues of its own speaks of
  // `topic`, if any.
  SentenceScore Score(int s, bool document_on_topic,
                      const Topic& topic = Topic()) const;

 private:
  std::vector<CueMatch> Cues(int s, bool document_on_topic) const;
  // The side cues lexicons find in sentence `s`, matched once per sentence.
  const std::vector<CueMatch>& LexicalCues(int s) const;
  void CollectEntityCues(const v1::Entities& entities);
  std::optional<double> Valence(const sdk::Token& token) const;

  Lexicons lexicons_;
  const plugin::v1::PreparedDocument& doc_;
  const WordTable* generic_;  // for the document's language; null if unknown
  std::vector<CueMatch> entity_cues_;
  // LexicalCues of each sentence, once asked.
  mutable std::vector<std::optional<std::vector<CueMatch>>> lexical_cues_;
};

}  // namespace textlens::plugins::stance

#endif  // TEXTLENS_PLUGINS_STANCE_SENTENCE_SCORER_H_
