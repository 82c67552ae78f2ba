#include "plugins/entities/capitalized_names.h"

#include <string>
#include <string_view>

#include "absl/container/flat_hash_set.h"
#include "plugins/entities/text_keys.h"
#include "plugins/sdk/absl_view.h"
#include "plugins/sdk/tokens.h"

namespace textlens::plugins::entities {

namespace {

using textlens::sdk::Tokens;

using textlens::plugin::v1::PreparedDocument;
using textlens::sdk::Token;

bool IsConnector(std::string_view lower) {
  static const auto* const kConnectors =
      new absl::flat_hash_set<absl::string_view>{
          "de",  "du",  "des", "d'", "of",  "the", "von",
          "van", "der", "den", "la", "le",  "di",  "da",
          "del", "al",  "bin", "y",  "for", "on",  "&"};
  return kConnectors->count(sdk::AbslView(lower)) > 0;
}

class NameFinder {
 public:
  NameFinder(const PreparedDocument& doc, const KnowledgeBase& kb,
             const std::vector<bool>& claimed)
      : doc_(doc), kb_(kb), claimed_(claimed), size_(Tokens(doc).size()) {
    initial_.assign(size_, false);
    int last_sentence = -1;
    bool seen_word = false;
    for (int i = 0; i < size_; ++i) {
      const Token& token = Tokens(doc_)[i];
      if (static_cast<int>(token.sentence()) != last_sentence) {
        last_sentence = static_cast<int>(token.sentence());
        seen_word = false;
      }
      const bool word = token.kind() == textlens::plugin::v1::TOKEN_KIND_WORD;
      // After a colon, a dash or a bullet, a capital starts a new clause.
      const bool after_break =
          i > 0 && (token.begin() > 0 && IsClauseBreak(Tokens(doc_)[i - 1]));
      if (word && (!seen_word || after_break)) initial_[i] = true;
      if (word) seen_word = true;
      if (!word) continue;
      if (!token.capitalized()) {
        lowercase_.insert(sdk::AbslView(token.lower()));
      } else if (!initial_[i] &&
                 !doc_.sentences(static_cast<int>(token.sentence()))
                      .is_heading()) {
        capitalized_.insert(sdk::AbslView(Text(i)));
      }
    }
  }

  std::vector<NameMatch> Run() const;

 private:
  std::string_view Text(int i) const {
    const Token& token = Tokens(doc_)[i];
    return std::string_view(doc_.text())
        .substr(token.begin(), token.end() - token.begin());
  }
  bool IsClauseBreak(const Token& token) const {
    const std::string_view lower = token.lower();
    return lower == ":" || lower == "—" || lower == "–" || lower == "•" ||
           lower == "«" || lower == "\"" || lower == "“" || lower == "(";
  }
  // Only spaces between tokens i and i + 1, on one line.
  bool SameLine(int i) const {
    const uint32_t from = Tokens(doc_)[i].end();
    const uint32_t to = Tokens(doc_)[i + 1].begin();
    return std::string_view(doc_.text()).substr(from, to - from).find('\n') ==
               std::string_view::npos &&
           Tokens(doc_)[i].sentence() == Tokens(doc_)[i + 1].sentence();
  }
  bool NameLike(int i) const {
    const Token& token = Tokens(doc_)[i];
    if (claimed_[i] || token.kind() != textlens::plugin::v1::TOKEN_KIND_WORD ||
        !token.capitalized() || token.stopword()) {
      return false;
    }
    const std::string text(Text(i));
    if (kb_.IsNotName(text)) return false;
    if (IsAllCaps(text) && kb_.IsBoilerplate(token.lower())) return false;
    return true;
  }
  bool HasCue(int first, int last) const {
    return kb_.IsFirstName(std::string(Text(first))) ||
           kb_.IsOrgHead(NameKey(Text(first), true)) ||
           kb_.IsLocationHead(std::string(Text(first))) ||
           kb_.IsLocationSuffix(std::string(Text(last))) ||
           kb_.IsOrgSuffix(std::string(Text(last)));
  }
  bool TitleCaseHeading(int sentence) const;
  bool Possessive(int i) const {
    const std::string_view text = Text(i);
    return (text.size() > 2 && text.substr(text.size() - 2) == "'s") ||
           (text.size() > 4 && text.substr(text.size() - 4) == "\xE2\x80\x99s");
  }
  bool StartsWithPlace(int first) const {
    const auto* targets = kb_.FindCased(NameKey(Text(first), false));
    if (targets == nullptr) return false;
    for (const AliasTarget& target : *targets) {
      if (kb_.entry(target.entry).type == textlens::v1::ENTITY_TYPE_LOCATION) {
        return true;
      }
    }
    return false;
  }
  NameMatch Type(int first, int last) const;

