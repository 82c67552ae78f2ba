#include "plugins/entities/entities.h"

#include <string>

#include "gtest/gtest.h"
#include "plugins/sdk/tokens.h"
#include "tests/plugins/entities/test_util.h"

namespace textlens::plugins::entities {
namespace {

using testing::Analyze;
using testing::Analyzer;
using testing::Find;
using testing::FindByMention;

TEST(EntityAnalyzerTest, EmbeddedKnowledgeBaseIsLarge) {
  EXPECT_GE(Analyzer().knowledge_base().size(), 200);
}

TEST(EntityAnalyzerTest, GroupsAliasesUnderCanonicalName) {
  const std::string text =
      "La start-up chinoise DeepSeek a présenté DeepSeek-R1 ce mardi. "
      "Selon ses ingénieurs, R1 rivalise avec les modèles d'OpenAI.";
  const auto entities = Analyze(text, "fr");
  const v1::Entity* r1 = Find(entities, "DeepSeek-R1");
  ASSERT_NE(r1, nullptr);
  EXPECT_EQ(r1->type(), v1::ENTITY_TYPE_PRODUCT);
  EXPECT_EQ(r1->owner(), "DeepSeek");
  EXPECT_EQ(r1->openness(), v1::OPENNESS_OPEN_WEIGHTS);
  ASSERT_EQ(r1->mentions_size(), 2);
  EXPECT_EQ(r1->mentions(0).text(), "DeepSeek-R1");
  EXPECT_EQ(r1->mentions(1).text(), "R1");
  // Spans are byte offsets into the text.
  const auto& span = r1->mentions(0).span();
  EXPECT_EQ(text.substr(span.begin(), span.end() - span.begin()),
            "DeepSeek-R1");
  EXPECT_EQ(r1->mentions(0).source(), v1::MENTION_SOURCE_KNOWLEDGE_BASE);
  // "DeepSeek" inside "DeepSeek-R1" is not a mention of the company.
  const v1::Entity* company = Find(entities, "DeepSeek");
  ASSERT_NE(company, nullptr);
  EXPECT_EQ(company->type(), v1::ENTITY_TYPE_ORGANIZATION);
  EXPECT_EQ(company->mentions_size(), 1);
  const v1::Entity* openai = Find(entities, "OpenAI");
  ASSERT_NE(openai, nullptr);
  EXPECT_EQ(openai->openness(), v1::OPENNESS_CLOSED);
}

TEST(EntityAnalyzerTest, MatchesSpellingVariantsLongestFirst) {
  const auto entities = Analyze(
      "Researchers compared Deepseek R1 with Claude Opus and with GPT-4o "
      "from Open AI in the United States.",
      "en");
  const v1::Entity* r1 = Find(entities, "DeepSeek-R1");
  ASSERT_NE(r1, nullptr);
  EXPECT_EQ(r1->mentions(0).text(), "Deepseek R1");
  const v1::Entity* opus = Find(entities, "Claude Opus");
  ASSERT_NE(opus, nullptr);
  EXPECT_EQ(opus->owner(), "Anthropic");
  EXPECT_EQ(Find(entities, "Claude"), nullptr);
  ASSERT_NE(Find(entities, "GPT-4o"), nullptr);
  ASSERT_NE(Find(entities, "OpenAI"), nullptr);
  const v1::Entity* us = Find(entities, "United States");
  ASSERT_NE(us, nullptr);
  EXPECT_EQ(us->type(), v1::ENTITY_TYPE_LOCATION);
}

TEST(EntityAnalyzerTest, ResolvesMitByContext) {
  const auto license =
      Analyze("Le code du modèle est distribué sous licence MIT.", "fr");
  const v1::Entity* mit = FindByMention(license, "MIT");
  ASSERT_NE(mit, nullptr);
  EXPECT_EQ(mit->canonical_name(), "MIT License");
  EXPECT_EQ(mit->type(), v1::ENTITY_TYPE_LICENSE);

  const auto school = Analyze(
      "A team of researchers at MIT published a study on robots.", "en");
  mit = FindByMention(school, "MIT");
  ASSERT_NE(mit, nullptr);
  EXPECT_EQ(mit->type(), v1::ENTITY_TYPE_ORGANIZATION);
}

TEST(EntityAnalyzerTest, IgnoresAmbiguousWordsOutOfContext) {
  // The wind, a first name and a fruit company name used as a word.
  const auto wind = Analyze(
      "Le mistral souffle fort sur la Provence. Le Mistral a soufflé toute "
      "la nuit avec des rafales.",
      "fr");
  EXPECT_EQ(Find(wind, "Mistral AI"), nullptr);
  const auto singer = Analyze(
      "Claude François a chanté devant une foule immense à Marseille.", "fr");
  EXPECT_EQ(Find(singer, "Claude"), nullptr);
  const auto ai = Analyze(
      "Mistral a dévoilé un nouveau modèle d'IA, et Meta a répondu avec "
      "Llama.",
      "fr");
  EXPECT_NE(Find(ai, "Mistral AI"), nullptr);
  EXPECT_NE(Find(ai, "Meta"), nullptr);
  EXPECT_NE(Find(ai, "Llama"), nullptr);
}

TEST(EntityAnalyzerTest, ReadsXAsThePlatformOnlyInContext) {
  const auto post = Analyze(
      "Le dirigeant a écrit dans un post sur X que le modèle "
      "arrivait.",
      "fr");
  const v1::Entity* x = Find(post, "X");
  ASSERT_NE(x, nullptr);
  EXPECT_EQ(x->type(), v1::ENTITY_TYPE_PRODUCT);
  const auto letter =
      Analyze("La génération X regarde la télévision le soir.", "fr");
  EXPECT_EQ(Find(letter, "X"), nullptr);
}

TEST(EntityAnalyzerTest, FindsUnknownNamesWithTypeCues) {
  const auto entities = Analyze(
      "Hier, M. Bertrand Ollivier a rejoint Quantica Technologies. Selon "
      "Bertrand Ollivier, la firme Zorvex Labs recrute aussi.",
      "fr");
  const v1::Entity* person = Find(entities, "Bertrand Ollivier");
  ASSERT_NE(person, nullptr);
  EXPECT_EQ(person->type(), v1::ENTITY_TYPE_PERSON);
  EXPECT_EQ(person->mentions_size(), 2);
  // Found by the French tagger, typed with the title cue "M.".
  EXPECT_EQ(person->mentions(0).source(), v1::MENTION_SOURCE_MODEL);
  EXPECT_LT(person->mentions(0).confidence(), 0.9);
  EXPECT_TRUE(person->kb_id().empty());
  const v1::Entity* company = Find(entities, "Quantica Technologies");
  ASSERT_NE(company, nullptr);
  EXPECT_EQ(company->type(), v1::ENTITY_TYPE_ORGANIZATION);
  const v1::Entity* lab = Find(entities, "Zorvex Labs");
  ASSERT_NE(lab, nullptr);
  EXPECT_EQ(lab->type(), v1::ENTITY_TYPE_ORGANIZATION);
  // Sentence-initial words are not names.
  EXPECT_EQ(Find(entities, "Hier"), nullptr);
  EXPECT_EQ(Find(entities, "Selon"), nullptr);
}

TEST(EntityAnalyzerTest, SkipsAllCapsBoilerplate) {
  const auto entities = Analyze(
      "Un nouveau modèle ouvert\n\nÉCRIT PAR : RADIO CASTELNOVA FM\n\n"
      "Le modèle est disponible pour tous.",
      "fr");
  EXPECT_EQ(FindByMention(entities, "ÉCRIT"), nullptr);
  const v1::Entity* radio = FindByMention(entities, "RADIO CASTELNOVA FM");
  ASSERT_NE(radio, nullptr);
  EXPECT_EQ(radio->type(), v1::ENTITY_TYPE_ORGANIZATION);
  EXPECT_EQ(radio->canonical_name(), "Radio Castelnova FM");
}

TEST(EntityAnalyzerTest, FindsEventsAndBenchmarks) {
  const auto entities = Analyze(
      "Les analystes parlent d'un moment DeepSeek. Le modèle mène le "
      "classement WebDev Arena et progresse sur MMLU.",
      "fr");
  const v1::Entity* event = Find(entities, "DeepSeek moment");
  ASSERT_NE(event, nullptr);
  EXPECT_EQ(event->type(), v1::ENTITY_TYPE_EVENT);
  EXPECT_EQ(event->mentions(0).text(), "moment DeepSeek");
  EXPECT_NE(Find(entities, "WebDev Arena"), nullptr);
  EXPECT_NE(Find(entities, "MMLU"), nullptr);
}

TEST(EntityAnalyzerTest, RanksBySalienceSummingToOne) {
  const auto entities = Analyze(
      "Anthropic lance Claude Sonnet\n\nAnthropic a présenté un modèle. "
      "Anthropic vise les entreprises. Plus loin, Google prépare une riposte "
      "selon Reuters.",
      "fr");
  ASSERT_GE(entities.entities_size(), 3);
  EXPECT_EQ(entities.entities(0).canonical_name(), "Anthropic");
  double total = 0;
  for (int i = 0; i < entities.entities_size(); ++i) {
    total += entities.entities(i).salience();
    if (i > 0) {
      EXPECT_GE(entities.entities(i - 1).salience(),
                entities.entities(i).salience());
    }
  }
  EXPECT_NEAR(total, 1.0, 1e-9);
}

TEST(EntityAnalyzerTest, AppliesOptions) {
  const std::string text =
      "Le 4 avril 2025, Nvidia et la société Velmora Systems ont signé un "
      "accord de 20 millions de dollars. Nvidia fournira des puces.";
  v1::EntitiesOptions only_orgs;
  only_orgs.add_types(v1::ENTITY_TYPE_ORGANIZATION);
  const auto orgs = Analyze(text, "fr", only_orgs);
  ASSERT_GE(orgs.entities_size(), 1);
  for (const auto& entity : orgs.entities()) {
    EXPECT_EQ(entity.type(), v1::ENTITY_TYPE_ORGANIZATION);
  }
  EXPECT_NE(Find(orgs, "Velmora Systems"), nullptr);

  v1::EntitiesOptions known_only;
  known_only.set_include_unknown(false);
  const auto known = Analyze(text, "fr", known_only);
  EXPECT_EQ(Find(known, "Velmora Systems"), nullptr);
  EXPECT_NE(Find(known, "NVIDIA"), nullptr);

  v1::EntitiesOptions salient;
  salient.set_min_salience(0.3);
  const auto top = Analyze(text, "fr", salient);
  ASSERT_GE(top.entities_size(), 1);
  EXPECT_EQ(top.entities(0).canonical_name(), "NVIDIA");
  double total = 0;
  for (const auto& entity : top.entities()) total += entity.salience();
  EXPECT_NEAR(total, 1.0, 1e-9);
}

TEST(EntityAnalyzerTest, RejectsTokensOutsideTheText) {
  plugin::v1::PreparedDocument doc;
  doc.set_text("abc");
  doc.add_sentences()->set_token_count(1);
  sdk::AddToken(0, 10, plugin::v1::TOKEN_KIND_WORD, 0, false, false,
                "abcdefghij", "abcdefghij", doc.mutable_tokens());
  EXPECT_EQ(Analyzer().Analyze(doc, {}).status().code(),
            absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace textlens::plugins::entities

namespace textlens::plugins::entities {
namespace {

TEST(EntityAnalyzerTest, FindsNamesBeforePossessivesAndAfterElisions) {
  const auto en = testing::Analyze(
      "OpenAI's new model beat Anthropic’s latest release.", "en");
  EXPECT_NE(testing::Find(en, "OpenAI"), nullptr);
  EXPECT_NE(testing::Find(en, "Anthropic"), nullptr);
  const auto fr = testing::Analyze(
      "Les modèles d'Alibaba et l'offre d’OpenAI se ressemblent.", "fr");
  EXPECT_NE(testing::FindByMention(fr, "Alibaba"), nullptr);
  EXPECT_NE(testing::FindByMention(fr, "OpenAI"), nullptr);
}

TEST(EntityAnalyzerTest, BandsAreNotPeopleAndPossessivesAreTrimmed) {
  const auto entities = testing::Analyze(
      "Last night the crowd cheered for Paul Weller & the Jam at the "
      "festival, then for Tessa Marlowe's new group.",
      "en");
  const v1::Entity* band =
      testing::FindByMention(entities, "Paul Weller & the Jam");
  ASSERT_NE(band, nullptr);
  EXPECT_EQ(band->type(), v1::ENTITY_TYPE_MISC);
  const v1::Entity* person = testing::Find(entities, "Tessa Marlowe");
  ASSERT_NE(person, nullptr);
  EXPECT_EQ(person->type(), v1::ENTITY_TYPE_PERSON);
  EXPECT_EQ(person->mentions(0).text(), "Tessa Marlowe");
}

}  // namespace
}  // namespace textlens::plugins::entities

namespace textlens::plugins::entities {
namespace {

TEST(EntityAnalyzerTest, PlaceStartingALongerNameIsNotThePlace) {
  const auto entities = testing::Analyze(
      "Interrogé par France Inter, le ministre a parlé de la France.", "fr");
  const v1::Entity* radio = testing::Find(entities, "France Inter");
  ASSERT_NE(radio, nullptr);
  EXPECT_EQ(radio->type(), v1::ENTITY_TYPE_ORGANIZATION);
  const v1::Entity* country = testing::Find(entities, "France");
  ASSERT_NE(country, nullptr);
  ASSERT_EQ(country->mentions_size(), 1);
  EXPECT_EQ(country->type(), v1::ENTITY_TYPE_LOCATION);
}

TEST(EntityAnalyzerTest, KeepsProductsOfOneMakerApart) {
  const auto entities = testing::Analyze(
      "Mistral AI a publié Mistral Small en open source, mais Mistral Large "
      "reste fermé.",
      "fr");
  const v1::Entity* small = testing::Find(entities, "Mistral Small");
  const v1::Entity* large = testing::Find(entities, "Mistral Large");
  ASSERT_NE(small, nullptr);
  ASSERT_NE(large, nullptr);
  EXPECT_EQ(small->openness(), v1::OPENNESS_OPEN_WEIGHTS);
  EXPECT_EQ(large->openness(), v1::OPENNESS_CLOSED);
  EXPECT_EQ(large->owner(), "Mistral AI");
}

}  // namespace
}  // namespace textlens::plugins::entities

namespace textlens::plugins::entities {
namespace {

TEST(EntityAnalyzerTest, TypesUnknownModelNamesAndKeepsAcronyms) {
  const auto entities = testing::Analyze(
      "Des escrocs vendent ScamGPT sur des forums, selon le rapport du CERTX.",
      "fr");
  const v1::Entity* model = testing::Find(entities, "ScamGPT");
  ASSERT_NE(model, nullptr);
  EXPECT_EQ(model->type(), v1::ENTITY_TYPE_PRODUCT);
  EXPECT_NE(testing::Find(entities, "CERTX"), nullptr);
}

}  // namespace
}  // namespace textlens::plugins::entities

namespace textlens::plugins::entities {
namespace {

TEST(EntityAnalyzerTest, DropsLoneCapitalizedCommonWords) {
  const auto entities = testing::Analyze(
      "The team published its Strategy last week. Engineers using DevOps "
      "liked the new KPX toolkit.",
      "en");
  EXPECT_EQ(testing::Find(entities, "Strategy"), nullptr);
  EXPECT_NE(testing::Find(entities, "DevOps"), nullptr);
  EXPECT_NE(testing::Find(entities, "KPX"), nullptr);
}

}  // namespace
}  // namespace textlens::plugins::entities

namespace textlens::plugins::entities {
namespace {

TEST(EntityAnalyzerTest, TheTaggerFindsNamesTheKnowledgeBaseLacks) {
  const auto french = testing::Analyze(
      "La chercheuse Amélie Fournier a présenté ses travaux à Grenoble "
      "mardi.",
      "fr");
  const v1::Entity* person = testing::Find(french, "Amélie Fournier");
  ASSERT_NE(person, nullptr);
  EXPECT_EQ(person->type(), v1::ENTITY_TYPE_PERSON);
  EXPECT_EQ(person->mentions(0).source(), v1::MENTION_SOURCE_MODEL);
  const v1::Entity* city = testing::Find(french, "Grenoble");
  ASSERT_NE(city, nullptr);
  EXPECT_EQ(city->type(), v1::ENTITY_TYPE_LOCATION);

  const auto english = testing::Analyze(
      "Last year, Daniel Okafor joined Halvorsen Robotics in Oslo.", "en");
  const v1::Entity* researcher = testing::Find(english, "Daniel Okafor");
  ASSERT_NE(researcher, nullptr);
  EXPECT_EQ(researcher->type(), v1::ENTITY_TYPE_PERSON);
  const v1::Entity* company = testing::Find(english, "Halvorsen Robotics");
  ASSERT_NE(company, nullptr);
  EXPECT_EQ(company->type(), v1::ENTITY_TYPE_ORGANIZATION);
}

// A club named after its city is the club, not the city the knowledge base
// knows; a run across lowercase words does not hide a known name.
TEST(EntityAnalyzerTest, LongerTaggedNamesWinOverKnownNamesInside) {
  const auto club =
      testing::Analyze("He signed for Atlético Madrid in 2019.", "en");
  EXPECT_NE(testing::FindByMention(club, "Atlético Madrid"), nullptr);
  const auto models = testing::Analyze(
      "Researchers compared Deepseek R1 with Claude Opus.", "en");
  EXPECT_NE(testing::Find(models, "DeepSeek-R1"), nullptr);
  EXPECT_NE(testing::Find(models, "Claude Opus"), nullptr);
}

}  // namespace
}  // namespace textlens::plugins::entities

namespace textlens::plugins::entities {
namespace {

TEST(EntityAnalyzerTest, ARequestsOwnEntitiesComeFirst) {
  auto analyzer = EntityAnalyzer::Create();
  ASSERT_TRUE(analyzer.ok()) << analyzer.status();
  auto custom = EntityAnalyzer::ParseCustomEntities(
      R"([{"id": "band.claude", "canonical": "Claude et les Autres",
           "type": "MISC", "aliases": ["Claude"]}])");
  ASSERT_TRUE(custom.ok()) << custom.status();
  const auto doc = testing::Prepare(
      "Le groupe Claude joue ce soir ; Anthropic publie aussi Claude Opus.",
      "fr");
  auto entities = (*analyzer)->Analyze(doc, {}, custom->get());
  ASSERT_TRUE(entities.ok()) << entities.status();
  const v1::Entity* band = testing::Find(*entities, "Claude et les Autres");
  ASSERT_NE(band, nullptr);
  EXPECT_EQ(band->kb_id(), "band.claude");
  // The longer knowledge-base name still wins where it matches.
  EXPECT_NE(testing::Find(*entities, "Claude Opus"), nullptr);

  EXPECT_EQ(EntityAnalyzer::ParseCustomEntities("{").status().code(),
            absl::StatusCode::kInvalidArgument);
  const auto bad_type = EntityAnalyzer::ParseCustomEntities(
      R"([{"id": "x", "canonical": "X", "type": "NOPE", "aliases": ["X"]}])");
  EXPECT_NE(std::string(bad_type.status().message()).find("unknown type"),
            std::string::npos);
}

TEST(EntityAnalyzerTest, ANameDenseDocumentKeepsEveryMention) {
  auto analyzer = EntityAnalyzer::Create();
  ASSERT_TRUE(analyzer.ok()) << analyzer.status();
  const auto entities = (*analyzer)->Analyze(
      testing::Prepare(testing::NameDenseText(300), "fr"), {});
  ASSERT_TRUE(entities.ok()) << entities.status();
  // Every sentence's names are found and grouped: each entity is named in
  // each of the 300 sentences.
  ASSERT_GE(entities->entities_size(), 2);
  EXPECT_NE(testing::Find(*entities, "Jean Dupont"), nullptr);
  for (const v1::Entity& entity : entities->entities()) {
    EXPECT_EQ(entity.mentions_size(), 300) << entity.canonical_name();
  }
}

TEST(EntityAnalyzerTest, ADeploymentsEntitiesAddToAndReplaceTheBase) {
  auto analyzer = EntityAnalyzer::Create(
      R"({"entities": [
           {"id": "acme.orbit", "canonical": "Orbit-7", "type": "PRODUCT",
            "aliases": ["Orbit 7"]},
           {"id": "org.openai", "canonical": "OpenAI Inc.", "type":
            "ORGANIZATION", "aliases": ["OpenAI"]}]})");
  ASSERT_TRUE(analyzer.ok()) << analyzer.status();
  const auto entities = (*analyzer)->Analyze(
      testing::Prepare("OpenAI compare son modèle à Orbit 7.", "fr"), {});
  ASSERT_TRUE(entities.ok()) << entities.status();
  EXPECT_NE(testing::Find(*entities, "Orbit-7"), nullptr);
  EXPECT_NE(testing::Find(*entities, "OpenAI Inc."), nullptr);
  EXPECT_EQ(testing::Find(*entities, "OpenAI"), nullptr);
  EXPECT_EQ(EntityAnalyzer::Create("[1, 2").status().code(),
            absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace textlens::plugins::entities
