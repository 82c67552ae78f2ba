// Matching keys for names: the same key for "DeepSeek-R1", "DeepSeek R1" and
// (when folding) "deepseek r1", so aliases match across spelling variants.
//
// Thread-safe: pure functions.
#ifndef TEXTLENS_PLUGINS_ENTITIES_TEXT_KEYS_H_
#define TEXTLENS_PLUGINS_ENTITIES_TEXT_KEYS_H_

#include <string>
#include <string_view>

namespace textlens::plugins::entities {

// Returns `text` without whitespace (ASCII, U+00A0, U+202F) and hyphens
// (ASCII and U+2010..U+2013), with Latin accents removed ("é" -> "e",
// "œ" -> "oe") and typographic apostrophes turned into "'". When
// `fold_case`, ASCII and Latin-1 letters are also lowercased. Invalid UTF-8
// bytes are copied as they are.
std::string NameKey(std::string_view text, bool fold_case);

// True if `text` has at least one letter and no lowercase ASCII or Latin-1
// letter ("RADIO", "IBM", "ÉCRIT").
bool IsAllCaps(std::string_view text);

}  // namespace textlens::plugins::entities

#endif  // TEXTLENS_PLUGINS_ENTITIES_TEXT_KEYS_H_
