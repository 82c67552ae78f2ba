#include "plugins/stance/stance_trainer.h"

#include <set>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "plugins/stance/frames.h"
#include "plugins/stance/stance_model.h"
#include "tests/plugins/stance/test_documents.h"

namespace textlens::plugins::stance {
namespace {

// Two features; the label is which quadrant the point falls in, with the
// points spread over groups and strata.
std::vector<StanceExample> Quadrants() {
  std::vector<StanceExample> examples;
  for (int i = 0; i < 80; ++i) {
    const double a = (i % 7) / 7.0 + 0.1, b = (i % 5) / 5.0 + 0.1;
    const double x = i % 2 ? a : -a, y = (i / 2) % 2 ? b : -b;
    StanceExample e;
    e.features = {x, y};
    e.label = (x > 0 ? 1 : 0) + (y > 0 ? 2 : 0);  // four labels
    e.group = i / 4;
    e.stratum = std::to_string(e.label);
    examples.push_back(e);
  }
  return examples;
}

TEST(StanceTrainerTest, FitsASeparableProblemAndReadsBackTheSame) {
  const std::vector<StanceExample> examples = Quadrants();
  const std::vector<std::string> names = {"x", "y"};
  const StanceModel model = FitStanceModel(examples, names, 0.001);
  int right = 0;
  for (const StanceExample& e : examples) {
    const LabelProbabilities p = model.Probabilities(e.features);
    right += std::max_element(p.begin(), p.end()) - p.begin() == e.label;
  }
  EXPECT_GE(right, 76);  // of 80

  const std::string file = model.Serialize("# test\n");
  auto parsed = StanceModel::Parse(file, names);
  ASSERT_TRUE(parsed.ok()) << parsed.status();
  for (const StanceExample& e : examples) {
    EXPECT_EQ(parsed->Probabilities(e.features),
              model.Probabilities(e.features));
  }
  // Deterministic: the same data give the same bytes.
  EXPECT_EQ(FitStanceModel(examples, names, 0.001).Serialize("# test\n"), file);
}

TEST(StanceTrainerTest, AStrongerPenaltyGivesFlatterProbabilities) {
  const std::vector<StanceExample> examples = Quadrants();
  const std::vector<std::string> names = {"x", "y"};
  const LabelProbabilities weak =
      FitStanceModel(examples, names, 0.001).Probabilities({0.5, 0.5});
  const LabelProbabilities strong =
      FitStanceModel(examples, names, 1.0).Probabilities({0.5, 0.5});
  EXPECT_GT(weak[3], strong[3]);
  EXPECT_GT(strong[3], 0.25);
}

TEST(StanceTrainerTest, FoldsKeepGroupsTogetherAndSpreadTheStrata) {
  const std::vector<StanceExample> examples = Quadrants();
  const std::vector<int> fold = AssignFolds(examples, 5);
  std::vector<std::set<int>> folds_of_group(20);
  std::vector<std::vector<int>> per_fold(5, std::vector<int>(4, 0));
  for (size_t i = 0; i < examples.size(); ++i) {
    ASSERT_GE(fold[i], 0);
    ASSERT_LT(fold[i], 5);
    folds_of_group[examples[i].group].insert(fold[i]);
    ++per_fold[fold[i]][examples[i].label];
  }
  for (const auto& folds : folds_of_group) EXPECT_EQ(folds.size(), 1u);
  for (const auto& counts : per_fold) {
    for (int count : counts) EXPECT_GE(count, 2);  // 20 of each label
  }
}

TEST(StanceTrainerTest, ChoosesAPenaltyOfTheGrid) {
  const double l2 = ChoosePenalty(Quadrants(), {"x", "y"}, 5);
  const auto& grid = PenaltyGrid();
  EXPECT_NE(std::find(grid.begin(), grid.end(), l2), grid.end());
  EXPECT_LT(l2, grid.back());  // a separable problem wants a weak penalty
}

TEST(StanceTrainerTest, GroupsTextsOfOneSiteOrOneEvent) {
  const std::vector<std::string> sites = {"a.example", "b.example", "a.example",
                                          "c.example", "d.example"};
  const std::vector<std::vector<std::string>> words = {
      {"alpha", "bravo"},
      {"mistral", "releases", "model", "weights", "apache", "license"},
      {"charlie"},
      {"mistral", "releases", "model", "weights", "apache", "today"},
      {"unrelated", "words", "entirely"}};
  const std::vector<int> group = GroupTexts(sites, words);
  EXPECT_EQ(group[0], group[2]);  // same site
  EXPECT_EQ(group[1], group[3]);  // same event
  EXPECT_NE(group[0], group[1]);
  EXPECT_NE(group[4], group[0]);
  EXPECT_NE(group[4], group[1]);
}

TEST(StanceModelTest, RejectsMalformedFiles) {
  const std::vector<std::string> names = {"x"};
  EXPECT_FALSE(StanceModel::Parse("", names).ok());
  EXPECT_FALSE(StanceModel::Parse("labels\tA\tB\tC\tD\n", names).ok());
  const std::string head =
      "labels\tNEUTRAL\tPRO_OPEN\tPRO_CLOSED\tMIXED\nbias\t0\t0\t0\t0\n";
  EXPECT_TRUE(
      StanceModel::Parse(head + "feature\tx\t0\t1\t1\t2\t3\t4\n", names).ok());
  // Zero scale, a missing weight, an unknown line kind.
  EXPECT_FALSE(
      StanceModel::Parse(head + "feature\tx\t0\t0\t1\t2\t3\t4\n", names).ok());
  EXPECT_FALSE(
      StanceModel::Parse(head + "feature\tx\t0\t1\t1\t2\t3\n", names).ok());
  EXPECT_FALSE(StanceModel::Parse(head + "weight\tx\n", names).ok());
}

TEST(FramesTest, CountsEachFramesWordsByFormPrefixAndStem) {
  auto frames = Frames::Parse(
      "# comment\nrisk\tmisuse*\nrisk\tdanger\nreport\tannounced\n"
      "balance\tdanger\n");
  ASSERT_TRUE(frames.ok()) << frames.status();
  const auto doc = Prepare(
      "The lab announced that misuses of open models are a danger, dangers "
      "everywhere.",
      "en");
  const std::vector<uint16_t> marks = frames->Mark(sdk::Tokens(doc));
  FrameCounts counts{};
  Frames::Count(marks, 0, static_cast<int>(marks.size()), &counts);
  EXPECT_EQ(counts[static_cast<int>(Frame::kRisk)],
            3);  // misuses, danger, dangers
  EXPECT_EQ(counts[static_cast<int>(Frame::kReport)], 1);
  // A word of two frames counts for both.
  EXPECT_EQ(counts[static_cast<int>(Frame::kBalance)], 2);
  EXPECT_EQ(counts[static_cast<int>(Frame::kArgue)], 0);
  EXPECT_EQ(Frames::Parse("peril\tdanger\n").status().code(),
            absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace textlens::plugins::stance
