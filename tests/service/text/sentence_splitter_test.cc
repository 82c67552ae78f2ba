#include "service/text/sentence_splitter.h"

#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace textlens::service::text {
namespace {

using ::testing::ElementsAre;

struct Split {
  std::vector<std::string> sentences;
  std::vector<bool> headings;
  std::vector<uint32_t> paragraphs;
};

Split SplitText(std::string_view text) {
  auto tokenizer = Tokenizer::Create();
  EXPECT_TRUE(tokenizer.ok());
  auto tokens = (*tokenizer)->Tokenize(text);
  EXPECT_TRUE(tokens.ok());
  Split out;
  uint32_t expected_first = 0;
  for (const SentenceSpan& s : SplitSentences(text, *tokens)) {
    EXPECT_EQ(s.first_token, expected_first);
    EXPECT_GT(s.token_count, 0u);
    expected_first += s.token_count;
    const uint32_t b = (*tokens)[s.first_token].begin;
    const uint32_t e = (*tokens)[s.first_token + s.token_count - 1].end;
    out.sentences.emplace_back(text.substr(b, e - b));
    out.headings.push_back(s.is_heading);
    out.paragraphs.push_back(s.paragraph);
  }
  EXPECT_EQ(expected_first, tokens->size());
  return out;
}

TEST(SentenceSplitterTest, FrenchAbbreviationsDoNotEndSentences) {
  EXPECT_THAT(
      SplitText("M. Dupont et Mme Durand, p. ex. chez Acme Inc. et "
                "Nova Corp. Ils ont vendu des outils, des puces, etc. "
                "dans toute l'Europe. Le Dr. Martin a ri.")
          .sentences,
      ElementsAre("M. Dupont et Mme Durand, p. ex. chez Acme Inc. et "
                  "Nova Corp.",
                  "Ils ont vendu des outils, des puces, etc. dans toute "
                  "l'Europe.",
                  "Le Dr. Martin a ri."));
}

TEST(SentenceSplitterTest, EnglishAbbreviationsAndInitials) {
  EXPECT_THAT(SplitText("The U.S. Senate met Dr. Smith and J. R. Doe on "
                        "Monday. It voted 3.5 to 1 in favor.")
                  .sentences,
              ElementsAre("The U.S. Senate met Dr. Smith and J. R. Doe on "
                          "Monday.",
                          "It voted 3.5 to 1 in favor."));
}

TEST(SentenceSplitterTest, DecimalsDoNotSplit) {
  EXPECT_THAT(
      SplitText("L'indice a pris 5,6 % à 1408,84 points. Fin.").sentences,
      ElementsAre("L'indice a pris 5,6 % à 1408,84 points.", "Fin."));
}

TEST(SentenceSplitterTest, EllipsisAndInterrobangEndSentences) {
  EXPECT_THAT(
      SplitText("Vraiment ?! Oui\xE2\x80\xA6 Il attend. Why?! Because..."
                " Done!")
          .sentences,
      ElementsAre("Vraiment ?!", "Oui\xE2\x80\xA6", "Il attend.", "Why?!",
                  "Because...", "Done!"));
}

TEST(SentenceSplitterTest, QuotesStayWithTheirSentence) {
  EXPECT_THAT(
      SplitText("Il a dit : \xC2\xAB C'est fini. \xC2\xBB Puis il est "
                "parti. She said \xE2\x80\x9CNo way!\xE2\x80\x9D Then she "
                "left.")
          .sentences,
      ElementsAre(
          "Il a dit : \xC2\xAB C'est fini. \xC2\xBB", "Puis il est parti.",
          "She said \xE2\x80\x9CNo way!\xE2\x80\x9D", "Then she left."));
  EXPECT_THAT(SplitText("\xC2\xAB Quoi ? \xC2\xBB demanda-t-il.").sentences,
              ElementsAre("\xC2\xAB Quoi ? \xC2\xBB demanda-t-il."));
}

TEST(SentenceSplitterTest, LinesWithoutPunctuationAreHeadings) {
  Split s = SplitText(
      "Le titre de l'article\nPublié le 17 juin 2025 à 20:59\n\n"
      "Premier paragraphe. Deuxième phrase.\n"
      "date 2025-03-04\n\n  Second paragraphe ici.  \n");
  EXPECT_THAT(
      s.sentences,
      ElementsAre("Le titre de l'article", "Publié le 17 juin 2025 à 20:59",
                  "Premier paragraphe.", "Deuxième phrase.", "date 2025-03-04",
                  "Second paragraphe ici."));
  EXPECT_THAT(s.headings, ElementsAre(true, true, false, false, true, false));
  EXPECT_THAT(s.paragraphs, ElementsAre(0u, 0u, 1u, 1u, 1u, 2u));
}

TEST(SentenceSplitterTest, LeadingDateMetadataIsAHeading) {
  Split s =
      SplitText(" date 2024-11-05 Le marché a bondi. Puis 2024-11 fut calme.");
  EXPECT_THAT(s.sentences, ElementsAre("date 2024-11-05", "Le marché a bondi.",
                                       "Puis 2024-11 fut calme."));
  EXPECT_THAT(s.headings, ElementsAre(true, false, false));
  EXPECT_THAT(SplitText("Updated 2023-07 The lab said so.").sentences,
              ElementsAre("Updated 2023-07", "The lab said so."));
}

TEST(SentenceSplitterTest, AbbreviationLikeWordsStillEndSentences) {
  EXPECT_THAT(SplitText("He said no. Then call me. Il en a vu sept. "
                        "Mr. Li met St. John at No. 5.")
                  .sentences,
              ElementsAre("He said no.", "Then call me.", "Il en a vu sept.",
                          "Mr. Li met St. John at No. 5."));
}

TEST(SentenceSplitterTest, LowercaseAfterPeriodContinues) {
  EXPECT_THAT(
      SplitText("Voir le chap. suivant. Ensuite, le vol. 2 arrive.").sentences,
      ElementsAre("Voir le chap. suivant.", "Ensuite, le vol. 2 arrive."));
}

TEST(SentenceSplitterTest, EmptyText) {
  EXPECT_TRUE(SplitText("").sentences.empty());
  EXPECT_TRUE(SplitText(" \n\n ").sentences.empty());
}

}  // namespace
}  // namespace textlens::service::text
