#include "service/text/sentence_splitter.h"

#include <string>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/ascii.h"
#include "unicode/uchar.h"
#include "unicode/utf8.h"

namespace textlens::service::text {
namespace {

// Abbreviations after which a period never ends a sentence: titles that
// precede a name, and Latin/French/English shorthands used mid-sentence.
// Matched case-insensitively: none of them is a common word.
const absl::flat_hash_set<std::string>& NeverFinal() {
  static const auto* const kSet = new absl::flat_hash_set<std::string>{
      "mm",     "mme",  "mmes", "mlle", "mlles", "mgr", "dr",   "drs",
      "pr",     "prof", "mr",   "mrs",  "ms",    "jr",  "sr",   "ste",
      "gén",    "sgt",  "capt", "lt",   "hon",   "ex",  "cf",   "vs",
      "env",    "apr",  "j.-c", "n°",   "vol",   "fig", "chap", "éd",
      "approx", "e.g",  "i.e",  "u.s",  "u.k",   "u.n", "e.u",  "p.ex",
      "ca",     "janv", "févr", "avr",  "juil",  "déc", "tél",  "resp"};
  return *kSet;
}

// Abbreviations that are also common words ("me", "no", "art", "sept"):
// they only count when capitalized as written here.
const absl::flat_hash_set<std::string>& NeverFinalCapitalized() {
  static const auto* const kSet = new absl::flat_hash_set<std::string>{
      "Me",  "No",  "Nos", "St",  "Art",  "Ed",  "Col", "Gen",
      "Sen", "Rep", "Gov", "Rev", "Op",   "Dir", "Tel", "Jan",
      "Feb", "Mar", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec"};
  return *kSet;
}

// Abbreviations that may also close a sentence: the period ends it only
// when a capitalized word follows.
const absl::flat_hash_set<std::string>& MaybeFinal() {
  static const auto* const kSet = new absl::flat_hash_set<std::string>{
      "etc", "inc", "ltd", "corp", "co", "cie", "llc", "plc", "bros", "al"};
  return *kSet;
}

bool IsCapitalized(UChar32 c) { return u_isupper(c) || u_istitle(c); }

UChar32 FirstCodePoint(std::string_view text, const RawToken& t) {
  UChar32 c;
  int32_t i = static_cast<int32_t>(t.begin);
  U8_NEXT(text.data(), i, static_cast<int32_t>(t.end), c);
  return c;
}

std::string_view View(std::string_view text, const RawToken& t) {
  return text.substr(t.begin, t.end - t.begin);
}

bool IsTerminal(std::string_view s) {
  return s == "." || s == "..." || s == "!" || s == "?" || s == "\xE2\x80\xA6";
}

bool IsClosing(UChar32 c) {
  return c == 0xBB || c == 0x201D || c == 0x2019 || c == ')' || c == ']' ||
         c == 0x203A || c == '"' || c == '\'';
}

int NewlinesBetween(std::string_view text, uint32_t from, uint32_t to) {
  int n = 0;
  for (uint32_t i = from; i < to; ++i) n += text[i] == '\n';
  return n;
}

// Whether the terminal punctuation at `tokens[term]`, followed by
// `tokens[next]` on the same line, ends the sentence.
bool EndsSentence(std::string_view text, const std::vector<RawToken>& tokens,
                  size_t term, size_t next) {
  const UChar32 after = FirstCodePoint(text, tokens[next]);
  const bool next_lower = u_islower(after);
  if (View(text, tokens[term]) != ".") return !next_lower;
  if (term > 0 && tokens[term - 1].end == tokens[term].begin &&
      tokens[term - 1].kind == plugin::v1::TOKEN_KIND_WORD) {
    std::string_view word = View(text, tokens[term - 1]);
    std::string lower =
        absl::AsciiStrToLower(absl::string_view(word.data(), word.size()));
    if (NeverFinal().contains(lower) ||
        NeverFinalCapitalized().contains(
            absl::string_view(word.data(), word.size()))) {
      return false;
    }
    // Initials ("J. Smith") and one-letter shorthands ("p. 12").
    int32_t i = 0;
    UChar32 c;
    U8_NEXT(word.data(), i, static_cast<int32_t>(word.size()), c);
    if (i == static_cast<int32_t>(word.size())) return false;
    if (MaybeFinal().contains(lower)) return u_isupper(after);
  }
  return !next_lower;
}

// Whether tokens [first, end) end with an ISO date ("2025-03-04",
// "2025-01"): metadata that extractors glue before the first sentence.
bool EndsWithIsoDate(std::string_view text, const std::vector<RawToken>& tokens,
                     size_t first, size_t end) {
  const auto number = [&](size_t i, size_t min_len, size_t max_len) {
    const size_t len = tokens[i].end - tokens[i].begin;
    return tokens[i].kind == plugin::v1::TOKEN_KIND_NUMBER && len >= min_len &&
           len <= max_len;
  };
  const auto dash = [&](size_t i) {
    return View(text, tokens[i]) == "-" &&
           tokens[i].begin == tokens[i - 1].end &&
           tokens[i + 1].begin == tokens[i].end;
  };
  for (size_t parts : {5, 3}) {
    if (end < first + parts) continue;
    const size_t y = end - parts;
    bool ok = number(y, 4, 4);
    for (size_t k = y + 1; ok && k < end; k += 2) {
      ok = dash(k) && number(k + 1, 1, 2);
    }
    if (ok) return true;
  }
  return false;
}

// Sentences made only of a short metadata prefix ("date 2025-03-04")
// followed on the same line by a capitalized word are split there.
constexpr size_t kMaxMetadataTokens = 7;

}  // namespace

std::vector<SentenceSpan> SplitSentences(std::string_view text,
                                         const std::vector<RawToken>& tokens) {
  std::vector<SentenceSpan> sentences;
  uint32_t paragraph = 0;
  SentenceSpan current;
  bool ended_by_punct = false;

  const auto close = [&](uint32_t end_token, bool heading) {
    current.token_count = end_token - current.first_token;
    if (current.token_count == 0) return;
    current.is_heading = heading;
    sentences.push_back(current);
    current = SentenceSpan{};
    current.first_token = end_token;
    current.paragraph = paragraph;
    ended_by_punct = false;
  };

  for (size_t i = 0; i < tokens.size(); ++i) {
    if (i > 0) {
      const int newlines =
          NewlinesBetween(text, tokens[i - 1].end, tokens[i].begin);
      if (newlines > 0) {
        const bool blank = newlines >= 2;
        if (blank) ++paragraph;
        close(static_cast<uint32_t>(i), !ended_by_punct);
        current.paragraph = paragraph;
      }
    }
    if (i > current.first_token &&
        i - current.first_token <= kMaxMetadataTokens &&
        IsCapitalized(FirstCodePoint(text, tokens[i])) &&
        EndsWithIsoDate(text, tokens, current.first_token, i)) {
      close(static_cast<uint32_t>(i), true);
    }
    ended_by_punct = false;
    if (!IsTerminal(View(text, tokens[i]))) continue;

    // Absorb "?!", "!!" and closing quotes or brackets on the same line.
    size_t last = i;
    while (last + 1 < tokens.size() &&
           NewlinesBetween(text, tokens[last].end, tokens[last + 1].begin) ==
               0) {
      const RawToken& n = tokens[last + 1];
      const bool attached = n.begin == tokens[last].end;
      const UChar32 c = FirstCodePoint(text, n);
      const bool straight = c == '"' || c == '\'';
      if (IsTerminal(View(text, n)) && attached) {
        ++last;
      } else if (IsClosing(c) && (attached || (!straight && c != ')'))) {
        ++last;
      } else {
        break;
      }
    }
    ended_by_punct = true;
    const size_t next = last + 1;
    if (next < tokens.size() &&
        NewlinesBetween(text, tokens[last].end, tokens[next].begin) == 0 &&
        EndsSentence(text, tokens, i, next)) {
      i = last;
      close(static_cast<uint32_t>(next), false);
      continue;
    }
    i = last;
    ended_by_punct = true;
  }
  // The last line of a text is a line of its own too, when it starts one.
  const bool own_line =
      current.first_token > 0 && current.first_token < tokens.size() &&
      NewlinesBetween(text, tokens[current.first_token - 1].end,
                      tokens[current.first_token].begin) > 0;
  close(static_cast<uint32_t>(tokens.size()), own_line && !ended_by_punct);
  return sentences;
}

}  // namespace textlens::service::text
