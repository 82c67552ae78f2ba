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

}  // namespace

std::string LowerToken(std::string_view token) {
  bool ascii = true;
  for (char c : token) ascii &= static_cast<unsigned char>(c) < 0x80;
  std::string out;
  if (ascii) {
    out.assign(token);
    for (char& c : out) {
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    return out;
  }
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
