#include "service/text/tokenizer.h"

#include <array>
#include <string>
#include <utility>

#include "absl/strings/str_cat.h"
#include "unicode/brkiter.h"
#include "unicode/uchar.h"
#include "unicode/utext.h"
#include "unicode/utf8.h"

namespace textlens::service::text {
namespace {

using plugin::v1::TokenKind;

UChar32 CodePointAt(std::string_view s, uint32_t pos) {
  UChar32 c;
  int32_t i = static_cast<int32_t>(pos);
  U8_NEXT(s.data(), i, static_cast<int32_t>(s.size()), c);
  return c;
}

bool IsHyphen(UChar32 c) { return c == '-' || c == 0x2010 || c == 0x2011; }
bool IsGroupSpace(UChar32 c) { return c == ' ' || c == 0xA0 || c == 0x202F; }

// Classifies one ICU segment by its content.
TokenKind Classify(std::string_view s) {
  bool letter = false, digit = false;
  UChar32 first = -1;
  int32_t i = 0;
  while (i < static_cast<int32_t>(s.size())) {
    UChar32 c;
    U8_NEXT(s.data(), i, static_cast<int32_t>(s.size()), c);
    if (first < 0) first = c;
    if (u_isalpha(c)) letter = true;
    if (u_isdigit(c)) digit = true;
  }
  if (letter) return plugin::v1::TOKEN_KIND_WORD;
  if (digit) return plugin::v1::TOKEN_KIND_NUMBER;
  if (first == '%' || first == 0x2030 || first == 0x2031) {
    return plugin::v1::TOKEN_KIND_SYMBOL;
  }
  switch (u_charType(first)) {
    case U_CURRENCY_SYMBOL:
    case U_MATH_SYMBOL:
    case U_MODIFIER_SYMBOL:
    case U_OTHER_SYMBOL:
      return plugin::v1::TOKEN_KIND_SYMBOL;
    default:
      return plugin::v1::TOKEN_KIND_PUNCT;
  }
}

// Length in bytes of the elided French prefix of `word` including its
// apostrophe ("l'", "jusqu’"), or 0 when the word does not start with one.
uint32_t ElisionLength(std::string_view word) {
  static constexpr std::array<std::string_view, 12> kPrefixes = {
      "l", "d", "j", "qu",    "n",      "s",
      "c", "m", "t", "jusqu", "lorsqu", "puisqu"};
  size_t apo = word.find('\'');
  size_t apo_len = 1;
  const size_t curly = word.find("\xE2\x80\x99");
  if (curly != std::string_view::npos && curly < apo) {
    apo = curly;
    apo_len = 3;
  }
  if (apo == std::string_view::npos || apo == 0 || apo > 6) return 0;
  if (apo + apo_len >= word.size()) return 0;
  if (!u_isalpha(CodePointAt(word, static_cast<uint32_t>(apo + apo_len)))) {
    return 0;
  }
  std::string prefix(word.substr(0, apo));
  for (char& ch : prefix) {
    if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
  }
  for (std::string_view p : kPrefixes) {
    if (prefix == p) return static_cast<uint32_t>(apo + apo_len);
  }
  return 0;
}

bool IsDigits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

// "000" or "000,5" / "000.5": a thousands group, possibly with decimals.
bool IsThousandsGroup(std::string_view s) {
  if (s.size() < 3 || !IsDigits(s.substr(0, 3))) return false;
  if (s.size() == 3) return true;
  return (s[3] == ',' || s[3] == '.') && IsDigits(s.substr(4));
}

bool HasLetter(std::string_view s) {
  int32_t i = 0;
  while (i < static_cast<int32_t>(s.size())) {
    UChar32 c;
    U8_NEXT(s.data(), i, static_cast<int32_t>(s.size()), c);
    if (u_isalpha(c)) return true;
  }
  return false;
}

// Joins "word-word" chains that contain a letter into one WORD.
std::vector<RawToken> JoinHyphens(std::string_view text,
                                  std::vector<RawToken> in) {
  std::vector<RawToken> out;
  out.reserve(in.size());
  const auto is_part = [](const RawToken& t) {
    return t.kind == plugin::v1::TOKEN_KIND_WORD ||
           t.kind == plugin::v1::TOKEN_KIND_NUMBER;
  };
  for (size_t i = 0; i < in.size(); ++i) {
    RawToken t = in[i];
    if (is_part(t)) {
      size_t j = i;
      while (j + 2 < in.size() && in[j + 1].begin == in[j].end &&
             in[j + 2].begin == in[j + 1].end && is_part(in[j + 2]) &&
             in[j + 1].end - in[j + 1].begin <= 3 &&
             IsHyphen(CodePointAt(text, in[j + 1].begin))) {
        j += 2;
      }
      if (j > i) {
        std::string_view joined(text.data() + t.begin, in[j].end - t.begin);
        if (HasLetter(joined)) {
          t.end = in[j].end;
          t.kind = plugin::v1::TOKEN_KIND_WORD;
          i = j;
        }
      }
    }
    out.push_back(t);
  }
  return out;
}

// Joins "1 000 000" and runs of "." ("...") into single tokens.
std::vector<RawToken> JoinNumbersAndDots(std::string_view text,
                                         std::vector<RawToken> in) {
  std::vector<RawToken> out;
  out.reserve(in.size());
  const auto view = [&](const RawToken& t) {
    return text.substr(t.begin, t.end - t.begin);
  };
  for (size_t i = 0; i < in.size(); ++i) {
    RawToken t = in[i];
    if (t.kind == plugin::v1::TOKEN_KIND_NUMBER && IsDigits(view(t)) &&
        t.end - t.begin <= 3) {
      while (i + 1 < in.size() &&
             in[i + 1].kind == plugin::v1::TOKEN_KIND_NUMBER &&
             IsThousandsGroup(view(in[i + 1]))) {
        const uint32_t gap_begin = t.end;
        const uint32_t gap_end = in[i + 1].begin;
        const UChar32 c = CodePointAt(text, gap_begin);
        const uint32_t c_len = U8_LENGTH(c);
        if (!IsGroupSpace(c) || gap_begin + c_len != gap_end) break;
        t.end = in[i + 1].end;
        ++i;
        if (view(in[i]).size() > 3) break;  // Decimals end the number.
      }
    } else if (view(t) == ".") {
      while (i + 1 < in.size() && in[i + 1].begin == t.end &&
             view(in[i + 1]) == ".") {
        t.end = in[++i].end;
      }
    }
    out.push_back(t);
  }
  return out;
}

// Calls `piece(begin, end)` for each piece of [begin, end) between U+00A0 /
// U+202F characters.
template <typename Piece>
void ForEachPieceBetweenNoBreakSpaces(std::string_view text, uint32_t begin,
                                      uint32_t end, Piece piece) {
  // Neither character's UTF-8 form (C2 A0, E2 80 AF) in the segment: one
  // piece, the common case, without decoding.
  const std::string_view segment = text.substr(begin, end - begin);
  if (segment.find_first_of("\xC2\xE2") == std::string_view::npos) {
    piece(begin, end);
    return;
  }
  uint32_t from = begin;
  int32_t i = static_cast<int32_t>(begin);
  while (i < static_cast<int32_t>(end)) {
    const uint32_t at = static_cast<uint32_t>(i);
    UChar32 c;
    U8_NEXT(text.data(), i, static_cast<int32_t>(end), c);
    if (c == 0xA0 || c == 0x202F) {
      if (at > from) piece(from, at);
      from = static_cast<uint32_t>(i);
    }
  }
  if (end > from) piece(from, end);
}

}  // namespace

Tokenizer::Tokenizer(std::unique_ptr<icu::BreakIterator> prototype)
    : prototype_(std::move(prototype)) {}
Tokenizer::~Tokenizer() = default;

absl::StatusOr<std::unique_ptr<Tokenizer>> Tokenizer::Create() {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::BreakIterator> it(
      icu::BreakIterator::createWordInstance(icu::Locale::getRoot(), status));
  if (U_FAILURE(status) || it == nullptr) {
    return absl::InternalError(
        absl::StrCat("ICU word break iterator: ", u_errorName(status)));
  }
  return std::unique_ptr<Tokenizer>(new Tokenizer(std::move(it)));
}

absl::StatusOr<std::vector<RawToken>> Tokenizer::Tokenize(
    std::string_view text) const {
  UErrorCode status = U_ZERO_ERROR;
  UText utext = UTEXT_INITIALIZER;
  utext_openUTF8(&utext, text.data(), static_cast<int64_t>(text.size()),
                 &status);
  // Cloning the prototype is much cheaper than creating an iterator, and a
  // clone is private to this call.
  std::unique_ptr<icu::BreakIterator> it(prototype_->clone());
  if (U_SUCCESS(status) && it != nullptr) it->setText(&utext, status);
  if (U_FAILURE(status) || it == nullptr) {
    utext_close(&utext);
    return absl::InternalError(
        absl::StrCat("ICU word segmentation: ", u_errorName(status)));
  }

  std::vector<RawToken> tokens;
  tokens.reserve(text.size() / 4);
  // With a UTF-8 UText, boundaries are byte offsets.
  int32_t start = it->first();
  for (int32_t end = it->next(); end != icu::BreakIterator::DONE;
       start = end, end = it->next()) {
    const UChar32 first = CodePointAt(text, start);
    if (u_isUWhiteSpace(first) || first == 0xFEFF) continue;
    // ICU glues U+202F (narrow no-break space, before French "?", "!", ":")
    // to letters as ExtendNumLet; it separates words here.
    ForEachPieceBetweenNoBreakSpaces(
        text, static_cast<uint32_t>(start), static_cast<uint32_t>(end),
        [&](uint32_t piece_begin, uint32_t piece_end) {
          std::string_view seg =
              text.substr(piece_begin, piece_end - piece_begin);
          RawToken t{piece_begin, piece_end, Classify(seg)};
          if (t.kind == plugin::v1::TOKEN_KIND_WORD) {
            if (uint32_t cut = ElisionLength(seg); cut > 0) {
              tokens.push_back({t.begin, t.begin + cut, t.kind});
              t.begin += cut;
              t.kind = Classify(text.substr(t.begin, t.end - t.begin));
            }
          }
          tokens.push_back(t);
        });
  }
  utext_close(&utext);
  return JoinNumbersAndDots(text, JoinHyphens(text, std::move(tokens)));
}

}  // namespace textlens::service::text
