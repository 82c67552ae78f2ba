// Key phrase extraction: TextRank over a co-occurrence graph of content word
// stems, then short noun-phrase-like runs scored by their words' weights.
//
// Thread-safety: free functions without shared state; safe to call from many
// threads at once.
#ifndef TEXTLENS_PLUGINS_SUMMARIZER_KEY_PHRASES_H_
#define TEXTLENS_PLUGINS_SUMMARIZER_KEY_PHRASES_H_

#include <functional>
#include <vector>

#include "absl/status/statusor.h"
#include "textlens/plugin/v1/plugin.pb.h"
#include "textlens/v1/summary.pb.h"

namespace textlens::plugins::summarizer {

struct KeyPhraseOptions {
  // Number of phrases to return; 0 returns none.
  int max_phrases = 10;
  // Longest phrase, in words (1 to 3).
  int max_words = 3;
  // Co-occurrence window over content words of one sentence.
  int window = 3;
  // Weigh each word's TextRank by its general IDF (general_idf.h); false
  // gives plain TextRank (the evaluation's baseline).
  bool general_idf = true;
};

// Extracts up to `options.max_phrases` key phrases of `document`, best first.
// A candidate is a run of 1..max_words non-stopword WORD/NUMBER tokens of
// one sentence (stopwords, punctuation and symbols end a run) that starts
// and ends with a word. Candidates with the same stems are one phrase with
// all their mentions; a phrase inside a better one (or containing it) is
// dropped. Scores are normalized so the best is 1. CANCELLED when
// `cancelled` says so.
absl::StatusOr<std::vector<textlens::v1::KeyPhrase>> ExtractKeyPhrases(
    const textlens::plugin::v1::PreparedDocument& document,
    const KeyPhraseOptions& options, const std::function<bool()>& cancelled);

}  // namespace textlens::plugins::summarizer

#endif  // TEXTLENS_PLUGINS_SUMMARIZER_KEY_PHRASES_H_
