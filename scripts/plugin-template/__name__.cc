#include "plugins/__name__/__name__.h"

#include <vector>

#include "absl/status/status.h"
#include "plugins/sdk/tokens.h"

namespace textlens::plugins::__name__ {

absl::StatusOr<v1::__Name__Result> Analyze(
    const plugin::v1::PreparedDocument& document, int min_word_length) {
  if (min_word_length < 1) {
    return absl::InvalidArgumentError("min_word_length: must be at least 1");
  }
  v1::__Name__Result result;
  std::vector<uint32_t> per_sentence(document.sentences_size(), 0);
  for (const sdk::Token& token : sdk::Tokens(document)) {
    if (token.kind() != plugin::v1::TOKEN_KIND_WORD ||
        token.end() - token.begin() < static_cast<uint32_t>(min_word_length)) {
      continue;
    }
    result.set_words(result.words() + 1);
    if (token.sentence() < per_sentence.size())
      ++per_sentence[token.sentence()];
  }
  result.set_sentences(document.sentences_size());
  int longest = -1;
  for (int s = 0; s < document.sentences_size(); ++s) {
    if (longest < 0 || per_sentence[s] > per_sentence[longest]) longest = s;
  }
  if (longest >= 0) {
    result.mutable_longest_sentence()->set_begin(
        document.sentences(longest).begin());
    result.mutable_longest_sentence()->set_end(
        document.sentences(longest).end());
  }
  return result;
}

}  // namespace textlens::plugins::__name__
