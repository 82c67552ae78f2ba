#include "service/text/document_preparer.h"

#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "gtest/gtest.h"
#include "plugins/sdk/tokens.h"
#include "service/text/normalizer.h"

namespace textlens::service::text {
namespace {

using textlens::sdk::Tokens;

using plugin::v1::PreparedDocument;
using sdk::Token;

class DocumentPreparerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto p = DocumentPreparer::Create();
    ASSERT_TRUE(p.ok()) << p.status();
    preparer_ = *std::move(p);
  }
  PreparedDocument Prepare(std::string_view text, std::string_view hint = "") {
    auto doc = preparer_->Prepare(text, hint);
    EXPECT_TRUE(doc.ok()) << doc.status();
    return *std::move(doc);
  }
  static std::string TokenText(const PreparedDocument& doc, const Token& t) {
    return doc.text().substr(t.begin(), t.end() - t.begin());
  }
  std::optional<Token> Find(const PreparedDocument& doc,
                            std::string_view text) {
    for (const Token t : Tokens(doc)) {
      if (TokenText(doc, t) == text) return t;
    }
    return std::nullopt;
  }
  std::unique_ptr<DocumentPreparer> preparer_;
};

TEST_F(DocumentPreparerTest, DetectsLanguageWithoutHint) {
  PreparedDocument doc = Prepare(
      "Les modèles ouverts gagnent du terrain face aux modèles "
      "fermés, selon une étude publiée mardi.");
  EXPECT_EQ(doc.language(), "fr");
  EXPECT_GT(doc.language_confidence(), 0.3);
  EXPECT_LT(doc.language_confidence(), 1.0);
}

TEST_F(DocumentPreparerTest, HintWinsWithFullConfidence) {
  PreparedDocument doc = Prepare("The models are open.", "fr-CA");
  EXPECT_EQ(doc.language(), "fr");
  EXPECT_DOUBLE_EQ(doc.language_confidence(), 1.0);
}

// A French article quoting a long English statement: the whole-text guess
// leans English, the sentences show the article is French.
constexpr char kMixedArticle[] =
    "Mistral AI a publié mardi un nouveau modèle à poids ouverts sous "
    "licence Apache 2.0. La société parisienne affirme que ses performances "
    "égalent celles des modèles fermés.\n\n"
    "Its chief executive said in a statement: \"We believe open models are "
    "the safest path for the industry, and our customers agree with us.\" "
    "The company did not disclose the training cost. Yes.\n\n"
    "Les analystes restent prudents sur ces annonces. Ils attendent des "
    "évaluations indépendantes avant de conclure.";

TEST_F(DocumentPreparerTest, GivesEachSentenceOfAMixedTextItsLanguage) {
  PreparedDocument doc = Prepare(kMixedArticle);
  EXPECT_EQ(doc.language(), "fr");
  std::vector<std::string> languages;
  for (const auto& sentence : doc.sentences()) {
    languages.push_back(sentence.language());
  }
  // "Yes." is too short to identify: it follows the sentence before it.
  EXPECT_EQ(languages, (std::vector<std::string>{"fr", "fr", "en", "en", "en",
                                                 "fr", "fr"}));
  // Stems follow the sentence's language.
  const std::optional<Token> company = Find(doc, "company");
  ASSERT_TRUE(company.has_value());
  EXPECT_EQ(company->stem(), "compani");
  EXPECT_TRUE(Find(doc, "the")->stopword());
}

TEST_F(DocumentPreparerTest, AHintGivesEverySentenceItsLanguage) {
  PreparedDocument doc = Prepare(kMixedArticle, "fr");
  for (const auto& sentence : doc.sentences()) {
    EXPECT_EQ(sentence.language(), "fr");
    EXPECT_DOUBLE_EQ(sentence.language_confidence(), 1.0);
  }
}

TEST_F(DocumentPreparerTest, FillsTokenForms) {
  PreparedDocument doc = Prepare(
      "L\xE2\x80\x99intelligence artificielle des Chercheurs.\nÉtats ouverts",
      "fr");
  const std::optional<Token> elision = Find(doc, "L\xE2\x80\x99");
  ASSERT_TRUE(elision.has_value());
  EXPECT_EQ(elision->lower(), "l'");
  EXPECT_TRUE(elision->stopword());
  EXPECT_TRUE(elision->capitalized());
  const std::optional<Token> word = Find(doc, "Chercheurs");
  ASSERT_TRUE(word.has_value());
  EXPECT_EQ(word->lower(), "chercheurs");
  EXPECT_EQ(word->stem(), "chercheur");
  EXPECT_FALSE(word->stopword());
  EXPECT_TRUE(word->capitalized());
  EXPECT_EQ(word->sentence(), 0u);
  const std::optional<Token> des = Find(doc, "des");
  ASSERT_TRUE(des.has_value());
  EXPECT_TRUE(des->stopword());
  EXPECT_FALSE(des->capitalized());
  const std::optional<Token> etats = Find(doc, "\xC3\x89tats");
  ASSERT_TRUE(etats.has_value());
  EXPECT_EQ(etats->lower(), "\xC3\xA9tats");
  EXPECT_TRUE(etats->capitalized());
  EXPECT_EQ(etats->sentence(), 1u);
  const std::optional<Token> dot = Find(doc, ".");
  ASSERT_TRUE(dot.has_value());
  EXPECT_EQ(dot->kind(), plugin::v1::TOKEN_KIND_PUNCT);
  EXPECT_EQ(dot->stem(), ".");
  ASSERT_EQ(doc.sentences_size(), 2);
  EXPECT_TRUE(doc.sentences(1).is_heading());
}

