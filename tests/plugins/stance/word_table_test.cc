#include "plugins/stance/word_table.h"

#include <optional>
#include <string_view>

#include "gtest/gtest.h"
#include "plugins/sdk/tokens.h"
#include "tests/plugins/stance/test_documents.h"

namespace textlens::plugins::stance {
namespace {

using textlens::sdk::Tokens;

// The value the table gives the one word of `text`.
std::optional<double> ValueOf(const WordTable& table, std::string_view text) {
  const auto doc = Prepare(text, "fr");
  EXPECT_EQ(Tokens(doc).size(), 1) << text;
  return table.Find(Tokens(doc)[0]);
}

TEST(WordTableTest, FindsExactFormsPrefixesAndStems) {
  auto table = WordTable::Parse(
      "# comment\n"
      "menace\t-0.8\n"
      "surpass*\t0.6\n"
      "innov*\t0.7\n"
      "innovat*\t0.2\n"
      "open\t0.3\n",
      {"french"});
  ASSERT_TRUE(table.ok()) << table.status();
  EXPECT_EQ(ValueOf(*table, "menace"), -0.8);
  EXPECT_EQ(ValueOf(*table, "menaces"), -0.8);  // by stem
  EXPECT_EQ(ValueOf(*table, "surpasse"), 0.6);
  EXPECT_EQ(ValueOf(*table, "Surpass"), 0.6);  // the prefix itself, any case
  // Two prefixes match: the first in the file wins, whatever its length.
  EXPECT_EQ(ValueOf(*table, "innovation"), 0.7);
  EXPECT_EQ(ValueOf(*table, "open"), 0.3);
  // Words sharing only the start of a prefix, or shorter than every
  // prefix, have none.
  EXPECT_EQ(ValueOf(*table, "surpris"), std::nullopt);
  EXPECT_EQ(ValueOf(*table, "innocent"), std::nullopt);
  EXPECT_EQ(ValueOf(*table, "inn"), std::nullopt);
  EXPECT_EQ(ValueOf(*table, "a"), std::nullopt);
}

TEST(WordTableTest, FindsPrefixesShorterThanFourBytes) {
  auto table = WordTable::Parse("ré*\t0.5\nab*\t0.4\n", {});
  ASSERT_TRUE(table.ok()) << table.status();
  EXPECT_EQ(ValueOf(*table, "réussite"), 0.5);
  EXPECT_EQ(ValueOf(*table, "ab"), 0.4);
  EXPECT_EQ(ValueOf(*table, "abri"), 0.4);
  EXPECT_EQ(ValueOf(*table, "rat"), std::nullopt);
}

TEST(WordTableTest, ABareStarIsAPrefixOfEveryWord) {
  auto table = WordTable::Parse("*\t0.1\nbon\t0.5\nmau*\t-0.3\n", {});
  ASSERT_TRUE(table.ok()) << table.status();
  EXPECT_EQ(ValueOf(*table, "bon"), 0.5);      // exact first
  EXPECT_EQ(ValueOf(*table, "mauvais"), 0.1);  // "*" comes first in the file
  EXPECT_EQ(ValueOf(*table, "a"), 0.1);
}

TEST(WordTableTest, NamesTheBadLine) {
  auto table = WordTable::Parse("good\t0.1\nbad line\n", {});
  EXPECT_EQ(table.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(table.status().message().find("bad line"), std::string_view::npos)
      << table.status();
}

}  // namespace
}  // namespace textlens::plugins::stance
