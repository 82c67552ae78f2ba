// Groups tokens into sentences following French and English news
// conventions: abbreviations ("M.", "Mme", "Dr.", "U.S.", "p. ex.") do not
// end a sentence, closing quotes stay with their sentence, a line without
// final punctuation is a heading of its own, blank lines start paragraphs.
//
// Thread-safe: a pure function.
#ifndef TEXTLENS_SERVICE_TEXT_SENTENCE_SPLITTER_H_
#define TEXTLENS_SERVICE_TEXT_SENTENCE_SPLITTER_H_

#include <cstdint>
#include <string_view>
#include <vector>

#include "service/text/tokenizer.h"

namespace textlens::service::text {

struct SentenceSpan {
  uint32_t first_token = 0;
  uint32_t token_count = 0;
  uint32_t paragraph = 0;
  bool is_heading = false;
};

// Sentences of `text` given its `tokens` (from Tokenizer). Every token
// belongs to exactly one sentence; sentences are never empty.
std::vector<SentenceSpan> SplitSentences(std::string_view text,
                                         const std::vector<RawToken>& tokens);

}  // namespace textlens::service::text

#endif  // TEXTLENS_SERVICE_TEXT_SENTENCE_SPLITTER_H_
