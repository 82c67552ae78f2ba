// Specification of the sentence model file: its format, its errors, and the
// model compiled into the plugin.
#include "plugins/summarizer/sentence_model.h"

#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "plugins/summarizer/sentence_features.h"
#include "tests/testing/prepare_text.h"

namespace textlens::plugins::summarizer {
namespace {

std::vector<double> Ramp() {
  std::vector<double> weights;
  for (size_t i = 0; i < FeatureNames().size(); ++i) {
    weights.push_back(0.125 * static_cast<double>(i) - 1.0 / 3.0);
  }
  return weights;
}

TEST(SentenceModelTest, SerializedModelParsesBackToItsWeights) {
  auto model = SentenceModel::FromWeights(Ramp());
  ASSERT_TRUE(model.ok()) << model.status();
  const std::string text = model->Serialize({"made by a test"});
  EXPECT_EQ(text.rfind("# made by a test\n", 0), 0u);
  auto parsed = SentenceModel::Parse(text);
  ASSERT_TRUE(parsed.ok()) << parsed.status();
  ASSERT_EQ(parsed->weights().size(), model->weights().size());
  for (size_t i = 0; i < model->weights().size(); ++i) {
    EXPECT_NEAR(parsed->weights()[i], model->weights()[i], 1e-8);
  }
}

TEST(SentenceModelTest, ScoreIsTheDotProductWithTheWeights) {
  auto model = SentenceModel::FromWeights(Ramp());
  ASSERT_TRUE(model.ok());
  std::vector<double> row(FeatureNames().size(), 0.0);
  row[0] = 2.0;
  row[3] = -1.0;
  EXPECT_DOUBLE_EQ(model->Score(row),
                   2.0 * model->weights()[0] - model->weights()[3]);
}

TEST(SentenceModelTest, RejectsAWrongNumberOfWeights) {
  EXPECT_FALSE(SentenceModel::FromWeights({1.0, 2.0}).ok());
  std::string text;
  for (size_t i = 0; i + 1 < FeatureNames().size(); ++i) {
    text += std::string(FeatureNames()[i]) + "\t1\n";
  }
  EXPECT_FALSE(SentenceModel::Parse(text).ok());
}

TEST(SentenceModelTest, RejectsAFeatureOutOfOrderNamingTheLine) {
  auto model = SentenceModel::FromWeights(Ramp());
  ASSERT_TRUE(model.ok());
  std::string text = model->Serialize({});
  // Swap the names of the first two lines.
  const std::string first(FeatureNames()[0]), second(FeatureNames()[1]);
  text.replace(text.find(first), first.size(), "unknown_feature");
  auto parsed = SentenceModel::Parse(text);
  ASSERT_FALSE(parsed.ok());
  EXPECT_NE(parsed.status().message().find("line 1"), std::string::npos)
      << parsed.status();
}

TEST(SentenceModelTest, RejectsAWeightThatIsNoNumber) {
  std::string text;
  for (size_t i = 0; i < FeatureNames().size(); ++i) {
    text += std::string(FeatureNames()[i]) + (i == 2 ? "\tabc\n" : "\t1\n");
  }
  EXPECT_FALSE(SentenceModel::Parse(text).ok());
}

TEST(SentenceModelTest, WordWeightsApplyToTheirLanguageOnlyAndCountOnce) {
  auto model = SentenceModel::FromWeights(Ramp());
  ASSERT_TRUE(model.ok());
  std::vector<double> with_words(FeatureNames().size(), 0.0);
  with_words[0] = 3.0;
  model->SetLexicon("fr", {{"selon", -0.5}, {"abeilles", 0.25}}, with_words);
  auto parsed = SentenceModel::Parse(model->Serialize({}));
  ASSERT_TRUE(parsed.ok()) << parsed.status();
  ASSERT_EQ(parsed->words().size(), 2u);
  EXPECT_DOUBLE_EQ(parsed->words().at("selon"), -0.5);
  ASSERT_EQ(parsed->language_weights().size(), FeatureNames().size());
  EXPECT_DOUBLE_EQ(parsed->language_weights()[0], 3.0);

  std::vector<double> row(FeatureNames().size(), 0.0);
  row[0] = 1.0;
  const auto french = textlens::testing::PrepareText(
      "Selon elle, les abeilles et encore les abeilles disparaissent.", "fr");
  ASSERT_EQ(french.sentences_size(), 1);
  // The with-words weights, "Selon" lowercased, "abeilles" counted once.
  EXPECT_DOUBLE_EQ(parsed->Score(row, french, french.sentences(0)),
                   3.0 - 0.5 + 0.25);

  const auto english = textlens::testing::PrepareText(
      "Selon and abeilles are French words in an English sentence.", "en");
  ASSERT_EQ(english.sentences_size(), 1);
  EXPECT_DOUBLE_EQ(parsed->Score(row, english, english.sentences(0)),
                   parsed->weights()[0]);
}

TEST(SentenceModelTest, TheEmbeddedModelParsesAndIsNotBlank) {
  const auto& model = EmbeddedModel();
  ASSERT_TRUE(model.ok()) << model.status();
  int nonzero = 0;
  for (double w : model->weights()) nonzero += w != 0.0;
  EXPECT_GT(nonzero, static_cast<int>(FeatureNames().size()) / 2);
}

}  // namespace
}  // namespace textlens::plugins::summarizer
