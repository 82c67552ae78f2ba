// Valence modifiers of one sentence: negation scopes ("ne ... pas", "not",
// "sans", "n't"), intensifiers ("très", "extremely"), diminishers ("peu",
// "slightly"), contrast ("mais", "but": the clause after it weighs more) and
// concession ("bien que", "although", "malgré": the clause it opens weighs
// less than the main clause).
//
// Thread-safety: pure functions over their arguments.
#ifndef TEXTLENS_PLUGINS_STANCE_MODIFIERS_H_
#define TEXTLENS_PLUGINS_STANCE_MODIFIERS_H_

#include <string>
#include <vector>

#include "google/protobuf/repeated_field.h"
#include "plugins/sdk/tokens.h"
#include "textlens/plugin/v1/plugin.pb.h"

namespace textlens::plugins::stance {

// What applies to one token's valence.
struct TokenModifier {
  // Multiplier of the token's valence; negative inside a negation scope.
  double factor = 1.0;
  // Inside the scope of a negation.
  bool negated = false;
  // Negated by a full negation ("not", "ne ... pas") rather than "sans" or
  // "without", which deny a thing's presence more than they flip it.
  bool fully_negated = false;
  // The token is itself a negator or a modifier and carries no valence.
  bool is_operator = false;
};

// How many word tokens a negation reaches when no punctuation ends it first.
inline constexpr int kNegationScope = 4;
// VADER's negation factor: a negated word is a weaker opposite.
inline constexpr double kNegationFactor = -0.74;

// Punctuation that ends a clause: "," ";" ":" and dashes.
bool IsClauseBoundary(const sdk::Token& token);

// Words that turn the sentence around ("mais", "toutefois", "however",
// "but"): what follows is what the writer means.
bool IsContrast(std::string_view lower);

// One modifier per token of [begin, end) (index i - begin).
std::vector<TokenModifier> ComputeModifiers(const sdk::Tokens& tokens,
                                            int begin, int end);

}  // namespace textlens::plugins::stance

#endif  // TEXTLENS_PLUGINS_STANCE_MODIFIERS_H_
