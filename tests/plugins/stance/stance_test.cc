#include "plugins/stance/stance.h"

#include <algorithm>
#include <cmath>
#include <memory>
#include <string>

#include "gtest/gtest.h"
#include "plugins/stance/features.h"
#include "tests/plugins/stance/test_documents.h"

namespace textlens::plugins::stance {
namespace {

class StanceTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto created = StanceAnalyzer::Create();
    ASSERT_TRUE(created.ok()) << created.status();
    analyzer_ = created->release();
  }
  static void TearDownTestSuite() {
    delete analyzer_;
    analyzer_ = nullptr;
  }

  static v1::Stance Analyze(const std::string& text, const std::string& lang,
                            const v1::Entities* entities = nullptr,
                            uint32_t max_evidence = 50) {
    auto doc = Prepare(text, lang);
    StanceConfig config;
    config.max_evidence = max_evidence;
    auto stance = analyzer_->Analyze(doc, entities, config);
    EXPECT_TRUE(stance.ok()) << stance.status();
    return stance.ok() ? *stance : v1::Stance();
  }

  // The sentence-level analysis' verdict: the evidence sentences'
  // contributions summed (positive: pro-open, negative: pro-closed, 0: no
  // side judged). The label is the learned model's (see ModelTest below).
  static double Net(const v1::Stance& stance) {
    double net = 0;
    for (const auto& evidence : stance.evidence()) net += evidence.weight();
    return net;
  }

  // The model's feature `name` for an English `text`.
  static double Feature(const std::string& text, const std::string& name) {
    const auto& names = StanceFeatureNames();
    const size_t index =
        std::find(names.begin(), names.end(), name) - names.begin();
    auto features = analyzer_->Features(Prepare(text, "en"), nullptr);
    EXPECT_TRUE(features.ok()) << features.status();
    return features.ok() && index < features->size() ? (*features)[index] : NAN;
  }

  // Whether some evidence sentence argues for each side.
  static bool ArguesBothWays(const v1::Stance& stance) {
    bool open = false, closed = false;
    for (const auto& evidence : stance.evidence()) {
      open |= evidence.weight() > 0.05;
      closed |= evidence.weight() < -0.05;
    }
    return open && closed;
  }

  static StanceAnalyzer* analyzer_;
};

StanceAnalyzer* StanceTest::analyzer_ = nullptr;

TEST_F(StanceTest, FrenchPraiseOfOpenSourceIsProOpen) {
  v1::Stance stance = Analyze(
      "Les modèles open source sont excellents et favorisent une innovation "
      "formidable. Grâce à leur licence Apache, les entreprises les adaptent "
      "librement.",
      "fr");
  EXPECT_GT(Net(stance), 0.2);
  EXPECT_GT(stance.open().sentiment(), 0.2);
  EXPECT_EQ(stance.open().mentions(), 2u);
  EXPECT_EQ(stance.closed().mentions(), 0u);
  ASSERT_FALSE(stance.evidence().empty());
  EXPECT_EQ(stance.evidence(0).target(), v1::SIDE_OPEN);
  EXPECT_GT(stance.evidence(0).weight(), 0);
  EXPECT_GT(stance.confidence(), 0.3);
}

TEST_F(StanceTest, EnglishWarningAboutOpenModelsIsProClosed) {
  v1::Stance stance = Analyze(
      "Open-source models are dangerous: malicious actors can misuse them "
      "freely. Proprietary systems are reliable and secure.",
      "en");
  EXPECT_LT(Net(stance), -0.2);
  EXPECT_LT(stance.open().sentiment(), 0);
  EXPECT_GT(stance.closed().sentiment(), 0);
}

