#include "service/text/token_forms.h"

#include <deque>
#include <memory>
#include <string>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_replace.h"
#include "libstemmer.h"
#include "unicode/uchar.h"
#include "unicode/unistr.h"
#include "unicode/utf8.h"

namespace textlens::service::text {
namespace {

const char* SnowballName(std::string_view language) {
  if (language == "fr") return "french";
  if (language == "en") return "english";
  if (language == "de") return "german";
  if (language == "es") return "spanish";
  if (language == "it") return "italian";
  if (language == "nl") return "dutch";
  if (language == "pt") return "portuguese";
  if (language == "ru") return "russian";
  return nullptr;
}

// One stemmer per language and thread, created on first use and freed when
// the thread ends.
// Words a thread's stem cache holds per language before it starts over.
constexpr size_t kMaxCachedStems = 1 << 16;

// One thread's stemmers and the stems they gave: text repeats its words, and
// a lookup costs a fraction of a Snowball run.
class ThreadStemmers {
 public:
  struct Language {
    const char* name;
    sb_stemmer* stemmer;
    absl::flat_hash_map<std::string, std::string> stems;
  };
  ~ThreadStemmers() {
    for (auto& language : languages_) {
      if (language.stemmer != nullptr) sb_stemmer_delete(language.stemmer);
    }
  }
  Language& Get(const char* name) {
    for (auto& language : languages_) {
      if (language.name == name) return language;
    }
    languages_.push_back({name, sb_stemmer_new(name, "UTF_8"), {}});
    return languages_.back();
  }

 private:
  std::deque<Language> languages_;  // stable addresses
};

// Case-folds `token` when it holds only code points up to U+00FF that fold
// to one code point of the same range (all but U+00B5 and U+00DF, which
// fold to U+03BC and "ss"): ASCII capitals and U+00C0-U+00DE but U+00D7
// gain 0x20, the rest stays. False, `out` unspecified, for anything else.
bool FoldLatin1(std::string_view token, std::string* out) {
  out->assign(token);
  for (size_t i = 0; i < out->size(); ++i) {
    char& c = (*out)[i];
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x80) {
      if (byte >= 'A' && byte <= 'Z') c = static_cast<char>(byte + 0x20);
      continue;
    }
    if ((byte != 0xC2 && byte != 0xC3) || i + 1 == out->size()) return false;
    char& next = (*out)[++i];
    const auto low = static_cast<unsigned char>(next);
    if (low < 0x80 || low > 0xBF) return false;
    const uint32_t code = ((byte & 0x1Fu) << 6) | (low & 0x3Fu);
    if (code == 0xB5 || code == 0xDF) return false;
    if (code >= 0xC0 && code <= 0xDE && code != 0xD7) {
      next = static_cast<char>(low + 0x20);
    }
  }
  return true;
}

}  // namespace

std::string LowerToken(std::string_view token) {
  std::string out;
  // Most words of Western European text: no ICU.
  if (FoldLatin1(token, &out)) return out;
  out.clear();
  icu::UnicodeString::fromUTF8(icu::StringPiece(token.data(), token.size()))
      .foldCase()
      .toUTF8String(out);
  if (out.find("\xE2\x80\x99") != std::string::npos) {
    absl::StrReplaceAll({{"\xE2\x80\x99", "'"}}, &out);
  }
  return out;
}

std::string StemToken(std::string_view language, std::string_view lower) {
  const char* name = SnowballName(language);
  if (name == nullptr || lower.empty()) return std::string(lower);
  thread_local ThreadStemmers stemmers;
  ThreadStemmers::Language& language_stemmer = stemmers.Get(name);
  sb_stemmer* stemmer = language_stemmer.stemmer;
  if (stemmer == nullptr) return std::string(lower);
  auto& cache = language_stemmer.stems;
  const absl::string_view key(lower.data(), lower.size());
  if (auto it = cache.find(key); it != cache.end()) return it->second;
  const sb_symbol* stem =
      sb_stemmer_stem(stemmer, reinterpret_cast<const sb_symbol*>(lower.data()),
                      static_cast<int>(lower.size()));
  if (stem == nullptr) return std::string(lower);
  std::string result(reinterpret_cast<const char*>(stem),
                     sb_stemmer_length(stemmer));
  if (cache.size() >= kMaxCachedStems) cache.clear();
  cache.emplace(std::string(lower), result);
  return result;
}

bool IsCapitalized(std::string_view token) {
  if (token.empty()) return false;
  UChar32 c;
  int32_t i = 0;
  U8_NEXT(token.data(), i, static_cast<int32_t>(token.size()), c);
  return c >= 0 && (u_isupper(c) || u_istitle(c));
}

}  // namespace textlens::service::text
