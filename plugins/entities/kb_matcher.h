// Finds the aliases of the knowledge base in a prepared document: longest
// match over tokens, hyphen/space/accent tolerant, with ambiguous aliases
// ("Meta", "MIT", "X", "R1") decided from their context.
//
// Thread-safe: pure functions over const data.
#ifndef TEXTLENS_PLUGINS_ENTITIES_KB_MATCHER_H_
#define TEXTLENS_PLUGINS_ENTITIES_KB_MATCHER_H_

#include <vector>

#include "plugins/entities/knowledge_base.h"
#include "textlens/plugin/v1/plugin.pb.h"

namespace textlens::plugins::entities {

// An alias of entry `entry` over tokens [first_token, last_token].
struct KbMatch {
  int first_token = 0;
  int last_token = 0;
  int entry = 0;
  double confidence = 0.0;
  // Bytes to leave out at the end of the last token: an English possessive
  // ("OpenAI's" is one token; the mention is "OpenAI").
  int trim_end = 0;
};

// Scans `doc` left to right, taking at each token the longest alias that
// resolves: an unambiguous alias always does; an ambiguous one needs one of
// its entry's cue words within 8 tokens of its sentence, or the entry (or its
// owner) named unambiguously elsewhere in the document, or, unless the entry
// is `strict_cues`, a domain word ("IA", "modèle"...) in the sentence or its
// neighbours (weaker evidence for entries that have cues). Anti-cues ("vent"
// for Mistral), a first name before or an unknown capitalized word after
// ("Claude Monet") reject. When several entries share an alias, the one with
// the strongest evidence wins, then the first in the base. A one-word place
// followed by an unknown capitalized word ("France Inter") is left to the
// name heuristic. Matches never overlap and stay within a sentence and a
// line; an English possessive is left out of the span.
std::vector<KbMatch> MatchKnowledgeBase(
    const textlens::plugin::v1::PreparedDocument& doc, const KnowledgeBase& kb);

}  // namespace textlens::plugins::entities

#endif  // TEXTLENS_PLUGINS_ENTITIES_KB_MATCHER_H_