TEST_F(StanceTest, FrenchNegationFlipsPolarity) {
  v1::Stance plain =
      Analyze("Les modèles open source sont fiables et utiles.", "fr");
  v1::Stance negated =
      Analyze("Les modèles open source ne sont pas fiables et utiles.", "fr");
  EXPECT_GT(Net(plain), 0.05);
  EXPECT_LT(Net(negated), -0.05);
  EXPECT_GT(plain.open().sentiment(), 0);
  EXPECT_LT(negated.open().sentiment(), 0);
  ASSERT_EQ(negated.evidence_size(), 1);
  EXPECT_TRUE(negated.evidence(0).negated());
  EXPECT_LT(negated.evidence(0).polarity(), 0);
  ASSERT_EQ(plain.evidence_size(), 1);
  EXPECT_FALSE(plain.evidence(0).negated());
}

TEST_F(StanceTest, EnglishNegationFlipsPolarity) {
  v1::Stance stance =
      Analyze("Closed-source models are not trustworthy.", "en");
  EXPECT_GT(Net(stance), 0.05);
  EXPECT_LT(stance.closed().sentiment(), 0);
  ASSERT_EQ(stance.evidence_size(), 1);
  EXPECT_TRUE(stance.evidence(0).negated());
}

TEST_F(StanceTest, StrongPraiseOfBothSidesIsMixed) {
  v1::Stance stance = Analyze(
      "Les modèles open source sont formidables, fiables et très utiles "
      "pour la recherche. Les modèles propriétaires sont excellents, "
      "performants et très efficaces pour les entreprises.",
      "fr");
  EXPECT_TRUE(ArguesBothWays(stance));
  EXPECT_GT(stance.open().sentiment(), 0.3);
  EXPECT_GT(stance.closed().sentiment(), 0.3);
  EXPECT_LT(std::abs(Net(stance)), 0.5);
}

// Praise of one side and blame of the other in one sentence both count.
TEST_F(StanceTest, PraiseAndBlameInOneSentenceBothCount) {
  const std::string stance_text =
      "Open-source AI is wonderful and brilliant for research, but open "
      "models are also dangerous and risky in the wrong hands.";
  v1::Stance stance = Analyze(stance_text, "en");
  ASSERT_EQ(stance.evidence_size(), 1);
  EXPECT_GT(Feature(stance_text, "pro_open"), 0.3);
  EXPECT_GT(Feature(stance_text, "pro_closed"), 0.3);
}

// "Contrairement à" / "unlike" names a foil: the main clause judges the
// other side.
TEST_F(StanceTest, FoilClauseJudgesTheOtherSide) {
  v1::Stance stance = Analyze(
      "Unlike proprietary models, this release gives developers wonderful "
      "freedom.",
      "en");
  EXPECT_GT(Net(stance), 0.05);
}

TEST_F(StanceTest, TextOffTopicIsNeutral) {
  v1::Stance stance = Analyze(
      "Le match de football a eu lieu hier soir à Lyon. Les supporters "
      "étaient heureux et l'ambiance était excellente.",
      "fr");
  EXPECT_EQ(Net(stance), 0);
  EXPECT_EQ(stance.open().mentions(), 0u);
  EXPECT_EQ(stance.closed().mentions(), 0u);
  EXPECT_TRUE(stance.evidence().empty());
}

TEST_F(StanceTest, FactualMentionWithoutJudgementIsNeutral) {
  v1::Stance stance = Analyze(
      "The company published its model under the Apache license on Tuesday.",
      "en");
  EXPECT_EQ(Net(stance), 0);
  EXPECT_EQ(stance.open().mentions(), 1u);
}

TEST_F(StanceTest, PredicateRanksTheSubjectSideOverTheObject) {
  v1::Stance stance = Analyze(
      "Les modèles open source surpassent désormais les modèles "
      "propriétaires.",
      "fr");
  EXPECT_GT(Net(stance), 0.05);
  ASSERT_EQ(stance.evidence_size(), 1);
  EXPECT_EQ(stance.evidence(0).target(), v1::SIDE_BOTH);
  EXPECT_GT(stance.evidence(0).polarity(), 0);
}

