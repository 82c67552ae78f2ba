// Specification of the candidates and their features on small texts written
// for these tests, prepared by the real text layer.
#include "plugins/summarizer/sentence_features.h"

#include <set>
#include <string>
#include <string_view>

#include "gtest/gtest.h"
#include "tests/testing/prepare_text.h"

namespace textlens::plugins::summarizer {
namespace {

using textlens::plugin::v1::PreparedDocument;
using textlens::testing::PrepareText;

size_t Index(std::string_view name) {
  const auto names = FeatureNames();
  for (size_t i = 0; i < names.size(); ++i) {
    if (names[i] == name) return i;
  }
  ADD_FAILURE() << "no feature " << name;
  return 0;
}

Candidates Collect(const PreparedDocument& document) {
  auto candidates = CollectCandidates(document, {}, nullptr);
  EXPECT_TRUE(candidates.ok()) << candidates.status();
  return candidates.ok() ? *candidates : Candidates();
}

constexpr char kTitledEn[] =
    "Wild bees vanish from farmland\n"
    "\n"
    "Wild bees are vanishing from farmland across the country because of "
    "pesticides.\n"
    "The regional trains of Brittany run again after three days of strikes "
    "by the railway workers.\n"
    "\"We found 40 percent fewer bees than in 2015\", said the researcher "
    "Anne Martin of Rennes.\n";

TEST(SentenceFeaturesTest, NamesAreUniqueAndEveryCandidateHasAFullRow) {
  const std::set<std::string_view> unique(FeatureNames().begin(),
                                          FeatureNames().end());
  EXPECT_EQ(unique.size(), FeatureNames().size());
  EXPECT_EQ(FeatureNames()[0], "bias");
  const Candidates candidates = Collect(PrepareText(kTitledEn, "en"));
  ASSERT_EQ(candidates.size(), 3u);
  EXPECT_EQ(candidates.features.size(), 3 * FeatureNames().size());
  EXPECT_EQ(candidates.vectors.size(), 3u);
  for (size_t k = 0; k < candidates.size(); ++k) {
    EXPECT_EQ(candidates.Row(k)[0], 1.0);
  }
}

TEST(SentenceFeaturesTest, TheTitleIsNoCandidateButSetsTheTitleFeatures) {
  const Candidates candidates = Collect(PrepareText(kTitledEn, "en"));
  ASSERT_EQ(candidates.size(), 3u);
  EXPECT_EQ(candidates.sentences[0], 1);  // sentence 0 is the title
  const size_t cosine = Index("title_cosine");
  EXPECT_GT(candidates.Row(0)[cosine], candidates.Row(1)[cosine]);
  EXPECT_EQ(candidates.Row(0)[Index("closest_to_title")], 1.0);
  EXPECT_EQ(candidates.Row(1)[Index("closest_to_title")], 0.0);
  EXPECT_EQ(candidates.Row(0)[Index("no_title")], 0.0);

  const Candidates untitled =
      Collect(PrepareText(std::string(kTitledEn).substr(32), "en"));
  ASSERT_EQ(untitled.size(), 3u);
  EXPECT_EQ(untitled.Row(0)[Index("no_title")], 1.0);
  EXPECT_EQ(untitled.Row(0)[cosine], 0.0);
}

TEST(SentenceFeaturesTest, PositionIsOneHotAndRelative) {
  const Candidates candidates = Collect(PrepareText(kTitledEn, "en"));
  ASSERT_EQ(candidates.size(), 3u);
  for (size_t k = 0; k < 3; ++k) {
    const auto row = candidates.Row(k);
    for (size_t p = 0; p < 3; ++p) {
      EXPECT_EQ(row[Index("position_" + std::to_string(p))], p == k ? 1 : 0);
    }
    EXPECT_DOUBLE_EQ(row[Index("relative_position")], k / 2.0);
  }
  EXPECT_EQ(candidates.Row(2)[Index("last")], 1.0);
}

TEST(SentenceFeaturesTest, QuotesNumbersAndNamesAreSeen) {
  const Candidates candidates = Collect(PrepareText(kTitledEn, "en"));
  ASSERT_EQ(candidates.size(), 3u);
  const auto plain = candidates.Row(0), quoted = candidates.Row(2);
  EXPECT_EQ(plain[Index("quote")], 0.0);
  EXPECT_EQ(quoted[Index("quote")], 1.0);
  EXPECT_EQ(quoted[Index("starts_with_quote")], 1.0);
  EXPECT_EQ(plain[Index("numbers")], 0.0);
  EXPECT_GT(quoted[Index("numbers")], 0.0);
  EXPECT_GT(quoted[Index("capitalized")], plain[Index("capitalized")]);
}

TEST(SentenceFeaturesTest, FrenchGuillemetsCountAsQuotes) {
  const Candidates candidates = Collect(PrepareText(
      "« Nous avons trouvé beaucoup moins d'abeilles qu'avant », affirme la "
      "chercheuse.\n"
      "Les abeilles sauvages disparaissent des campagnes à cause des "
      "pesticides.\n",
      "fr"));
  ASSERT_EQ(candidates.size(), 2u);
  EXPECT_EQ(candidates.Row(0)[Index("starts_with_quote")], 1.0);
  EXPECT_EQ(candidates.Row(1)[Index("quote")], 0.0);
}

TEST(SentenceFeaturesTest, LengthBucketsFollowTheWordCount) {
  const Candidates candidates = Collect(PrepareText(kTitledEn, "en"));
  ASSERT_EQ(candidates.size(), 3u);
  // 12 words, then 16.
  EXPECT_EQ(candidates.Row(0)[Index("words_10_15")], 1.0);
  EXPECT_EQ(candidates.Row(1)[Index("words_16_22")], 1.0);
  EXPECT_EQ(candidates.Row(1)[Index("words_10_15")], 0.0);
}

}  // namespace
}  // namespace textlens::plugins::summarizer
