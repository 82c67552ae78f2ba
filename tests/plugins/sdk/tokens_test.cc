// The SDK's view of a prepared document's token table, and the check the
// helper runs on every input before a plugin's Analyze.
#include "plugins/sdk/tokens.h"

#include <algorithm>
#include <string>

#include "gtest/gtest.h"

namespace textlens::sdk {
namespace {

using plugin::v1::PreparedDocument;

// "Élan open." as the host prepares it: three tokens in one sentence.
PreparedDocument ThreeTokens() {
  PreparedDocument doc;
  doc.set_text("\xC3\x89lan open.");
  auto* sentence = doc.add_sentences();
  sentence->set_first_token(0);
  sentence->set_token_count(3);
  sentence->set_end(11);
  AddToken(0, 5, plugin::v1::TOKEN_KIND_WORD, 0, false, true, "\xC3\xA9lan",
           "\xC3\xA9lan", doc.mutable_tokens());
  AddToken(6, 10, plugin::v1::TOKEN_KIND_WORD, 0, true, false, "open", "op",
           doc.mutable_tokens());
  AddToken(10, 11, plugin::v1::TOKEN_KIND_PUNCT, 0, false, false, ".", ".",
           doc.mutable_tokens());
  return doc;
}

TEST(TokensTest, ReadsBackWhatWasAdded) {
  const PreparedDocument doc = ThreeTokens();
  const Tokens tokens(doc);
  ASSERT_EQ(tokens.size(), 3);
  EXPECT_EQ(tokens[0].begin(), 0u);
  EXPECT_EQ(tokens[0].end(), 5u);
  EXPECT_EQ(tokens[0].lower(), "\xC3\xA9lan");
  EXPECT_TRUE(tokens[0].capitalized());
  EXPECT_FALSE(tokens[0].stopword());
  EXPECT_EQ(tokens[1].lower(), "open");
  EXPECT_EQ(tokens[1].stem(), "op");
  EXPECT_TRUE(tokens[1].stopword());
  EXPECT_FALSE(tokens[1].capitalized());
  EXPECT_EQ(tokens[2].kind(), plugin::v1::TOKEN_KIND_PUNCT);
  EXPECT_EQ(tokens[2].index(), 2);
  EXPECT_EQ(tokens[2].sentence(), 0u);
  EXPECT_EQ(CheckTokens(doc), "");
}

TEST(TokensTest, IteratesInOrderAndSearchesByOffset) {
  const PreparedDocument doc = ThreeTokens();
  const Tokens tokens(doc);
  std::string joined;
  for (const Token token : tokens) joined += std::string(token.lower()) + "|";
  EXPECT_EQ(joined, "\xC3\xA9lan|open|.|");
  // The first token ending after byte 7: "open".
  auto it = std::lower_bound(
      tokens.begin(), tokens.end(), 7u,
      [](const Token& t, uint32_t offset) { return t.end() <= offset; });
  EXPECT_EQ(it - tokens.begin(), 1);
  EXPECT_EQ((*it).lower(), "open");
}

TEST(TokensTest, AnEmptyTableIsConsistent) {
  PreparedDocument doc;
  EXPECT_TRUE(Tokens(doc).empty());
  EXPECT_EQ(CheckTokens(doc), "");
}

TEST(TokensTest, CheckNamesEachInconsistency) {
  {
    PreparedDocument doc = ThreeTokens();
    doc.mutable_tokens()->mutable_kind()->RemoveLast();
    EXPECT_EQ(CheckTokens(doc), "the token table's columns differ in length");
  }
  {
    PreparedDocument doc = ThreeTokens();
    doc.mutable_tokens()->set_end(2, 12);
    EXPECT_EQ(CheckTokens(doc), "token 2 is outside the text");
  }
  {
    PreparedDocument doc = ThreeTokens();
    doc.mutable_tokens()->set_begin(1, 8);
    doc.mutable_tokens()->set_end(1, 7);
    EXPECT_EQ(CheckTokens(doc), "token 1 is outside the text");
  }
  {
    PreparedDocument doc = ThreeTokens();
    doc.mutable_tokens()->set_sentence(1, 1);
    EXPECT_EQ(CheckTokens(doc), "token 1 names a sentence past the list");
  }
  {
    PreparedDocument doc = ThreeTokens();
    doc.mutable_tokens()->set_begin(2, 9);  // inside "open"
    EXPECT_EQ(CheckTokens(doc), "token 2 starts before the previous ends");
  }
  {
    PreparedDocument doc = ThreeTokens();
    doc.mutable_sentences(0)->set_end(40);
    EXPECT_EQ(CheckTokens(doc), "sentence 0 is outside the text");
  }
  {
    PreparedDocument doc = ThreeTokens();
    doc.add_sentences();  // an empty second sentence
    doc.mutable_tokens()->set_sentence(2, 1);
    EXPECT_EQ(CheckTokens(doc), "token 2 names another sentence than 0");
  }
  {
    PreparedDocument doc = ThreeTokens();
    doc.mutable_sentences(0)->set_token_count(4);
    EXPECT_EQ(CheckTokens(doc), "sentence 0 has tokens past the table");
  }
  {
    PreparedDocument doc = ThreeTokens();
    doc.mutable_tokens()->mutable_stem_end()->RemoveLast();
    EXPECT_EQ(CheckTokens(doc), "stem_end has 2 rows for 3 tokens");
  }
  {
    PreparedDocument doc = ThreeTokens();
    doc.mutable_tokens()->set_lower_end(1, 100);
    EXPECT_EQ(CheckTokens(doc), "lower_end[1] does not end a form");
  }
  {
    PreparedDocument doc = ThreeTokens();
    doc.mutable_tokens()->set_lower_end(0, 1);  // inside "é"
    EXPECT_EQ(CheckTokens(doc), "lower_end[0] does not end a form");
  }
  {
    PreparedDocument doc = ThreeTokens();
    doc.mutable_tokens()->set_stem_end(1, 2);  // before the end of token 0's
    EXPECT_EQ(CheckTokens(doc), "stem_end[1] does not end a form");
  }
}

}  // namespace
}  // namespace textlens::sdk