  const PreparedDocument& doc_;
  const KnowledgeBase& kb_;
  const std::vector<bool>& claimed_;
  const int size_;
  std::vector<bool> initial_;
  absl::flat_hash_set<absl::string_view> lowercase_;  // words seen in lowercase
  // Capitalized mid-sentence outside headings.
  absl::flat_hash_set<absl::string_view> capitalized_;
};

bool NameFinder::TitleCaseHeading(int sentence) const {
  const auto& s = doc_.sentences(sentence);
  if (!s.is_heading()) return false;
  int words = 0, capitalized = 0, all_caps = 0;
  for (uint32_t i = s.first_token(); i < s.first_token() + s.token_count();
       ++i) {
    const Token& token = Tokens(doc_)[static_cast<int>(i)];
    if (token.kind() != textlens::plugin::v1::TOKEN_KIND_WORD) continue;
    ++words;
    if (token.capitalized()) ++capitalized;
    if (IsAllCaps(Text(static_cast<int>(i)))) ++all_caps;
  }
  // "How DeepSeek Changed The Game": every word capitalized says nothing.
  return words >= 4 && capitalized * 10 >= words * 7 && all_caps < words;
}

NameMatch NameFinder::Type(int first, int last) const {
  NameMatch match;
  match.first_token = first;
  match.last_token = last;
  const std::string first_text(Text(first));
  const std::string last_text(Text(last));
  // A title just before: "M. Dupont", "Dr. Smith" (tokenized "Dr" ".").
  bool titled = false;
  if (first > 0 && kb_.IsPersonTitle(std::string(Text(first - 1)))) {
    titled = true;
  } else if (first > 1 && Text(first - 1) == "." &&
             kb_.IsPersonTitle(std::string(Text(first - 2)) + ".")) {
    titled = true;
  }
  bool connector = false, all_caps = false, non_particle = false;
  for (int i = first; i <= last; ++i) {
    if (!Tokens(doc_)[i].capitalized()) {
      connector = true;
      // Names of people take particles ("de", "von"), not "&", "of", "the".
      const std::string_view lower = Tokens(doc_)[i].lower();
      if (lower == "&" || lower == "of" || lower == "the" || lower == "for" ||
          lower == "on" || lower == "des") {
        non_particle = true;
      }
    }
    if (IsAllCaps(Text(i))) all_caps = true;
  }
  if (last == first &&
      (first_text.size() > 3 &&
       (first_text.find("GPT") != std::string::npos ||
        first_text.compare(first_text.size() - 2, 2, "LM") == 0))) {
    // "FraudGPT", "BioLM": a model's name.
    match.type = textlens::v1::ENTITY_TYPE_PRODUCT;
    match.confidence = 0.5;
  } else if (titled) {
    match.type = textlens::v1::ENTITY_TYPE_PERSON;
    match.confidence = 0.75;
  } else if (kb_.IsOrgSuffix(last_text) ||
             kb_.IsOrgHead(NameKey(first_text, true))) {
    match.type = textlens::v1::ENTITY_TYPE_ORGANIZATION;
    match.confidence = 0.65;
  } else if (kb_.IsFirstName(first_text) && last > first && !non_particle) {
    match.type = textlens::v1::ENTITY_TYPE_PERSON;
    match.confidence = 0.7;
  } else if (kb_.IsLocationHead(first_text) ||
             (last > first && kb_.IsLocationSuffix(last_text)) ||
             first_text.rfind("Saint-", 0) == 0 ||
             first_text.rfind("Sainte-", 0) == 0) {
    match.type = textlens::v1::ENTITY_TYPE_LOCATION;
    match.confidence = 0.55;
  } else if (first > 0 &&
             Tokens(doc_)[first - 1].sentence() ==
                 Tokens(doc_)[first].sentence() &&
             kb_.IsLocationPreposition(Tokens(doc_)[first - 1].lower())) {
    match.type = textlens::v1::ENTITY_TYPE_LOCATION;
    match.confidence = 0.45;
  } else if (last > first && StartsWithPlace(first)) {
    // A known place and a name: "France Inter", "China Mobile".
    match.type = textlens::v1::ENTITY_TYPE_ORGANIZATION;
    match.confidence = 0.45;
  } else if (last == first + 1 && !connector && !all_caps) {
    // Two capitalized words with no other cue are most often a person's
    // first and last name in news text.
    match.type = textlens::v1::ENTITY_TYPE_PERSON;
    match.confidence = 0.45;
  } else {
    match.type = textlens::v1::ENTITY_TYPE_MISC;
    match.confidence = 0.4;
  }
  return match;
}

std::vector<NameMatch> NameFinder::Run() const {
  std::vector<NameMatch> out;
  for (int i = 0; i < size_; ++i) {
    if (!NameLike(i)) continue;
    const int sentence = static_cast<int>(Tokens(doc_)[i].sentence());
    if (TitleCaseHeading(sentence)) continue;
    // Extend the run over capitalized words and inner connectors.
    int last = i;
    // A possessive ends a name: "Acme's Jane Doe" is two names.
    for (int j = i; j + 1 < size_ && SameLine(j) && !Possessive(j);) {
      if (NameLike(j + 1)) {
        last = ++j;
        continue;
      }
      int k = j + 1;
      int connectors = 0;
      while (
          k < size_ && connectors < 2 && IsConnector(Tokens(doc_)[k].lower()) &&
          !Tokens(doc_)[k].capitalized() && k + 1 < size_ && SameLine(k - 1)) {
        ++k;
        ++connectors;
      }
      if (connectors > 0 && k < size_ && SameLine(k - 1) && NameLike(k)) {
        last = j = k;
        continue;
      }
      break;
    }
    int first = i;
    const int end = last;
    // A sentence-initial word is a name only if the document also writes it
    // capitalized elsewhere, or a cue types it.
    if (initial_[first]) {
      const std::string text(Text(first));
      const bool common =
          lowercase_.count(sdk::AbslView(Tokens(doc_)[first].lower())) > 0;
      const bool known =
          capitalized_.count(sdk::AbslView(text)) > 0 || HasCue(first, last);
      if (common || (!known && first == last)) {
        ++first;
        while (first <= last && !NameLike(first)) ++first;
      }
    }
    i = end;
    if (first > last) continue;
    // Headings capitalize section titles ("Contexte Technique"): there a
    // run needs a cue or a capitalized use in the body.
    if (doc_.sentences(sentence).is_heading() && !HasCue(first, last) &&
        capitalized_.count(sdk::AbslView(Text(first))) == 0) {
      continue;
    }
    const std::string text(Text(first));
    if (first == last) {
      // A lone word written in lowercase elsewhere is a common word; a lone
      // all-caps word of a heading is boilerplate; one letter is noise.
      if (lowercase_.count(sdk::AbslView(Tokens(doc_)[first].lower())) > 0)
        continue;
      if (IsAllCaps(text) && doc_.sentences(sentence).is_heading() &&
          capitalized_.count(sdk::AbslView(text)) == 0) {
        continue;
      }
      if (text.size() < 2) continue;
    }
    out.push_back(Type(first, last));
  }
  return out;
}

}  // namespace

std::vector<NameMatch> FindCapitalizedNames(const PreparedDocument& doc,
                                            const KnowledgeBase& kb,
                                            const std::vector<bool>& claimed) {
  return NameFinder(doc, kb, claimed).Run();
}

}  // namespace textlens::plugins::entities
