// A heuristic for names the knowledge base does not know: runs of
// capitalized words, typed from cues (titles, first names, suffixes such as
// "Inc" or "Labs", heads such as "Université").
//
// Thread-safe: pure functions.
#ifndef TEXTLENS_PLUGINS_ENTITIES_CAPITALIZED_NAMES_H_
#define TEXTLENS_PLUGINS_ENTITIES_CAPITALIZED_NAMES_H_

#include <vector>

#include "plugins/entities/knowledge_base.h"
#include "textlens/plugin/v1/plugin.pb.h"
#include "textlens/v1/entities.pb.h"

namespace textlens::plugins::entities {

// A name the knowledge base does not know, over tokens [first_token,
// last_token].
struct NameMatch {
  int first_token = 0;
  int last_token = 0;
  textlens::v1::EntityType type = textlens::v1::ENTITY_TYPE_MISC;
  double confidence = 0.0;
  // HEURISTIC here; MODEL for the tagger's names.
  textlens::v1::MentionSource source = textlens::v1::MENTION_SOURCE_HEURISTIC;
};

// Finds runs of capitalized words touching no token marked in `claimed`.
// Inner connectors ("de", "of", "von") may join two capitalized words.
// Sentence-initial words are kept only when the document also writes them
// capitalized elsewhere (or a cue types them); stopwords, words of
// `kb`'s not_names list, words the document also writes in lowercase, and
// all-caps boilerplate ("ÉCRIT PAR") are left out; title-case headings are
// skipped.
std::vector<NameMatch> FindCapitalizedNames(
    const textlens::plugin::v1::PreparedDocument& doc, const KnowledgeBase& kb,
    const std::vector<bool>& claimed);

}  // namespace textlens::plugins::entities

#endif  // TEXTLENS_PLUGINS_ENTITIES_CAPITALIZED_NAMES_H_
