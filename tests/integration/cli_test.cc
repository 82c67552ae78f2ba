// The textlens CLI against the real server.
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/integration/cli_fixture.h"

namespace textlens::tests {
namespace {

using ::testing::HasSubstr;

TEST_F(CliTest, AnalyzesAFileAndPrintsJson) {
  auto result = Cli({"analyze", std::string(TESTDATA_DIR) + "/article_en.txt",
                     "--analyzers=entities,stance"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_THAT(result.out, HasSubstr("\"code\": \"en\""));
  EXPECT_THAT(result.out, HasSubstr("\"canonical_name\": \"Mistral AI\""));
  EXPECT_THAT(result.out, HasSubstr("\"analyzer\": \"stance\""));
}

TEST_F(CliTest, AnalyzesEveryFileOfAFolder) {
  auto result = Cli({"analyze", TESTDATA_DIR, "--analyzers=entities"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.out.front(), '[');
  EXPECT_THAT(result.out, HasSubstr("article_en.txt"));
  EXPECT_THAT(result.out, HasSubstr("article_fr.txt"));
}

TEST_F(CliTest, ReadsStandardInput) {
  auto result = Cli({"analyze", "-", "--analyzers=summarizer"},
                    "Première phrase du texte. Deuxième phrase du texte.");
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_THAT(result.out, HasSubstr("\"analyzer\": \"summarizer\""));
}

TEST_F(CliTest, ErrorsExitNonZeroWithTheStatusMessage) {
  auto result = Cli({"analyze", "-", "--analyzers=nope"}, "Bonjour.");
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_THAT(result.err, HasSubstr("no analyzer named 'nope'"));

  auto bad_utf8 = Cli({"analyze", "-"}, std::string("ok \xFF bad", 8));
  EXPECT_EQ(bad_utf8.exit_code, 1);
  EXPECT_THAT(bad_utf8.err, HasSubstr("invalid UTF-8 at byte 3"));

  auto usage = RunCommand({TEXTLENS_CLI_BINARY, "analyze"});
  EXPECT_EQ(usage.exit_code, 2);
  EXPECT_THAT(usage.err, HasSubstr("usage: textlens analyze"));
}

}  // namespace
}  // namespace textlens::tests
