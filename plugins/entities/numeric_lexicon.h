// Word lists of numeric expressions in French and English: currencies,
// scale words, units, numbers written as words, month names.
//
// Thread-safe: lookups in immutable tables built on first use.
#ifndef TEXTLENS_PLUGINS_ENTITIES_NUMERIC_LEXICON_H_
#define TEXTLENS_PLUGINS_ENTITIES_NUMERIC_LEXICON_H_

#include <optional>
#include <string>
#include <string_view>

#include "absl/container/flat_hash_map.h"

namespace textlens::plugins::entities {

// ISO 4217 code by lowercased currency word or sign ("dollars", "$", "€").
const absl::flat_hash_map<std::string, std::string>& Currencies();

// The multiplier of a scale word ("millions" 1e6, "milliards" 1e9; French
// "billion" is 1e12). Single letters ("M", "k", "B") count only
// `before_currency` ("100 M€").
std::optional<double> ScaleOf(std::string_view lower, bool french,
                              bool before_currency);

// English unit name by lowercased unit or counted noun ("paramètres" ->
// "parameters", "an" -> "year").
const absl::flat_hash_map<std::string, std::string>& Units();

// Whether an English unit name is a duration ("year", "days").
bool IsTimeUnit(std::string_view unit);

// Small numbers written as words ("un", "deux", "three").
std::optional<int> SpelledNumber(std::string_view lower);

// Month number (1..12) of a case- and accent-folded month name or
// abbreviation, or 0.
int MonthOf(std::string_view folded);

// Month names that are also common words ("mars", "may") or short
// abbreviations: alone they need a preposition such as "en" or "in".
bool IsAmbiguousMonth(std::string_view folded);

// Words that introduce a month alone ("en", "depuis", "in", "since").
bool IsMonthPreposition(std::string_view lower);

}  // namespace textlens::plugins::entities

#endif  // TEXTLENS_PLUGINS_ENTITIES_NUMERIC_LEXICON_H_
