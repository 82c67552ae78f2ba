#include "plugins/stance/side_cues.h"

#include "gtest/gtest.h"
#include "plugins/sdk/tokens.h"
#include "tests/plugins/stance/test_documents.h"

namespace textlens::plugins::stance {
namespace {

using textlens::sdk::Tokens;

constexpr char kCues[] =
    "# comment\n"
    "open\topen source\t1.0\t0\n"
    "open\topen\t0.3\t0\n"
    "open\tpoids ouverts\t1.0\t0\n"
    "closed\tboîte noire\t0.8\t-0.4\n"
    "closed\tverrouill*\t0.6\t-0.3\n";

TEST(SideCuesTest, MatchesLongestPhraseFirstWithoutOverlap) {
  auto cues = SideCues::Parse(kCues);
  ASSERT_TRUE(cues.ok()) << cues.status();
  auto doc = Prepare("The open source model is open to all.", "en");
  auto matches = cues->Match(Tokens(doc), 0, Tokens(doc).size());
  ASSERT_EQ(matches.size(), 2u);
  EXPECT_EQ(matches[0].token_count, 2);  // "open source", not "open"
  EXPECT_DOUBLE_EQ(matches[0].weight, 1.0);
  EXPECT_EQ(Tokens(doc)[matches[0].first_token].lower(), "open");
  EXPECT_EQ(matches[1].token_count, 1);
  EXPECT_DOUBLE_EQ(matches[1].weight, 0.3);
}

TEST(SideCuesTest, MatchesFrenchPhrasesAndPrefixes) {
  auto cues = SideCues::Parse(kCues);
  ASSERT_TRUE(cues.ok()) << cues.status();
  auto doc = Prepare(
      "Un modèle aux poids ouverts face à une boîte noire verrouillée.", "fr");
  auto matches = cues->Match(Tokens(doc), 0, Tokens(doc).size());
  ASSERT_EQ(matches.size(), 3u);
  EXPECT_EQ(matches[0].side, Side::kOpen);
  EXPECT_EQ(matches[1].side, Side::kClosed);
  EXPECT_DOUBLE_EQ(matches[1].valence, -0.4);
  EXPECT_EQ(matches[2].side, Side::kClosed);
  EXPECT_EQ(Tokens(doc)[matches[2].first_token].lower(), "verrouillée");
}

TEST(SideCuesTest, PrefixCuesCompeteWithExactCuesOnLength) {
  // "*" alone matches any word; "open*" any word starting with "open".
  auto cues = SideCues::Parse(
      "open\topen\t0.3\t0\n"
      "closed\topen* washing\t0.7\t-0.5\n"
      "open\t* commons\t0.4\t0\n");
  ASSERT_TRUE(cues.ok()) << cues.status();
  auto doc = Prepare(
      "Open washing, opened washing, the open commons, digital commons.", "en");
  auto matches = cues->Match(Tokens(doc), 0, Tokens(doc).size());
  ASSERT_EQ(matches.size(), 4u);
  // "open" starts an exact cue and two prefix cues: the longer ones first.
  EXPECT_EQ(matches[0].side, Side::kClosed);
  EXPECT_EQ(matches[0].token_count, 2);
  EXPECT_EQ(Tokens(doc)[matches[1].first_token].lower(), "opened");
  EXPECT_EQ(matches[1].side, Side::kClosed);
  EXPECT_EQ(Tokens(doc)[matches[2].first_token].lower(), "open");
  EXPECT_EQ(matches[2].side, Side::kOpen);
  EXPECT_EQ(matches[2].token_count, 2);
  EXPECT_DOUBLE_EQ(matches[2].weight, 0.4);
  EXPECT_EQ(Tokens(doc)[matches[3].first_token].lower(), "digital");
  EXPECT_DOUBLE_EQ(matches[3].weight, 0.4);
}

TEST(SideCuesTest, RejectsMalformedLines) {
  EXPECT_EQ(SideCues::Parse("middle\topen source\t1\t0\n").status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(SideCues::Parse("open\topen source\t2\t0\n").status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(SideCues::Parse("open\topen source\n").status().code(),
            absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace textlens::plugins::stance
