#include "plugins/entities/ner_model.h"

#include <algorithm>
#include <array>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "plugins/entities/ner_trainer.h"

namespace textlens::plugins::entities {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

// A small corpus in the shared data's CoNLL form: people after "par",
// places after "à", organizations before "recrute".
constexpr char kCorpus[] =
    "0\tLe\tO\n1\trapport\tO\n2\tpar\tO\n3\tClaire\tB-PER\n4\tDubois\tI-PER\n"
    "5\tà\tO\n6\tLyon\tB-LOC\n7\t.\tO\n\n"
    "0\tLe\tO\n1\tlivre\tO\n2\tpar\tO\n3\tPaul\tB-PER\n4\tMartin\tI-PER\n"
    "5\tà\tO\n6\tNantes\tB-LOC\n7\t.\tO\n\n"
    "0\tAcme\tB-ORG\n1\tLabs\tI-ORG\n2\trecrute\tO\n3\tà\tO\n4\tLille\tB-LOC\n"
    "5\t.\tO\n\n"
    "0\tZorvex\tB-ORG\n1\trecrute\tO\n2\tà\tO\n3\tParis\tB-LOC\n4\t.\tO\n";

NerModel Trained() {
  NerTrainer trainer;
  const std::vector<NerExample> examples = ReadConll(kCorpus, nullptr);
  for (uint32_t epoch = 0; epoch < 10; ++epoch) trainer.Epoch(examples, epoch);
  auto model = NerModel::Parse(trainer.Serialize());
  EXPECT_TRUE(model.ok()) << model.status();
  return *std::move(model);
}

TEST(ReadConllTest, ReadsSentencesAndCountsBadLines) {
  int skipped = 0;
  const auto examples = ReadConll(
      "0\tParis\tB-LOC\n1\test\tO\n\n0\tbroken line\n0\tx\tB-FOO\n"
      "\n\n0\tOui\tO\n",
      &skipped);
  ASSERT_EQ(examples.size(), 2u);
  EXPECT_THAT(examples[0].words, ElementsAre("Paris", "est"));
  EXPECT_THAT(examples[0].labels, ElementsAre(kNerBLoc, kNerO));
  EXPECT_EQ(skipped, 2);
}

TEST(NerModelTest, LearnsTheCorpusAndGeneralizesToNewNames) {
  const NerModel model = Trained();
  EXPECT_THAT(
      model.Tag({"Le", "rapport", "par", "Claire", "Dubois", "à", "Lyon", "."}),
      ElementsAre(kNerO, kNerO, kNerO, kNerBPer, kNerIPer, kNerO, kNerBLoc,
                  kNerO));
  // Names it never saw, in contexts it did.
  EXPECT_THAT(
      model.Tag({"Le", "livre", "par", "Julie", "Bernard", "à", "Rennes", "."}),
      ElementsAre(kNerO, kNerO, kNerO, kNerBPer, kNerIPer, kNerO, kNerBLoc,
                  kNerO));
}

TEST(NerModelTest, NeverOutputsAnInsideLabelWithoutItsBeginning) {
  const NerModel model = Trained();
  for (const auto& sentence : std::vector<std::vector<std::string_view>>{
           {"Dubois", "à", "Labs"}, {"Martin"}, {".", "Labs", "Labs"}}) {
    const std::vector<NerLabel> labels = model.Tag(sentence);
    NerLabel previous = kNerO;
    for (const NerLabel label : labels) {
      EXPECT_TRUE(NerTransitionAllowed(previous, label));
      previous = label;
    }
  }
}

// Tagging sums the features that do not read the labels ahead of decoding;
// it must score exactly as the features training uses, taken word by word.
TEST(NerModelTest, TaggingScoresAsTheTrainingFeaturesDo) {
  const NerModel model = Trained();
  for (const auto& sentence : std::vector<std::vector<std::string_view>>{
           {"Le", "livre", "par", "Julie", "Bernard", "à", "Rennes", "."},
           {"Acme", "Labs", "recrute", "à", "Lille", "et", "Zorvex", "aussi"},
           {"Été"},
           {}}) {
    std::vector<float> margins;
    const std::vector<NerLabel> labels = model.Tag(sentence, &margins);
    ASSERT_EQ(labels.size(), sentence.size());
    const std::vector<NerWord> words = NerWords(sentence);
    std::vector<uint64_t> features;
    NerLabel previous = kNerO, before_previous = kNerO;
    for (size_t i = 0; i < words.size(); ++i) {
      NerFeatures(words, i, previous, before_previous, &features);
      std::array<float, kNerLabels> scores{};
      model.Score(features, &scores);
      float second = -1e30f;
      for (int l = 1; l < kNerLabels; ++l) {
        if (l == labels[i] ||
            !NerTransitionAllowed(previous, static_cast<NerLabel>(l))) {
          continue;
        }
        EXPECT_LE(scores[l], scores[labels[i]]) << sentence[i];
        second = std::max(second, scores[l]);
      }
      if (labels[i] != kNerO) second = std::max(second, scores[kNerO]);
      EXPECT_FLOAT_EQ(margins[i], scores[labels[i]] - second) << sentence[i];
      before_previous = previous;
      previous = labels[i];
    }
  }
}

TEST(NerModelTest, SerializationIsReproducible) {
  NerTrainer a, b;
  const std::vector<NerExample> examples = ReadConll(kCorpus, nullptr);
  for (uint32_t epoch = 0; epoch < 3; ++epoch) {
    a.Epoch(examples, epoch);
    b.Epoch(examples, epoch);
  }
  EXPECT_EQ(a.Serialize(), b.Serialize());
}

TEST(NerModelTest, RefusesBytesThatAreNotAModel) {
  EXPECT_THAT(NerModel::Parse("hello").status().message(),
              HasSubstr("not a textlens NER model"));
  std::string truncated = NerTrainer().Serialize() + "xyz";
  EXPECT_THAT(NerModel::Parse(truncated).status().message(),
              HasSubstr("features need"));
  // An empty model tags everything O.
  auto empty = NerModel::Parse(NerTrainer().Serialize());
  ASSERT_TRUE(empty.ok());
  EXPECT_THAT(empty->Tag({"Paris"}), ElementsAre(kNerO));
}

TEST(NerLabelTest, ParsesNamesAndChecksTransitions) {
  NerLabel label;
  ASSERT_TRUE(ParseNerLabel("I-MISC", &label));
  EXPECT_EQ(label, kNerIMisc);
  EXPECT_FALSE(ParseNerLabel("B-DATE", &label));
  EXPECT_TRUE(NerTransitionAllowed(kNerBOrg, kNerIOrg));
  EXPECT_TRUE(NerTransitionAllowed(kNerIOrg, kNerIOrg));
  EXPECT_FALSE(NerTransitionAllowed(kNerO, kNerIOrg));
  EXPECT_FALSE(NerTransitionAllowed(kNerBPer, kNerIOrg));
  EXPECT_TRUE(NerTransitionAllowed(kNerIPer, kNerBLoc));
}

}  // namespace
}  // namespace textlens::plugins::entities
