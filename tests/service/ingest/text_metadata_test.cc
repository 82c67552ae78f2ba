#include "service/ingest/text_metadata.h"

#include "gtest/gtest.h"
#include "tests/testing/prepare_text.h"

namespace textlens::service::ingest {
namespace {

using textlens::testing::PrepareText;

TEST(ParseDateTest, FrenchDayMonthYearWithTime) {
  EXPECT_EQ(ParseDate("Publié le 17 juin 2025 à 20:59"), "2025-06-17T20:59");
  EXPECT_EQ(ParseDate("Mis à jour le 3 AOÛT 2023 à 8h05"), "2023-08-03T08:05");
  EXPECT_EQ(ParseDate("1er février 2024"), "2024-02-01");
  EXPECT_EQ(ParseDate("le 12 décembre 2024"), "2024-12-12");
}

TEST(ParseDateTest, EnglishForms) {
  EXPECT_EQ(ParseDate("Published on March 4, 2025"), "2025-03-04");
  EXPECT_EQ(ParseDate("Updated 9 January 2025"), "2025-01-09");
}

TEST(ParseDateTest, IsoAndMonthOnly) {
  EXPECT_EQ(ParseDate("date 2025-03-04"), "2025-03-04");
  EXPECT_EQ(ParseDate("date 2025-01"), "2025-01");
  EXPECT_EQ(ParseDate("2025-03-04 10:15"), "2025-03-04T10:15");
  EXPECT_EQ(ParseDate("janvier 2025"), "2025-01");
}

TEST(ParseDateTest, NoDate) {
  EXPECT_EQ(ParseDate("Les modèles ouverts progressent"), "");
  EXPECT_EQ(ParseDate("2025-13-40"), "");
  EXPECT_EQ(ParseDate("le 45 mai 2025"), "");
}

TEST(TextMetadataTest, TitleDateAndAuthorOfAFrenchArticle) {
  auto doc = PrepareText(
      "Les laboratoires européens misent sur les poids ouverts\n\n"
      "Publié le 2 mai 2025 à 07:45\n\n"
      "ÉCRIT PAR : Claire Martin\n\n"
      "Plusieurs laboratoires ont publié leurs modèles. Ils espèrent attirer "
      "les développeurs.\n",
      "fr");
  const TextMetadata metadata = ExtractTextMetadata(doc);
  EXPECT_EQ(metadata.title,
            "Les laboratoires européens misent sur les poids ouverts");
  EXPECT_EQ(metadata.published, "2025-05-02T07:45");
  EXPECT_EQ(metadata.author, "Claire Martin");
  EXPECT_TRUE(metadata.headings.empty());
}

TEST(TextMetadataTest, SectionHeadingsAreTheOtherLinesOfTheirOwn) {
  auto doc = PrepareText(
      "Introduction\n\nL'année 2025 a été marquée par des avancées.\n\n"
      "Contexte technique\n\nLes modèles ouverts progressent.\n\n"
      "Publié le 2 mai 2025\n\nPerspective\n\nLa suite reste ouverte.\n",
      "fr");
  EXPECT_EQ(ExtractTextMetadata(doc).headings,
            (std::vector<std::string>{"Introduction", "Contexte technique",
                                      "Perspective"}));
}

TEST(TextMetadataTest, DateLineGluedToTheFirstSentence) {
  auto doc = PrepareText(
      " date 2025-03-04 Si vous avez suivi l'actualité, vous avez vu la "
      "nouvelle. Elle a surpris tout le monde.",
      "fr");
  EXPECT_EQ(ExtractTextMetadata(doc).published, "2025-03-04");
}

TEST(TextMetadataTest, EnglishBylineAndDate) {
  auto doc = PrepareText(
      "Open models close the gap\n"
      "By Jane Doe\n"
      "Published on March 4, 2025\n\n"
      "The release surprised analysts. It costs far less to run.\n",
      "en");
  const TextMetadata metadata = ExtractTextMetadata(doc);
  EXPECT_EQ(metadata.title, "Open models close the gap");
  EXPECT_EQ(metadata.author, "Jane Doe");
  EXPECT_EQ(metadata.published, "2025-03-04");
}

TEST(TextMetadataTest, OrdinaryOpeningIsNotMetadata) {
  auto doc = PrepareText(
      "Introduction\n\n"
      "Par ailleurs\n\n"
      "Le marché a changé en 2025. Les prix ont baissé.\n",
      "fr");
  const TextMetadata metadata = ExtractTextMetadata(doc);
  EXPECT_EQ(metadata.title, "");   // one word is a section name, not a title
  EXPECT_EQ(metadata.author, "");  // "Par ailleurs" names nobody
  EXPECT_EQ(metadata.published, "");
}

TEST(MarkHeadingLinesTest, MarksTheSentencesOfLinesTheMarkupCalledHeadings) {
  auto document = PrepareText(
      "Pourquoi l'open source gagne-t-il ?\n\n"
      "Les modèles ouverts progressent. Les entreprises les adoptent.\n\n"
      "Et ensuite ?\n\n"
      "Personne ne le sait encore.\n",
      "fr");
  ASSERT_EQ(document.sentences_size(), 5);
  for (const auto& sentence : document.sentences()) {
    ASSERT_FALSE(sentence.is_heading());
  }
  MarkHeadingLines({"Pourquoi l'open source gagne-t-il ?", "  Et ensuite ?",
                    "Absent de ce texte"},
                   &document);
  EXPECT_TRUE(document.sentences(0).is_heading());
  EXPECT_FALSE(document.sentences(1).is_heading());
  EXPECT_FALSE(document.sentences(2).is_heading());
  EXPECT_TRUE(document.sentences(3).is_heading());
  EXPECT_FALSE(document.sentences(4).is_heading());
}

TEST(MarkHeadingLinesTest, APartOfALineIsNoHeading) {
  auto document = PrepareText(
      "Les modèles ouverts progressent. Les entreprises les adoptent.\n", "fr");
  MarkHeadingLines({"Les modèles ouverts progressent."}, &document);
  for (const auto& sentence : document.sentences()) {
    EXPECT_FALSE(sentence.is_heading());
  }
}

}  // namespace
}  // namespace textlens::service::ingest
