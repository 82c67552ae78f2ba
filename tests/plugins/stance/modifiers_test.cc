#include "plugins/stance/modifiers.h"

#include <string>

#include "gtest/gtest.h"
#include "plugins/sdk/tokens.h"
#include "tests/plugins/stance/test_documents.h"

namespace textlens::plugins::stance {
namespace {

using textlens::sdk::Tokens;

// The modifier of the first token whose lowercase form is `lower`.
TokenModifier ModifierOf(const plugin::v1::PreparedDocument& doc,
                         const std::string& lower) {
  auto mods = ComputeModifiers(Tokens(doc), 0, Tokens(doc).size());
  for (int i = 0; i < Tokens(doc).size(); ++i) {
    if (Tokens(doc)[i].lower() == lower) return mods[i];
  }
  ADD_FAILURE() << "no token " << lower;
  return {};
}

TEST(ModifiersTest, FrenchNePasNegatesTheAdjective) {
  auto doc = Prepare("Ce modèle n'est pas fiable.", "fr");
  TokenModifier mod = ModifierOf(doc, "fiable");
  EXPECT_TRUE(mod.negated);
  EXPECT_TRUE(mod.fully_negated);
  EXPECT_LT(mod.factor, 0);
}

TEST(ModifiersTest, PunctuationEndsTheScope) {
  auto doc = Prepare("It is not cheap, but it is excellent.", "en");
  EXPECT_TRUE(ModifierOf(doc, "cheap").negated);
  TokenModifier excellent = ModifierOf(doc, "excellent");
  EXPECT_FALSE(excellent.negated);
  // After "but": weighs more.
  EXPECT_DOUBLE_EQ(excellent.factor, 1.5);
}

TEST(ModifiersTest, ScopeEndsAfterAFewWords) {
  auto doc = Prepare(
      "We never thought that these systems would become so "
      "useful.",
      "en");
  EXPECT_TRUE(ModifierOf(doc, "thought").negated);
  EXPECT_FALSE(ModifierOf(doc, "useful").negated);
}

TEST(ModifiersTest, SansIsAWeakNegation) {
  auto doc = Prepare("Un outil sans danger.", "fr");
  TokenModifier mod = ModifierOf(doc, "danger");
  EXPECT_TRUE(mod.negated);
  EXPECT_FALSE(mod.fully_negated);
}

TEST(ModifiersTest, PlusNegatesOnlyAfterNe) {
  auto doc = Prepare("Il est plus rapide.", "fr");
  EXPECT_FALSE(ModifierOf(doc, "rapide").negated);
  auto negated = Prepare("Il n'est plus rapide.", "fr");
  EXPECT_TRUE(ModifierOf(negated, "rapide").negated);
}

TEST(ModifiersTest, IntensifierStrengthensTheNextWord) {
  auto doc = Prepare("A very good model.", "en");
  EXPECT_DOUBLE_EQ(ModifierOf(doc, "good").factor, 1.3);
  EXPECT_TRUE(ModifierOf(doc, "very").is_operator);
}

TEST(ModifiersTest, MoinsReversesTheNextWord) {
  auto doc = Prepare("Ces modèles sont moins performants.", "fr");
  EXPECT_LT(ModifierOf(doc, "performants").factor, 0);
}

TEST(ModifiersTest, PasMalIsNotANegation) {
  auto doc = Prepare("Le résultat est pas mal du tout.", "fr");
  EXPECT_FALSE(ModifierOf(doc, "mal").negated);
}

TEST(ModifiersTest, AConcessiveClauseWeighsLessThanTheMainClause) {
  auto fr = Prepare(
      "Bien que ces modèles soient gratuits, ils restent dangereux.", "fr");
  EXPECT_LT(ModifierOf(fr, "gratuits").factor, 1.0);
  EXPECT_GT(ModifierOf(fr, "dangereux").factor, 1.0);
  auto en = Prepare("Although open models are free, they remain risky.", "en");
  EXPECT_LT(ModifierOf(en, "free").factor, 1.0);
  EXPECT_GT(ModifierOf(en, "risky").factor, 1.0);
  // "si" in "même si" opens the clause; it does not intensify the next word.
  auto meme_si =
      Prepare("Même si gratuits, ces modèles restent dangereux.", "fr");
  EXPECT_DOUBLE_EQ(ModifierOf(meme_si, "gratuits").factor, 0.5);
  // A concession without a main clause after it changes nothing.
  auto alone = Prepare("Malgré des résultats excellents.", "fr");
  EXPECT_DOUBLE_EQ(ModifierOf(alone, "excellents").factor, 1.0);
}

TEST(ModifiersTest, FalseDeniesTheQualityAfterIt) {
  auto fr = Prepare("Un faux avantage pour les entreprises.", "fr");
  EXPECT_LT(ModifierOf(fr, "avantage").factor, 0);
  auto en = Prepare("A false promise of freedom.", "en");
  EXPECT_LT(ModifierOf(en, "promise").factor, 0);
}

TEST(ModifiersTest, AbsenceAndLackAreWeakNegations) {
  auto fr = Prepare("En l'absence de garde-fous, tout peut arriver.", "fr");
  TokenModifier mod = ModifierOf(fr, "garde-fous");
  EXPECT_TRUE(mod.negated);
  EXPECT_FALSE(mod.fully_negated);
  auto en = Prepare("These models lack oversight.", "en");
  EXPECT_TRUE(ModifierOf(en, "oversight").negated);
}

}  // namespace
}  // namespace textlens::plugins::stance
