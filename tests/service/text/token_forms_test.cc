#include "service/text/token_forms.h"

#include <string>

#include "absl/strings/str_replace.h"
#include "gtest/gtest.h"
#include "unicode/unistr.h"
#include "unicode/utf8.h"

namespace textlens::service::text {
namespace {

// ICU's full case folding, with U+2019 as "'": what LowerToken promises.
std::string IcuLower(const std::string& text) {
  std::string out;
  icu::UnicodeString::fromUTF8(icu::StringPiece(text.data(), text.size()))
      .foldCase()
      .toUTF8String(out);
  return absl::StrReplaceAll(out, {{"\xE2\x80\x99", "'"}});
}

std::string Utf8(UChar32 c) {
  char buffer[4];
  int32_t length = 0;
  UBool error = false;
  U8_APPEND(buffer, length, 4, c, error);
  EXPECT_FALSE(error);
  return std::string(buffer, static_cast<size_t>(length));
}

TEST(LowerTokenTest, FoldsEveryCodePointAsIcuDoes) {
  // Every code point up to U+024F (ASCII, Latin-1, Latin Extended-A and B)
  // and a few beyond, alone and inside a word: the ASCII and Latin-1 paths
  // must agree with ICU, the others go through it.
  for (UChar32 c = 1; c <= 0x24F; ++c) {
    for (const std::string& word :
         {Utf8(c), "A" + Utf8(c) + "z", "\xC3\x89t" + Utf8(c)}) {
      EXPECT_EQ(LowerToken(word), IcuLower(word)) << "U+" << std::hex << c;
    }
  }
  for (const char* word :
       {"STRASSE", "Straße", "µs", "ŒUVRE", "L\xE2\x80\x99\xC3\x89T\xC3\x89",
        "ΣΟΦΊΑ", "İstanbul", "ﬁn", "ÀÉÎÕÜ×ÝÞ"}) {
    EXPECT_EQ(LowerToken(word), IcuLower(word)) << word;
  }
}

TEST(LowerTokenTest, KeepsBytesThatAreNotUtf8) {
  // The host never passes them, but the fast path must not read past the
  // end or fold half a character.
  EXPECT_EQ(LowerToken("AB\xC3"), IcuLower("AB\xC3"));
  EXPECT_EQ(LowerToken("\xC3(A"), IcuLower("\xC3(A"));
}

}  // namespace
}  // namespace textlens::service::text