// An entity with open weights makes a sentence that names no side in words
// count for the open side. (The first sentence names both sides, so the
// second inherits neither.)
TEST_F(StanceTest, UsesEntityOpenness) {
  const std::string text =
      "Le débat entre open source et modèles propriétaires agite le secteur. "
      "Zephyrine est remarquable et impressionnante.";
  v1::Stance without = Analyze(text, "fr");
  EXPECT_LT(Net(without), 0.05);

  v1::Entities entities;
  v1::Entity* entity = entities.add_entities();
  entity->set_canonical_name("Zephyrine");
  entity->set_type(v1::ENTITY_TYPE_PRODUCT);
  entity->set_openness(v1::OPENNESS_OPEN_WEIGHTS);
  v1::EntityMention* mention = entity->add_mentions();
  const size_t at = text.find("Zephyrine");
  mention->mutable_span()->set_begin(static_cast<uint32_t>(at));
  mention->mutable_span()->set_end(static_cast<uint32_t>(at + 9));
  mention->set_text("Zephyrine");
  v1::Stance with = Analyze(text, "fr", &entities);
  EXPECT_GT(Net(with), 0.05);
  EXPECT_EQ(with.open().mentions(), 2u);
  ASSERT_FALSE(with.evidence().empty());
  EXPECT_EQ(with.evidence(0).text(),
            "Zephyrine est remarquable et impressionnante.");

  // The same praise of a closed model argues the other way.
  entity->set_openness(v1::OPENNESS_CLOSED);
  v1::Stance closed = Analyze(text, "fr", &entities);
  EXPECT_LT(Net(closed), -0.05);
}

TEST_F(StanceTest, AMentionRunningPastItsSentenceCountsWithinIt) {
  // An entities result whose mention spans the whole text (another
  // entities plugin may produce one): the cue stays inside its sentence
  // (it ran 70 tokens past the 4 of the first, which AddressSanitizer
  // reports as a write out of bounds).
  std::string text =
      "Zephyrine est remarquable. Le débat entre open source et modèles "
      "propriétaires agite le secteur";
  for (int i = 0; i < 25; ++i) text += " et ses acteurs";
  text += ".";
  v1::Entities entities;
  v1::Entity* entity = entities.add_entities();
  entity->set_canonical_name("Zephyrine");
  entity->set_openness(v1::OPENNESS_OPEN_WEIGHTS);
  v1::EntityMention* mention = entity->add_mentions();
  mention->mutable_span()->set_begin(0);
  mention->mutable_span()->set_end(static_cast<uint32_t>(text.size()));
  v1::Stance stance = Analyze(text, "fr", &entities);
  // The entity counts once, in the sentence where its mention starts, with
  // "open source".
  EXPECT_EQ(stance.open().mentions(), 2u);
  for (const auto& evidence : stance.evidence()) {
    for (const auto& cue : evidence.cues()) {
      EXPECT_GE(cue.span().begin(), evidence.span().begin());
      EXPECT_LE(cue.span().end(), evidence.span().end());
    }
  }
}

TEST_F(StanceTest, EvidenceSpansSliceTheText) {
  const std::string text =
      "Les modèles ouverts sont géniaux. Ils sont aussi gratuits. "
      "Les modèles fermés sont une boîte noire inquiétante.";
  auto doc = Prepare(text, "fr");
  auto stance = analyzer_->Analyze(doc, nullptr, StanceConfig{});
  ASSERT_TRUE(stance.ok()) << stance.status();
  ASSERT_GE(stance->evidence_size(), 2);
  for (const auto& evidence : stance->evidence()) {
    ASSERT_LE(evidence.span().end(), doc.text().size());
    EXPECT_EQ(
        doc.text().substr(evidence.span().begin(),
                          evidence.span().end() - evidence.span().begin()),
        evidence.text());
  }
  // Strongest first.
  for (int i = 1; i < stance->evidence_size(); ++i) {
    EXPECT_GE(std::abs(stance->evidence(i - 1).weight()),
              std::abs(stance->evidence(i).weight()));
  }
}

