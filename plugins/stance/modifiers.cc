#include "plugins/stance/modifiers.h"

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "plugins/sdk/absl_view.h"

namespace textlens::plugins::stance {
namespace {

using sdk::Token;

enum class Negator { kNone, kFull, kWeak, kAfterNe };

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() &&
         s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// What a word does to the words around it. Every list below is one table,
// so a token costs one lookup whatever it turns out to be.
struct WordRole {
  Negator negator = Negator::kNone;
  double intensity = 1.0;   // see Intensity
  bool contrast = false;    // see IsContrast
  bool concessive = false;  // opens a concessive clause alone
};

const WordRole* RoleOf(std::string_view lower) {
  static const auto* table = [] {
    auto* roles = new absl::flat_hash_map<absl::string_view, WordRole>;
    for (absl::string_view word :
         {"ne",   "n'",      "pas",    "jamais",  "aucun",  "aucune",
          "nul",  "nulle",   "ni",     "not",     "no",     "never",
          "nor",  "neither", "nobody", "nothing", "cannot", "n't",
          "none", "isn't",   "aren't"}) {
      (*roles)[word].negator = Negator::kFull;
    }
    for (absl::string_view word :
         {"sans", "without", "lack", "lacks", "lacking", "absence", "manque",
          "manquent", "absent"}) {
      (*roles)[word].negator = Negator::kWeak;
    }
    // Negate only after "ne" ("ne ... plus", "ne ... rien"): alone they
    // mean "more", "someone", "anything".
    for (absl::string_view word : {"plus", "rien", "personne", "guère"}) {
      (*roles)[word].negator = Negator::kAfterNe;
    }
    // Multipliers for the next valence word: > 1 intensifies, (0, 1)
    // weakens, negative reverses ("moins performant", "less reliable" judge
    // against; "un faux avantage", "a false promise": the quality is
    // denied).
    const std::pair<absl::string_view, double> intensities[] = {
        {"très", 1.3},
        {"trop", 1.2},
        {"extrêmement", 1.5},
        {"vraiment", 1.3},
        {"particulièrement", 1.3},
        {"tellement", 1.3},
        {"hautement", 1.3},
        {"totalement", 1.3},
        {"complètement", 1.3},
        {"si", 1.1},
        {"very", 1.3},
        {"extremely", 1.5},
        {"really", 1.3},
        {"highly", 1.3},
        {"incredibly", 1.5},
        {"truly", 1.3},
        {"so", 1.1},
        {"particularly", 1.3},
        {"totally", 1.3},
        {"completely", 1.3},
        {"peu", 0.5},
        {"moins", -0.5},
        {"légèrement", 0.6},
        {"assez", 0.8},
        {"plutôt", 0.8},
        {"slightly", 0.6},
        {"somewhat", 0.7},
        {"less", -0.5},
        {"barely", 0.5},
        {"fairly", 0.8},
        {"faux", -0.8},
        {"fausse", -0.8},
        {"fausses", -0.8},
        {"prétendu", -0.8},
        {"prétendue", -0.8},
        {"false", -0.8},
        {"so-called", -0.8},
        {"supposed", -0.5}};
    for (const auto& [word, intensity] : intensities) {
      (*roles)[word].intensity = intensity;
    }
    for (absl::string_view word :
         {"mais", "cependant", "toutefois", "pourtant", "néanmoins", "but",
          "however", "yet", "nevertheless"}) {
      (*roles)[word].contrast = true;
    }
    for (absl::string_view word : {"although", "though", "despite", "whilst",
                                   "while", "malgré", "quoique"}) {
      (*roles)[word].concessive = true;
    }
    return roles;
  }();
  auto it = table->find(sdk::AbslView(lower));
  return it == table->end() ? nullptr : &it->second;
}

Negator NegatorKind(std::string_view lower, const WordRole* role) {
  if (role != nullptr && role->negator != Negator::kNone) return role->negator;
  return EndsWith(lower, "n't") ? Negator::kFull : Negator::kNone;
}

// Multiplier for the next valence word (1: none).
double Intensity(const WordRole* role) {
  return role == nullptr ? 1.0 : role->intensity;
}

// Words that open a concessive clause: what it grants weighs less than the
// main clause ("Although they are free, open models are risky"). Two-word
// openers ("bien que", "même si", "alors que", "even though") are matched
// by their first word and `next`.
bool IsConcessive(std::string_view lower, const WordRole* role,
                  std::string_view next) {
  if (role != nullptr && role->concessive) return true;
  return (lower == "bien" && next == "que") ||
         (lower == "même" && next == "si") ||
         (lower == "alors" && next == "que") ||
         (lower == "even" && (next == "though" || next == "if"));
}

bool EndsScope(const Token& token) {
  if (token.kind() != plugin::v1::TOKEN_KIND_PUNCT) return false;
  // Apostrophes and hyphens do not end a clause.
  return token.lower() != "'" && token.lower() != "-";
}

}  // namespace

bool IsClauseBoundary(const Token& token) {
  if (token.kind() != plugin::v1::TOKEN_KIND_PUNCT) return false;
  const std::string_view p = token.lower();
  return p == "," || p == ";" || p == ":" || p == "—" || p == "–";
}

bool IsContrast(std::string_view lower) {
  const WordRole* role = RoleOf(lower);
  return role != nullptr && role->contrast;
}

std::vector<TokenModifier> ComputeModifiers(const sdk::Tokens& tokens,
                                            int begin, int end) {
  std::vector<TokenModifier> out(end > begin ? end - begin : 0);
  int scope_left = 0;
  bool scope_full = false;
  int ne_seen_at = -100;
  double pending_intensity = 1.0;
  int contrast_at = -1;
  // [opener, clause end) of each concessive clause followed by a main one.
  std::vector<std::pair<int, int>> concessions;
  for (int i = begin; i < end; ++i) {
    const Token& token = tokens[i];
    TokenModifier& mod = out[i - begin];
    if (EndsScope(token)) {
      scope_left = 0;
      pending_intensity = 1.0;
      continue;
    }
    const std::string_view lower = token.lower();
    const WordRole* role = RoleOf(lower);
    Negator negator = NegatorKind(lower, role);
    // "pas mal" is praise, not a negation.
    if (lower == "pas" && i + 1 < end && tokens[i + 1].lower() == "mal") {
      negator = Negator::kNone;
    }
    if (negator == Negator::kAfterNe && i - ne_seen_at > kNegationScope + 1) {
      negator = Negator::kNone;
    }
    if (negator != Negator::kNone) {
      mod.is_operator = true;
      if (lower == "ne" || lower == "n'") ne_seen_at = i;
      // A full negation inside a weak one stays full, and vice versa.
      scope_full = negator != Negator::kWeak || (scope_left > 0 && scope_full);
      scope_left = kNegationScope;
      continue;
    }
    const double intensity = Intensity(role);
    if (intensity != 1.0) {
      mod.is_operator = true;
      pending_intensity *= intensity;
      continue;
    }
    if (role != nullptr && role->contrast) {
      mod.is_operator = true;
      contrast_at = i;
      continue;
    }
    if (IsConcessive(lower, role, i + 1 < end ? tokens[i + 1].lower() : "")) {
      mod.is_operator = true;
      // The concession runs to the end of its clause.
      int last = i + 1;
      while (last < end && !IsClauseBoundary(tokens[last])) ++last;
      if (last < end) concessions.emplace_back(i, last);
      // The second word of "bien que", "même si" ("si" is no intensifier
      // here) is part of the opener.
      if (lower == "bien" || lower == "même" || lower == "alors" ||
          lower == "even") {
        out[i + 1 - begin].is_operator = true;
        ++i;
      }
      continue;
    }
    if (token.kind() != plugin::v1::TOKEN_KIND_WORD) continue;
    mod.factor *= pending_intensity;
    pending_intensity = 1.0;
    if (scope_left > 0) {
      mod.negated = true;
      mod.fully_negated = scope_full;
      mod.factor *= kNegationFactor;
      --scope_left;
    }
  }
  // Contrast: what follows "mais" / "but" is what the writer means.
  if (contrast_at >= 0) {
    for (int i = begin; i < end; ++i) {
      out[i - begin].factor *= i < contrast_at ? 0.5 : 1.5;
    }
  }
  // Concession: the granted clause weighs less, the main clause more.
  if (!concessions.empty() && contrast_at < 0) {
    std::vector<bool> granted(end - begin, false);
    for (const auto& [opener, clause_end] : concessions) {
      for (int i = opener; i < clause_end; ++i) granted[i - begin] = true;
    }
    for (int i = begin; i < end; ++i) {
      out[i - begin].factor *= granted[i - begin] ? 0.5 : 1.5;
    }
  }
  return out;
}

}  // namespace textlens::plugins::stance
