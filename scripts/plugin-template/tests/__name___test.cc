#include "plugins/__name__/__name__.h"

#include <string>

#include "gtest/gtest.h"
#include "service/text/document_preparer.h"

namespace textlens::plugins::__name__ {
namespace {

plugin::v1::PreparedDocument Prepare(const std::string& text) {
  auto preparer = service::text::DocumentPreparer::Create();
  EXPECT_TRUE(preparer.ok()) << preparer.status();
  auto document = (*preparer)->Prepare(text, "en");
  EXPECT_TRUE(document.ok()) << document.status();
  return *document;
}

TEST(__Name__Test, CountsWordsAndFindsTheLongestSentence) {
  const std::string text = "Open models grow. Labs publish their weights now.";
  auto result = Analyze(Prepare(text), 1);
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_EQ(result->words(), 8u);
  EXPECT_EQ(result->sentences(), 2u);
  const auto& span = result->longest_sentence();
  EXPECT_EQ(text.substr(span.begin(), span.end() - span.begin()),
            "Labs publish their weights now.");
}

TEST(__Name__Test, ShortWordsAreLeftOut) {
  auto result = Analyze(Prepare("A cat and an owl met."), 3);
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_EQ(result->words(), 4u);  // cat, and, owl, met
}

TEST(__Name__Test, RejectsAMinimumBelowOne) {
  EXPECT_EQ(Analyze(Prepare("Hello."), 0).status().code(),
            absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace textlens::plugins::__name__
