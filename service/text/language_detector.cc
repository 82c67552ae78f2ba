#include "service/text/language_detector.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/ascii.h"
#include "plugins/sdk/absl_view.h"
#include "service/text/function_words.h"
#include "unicode/uchar.h"
#include "unicode/uscript.h"
#include "unicode/utf8.h"

namespace textlens::service::text {
namespace {

// A function word weighs more than an n-gram: it is rarer and more specific.
constexpr double kFunctionWordWeight = 3.0;
constexpr double kNgramWeight = 0.5;
// Evidence (best score) at which confidence saturates.
constexpr double kSaturation = 8.0;
constexpr int kMaxNgram = 5;

using Weights = std::vector<float>;

// Adds `weight` for language `lang` to every key of the space-separated `list`.
void AddKeys(std::string_view list, size_t lang, size_t num_langs,
             absl::flat_hash_map<std::string, Weights>& out) {
  for (std::string_view key : SplitList(list, ' ')) {
    Weights& w = out[std::string(key)];
    if (w.empty()) w.assign(num_langs, 0.0f);
    w[lang] = 1.0f;
  }
}

// Shares the weight of a key among the languages that list it: a key every
// language has says nothing.
void Share(absl::flat_hash_map<std::string, Weights>& table) {
  for (auto& [key, w] : table) {
    float n = 0;
    for (float x : w) n += x;
    for (float& x : w) x /= n;
  }
}

void AppendUtf8(UChar32 c, std::string& out) {
  char buf[4];
  int32_t len = 0;
  UBool error = false;
  U8_APPEND(buf, len, 4, c, error);
  if (!error) out.append(buf, len);
}

}  // namespace

struct LanguageDetector::Profiles {
  std::vector<std::string> codes;
  absl::flat_hash_map<std::string, Weights> words;
  absl::flat_hash_map<std::string, Weights> ngrams;
};

LanguageDetector::LanguageDetector(std::unique_ptr<Profiles> profiles)
    : profiles_(std::move(profiles)), id_([] {
        static std::atomic<uint64_t> next{1};
        return next.fetch_add(1);
      }()) {}
LanguageDetector::~LanguageDetector() = default;

absl::StatusOr<std::unique_ptr<LanguageDetector>> LanguageDetector::Create() {
  auto profiles = std::make_unique<Profiles>();
  const auto& lexicons = LanguageLexicons();
  for (size_t i = 0; i < lexicons.size(); ++i) {
    profiles->codes.emplace_back(lexicons[i].code);
    AddKeys(lexicons[i].function_words, i, lexicons.size(), profiles->words);
    AddKeys(lexicons[i].ngrams, i, lexicons.size(), profiles->ngrams);
  }
  Share(profiles->words);
  Share(profiles->ngrams);
  return std::unique_ptr<LanguageDetector>(
      new LanguageDetector(std::move(profiles)));
}

void LanguageDetector::Evidence::Add(const Evidence& other) {
  if (scores.size() < other.scores.size()) scores.resize(other.scores.size());
  for (size_t l = 0; l < other.scores.size(); ++l) scores[l] += other.scores[l];
  latin += other.latin;
  cyrillic += other.cyrillic;
  words += other.words;
}

LanguageGuess LanguageDetector::Detect(std::string_view text) const {
  return Decide(Score(text, kMaxWords));
}

LanguageDetector::Evidence LanguageDetector::Score(std::string_view text,
                                                   size_t max_words) const {
  const size_t n = profiles_->codes.size();
  Evidence evidence;
  evidence.scores.assign(n, 0.0);
  std::vector<double>& score = evidence.scores;
  int& latin = evidence.latin;
  int& cyrillic = evidence.cyrillic;
  size_t& words = evidence.words;

  // Lowercased word with '_' at both ends, and the byte offset where each of
  // its code points starts (for n-gram enumeration).
  std::string word = "_";
  std::vector<size_t> starts = {0};
  // A word's contribution (its function-word and n-gram weights) depends on
  // the word alone: each thread computes it once per distinct word (up to
  // kMaxCachedWords, then starts over) and adds it as a whole.
  constexpr size_t kMaxCachedWords = 1 << 16;
  thread_local struct {
    uint64_t detector = 0;
    absl::flat_hash_map<std::string, std::vector<double>> by_word;
  } cache;
  if (cache.detector != id_ || cache.by_word.size() >= kMaxCachedWords) {
    cache.detector = id_;
    cache.by_word.clear();
  }
  std::vector<double> contribution;
  const auto add = [&](const Weights& w, double weight) {
    for (size_t l = 0; l < n; ++l) contribution[l] += weight * w[l];
  };
  const auto score_word = [&]() {
    if (word.size() <= 1) return;
    ++words;
    starts.push_back(word.size());
    word.push_back('_');
    starts.push_back(word.size());
    auto [cached, fresh] = cache.by_word.try_emplace(word);
    if (fresh) {
      contribution.assign(n, 0.0);
      std::string_view bare(word.data() + 1, word.size() - 2);
      if (auto it = profiles_->words.find(sdk::AbslView(bare));
          it != profiles_->words.end()) {
        add(it->second, kFunctionWordWeight);
      } else if (size_t apo = bare.find('\''); apo != std::string_view::npos) {
        // "l'homme": the elided article counts as a function word.
        auto head =
            profiles_->words.find(sdk::AbslView(bare.substr(0, apo + 1)));
        if (head != profiles_->words.end())
          add(head->second, kFunctionWordWeight);
      }
      for (size_t i = 0; i + 1 < starts.size(); ++i) {
        for (size_t j = i + 1; j < starts.size() && j <= i + kMaxNgram; ++j) {
          std::string_view gram(word.data() + starts[i], starts[j] - starts[i]);
          if (auto it = profiles_->ngrams.find(sdk::AbslView(gram));
              it != profiles_->ngrams.end()) {
            add(it->second, kNgramWeight);
          }
        }
      }
      cached->second = std::move(contribution);
    }
    for (size_t l = 0; l < n; ++l) score[l] += cached->second[l];
    word.resize(1);
    starts.assign(1, 0);
  };

  int32_t i = 0;
  const int32_t len = static_cast<int32_t>(text.size());
  while (i < len && words < max_words) {
    UChar32 c;
    U8_NEXT(text.data(), i, len, c);
    if (c < 0) continue;
    if (c < 0x80 && absl::ascii_isalpha(static_cast<unsigned char>(c))) {
      // ASCII letters, most of the text: Latin, lowercased without ICU.
      ++latin;
      starts.push_back(word.size());
      word.push_back(absl::ascii_tolower(static_cast<unsigned char>(c)));
    } else if (c >= 0x80 && u_isalpha(c)) {
      UErrorCode err = U_ZERO_ERROR;
      UScriptCode script = uscript_getScript(c, &err);
      if (script == USCRIPT_CYRILLIC) ++cyrillic;
      if (script == USCRIPT_LATIN) ++latin;
      starts.push_back(word.size());
      AppendUtf8(u_tolower(c), word);
    } else if ((c == '\'' || c == 0x2019) && word.size() > 1) {
      starts.push_back(word.size());
      word.push_back('\'');
      score_word();  // An elided word ends at its apostrophe ("qu'").
    } else {
      score_word();
    }
  }
  if (words < max_words) score_word();
  return evidence;
}

LanguageGuess LanguageDetector::Decide(const Evidence& evidence) const {
  const size_t n = profiles_->codes.size();
  const std::vector<double>& score = evidence.scores;
  const int latin = evidence.latin;
  const int cyrillic = evidence.cyrillic;
  if (score.size() != n) return {"und", 0.0};
  if (cyrillic >= 3 && cyrillic > latin) {
    return {"ru",
            std::min(1.0, static_cast<double>(cyrillic) / (cyrillic + latin) *
                              std::min(1.0, cyrillic / 20.0))};
  }
  if (latin < 3) return {"und", 0.0};

  size_t best = 0, second = n > 1 ? 1 : 0;
  if (score[second] > score[best]) std::swap(best, second);
  for (size_t l = 2; l < n; ++l) {
    if (score[l] > score[best]) {
      second = best;
      best = l;
    } else if (score[l] > score[second]) {
      second = l;
    }
  }
  if (score[best] <= 0.0) return {"und", 0.0};
  const double margin = (score[best] - score[second]) / score[best];
  const double strength = std::min(1.0, score[best] / kSaturation);
  // The square root keeps a clear but partial lead (Romance languages share
  // many function words) from reading as doubt.
  return {profiles_->codes[best],
          std::clamp(std::sqrt(margin) * strength, 0.0, 1.0)};
}

}  // namespace textlens::service::text
