// Hand-written function-word lists and distinctive character n-grams for the
// languages the text layer knows (fr, en, de, es, it, nl, pt, pl). They drive
// language detection and serve as stopword lists where no better list exists.
//
// Thread-safe: immutable static data.
#ifndef TEXTLENS_SERVICE_TEXT_FUNCTION_WORDS_H_
#define TEXTLENS_SERVICE_TEXT_FUNCTION_WORDS_H_

#include <string_view>
#include <vector>

namespace textlens::service::text {

struct LanguageLexicon {
  // BCP-47 primary tag.
  std::string_view code;
  // Lowercase function words, separated by spaces.
  std::string_view function_words;
  // Distinctive lowercase character n-grams, separated by spaces; '_' marks
  // a word boundary ("_the_", "ing_"). Each n-gram is evidence for the
  // language.
  std::string_view ngrams;
};

// Every language of the detector, in a fixed order.
const std::vector<LanguageLexicon>& LanguageLexicons();

// The non-empty items of `list` separated by `sep`.
std::vector<std::string_view> SplitList(std::string_view list, char sep);

}  // namespace textlens::service::text

#endif  // TEXTLENS_SERVICE_TEXT_FUNCTION_WORDS_H_
