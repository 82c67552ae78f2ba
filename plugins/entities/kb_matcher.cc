#include "plugins/entities/kb_matcher.h"

#include <algorithm>
#include <string>
#include <string_view>
#include <utility>

#include "absl/algorithm/container.h"
#include "absl/container/flat_hash_set.h"
#include "plugins/entities/text_keys.h"
#include "plugins/sdk/absl_view.h"
#include "plugins/sdk/tokens.h"

namespace textlens::plugins::entities {

using textlens::sdk::Tokens;
namespace {

using textlens::plugin::v1::PreparedDocument;
using textlens::sdk::Token;

constexpr int kMaxAliasTokens = 8;
constexpr int kCueWindow = 8;

class Matcher {
 public:
  Matcher(const PreparedDocument& doc, const KnowledgeBase& kb)
      : doc_(doc), kb_(kb), size_(Tokens(doc).size()) {
    cased_.reserve(size_);
    folded_.reserve(size_);
    marks_.reserve(size_);
    for (int i = 0; i < size_; ++i) {
      cased_.push_back(NameKey(Text(i), false));
      folded_.push_back(NameKey(Text(i), true));
      marks_.push_back(Tokens(doc_)[i].capitalized() ||
                       absl::c_any_of(folded_.back(), [](char c) {
                         return c >= '0' && c <= '9';
                       }));
    }
  }

  std::vector<KbMatch> Run();

 private:
  // An alias found from token `first`.
  struct Candidate {
    int last = 0;
    int trim_end = 0;  // possessive bytes left out of the last token
    std::vector<AliasTarget> targets;
  };
  using Candidates = std::vector<Candidate>;

  std::string_view Text(int i) const {
    const Token& token = Tokens(doc_)[i];
    return std::string_view(doc_.text())
        .substr(token.begin(), token.end() - token.begin());
  }
  // Only spaces between tokens i and i + 1, in one sentence and one line.
  bool Joinable(int i) const {
    const Token& a = Tokens(doc_)[i];
    const Token& b = Tokens(doc_)[i + 1];
    if (a.sentence() != b.sentence()) return false;
    const std::string_view gap =
        std::string_view(doc_.text()).substr(a.end(), b.begin() - a.end());
    return gap.find('\n') == std::string_view::npos;
  }
  Candidates Find(int first) const;
  // Adds the targets of the keys, if any, as a candidate ending at `last`.
  // A key that starts no alias (`cased_prefix`, `folded_prefix` false) is
  // not looked up.
  void Lookup(const std::string& cased, const std::string& folded, bool marked,
              int last, int trim_end, Candidates* out, bool cased_prefix = true,
              bool folded_prefix = true) const;
  // Evidence for an ambiguous alias of `entry` over [first, last]; < 0
  // rejects it.
  double Evidence(int entry, int first, int last, bool possessive) const;
  bool DomainContext(int first, int last) const;
  // Whether a one-word place is the start of a longer unknown name
  // ("France Inter", "China Mobile", "California Trail").
  bool PartOfLongerName(int entry, int first, int last) const;

