// Patterns for numeric expressions in French and English: dates, amounts of
// money, percentages and quantities, found over the prepared tokens.
//
// Thread-safe: pure functions.
#ifndef TEXTLENS_PLUGINS_ENTITIES_PATTERNS_H_
#define TEXTLENS_PLUGINS_ENTITIES_PATTERNS_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "plugins/sdk/tokens.h"
#include "textlens/plugin/v1/plugin.pb.h"
#include "textlens/v1/entities.pb.h"

namespace textlens::plugins::entities {

// A numeric expression over tokens [first_token, last_token].
struct PatternMatch {
  int first_token = 0;
  int last_token = 0;
  textlens::v1::EntityType type = textlens::v1::ENTITY_TYPE_UNSPECIFIED;
  // ISO date ("2025-06-17", "2025-01", "2025"), "USD 6000000", "45",
  // "671000000000 parameters", "1 year", "1408.84".
  std::string normalized;
  double confidence = 0.0;
};

// Finds the numeric expressions of `doc` that touch no token marked in
// `claimed` (same size as textlens::sdk::Tokens(doc)), in document order,
// without overlaps. Spans start at the number, the currency sign or the month,
// so determiners and hedges ("environ", "about") stay out. Dates without a year
// ("janvier", "17 juin") take the year of the document's first dated
// expression, or the year before when their month comes later in the year
// (news speak of the past); with no dated expression they normalize to
// "--MM" or "--MM-DD".
std::vector<PatternMatch> FindPatterns(
    const textlens::plugin::v1::PreparedDocument& doc,
    const std::vector<bool>& claimed);

// Parses "5,6", "1 000", "1,000.5", "2.0" (French uses "," for decimals,
// English "."; three digits after a lone separator mean thousands, except
// after a French ","). nullopt if `text` is not a number.
std::optional<double> ParseNumber(std::string_view text, bool french);

// Formats a value without exponent or trailing zeros: 6000000, 1408.84.
std::string FormatNumber(double value);

}  // namespace textlens::plugins::entities

#endif  // TEXTLENS_PLUGINS_ENTITIES_PATTERNS_H_
