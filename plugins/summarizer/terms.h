// Which tokens of a prepared document carry content, for sentence vectors
// and key phrases alike.
//
// Thread-safety: pure functions.
#ifndef TEXTLENS_PLUGINS_SUMMARIZER_TERMS_H_
#define TEXTLENS_PLUGINS_SUMMARIZER_TERMS_H_

#include "plugins/sdk/tokens.h"
#include "textlens/plugin/v1/plugin.pb.h"

namespace textlens::plugins::summarizer {

// True for WORD and NUMBER tokens that are not stopwords and have a stem,
// and for all-capital acronyms even when their lowercase form is a stopword
// ("AI" is the French "ai", "US" the English "us"). One-letter words are
// not content (elision leftovers, initials).
inline bool IsContentToken(
    const textlens::plugin::v1::PreparedDocument& document,
    const textlens::sdk::Token& token) {
  if (token.stem().empty()) return false;
  if (token.kind() == textlens::plugin::v1::TOKEN_KIND_NUMBER) {
    return !token.stopword();
  }
  if (token.kind() != textlens::plugin::v1::TOKEN_KIND_WORD ||
      token.lower().size() < 2) {
    return false;
  }
  if (!token.stopword()) return true;
  if (token.end() > document.text().size() || token.end() - token.begin() < 2) {
    return false;
  }
  for (uint32_t i = token.begin(); i < token.end(); ++i) {
    const char c = document.text()[i];
    if (c < 'A' || c > 'Z') return false;
  }
  return true;
}

}  // namespace textlens::plugins::summarizer

#endif  // TEXTLENS_PLUGINS_SUMMARIZER_TERMS_H_