  const PreparedDocument& doc_;
  const KnowledgeBase& kb_;
  const int size_;
  std::vector<std::string> cased_, folded_;
  // Whether each token has a capital or a digit: what a case-insensitive
  // alias needs somewhere ("le monde" is not the newspaper).
  std::vector<bool> marks_;
  absl::flat_hash_set<int> confirmed_;  // entries named unambiguously
  absl::flat_hash_set<std::string> confirmed_names_;
};

Matcher::Candidates Matcher::Find(int first) const {
  Candidates out;
  const Token& start = Tokens(doc_)[first];
  if (start.kind() == textlens::plugin::v1::TOKEN_KIND_PUNCT ||
      cased_[first].empty()) {
    return out;
  }
  std::string cased, folded;
  bool marked = false;
  // Once a run of words starts no alias, no longer run does.
  bool cased_prefix = true, folded_prefix = true;
  for (int j = first; j < size_ && j < first + kMaxAliasTokens; ++j) {
    if (j > first && (!Joinable(j - 1) || cased_[j].empty())) break;
    cased += cased_[j];
    folded += folded_[j];
    if (cased.size() > kb_.max_key_bytes()) break;
    marked = marked || marks_[j];
    cased_prefix = cased_prefix && kb_.IsCasedPrefix(cased);
    folded_prefix = folded_prefix && kb_.IsFoldedPrefix(folded);
    if (cased_prefix || folded_prefix) {
      Lookup(cased, folded, marked, j, 0, &out, cased_prefix, folded_prefix);
    }
    // "OpenAI's", "Anthropic’s": the alias may end before a possessive.
    for (const std::string_view suffix : {"'s", "\xE2\x80\x99s"}) {
      const std::string_view text = Text(j);
      if (text.size() > suffix.size() + 1 &&
          text.substr(text.size() - suffix.size()) == suffix) {
        const std::string stem(text.substr(0, text.size() - suffix.size()));
        Lookup(cased.substr(0, cased.size() - cased_[j].size()) +
                   NameKey(stem, false),
               folded.substr(0, folded.size() - folded_[j].size()) +
                   NameKey(stem, true),
               marked, j, static_cast<int>(suffix.size()), &out);
      }
    }
    // No alias goes on from these words.
    if (!cased_prefix && !folded_prefix) break;
  }
  return out;
}

void Matcher::Lookup(const std::string& cased, const std::string& folded,
                     bool marked, int last, int trim_end, Candidates* out,
                     bool cased_prefix, bool folded_prefix) const {
  std::vector<AliasTarget> targets;
  if (const auto* found = cased_prefix ? kb_.FindCased(cased) : nullptr) {
    targets = *found;
  }
  const auto* found =
      marked && folded_prefix ? kb_.FindFolded(folded) : nullptr;
  if (found != nullptr) {
    // Both lists are in entry order (KnowledgeBase adds entries in order):
    // one walk finds the folded ones the cased list lacks, however many
    // entries share the alias.
    const size_t cased_count = targets.size();
    size_t c = 0;
    for (const AliasTarget& target : *found) {
      while (c < cased_count && targets[c].entry < target.entry) ++c;
      if (c < cased_count && targets[c].entry == target.entry) continue;
      targets.push_back(target);
    }
  }
  if (!targets.empty()) out->push_back({last, trim_end, std::move(targets)});
}

bool Matcher::PartOfLongerName(int entry, int first, int last) const {
  if (first != last || last + 1 >= size_ || !Joinable(last) ||
      kb_.entry(entry).type != textlens::v1::ENTITY_TYPE_LOCATION) {
    return false;
  }
  const Token& next = Tokens(doc_)[last + 1];
  return next.kind() == textlens::plugin::v1::TOKEN_KIND_WORD &&
         next.capitalized() && !next.stopword() &&
         kb_.FindCased(cased_[last + 1]) == nullptr &&
         !kb_.IsNotName(std::string(Text(last + 1)));
}

bool Matcher::DomainContext(int first, int last) const {
  const int sentence = static_cast<int>(Tokens(doc_)[first].sentence());
  const int from_sentence = std::max(0, sentence - 1);
  const int to_sentence = std::min(doc_.sentences_size() - 1, sentence + 1);
  const int from =
      static_cast<int>(doc_.sentences(from_sentence).first_token());
  const auto& end_sentence = doc_.sentences(to_sentence);
  const int to =
      static_cast<int>(end_sentence.first_token() + end_sentence.token_count());
  for (int i = from; i < to && i < size_; ++i) {
    if (i >= first && i <= last) continue;
    if (kb_.IsDomainCue(Tokens(doc_)[i].lower())) return true;
  }
  return false;
}

double Matcher::Evidence(int entry_index, int first, int last,
                         bool possessive) const {
  const KbEntry& entry = kb_.entry(entry_index);
  // A first name just before, or an unknown capitalized word just after,
  // makes a person's name: "Jean Claude", "Claude Monet".
  if (first > 0 &&
      Tokens(doc_)[first - 1].sentence() == Tokens(doc_)[first].sentence() &&
      kb_.IsFirstName(std::string(Text(first - 1)))) {
    return -1;
  }
  if (!possessive && last + 1 < size_ && Joinable(last)) {
    const Token& next = Tokens(doc_)[last + 1];
    if (next.kind() == textlens::plugin::v1::TOKEN_KIND_WORD &&
        next.capitalized() && !next.stopword() &&
        kb_.FindCased(cased_[last + 1]) == nullptr &&
        !kb_.IsNotName(std::string(Text(last + 1)))) {
      return -1;
    }
  }
  bool cue = false;
  const uint32_t sentence = Tokens(doc_)[first].sentence();
  for (int i = std::max(0, first - kCueWindow);
       i <= std::min(size_ - 1, last + kCueWindow); ++i) {
    if (i >= first && i <= last) continue;
    if (Tokens(doc_)[i].sentence() != sentence) continue;
    const std::string_view lower = Tokens(doc_)[i].lower();
    if (entry.cues.contains(sdk::AbslView(lower))) {
      cue = true;
    }
  }
  if (entry.anti_cues) {
    if (cue) return -1;
  } else if (cue) {
    return 3;
  }
  if (confirmed_.count(entry_index) > 0) return 2;
  if (!entry.owner.empty() && confirmed_names_.count(entry.owner) > 0) {
    return 2;
  }
  // The AI vocabulary around is weaker evidence for entries that have their
  // own cues, and none for strict ones.
  if (!entry.strict_cues && DomainContext(first, last)) {
    return entry.cues.empty() || entry.anti_cues ? 1 : 0.5;
  }
  return -1;
}

std::vector<KbMatch> Matcher::Run() {
  // First pass: what the document names without ambiguity.
  for (int i = 0; i < size_; ++i) {
    for (const Candidate& candidate : Find(i)) {
      const auto& targets = candidate.targets;
      if (targets.size() != 1 || targets[0].ambiguous) continue;
      confirmed_.insert(targets[0].entry);
      confirmed_names_.insert(kb_.entry(targets[0].entry).canonical);
    }
  }
  std::vector<KbMatch> out;
  for (int i = 0; i < size_;) {
    Candidates candidates = Find(i);
    bool matched = false;
    for (auto it = candidates.rbegin(); it != candidates.rend() && !matched;
         ++it) {
      const int last = it->last;
      int best = -1;
      double best_score = 0;
      for (const AliasTarget& target : it->targets) {
        const double score =
            target.ambiguous ? Evidence(target.entry, i, last, it->trim_end > 0)
                             : (it->targets.size() == 1 ? 4.0 : 2.5);
        if (score > best_score) {
          best_score = score;
          best = target.entry;
        }
      }
      if (best < 0) continue;
      if (PartOfLongerName(best, i, last)) continue;
      KbMatch match;
      match.first_token = i;
      match.last_token = last;
      match.entry = best;
      match.trim_end = it->trim_end;
      match.confidence = best_score >= 4   ? 0.95
                         : best_score >= 3 ? 0.85
                         : best_score >= 2 ? 0.8
                         : best_score >= 1 ? 0.6
                                           : 0.5;
      out.push_back(match);
      i = last + 1;
      matched = true;
    }
    if (!matched) ++i;
  }
  return out;
}

}  // namespace

std::vector<KbMatch> MatchKnowledgeBase(const PreparedDocument& doc,
                                        const KnowledgeBase& kb) {
  return Matcher(doc, kb).Run();
}

}  // namespace textlens::plugins::entities