TEST_F(StanceTest, MaxEvidenceLimitsTheEvidence) {
  const std::string text =
      "Open-source AI is wonderful. Open models are great for research. "
      "Proprietary models are a dangerous black box. Open weights are a "
      "fantastic gift to developers.";
  v1::Stance five = Analyze(text, "en", nullptr, 5);
  v1::Stance two = Analyze(text, "en", nullptr, 2);
  v1::Stance none = Analyze(text, "en", nullptr, 0);
  EXPECT_EQ(five.evidence_size(), 4);
  ASSERT_EQ(two.evidence_size(), 2);
  EXPECT_EQ(two.evidence(0).text(), five.evidence(0).text());
  EXPECT_EQ(none.evidence_size(), 0);
  EXPECT_EQ(none.label(), five.label());
  EXPECT_GT(Net(five), 0.05);
}

TEST_F(StanceTest, EmptyDocumentIsNeutral) {
  plugin::v1::PreparedDocument empty;
  auto stance = analyzer_->Analyze(empty, nullptr, StanceConfig{});
  ASSERT_TRUE(stance.ok()) << stance.status();
  EXPECT_EQ(stance->label(), v1::STANCE_LABEL_NEUTRAL);
  EXPECT_TRUE(stance->evidence().empty());
}

TEST_F(StanceTest, RejectsSentencesOutsideTheTokens) {
  plugin::v1::PreparedDocument doc = Prepare("Open source is great.", "en");
  doc.mutable_sentences(0)->set_token_count(1000);
  EXPECT_EQ(analyzer_->Analyze(doc, nullptr, StanceConfig{}).status().code(),
            absl::StatusCode::kInvalidArgument);
}

TEST_F(StanceTest, RejectsMaxEvidenceOverFifty) {
  auto doc = Prepare("Open source is great.", "en");
  StanceConfig config;
  config.max_evidence = 51;
  EXPECT_EQ(analyzer_->Analyze(doc, nullptr, config).status().code(),
            absl::StatusCode::kInvalidArgument);
}

TEST_F(StanceTest, ASentenceWithoutCueSpeaksOfThePreviousSentencesSide) {
  // The second and third sentences name no side: they go on about the open
  // models of the first.
  v1::Stance fr = Analyze(
      "Les modèles open source se multiplient. Ils sont dangereux et "
      "exploités par des criminels. Leurs failles menacent les hôpitaux.",
      "fr");
  EXPECT_LT(Net(fr), -0.05);
  ASSERT_FALSE(fr.evidence().empty());
  EXPECT_EQ(fr.evidence(0).target(), v1::SIDE_OPEN);
  EXPECT_LT(fr.evidence(0).polarity(), 0);
  v1::Stance en = Analyze(
      "Open-weight models keep spreading. They are free, reliable and "
      "transparent. Hospitals and schools adopt them with success.",
      "en");
  EXPECT_GT(Net(en), 0.05);
  // Three sentences later the topic has faded: an unrelated judgement
  // after a paragraph of neutral sentences counts for no side.
  v1::Stance faded = Analyze(
      "Les modèles open source se multiplient. La réunion a lieu mardi. Le "
      "comité publiera un rapport. Les tarifs changent en mars. Le climat "
      "est épouvantable et catastrophique.",
      "fr");
  EXPECT_EQ(Net(faded), 0);
}

