#include "service/text/tokenizer.h"

#include <string>
#include <utility>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace textlens::service::text {
namespace {

using plugin::v1::TOKEN_KIND_NUMBER;
using plugin::v1::TOKEN_KIND_PUNCT;
using plugin::v1::TOKEN_KIND_SYMBOL;
using plugin::v1::TOKEN_KIND_WORD;
using plugin::v1::TokenKind;
using ::testing::ElementsAre;
using ::testing::Pair;

std::vector<std::pair<std::string, TokenKind>> Tokens(std::string_view text) {
  auto tokenizer = Tokenizer::Create();
  EXPECT_TRUE(tokenizer.ok());
  auto tokens = (*tokenizer)->Tokenize(text);
  EXPECT_TRUE(tokens.ok());
  std::vector<std::pair<std::string, TokenKind>> out;
  for (const RawToken& t : *tokens) {
    out.emplace_back(std::string(text.substr(t.begin, t.end - t.begin)),
                     t.kind);
  }
  return out;
}

TEST(TokenizerTest, SplitsFrenchElisions) {
  EXPECT_THAT(
      Tokens("l'intelligence qu\xE2\x80\x99il jusqu'ici"),
      ElementsAre(
          Pair("l'", TOKEN_KIND_WORD), Pair("intelligence", TOKEN_KIND_WORD),
          Pair("qu\xE2\x80\x99", TOKEN_KIND_WORD), Pair("il", TOKEN_KIND_WORD),
          Pair("jusqu'", TOKEN_KIND_WORD), Pair("ici", TOKEN_KIND_WORD)));
  EXPECT_THAT(
      Tokens("D'abord aujourd'hui"),
      ElementsAre(Pair("D'", TOKEN_KIND_WORD), Pair("abord", TOKEN_KIND_WORD),
                  Pair("aujourd'hui", TOKEN_KIND_WORD)));
}

TEST(TokenizerTest, NoBreakSpacesSeparateWords) {
  // French typography: a narrow no-break space before "?" and ":".
  EXPECT_THAT(
      Tokens("open source\xE2\x80\xAF? oui\xC2\xA0: non"),
      ElementsAre(Pair("open", TOKEN_KIND_WORD),
                  Pair("source", TOKEN_KIND_WORD), Pair("?", TOKEN_KIND_PUNCT),
                  Pair("oui", TOKEN_KIND_WORD), Pair(":", TOKEN_KIND_PUNCT),
                  Pair("non", TOKEN_KIND_WORD)));
}

TEST(TokenizerTest, KeepsModelNamesWhole) {
  EXPECT_THAT(
      Tokens("DeepSeek-R1, GPT-4o et o1 puis Llama-3.1-8B"),
      ElementsAre(Pair("DeepSeek-R1", TOKEN_KIND_WORD),
                  Pair(",", TOKEN_KIND_PUNCT), Pair("GPT-4o", TOKEN_KIND_WORD),
                  Pair("et", TOKEN_KIND_WORD), Pair("o1", TOKEN_KIND_WORD),
                  Pair("puis", TOKEN_KIND_WORD),
                  Pair("Llama-3.1-8B", TOKEN_KIND_WORD)));
}

TEST(TokenizerTest, FreeStandingDashIsPunct) {
  EXPECT_THAT(
      Tokens("open - closed"),
      ElementsAre(Pair("open", TOKEN_KIND_WORD), Pair("-", TOKEN_KIND_PUNCT),
                  Pair("closed", TOKEN_KIND_WORD)));
}

TEST(TokenizerTest, KeepsDecimalsAndGroupedNumbers) {
  EXPECT_THAT(
      Tokens("5,6 % puis 1408,84 $ et 3.5 ou 1 000 000 et 2\xC2\xA0"
             "500 ou 12\xE2\x80\xAF"
             "000,5 \xE2\x82\xAC"),
      ElementsAre(
          Pair("5,6", TOKEN_KIND_NUMBER), Pair("%", TOKEN_KIND_SYMBOL),
          Pair("puis", TOKEN_KIND_WORD), Pair("1408,84", TOKEN_KIND_NUMBER),
          Pair("$", TOKEN_KIND_SYMBOL), Pair("et", TOKEN_KIND_WORD),
          Pair("3.5", TOKEN_KIND_NUMBER), Pair("ou", TOKEN_KIND_WORD),
          Pair("1 000 000", TOKEN_KIND_NUMBER), Pair("et", TOKEN_KIND_WORD),
          Pair("2\xC2\xA0"
               "500",
               TOKEN_KIND_NUMBER),
          Pair("ou", TOKEN_KIND_WORD),
          Pair("12\xE2\x80\xAF"
               "000,5",
               TOKEN_KIND_NUMBER),
          Pair("\xE2\x82\xAC", TOKEN_KIND_SYMBOL)));
}

TEST(TokenizerTest, DoesNotGroupYearsOrLongNumbers) {
  EXPECT_THAT(
      Tokens("en 2025 100 personnes"),
      ElementsAre(Pair("en", TOKEN_KIND_WORD), Pair("2025", TOKEN_KIND_NUMBER),
                  Pair("100", TOKEN_KIND_NUMBER),
                  Pair("personnes", TOKEN_KIND_WORD)));
}

TEST(TokenizerTest, NeverEmitsWhitespace) {
  auto tokens = Tokens(" \t a \n\n b \xC2\xA0 ");
  EXPECT_THAT(tokens, ElementsAre(Pair("a", TOKEN_KIND_WORD),
                                  Pair("b", TOKEN_KIND_WORD)));
  EXPECT_TRUE(Tokens("").empty());
}

TEST(TokenizerTest, JoinsEllipsisDots) {
  EXPECT_THAT(Tokens("Bon..."), ElementsAre(Pair("Bon", TOKEN_KIND_WORD),
                                            Pair("...", TOKEN_KIND_PUNCT)));
}

}  // namespace
}  // namespace textlens::service::text
