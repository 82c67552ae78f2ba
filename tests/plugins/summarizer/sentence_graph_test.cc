// Specification of the LexRank core: TF-IDF vectors, cosine, PageRank.
#include "plugins/summarizer/sentence_graph.h"

#include <cmath>
#include <numeric>

#include "gtest/gtest.h"

namespace textlens::plugins::summarizer {
namespace {

TEST(TfIdfVectorsTest, VectorsAreUnitLengthAndSorted) {
  const auto vectors = TfIdfVectors({{3, 1, 1, 2}, {1, 4}, {}});
  ASSERT_EQ(vectors.size(), 3u);
  for (int i = 0; i < 2; ++i) {
    double norm = 0.0;
    for (size_t k = 0; k < vectors[i].size(); ++k) {
      norm += vectors[i][k].second * vectors[i][k].second;
      if (k > 0) {
        EXPECT_LT(vectors[i][k - 1].first, vectors[i][k].first);
      }
    }
    EXPECT_NEAR(norm, 1.0, 1e-9);
  }
  EXPECT_TRUE(vectors[2].empty());
  EXPECT_EQ(vectors[0].size(), 3u);
}

TEST(TfIdfVectorsTest, RareTermsWeighMoreThanCommonOnes) {
  // Term 1 is in every sentence, term 2 only in the first.
  const auto vectors = TfIdfVectors({{1, 2}, {1, 3}, {1, 4}});
  ASSERT_EQ(vectors[0].size(), 2u);
  EXPECT_EQ(vectors[0][0].first, 1u);
  EXPECT_LT(vectors[0][0].second, vectors[0][1].second);
}

TEST(CosineTest, IdenticalOrthogonalAndPartial) {
  const auto vectors = TfIdfVectors({{1, 2}, {1, 2}, {3, 4}, {2, 3}});
  EXPECT_NEAR(Cosine(vectors[0], vectors[1]), 1.0, 1e-9);
  EXPECT_EQ(Cosine(vectors[0], vectors[2]), 0.0);
  const double partial = Cosine(vectors[0], vectors[3]);
  EXPECT_GT(partial, 0.0);
  EXPECT_LT(partial, 1.0);
}

TEST(RankSentencesTest, HubSentenceRanksFirstAndScoresSumToOne) {
  // Sentence 0 shares a term with each of the others; they share nothing.
  const auto vectors = TfIdfVectors({{1, 2, 3}, {1, 5}, {2, 6}, {3, 7}});
  RankOptions options;
  options.min_similarity = 0.0;
  auto scores = RankSentences(vectors, {}, options, nullptr);
  ASSERT_TRUE(scores.ok());
  ASSERT_EQ(scores->size(), 4u);
  EXPECT_NEAR(std::accumulate(scores->begin(), scores->end(), 0.0), 1.0, 1e-6);
  for (int i = 1; i < 4; ++i) EXPECT_GT((*scores)[0], (*scores)[i]);
}

TEST(RankSentencesTest, TeleportFavoursItsSentences) {
  // Two isolated pairs of identical sentences: symmetric without a prior.
  const auto vectors = TfIdfVectors({{1, 2}, {1, 2}, {3, 4}, {3, 4}});
  auto plain = RankSentences(vectors, {}, RankOptions(), nullptr);
  auto biased = RankSentences(vectors, {3, 3, 1, 1}, RankOptions(), nullptr);
  ASSERT_TRUE(plain.ok());
  ASSERT_TRUE(biased.ok());
  EXPECT_NEAR((*plain)[0], (*plain)[2], 1e-9);
  EXPECT_GT((*biased)[0], (*biased)[2]);
}

TEST(RankSentencesTest, EmptyInputGivesNoScores) {
  auto scores = RankSentences({}, {}, RankOptions(), nullptr);
  ASSERT_TRUE(scores.ok());
  EXPECT_TRUE(scores->empty());
}

TEST(RankSentencesTest, StopsWhenCancelled) {
  const auto vectors = TfIdfVectors({{1, 2}, {2, 3}});
  auto scores = RankSentences(vectors, {}, RankOptions(), [] { return true; });
  EXPECT_EQ(scores.status().code(), absl::StatusCode::kCancelled);
}

TEST(RankSentencesTest, WindowLimitsEdgesOfLongDocuments) {
  // 0 and 2 are identical but two apart: with window 1 they are not linked,
  // so 1 (linked to both) outranks them.
  const auto vectors = TfIdfVectors({{1, 2}, {1, 2, 3, 4}, {1, 2}});
  RankOptions options;
  options.window = 1;
  auto scores = RankSentences(vectors, {}, options, nullptr);
  ASSERT_TRUE(scores.ok());
  EXPECT_GT((*scores)[1], (*scores)[0]);
  EXPECT_NEAR((*scores)[0], (*scores)[2], 1e-9);
}

TEST(ComparisonWindowTest, ShortDocumentsGetTheirWholeGraphLongOnesABudget) {
  const RankOptions options;  // budget 2^17 comparisons, window at least 16
  EXPECT_GE(ComparisonWindow(40, options), 40u);
  EXPECT_GE(ComparisonWindow(300, options), 300u);
  // A long document: the window shrinks so comparisons stay within
  // max(budget, n * min_window), linear in n.
  for (size_t n : {2000u, 8000u, 100000u}) {
    const size_t window = ComparisonWindow(n, options);
    EXPECT_GE(window, 16u);
    EXPECT_LE(n * window, std::max<size_t>(1 << 17, n * 16));
  }
  RankOptions fixed;
  fixed.window = 3;
  EXPECT_EQ(ComparisonWindow(100000, fixed), 3u);
}

}  // namespace
}  // namespace textlens::plugins::summarizer