TEST_F(StanceTest, TheAnswerToAConcessionWeighsMoreThanTheConcession) {
  // Praise of open source, then a "Toutefois" sentence against it: the
  // answer decides.
  v1::Stance fr = Analyze(
      "Les modèles open source sont gratuits et innovants. Toutefois, les "
      "modèles open source sont dangereux et vulnérables aux attaques.",
      "fr");
  EXPECT_LT(Net(fr), -0.05);
  // The same sentences in the other order: the praise answers the blame.
  v1::Stance reversed = Analyze(
      "Les modèles open source sont dangereux et vulnérables aux attaques. "
      "Toutefois, les modèles open source sont gratuits et innovants.",
      "fr");
  EXPECT_GT(Net(reversed), 0.05);
  // "Certes" concedes the sentence it opens.
  v1::Stance certes = Analyze(
      "Certes, les modèles propriétaires sont fiables et performants. Les "
      "modèles open source sont libres, transparents et innovants.",
      "fr");
  EXPECT_GT(Net(certes), 0.05);
  v1::Stance en = Analyze(
      "Open-source models are free and innovative. However, open-source "
      "models are dangerous and vulnerable to attacks.",
      "en");
  EXPECT_LT(Net(en), -0.05);
}

TEST_F(StanceTest, AQuotedOpinionWeighsLessThanTheWritersOwn) {
  // The writer's blame outweighs the praise they quote.
  v1::Stance quoted = Analyze(
      "« Les modèles open source sont formidables, libres et innovants », "
      "affirme le fondateur. Les modèles open source sont pourtant "
      "dangereux.",
      "fr");
  EXPECT_LT(Net(quoted), -0.05);
  // Unquoted, the praise is the writer's and wins.
  v1::Stance own = Analyze(
      "Les modèles open source sont formidables, libres et innovants. Les "
      "modèles open source sont pourtant dangereux.",
      "fr");
  EXPECT_GT(Net(own), Net(quoted));
  EXPECT_GE(Net(own), 0);
}

TEST_F(StanceTest, NotReallyFlipsTheJudgementInBothLanguages) {
  const v1::Stance fr = Analyze(
      "Les modèles open source ne sont pas vraiment fiables ni sûrs.", "fr");
  EXPECT_LT(Net(fr), -0.05);
  EXPECT_LT(fr.open().sentiment(), 0);
  const v1::Stance en =
      Analyze("Open-source models are not really reliable or safe.", "en");
  EXPECT_LT(Net(en), -0.05);
  EXPECT_LT(en.open().sentiment(), 0);
}

TEST_F(StanceTest, AnUnmatchedQuoteMarkStopsAtTheParagraph) {
  // The stray mark of '12" screen' would otherwise make the next paragraph
  // a quotation and halve it.
  const std::string stray =
      "Le portable a un écran de 12\" seulement.\n\n"
      "Les modèles open source sont dangereux et vulnérables.";
  const std::string clean =
      "Le portable a un écran de douze pouces seulement.\n\n"
      "Les modèles open source sont dangereux et vulnérables.";
  EXPECT_DOUBLE_EQ(Net(Analyze(stray, "fr")), Net(Analyze(clean, "fr")));
}

TEST_F(StanceTest, AConcessiveClauseYieldsToTheMainClause) {
  EXPECT_LT(Net(Analyze("Although open-source models are free and "
                        "innovative, open-source models are dangerous.",
                        "en")),
            -0.05);
  EXPECT_GT(Net(Analyze("Même si les modèles open source comportent des "
                        "risques, les modèles open source sont libres, "
                        "fiables et innovants.",
                        "fr")),
            0.05);
}

TEST_F(StanceTest, ComparisonsRankOneSideOverTheOtherInBothLanguages) {
  EXPECT_GT(Net(Analyze("Open models are surpassing proprietary ones.", "en")),
            0.05);
  EXPECT_LT(
      Net(Analyze("Proprietary models outperform open-source ones.", "en")),
      -0.05);
  EXPECT_GT(
      Net(Analyze("Les modèles ouverts rattrapent les modèles propriétaires.",
                  "fr")),
      0.05);
}

