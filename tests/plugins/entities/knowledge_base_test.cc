#include "plugins/entities/knowledge_base.h"

#include "gtest/gtest.h"
#include "plugins/entities/text_keys.h"

namespace textlens::plugins::entities {
namespace {

TEST(NameKeyTest, IgnoresHyphensSpacesAndAccents) {
  EXPECT_EQ(NameKey("DeepSeek-R1", false), "DeepSeekR1");
  EXPECT_EQ(NameKey("DeepSeek R1", false), "DeepSeekR1");
  EXPECT_EQ(NameKey("États-Unis", false), "EtatsUnis");
  EXPECT_EQ(NameKey("États-Unis", true), "etatsunis");
  EXPECT_EQ(NameKey("Cœur", true), "coeur");
  EXPECT_EQ(NameKey("l’IA", true), "l'ia");
}

TEST(NameKeyTest, DetectsAllCaps) {
  EXPECT_TRUE(IsAllCaps("ÉCRIT"));
  EXPECT_TRUE(IsAllCaps("IBM"));
  EXPECT_FALSE(IsAllCaps("Radio"));
  EXPECT_FALSE(IsAllCaps("2025"));
}

TEST(KnowledgeBaseTest, ParsesEntriesAndIndexesAliases) {
  auto kb = KnowledgeBase::Parse(R"({
    "domain_cues": ["modèle"],
    "entities": [
      {"id": "org.acme", "canonical": "Acme Labs", "type": "ORGANIZATION",
       "aliases": ["Acme Labs", "Acme"], "openness": "CLOSED"},
      {"id": "prod.zeta", "canonical": "Zeta-1", "type": "PRODUCT",
       "aliases": ["Zeta-1", "Z1"], "ambiguous": ["Z1"], "owner": "Acme Labs"}
    ]})");
  ASSERT_TRUE(kb.ok()) << kb.status();
  ASSERT_EQ((*kb)->size(), 2);
  EXPECT_EQ((*kb)->entry(0).openness, v1::OPENNESS_CLOSED);
  EXPECT_EQ((*kb)->entry(1).owner, "Acme Labs");
  // Long names match whatever their case; short ones only as written.
  EXPECT_NE((*kb)->FindFolded(NameKey("acme labs", true)), nullptr);
  EXPECT_NE((*kb)->FindCased("Z1"), nullptr);
  EXPECT_TRUE((*kb)->FindCased("Z1")->front().ambiguous);
  EXPECT_EQ((*kb)->FindFolded("z1"), nullptr);
  EXPECT_NE((*kb)->FindCased(NameKey("Zeta 1", false)), nullptr);
  EXPECT_TRUE((*kb)->IsDomainCue("modèle"));
}

TEST(KnowledgeBaseTest, RejectsBadInput) {
  EXPECT_EQ(KnowledgeBase::Parse("{").status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(
      KnowledgeBase::Parse(R"({"entities": [{"id": "a"}]})").status().code(),
      absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(KnowledgeBase::Parse(R"({"entities": [
      {"id": "a", "canonical": "A", "type": "PLANET", "aliases": ["A"]}]})")
                .status()
                .code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(KnowledgeBase::Parse(R"({"entities": [
      {"id": "a", "canonical": "A", "type": "MISC", "aliases": ["A"]},
      {"id": "a", "canonical": "B", "type": "MISC", "aliases": ["B"]}]})")
                .status()
                .code(),
            absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace textlens::plugins::entities
