#include "plugins/entities/knowledge_base.h"

#include <string>
#include <vector>

#include "gmock/gmock.h"
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

TEST(KnowledgeBaseTest, ExtraEntitiesReplaceByIdAndTakeTheirPlaceAtTheEnd) {
  auto kb = KnowledgeBase::Parse(R"({"entities": [
      {"id": "a", "canonical": "Alpha", "type": "MISC", "aliases": ["Alpha"]},
      {"id": "b", "canonical": "Beta", "type": "MISC", "aliases": ["Beta"]}]})",
                                 R"([
      {"id": "a", "canonical": "Alpha 2", "type": "MISC", "aliases": ["Alpha"]},
      {"id": "c", "canonical": "Gamma", "type": "MISC", "aliases": ["Gamma"]},
      {"id": "a", "canonical": "Alpha 3", "type": "MISC", "aliases": ["Alpha"]}
      ])");
  ASSERT_TRUE(kb.ok()) << kb.status();
  ASSERT_EQ((*kb)->size(), 3);
  EXPECT_EQ((*kb)->entry(0).canonical, "Beta");
  EXPECT_EQ((*kb)->entry(1).canonical, "Gamma");
  EXPECT_EQ((*kb)->entry(2).canonical, "Alpha 3");
  ASSERT_NE((*kb)->FindCased("Alpha"), nullptr);
  EXPECT_EQ((*kb)->FindCased("Alpha")->size(), 1u);
  EXPECT_EQ((*kb)->FindCased("Alpha")->front().entry, 2);
}

TEST(KnowledgeBaseTest, IndexesManyEntitiesSharingAnAlias) {
  std::string extra = "[";
  for (int i = 0; i < 5000; ++i) {
    extra += std::string(i > 0 ? "," : "") + R"({"id": "e)" +
             std::to_string(i) + R"(", "canonical": "Echo )" +
             std::to_string(i) + R"(", "type": "MISC", "aliases": ["Echo )" +
             std::to_string(i) + R"(", "Echo", "ECHO"]})";
  }
  auto kb = KnowledgeBase::Parse(R"({"entities": []})", extra + "]");
  ASSERT_TRUE(kb.ok()) << kb.status();
  EXPECT_EQ((*kb)->size(), 5000);
  // One target per entry, in the order of the list.
  const std::vector<AliasTarget>* shared = (*kb)->FindCased("Echo");
  ASSERT_NE(shared, nullptr);
  ASSERT_EQ(shared->size(), 5000u);
  EXPECT_EQ(shared->back().entry, 4999);
  EXPECT_TRUE((*kb)->IsCasedPrefix("Ech"));
  EXPECT_TRUE((*kb)->IsFoldedPrefix(NameKey("echo 49", true)));
  EXPECT_FALSE((*kb)->IsCasedPrefix("Echx"));
}

TEST(KnowledgeBaseTest, ExtraEntitiesOverTheirLimitsAreRefusedNamingThem) {
  const ExtraLimits limits = {/*entities=*/2, /*aliases_per_entity=*/2,
                              /*text_bytes=*/8};
  const auto parse = [&](const std::string& extra) {
    return KnowledgeBase::Parse(R"({"entities": []})", extra, limits).status();
  };
  const std::string entity =
      R"({"id": "a", "canonical": "A", "type": "MISC", "aliases": ["Aaa"]})";
  EXPECT_TRUE(parse("[" + entity + "]").ok());
  EXPECT_THAT(parse("[" + entity + "," + entity + "," + entity + "]").message(),
              testing::HasSubstr("3 entities; the limit is 2 (entities)"));
  EXPECT_THAT(
      parse(R"([{"id": "a", "canonical": "A", "type": "MISC",
                 "aliases": ["A1", "A2", "A3"]}])")
          .message(),
      testing::HasSubstr("entity #0, 'aliases': 3 values; the limit is 2 "
                         "(aliases_per_entity)"));
  const absl::Status long_name =
      parse(R"([{"id": "a", "canonical": "A very long name", "type": "MISC",
                 "aliases": ["A"]}])");
  EXPECT_EQ(long_name.code(), absl::StatusCode::kResourceExhausted);
  EXPECT_THAT(long_name.message(),
              testing::HasSubstr("entity #0, 'canonical': a value of 16 "
                                 "bytes; the limit is 8 (text_bytes)"));
}

}  // namespace
}  // namespace textlens::plugins::entities