TEST_F(StanceTest, FakeOpenSourceIsBlame) {
  v1::Stance stance = Analyze(
      "Ce modèle relève du faux open source : les données restent secrètes.",
      "fr");
  ASSERT_FALSE(stance.evidence().empty());
  EXPECT_EQ(stance.evidence(0).target(), v1::SIDE_OPEN);
  EXPECT_LT(stance.evidence(0).polarity(), 0);
}

TEST_F(StanceTest, EvidenceNamesItsCueWords) {
  const std::string text =
      "Les modèles open source ne sont pas dangereux, ils sont très fiables.";
  v1::Stance stance = Analyze(text, "fr");
  ASSERT_EQ(stance.evidence_size(), 1);
  const auto& evidence = stance.evidence(0);
  ASSERT_GE(evidence.cues_size(), 3);
  // The phrase that names the side comes first, then the judging words,
  // strongest first.
  EXPECT_EQ(evidence.cues(0).text(), "open source");
  EXPECT_EQ(evidence.cues(0).side(), v1::SIDE_OPEN);
  for (int i = 0; i < evidence.cues_size(); ++i) {
    const auto& cue = evidence.cues(i);
    EXPECT_EQ(
        text.substr(cue.span().begin(), cue.span().end() - cue.span().begin()),
        cue.text());
    if (i >= 2) {
      EXPECT_GE(std::abs(evidence.cues(i - 1).valence()),
                std::abs(cue.valence()));
    }
  }
  // Valences carry their modifiers: the negated "dangereux" is favorable,
  // "très" strengthens "fiables".
  const auto valence = [](const v1::StanceEvidence& e, const std::string& w) {
    for (const auto& cue : e.cues()) {
      if (cue.text() == w) return cue.valence();
    }
    return 0.0;
  };
  EXPECT_GT(valence(evidence, "dangereux"), 0);
  v1::Stance plain = Analyze(
      "Les modèles open source ne sont pas dangereux, ils sont fiables.", "fr");
  ASSERT_EQ(plain.evidence_size(), 1);
  EXPECT_GT(valence(plain.evidence(0), "fiables"), 0);
  EXPECT_GT(valence(evidence, "fiables"),
            valence(plain.evidence(0), "fiables"));
}

TEST_F(StanceTest, ActorsGetTheStanceOfTheSentencesThatNameThem) {
  const std::string text =
      "Mistral publie des modèles open source excellents et fiables. "
      "Les modèles propriétaires de Borealis sont opaques et coûteux. "
      "Le siège de Borealis est à Oslo.";
  v1::Entities entities;
  const auto add = [&](const std::string& name, v1::Openness openness) {
    v1::Entity* entity = entities.add_entities();
    entity->set_canonical_name(name);
    entity->set_type(v1::ENTITY_TYPE_ORGANIZATION);
    entity->set_openness(openness);
    for (size_t at = text.find(name); at != std::string::npos;
         at = text.find(name, at + 1)) {
      auto* mention = entity->add_mentions();
      mention->mutable_span()->set_begin(static_cast<uint32_t>(at));
      mention->mutable_span()->set_end(static_cast<uint32_t>(at + name.size()));
      mention->set_text(name);
    }
  };
  add("Mistral", v1::OPENNESS_UNSPECIFIED);
  add("Borealis", v1::OPENNESS_UNSPECIFIED);
  v1::Stance stance = Analyze(text, "fr", &entities);
  EXPECT_GT(Net(stance), 0.05);
  ASSERT_EQ(stance.actors_size(), 2);
  for (const auto& actor : stance.actors()) {
    EXPECT_EQ(actor.sentences(), 1u) << actor.name();  // Oslo takes no side
    if (actor.name() == "Mistral") {
      EXPECT_EQ(actor.side(), v1::SIDE_OPEN);
      EXPECT_GT(actor.score(), 0);
    } else {
      EXPECT_EQ(actor.name(), "Borealis");
      EXPECT_EQ(actor.side(), v1::SIDE_CLOSED);
      // Blame of a closed actor argues for open: positive, like the score.
      EXPECT_GT(actor.score(), 0);
    }
  }
  // Without the entities result, no actors.
  EXPECT_EQ(Analyze(text, "fr").actors_size(), 0);
}

