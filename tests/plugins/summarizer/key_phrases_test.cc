// Specification of key phrase extraction on texts written for these tests.
#include "plugins/summarizer/key_phrases.h"

#include <algorithm>
#include <string>

#include "gtest/gtest.h"
#include "tests/testing/prepare_text.h"

namespace textlens::plugins::summarizer {
namespace {

using textlens::plugin::v1::PreparedDocument;
using textlens::testing::PrepareText;

std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return std::tolower(c); });
  return s;
}

constexpr char kFrench[] =
    "L'intelligence artificielle transforme les rédactions.\n"
    "Les journalistes utilisent l'intelligence artificielle pour résumer "
    "des dépêches.\n"
    "Cette Intelligence Artificielle ne remplace pas les journalistes, "
    "selon le syndicat.\n"
    "Les rédactions forment leurs équipes aux outils de traduction "
    "automatique.\n";

TEST(KeyPhrasesTest, FindsRepeatedPhraseWithAllMentions) {
  const PreparedDocument document = PrepareText(kFrench, "fr");
  KeyPhraseOptions options;
  auto phrases = ExtractKeyPhrases(document, options, nullptr);
  ASSERT_TRUE(phrases.ok());
  ASSERT_FALSE(phrases->empty());
  const auto it = std::find_if(
      phrases->begin(), phrases->end(), [](const textlens::v1::KeyPhrase& p) {
        return Lower(p.text()) == "intelligence artificielle";
      });
  ASSERT_NE(it, phrases->end());
  EXPECT_EQ(it->text(), "intelligence artificielle");  // first surface form
  EXPECT_EQ(it->mentions_size(), 3);
  for (const auto& mention : it->mentions()) {
    EXPECT_EQ(Lower(document.text().substr(mention.begin(),
                                           mention.end() - mention.begin())),
              "intelligence artificielle");
  }
  // Its parts are not repeated as phrases of their own.
  for (const auto& phrase : *phrases) {
    EXPECT_NE(Lower(phrase.text()), "intelligence");
    EXPECT_NE(Lower(phrase.text()), "artificielle");
  }
}

TEST(KeyPhrasesTest, ScoresAreNormalizedAndSortedAndPhrasesShort) {
  const PreparedDocument document = PrepareText(kFrench, "fr");
  KeyPhraseOptions options;
  options.max_phrases = 5;
  auto phrases = ExtractKeyPhrases(document, options, nullptr);
  ASSERT_TRUE(phrases.ok());
  ASSERT_EQ(phrases->size(), 5u);
  EXPECT_DOUBLE_EQ((*phrases)[0].score(), 1.0);
  for (size_t i = 0; i < phrases->size(); ++i) {
    const auto& phrase = (*phrases)[i];
    if (i > 0) {
      EXPECT_LE(phrase.score(), (*phrases)[i - 1].score());
    }
    EXPECT_GT(phrase.score(), 0.0);
    EXPECT_LE(std::count(phrase.text().begin(), phrase.text().end(), ' '), 2);
    // Never crosses punctuation, never starts with a stopword.
    EXPECT_EQ(phrase.text().find(','), std::string::npos);
    EXPECT_NE(Lower(phrase.text()).rfind("les ", 0), 0u);
  }
}

TEST(KeyPhrasesTest, EnglishPhrasesAndZeroLimit) {
  const PreparedDocument document = PrepareText(
      "Open source models are gaining ground. Many companies now fine-tune "
      "open source models on their own data. Critics say open source models "
      "can be misused.",
      "en");
  KeyPhraseOptions options;
  options.max_phrases = 3;
  auto phrases = ExtractKeyPhrases(document, options, nullptr);
  ASSERT_TRUE(phrases.ok());
  ASSERT_FALSE(phrases->empty());
  EXPECT_EQ(Lower((*phrases)[0].text()), "open source models");
  EXPECT_EQ((*phrases)[0].mentions_size(), 3);

  options.max_phrases = 0;
  auto none = ExtractKeyPhrases(document, options, nullptr);
  ASSERT_TRUE(none.ok());
  EXPECT_TRUE(none->empty());
}

TEST(KeyPhrasesTest, AcronymThatIsAStopwordStaysInThePhrase) {
  // "ai" is a French stopword (avoir), "AI" in "Mistral AI" is not.
  const PreparedDocument document = PrepareText(
      "Mistral AI publie un modèle. Les clients de Mistral AI testent ce "
      "modèle. Mistral AI vise l'Europe. J'ai lu l'annonce.",
      "fr");
  KeyPhraseOptions options;
  auto phrases = ExtractKeyPhrases(document, options, nullptr);
  ASSERT_TRUE(phrases.ok());
  const auto it = std::find_if(phrases->begin(), phrases->end(),
                               [](const textlens::v1::KeyPhrase& p) {
                                 return p.text() == "Mistral AI";
                               });
  ASSERT_NE(it, phrases->end());
  EXPECT_EQ(it->mentions_size(), 3);
  for (const auto& phrase : *phrases) EXPECT_NE(phrase.text(), "ai");
}

}  // namespace
}  // namespace textlens::plugins::summarizer