TEST_F(DocumentPreparerTest, EnglishStemsAndStopwords) {
  PreparedDocument doc = Prepare("They were running the models.", "en");
  const std::optional<Token> running = Find(doc, "running");
  ASSERT_TRUE(running.has_value());
  EXPECT_EQ(running->stem(), "run");
  EXPECT_TRUE(Find(doc, "They")->stopword());
  EXPECT_TRUE(Find(doc, "were")->stopword());
  EXPECT_FALSE(Find(doc, "models")->stopword());
}

TEST_F(DocumentPreparerTest, UnknownLanguageKeepsLowerAsStem) {
  PreparedDocument doc = Prepare("Kupanda miti", "sw");
  EXPECT_EQ(doc.language(), "sw");
  EXPECT_EQ(Find(doc, "Kupanda")->stem(), "kupanda");
}

TEST_F(DocumentPreparerTest, SpansAndTokensAreConsistent) {
  const std::string text =
      "Titre\n\n  M. Dupont a levé 1 000 000 \xE2\x82\xAC pour GPT-4o.  "
      "Incroyable ?! \xC2\xAB Oui. \xC2\xBB\n";
  PreparedDocument doc = Prepare(text);
  EXPECT_EQ(doc.text(), text);
  ASSERT_EQ(doc.sentences_size(), 4);
  uint32_t next_token = 0;
  for (int s = 0; s < doc.sentences_size(); ++s) {
    const auto& sentence = doc.sentences(s);
    EXPECT_EQ(sentence.first_token(), next_token);
    next_token += sentence.token_count();
    for (uint32_t t = sentence.first_token(); t < next_token; ++t) {
      EXPECT_EQ(Tokens(doc)[t].sentence(), static_cast<uint32_t>(s));
      EXPECT_GE(Tokens(doc)[t].begin(), sentence.begin());
      EXPECT_LE(Tokens(doc)[t].end(), sentence.end());
    }
    // Spans exclude surrounding whitespace.
    EXPECT_NE(text[sentence.begin()], ' ');
    EXPECT_NE(text[sentence.end() - 1], ' ');
    EXPECT_NE(text[sentence.end() - 1], '\n');
  }
  EXPECT_EQ(next_token, static_cast<uint32_t>(Tokens(doc).size()));
  EXPECT_EQ(
      doc.text().substr(doc.sentences(1).begin(),
                        doc.sentences(1).end() - doc.sentences(1).begin()),
      "M. Dupont a levé 1 000 000 \xE2\x82\xAC pour GPT-4o.");
  EXPECT_EQ(doc.sentences(0).paragraph(), 0u);
  EXPECT_EQ(doc.sentences(1).paragraph(), 1u);
  EXPECT_EQ(Find(doc, "1 000 000")->kind(), plugin::v1::TOKEN_KIND_NUMBER);
  EXPECT_EQ(Find(doc, "\xE2\x82\xAC")->kind(), plugin::v1::TOKEN_KIND_SYMBOL);
}

TEST_F(DocumentPreparerTest, ConcurrentPrepareGivesSameResult) {
  const std::string text =
      "Les chercheurs ont publié leurs travaux. The team released weights.";
  const PreparedDocument expected = Prepare(text, "fr");
  std::vector<std::thread> threads;
  std::vector<bool> same(4, false);
  for (int i = 0; i < 4; ++i) {
    threads.emplace_back([&, i] {
      bool ok = true;
      for (int k = 0; k < 50; ++k) {
        auto doc = preparer_->Prepare(text, "fr");
        ok &= doc.ok() &&
              doc->SerializeAsString() == expected.SerializeAsString();
      }
      same[i] = ok;
    });
  }
  for (auto& t : threads) t.join();
  for (bool s : same) EXPECT_TRUE(s);
}

}  // namespace
}  // namespace textlens::service::text