// The shipped model decides the label; these texts leave it no doubt.
TEST_F(StanceTest, TheModelLabelsClearArguments) {
  EXPECT_EQ(Analyze("Les modèles open source sont excellents : transparents, "
                    "auditables et libres, ils favorisent l'innovation et la "
                    "souveraineté. Les modèles fermés enferment les "
                    "entreprises dans une dépendance opaque.",
                    "fr")
                .label(),
            v1::STANCE_LABEL_PRO_OPEN);
  EXPECT_EQ(Analyze("Releasing open weights is dangerous: malicious actors "
                    "can misuse them for cyberattacks and bioweapons, and a "
                    "release is irreversible. Closed models with safeguards "
                    "are safer.",
                    "en")
                .label(),
            v1::STANCE_LABEL_PRO_CLOSED);
}

TEST_F(StanceTest, ConfidenceIsTheLabelsProbabilityAndTheScoreLeansWithIt) {
  for (const char* text :
       {"Open-source AI is wonderful. Proprietary models are a black box.",
        "Open models are dangerous and proprietary ones are safer.",
        "The company released its model on Tuesday, according to a "
        "spokesperson.",
        "Le match de football a eu lieu hier soir à Lyon."}) {
    const v1::Stance stance = Analyze(text, "en");
    EXPECT_GE(stance.confidence(), 0.25) << text;  // the top of four
    EXPECT_LE(stance.confidence(), 1.0) << text;
    EXPECT_GE(stance.score(), -1.0) << text;
    EXPECT_LE(stance.score(), 1.0) << text;
    if (stance.label() == v1::STANCE_LABEL_PRO_OPEN) {
      EXPECT_GT(stance.score(), 0) << text;
    }
    if (stance.label() == v1::STANCE_LABEL_PRO_CLOSED) {
      EXPECT_LT(stance.score(), 0) << text;
    }
  }
}

TEST(StanceLexiconTest, AnAnalyzerWithoutModelComputesFeaturesOnly) {
  LexiconTexts texts = StanceAnalyzer::EmbeddedTexts();
  texts.model = {};
  auto analyzer = StanceAnalyzer::FromLexicons(texts);
  ASSERT_TRUE(analyzer.ok()) << analyzer.status();
  const auto doc = Prepare("Open-source AI is wonderful.", "en");
  auto features = (*analyzer)->Features(doc, nullptr);
  ASSERT_TRUE(features.ok()) << features.status();
  EXPECT_EQ(features->size(), StanceFeatureNames().size());
  EXPECT_EQ((*analyzer)->Analyze(doc, nullptr, StanceConfig{}).status().code(),
            absl::StatusCode::kFailedPrecondition);
}

TEST(StanceLexiconTest, RejectsAModelForOtherFeatures) {
  LexiconTexts texts = StanceAnalyzer::EmbeddedTexts();
  const std::string renamed =
      std::string(texts.model)
          .replace(texts.model.find("feature\ton_topic"), 16,
                   "feature\toff_topic");
  texts.model = renamed;
  auto analyzer = StanceAnalyzer::FromLexicons(texts);
  EXPECT_EQ(analyzer.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(analyzer.status().message().find("off_topic"), std::string::npos)
      << analyzer.status();
}

TEST(StanceLexiconTest, RejectsMalformedLexicon) {
  LexiconTexts texts;
  texts.side_cues = "open\topen source\t1.0\t0\n";
  texts.domain_polarity = "risque\tnot-a-number\n";
  auto analyzer = StanceAnalyzer::FromLexicons(texts);
  EXPECT_EQ(analyzer.status().code(), absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace textlens::plugins::stance
