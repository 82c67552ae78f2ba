#include "service/text/stopwords.h"

#include "absl/strings/ascii.h"
#include "plugins/sdk/absl_view.h"
#include "service/text/function_words.h"

namespace textlens::embedded {
std::string_view StopwordsFr();
}  // namespace textlens::embedded

namespace textlens::service::text {
namespace {

// English function words: articles, pronouns, auxiliaries, prepositions,
// conjunctions and frequent adverbs.
constexpr std::string_view kEnglish =
    "a about above after again against all also am an and any are aren't as "
    "at be because been before being below between both but by can can't "
    "cannot could couldn't did didn't do does doesn't doing don't down "
    "during each either few for from further had hadn't has hasn't have "
    "haven't having he he'd he'll he's her here here's hers herself him "
    "himself his how how's however i i'd i'll i'm i've if in into is isn't "
    "it it's its itself just let's may me might more most must mustn't my "
    "myself neither no nor not of off on once only or other ought our ours "
    "ourselves out over own same shall shan't she she'd she'll she's should "
    "shouldn't so some such than that that's the their theirs them "
    "themselves then there there's these they they'd they'll they're "
    "they've this those though through thus to too under until up upon us "
    "very via was wasn't we we'd we'll we're we've were weren't what what's "
    "when when's where where's whether which while who who's whom whose why "
    "why's will with within without won't would wouldn't yet you you'd "
    "you'll you're you've your yours yourself yourselves also already "
    "although among another anyone anything around every everything many "
    "much often per since still";

}  // namespace

absl::StatusOr<std::unique_ptr<Stopwords>> Stopwords::Create() {
  std::unique_ptr<Stopwords> s(new Stopwords());
  for (std::string_view w :
       SplitList(textlens::embedded::StopwordsFr(), '\n')) {
    absl::string_view word = absl::StripAsciiWhitespace(sdk::AbslView(w));
    if (!word.empty()) s->lists_["fr"].emplace(word);
  }
  if (s->lists_["fr"].size() < 100) {
    return absl::InternalError("embedded French stopword list is damaged");
  }
  for (std::string_view w : SplitList(kEnglish, ' ')) {
    s->lists_["en"].emplace(w);
  }
  for (const LanguageLexicon& lex : LanguageLexicons()) {
    auto& list = s->lists_[std::string(lex.code)];
    for (std::string_view w : SplitList(lex.function_words, ' ')) {
      list.emplace(w);
    }
  }
  return s;
}

bool Stopwords::IsStopword(std::string_view language,
                           std::string_view lower) const {
  auto it = lists_.find(sdk::AbslView(language));
  return it != lists_.end() && it->second.contains(sdk::AbslView(lower));
}

}  // namespace textlens::service::text
