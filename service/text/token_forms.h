// Per-token derived forms: Unicode lowercase with "'" apostrophes, Snowball
// stems, capitalization.
//
// Thread-safe: stemmers are kept per thread (an sb_stemmer is not thread-safe).
#ifndef TEXTLENS_SERVICE_TEXT_TOKEN_FORMS_H_
#define TEXTLENS_SERVICE_TEXT_TOKEN_FORMS_H_

#include <string>
#include <string_view>

namespace textlens::service::text {

// Full Unicode case folding of `token`, with U+2019 turned into "'".
std::string LowerToken(std::string_view token);

// Snowball stem of `lower` for `language` (fr, en, de, es, it, nl, pt, ru);
// `lower` itself for other languages.
std::string StemToken(std::string_view language, std::string_view lower);

// Whether `token` starts with an uppercase or titlecase letter.
bool IsCapitalized(std::string_view token);

}  // namespace textlens::service::text

#endif  // TEXTLENS_SERVICE_TEXT_TOKEN_FORMS_H_
