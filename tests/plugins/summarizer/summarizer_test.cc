// Specification of the summarizer on small French and English texts written
// for these tests, prepared by the real text layer.
#include "plugins/summarizer/summarizer.h"

#include <memory>
#include <set>
#include <string>

#include "gtest/gtest.h"
#include "tests/testing/prepare_text.h"

namespace textlens::plugins::summarizer {
namespace {

using textlens::plugin::v1::PreparedDocument;
using textlens::testing::PrepareText;
using textlens::v1::SummarizerOptions;
using textlens::v1::Summary;

Summary SummarizeWith(const PreparedDocument& document,
                      const SummarizerOptions& options) {
  auto summary = Summarize(document, DefaultConfig(options), nullptr);
  EXPECT_TRUE(summary.ok()) << summary.status();
  return summary.ok() ? *summary : Summary();
}

Summary SummarizeText(
    const PreparedDocument& document, int max_sentences,
    SummarizerOptions::Order order = SummarizerOptions::ORDER_POSITION,
    int max_key_phrases = 10) {
  SummarizerOptions options;
  options.set_max_sentences(max_sentences);
  options.set_order(order);
  options.set_max_key_phrases(max_key_phrases);
  return SummarizeWith(document, options);
}

// Four sentences about solar power, one off-topic sentence, a heading and a
// byline.
constexpr char kSolarEn[] =
    "Solar Power Keeps Growing\n"
    "\n"
    "Published on 3 March 2025\n"
    "\n"
    "Solar panels now supply a growing share of the electricity used in many "
    "countries.\n"
    "The price of solar panels has fallen sharply over the past ten years, "
    "which makes solar electricity cheaper.\n"
    "My neighbour owns a red bicycle and rides it to the bakery every "
    "morning.\n"
    "Cheaper panels mean that more households install solar power on their "
    "roofs.\n"
    "Governments support solar electricity with subsidies and loans for "
    "panels.\n";

TEST(SummarizerTest, PicksCentralSentencesAndSkipsHeadingBylineAndOffTopic) {
  const PreparedDocument document = PrepareText(kSolarEn, "en");
  const Summary summary = SummarizeText(document, 3);
  EXPECT_EQ(summary.document_sentence_count(),
            static_cast<uint32_t>(document.sentences_size()));
  ASSERT_EQ(summary.sentences_size(), 3);
  for (const auto& sentence : summary.sentences()) {
    EXPECT_EQ(sentence.text().find("bicycle"), std::string::npos);
    EXPECT_EQ(sentence.text().find("Keeps Growing"), std::string::npos);
    EXPECT_EQ(sentence.text().find("Published"), std::string::npos);
  }
}

TEST(SummarizerTest, SpansSliceTheTextAndScoresAreNormalized) {
  const PreparedDocument document = PrepareText(kSolarEn, "en");
  const Summary summary = SummarizeText(document, 4);
  ASSERT_EQ(summary.sentences_size(), 4);
  double best = 0.0;
  for (const auto& sentence : summary.sentences()) {
    const auto& span = sentence.span();
    ASSERT_LE(span.end(), document.text().size());
    EXPECT_EQ(document.text().substr(span.begin(), span.end() - span.begin()),
              sentence.text());
    EXPECT_GT(sentence.score(), 0.0);
    EXPECT_LE(sentence.score(), 1.0);
    best = std::max(best, sentence.score());
    EXPECT_EQ(document.sentences(sentence.position()).begin(), span.begin());
  }
  EXPECT_DOUBLE_EQ(best, 1.0);
}

TEST(SummarizerTest, OrderByPositionVersusRank) {
  const PreparedDocument document = PrepareText(kSolarEn, "en");
  const Summary by_position = SummarizeText(document, 3);
  const Summary by_rank =
      SummarizeText(document, 3, SummarizerOptions::ORDER_RANK);
  ASSERT_EQ(by_position.sentences_size(), 3);
  ASSERT_EQ(by_rank.sentences_size(), 3);
  for (int i = 1; i < 3; ++i) {
    EXPECT_LT(by_position.sentences(i - 1).position(),
              by_position.sentences(i).position());
    EXPECT_EQ(by_rank.sentences(i - 1).rank() + 1, by_rank.sentences(i).rank());
  }
  EXPECT_EQ(by_rank.sentences(0).rank(), 1u);
  EXPECT_DOUBLE_EQ(by_rank.sentences(0).score(), 1.0);
  // Same sentences either way.
  std::set<uint32_t> a, b;
  for (const auto& s : by_position.sentences()) a.insert(s.position());
  for (const auto& s : by_rank.sentences()) b.insert(s.position());
  EXPECT_EQ(a, b);
}

TEST(SummarizerTest, MaxSentencesOneGivesTheBestSentence) {
  const PreparedDocument document = PrepareText(kSolarEn, "en");
  const Summary one = SummarizeText(document, 1);
  const Summary three =
      SummarizeText(document, 3, SummarizerOptions::ORDER_RANK);
  ASSERT_EQ(one.sentences_size(), 1);
  EXPECT_EQ(one.sentences(0).position(), three.sentences(0).position());
  EXPECT_EQ(one.sentences(0).rank(), 1u);
  // One of the two opening body sentences ("Solar panels now supply ...",
  // "The price of solar panels has fallen ...", after the title and the
  // byline): central, early and about the title's subject.
  EXPECT_TRUE(one.sentences(0).position() == 2u ||
              one.sentences(0).position() == 3u)
      << one.sentences(0).text();
}

TEST(SummarizerTest, MoreSentencesThanTheDocumentHasYieldsAllCandidates) {
  const PreparedDocument document = PrepareText(kSolarEn, "en");
  const Summary summary = SummarizeText(document, 50);
  // Five body sentences; heading and byline are left out.
  EXPECT_EQ(summary.sentences_size(), 5);
}

// A French text whose title line comes back twice as a sentence with final
// punctuation, the way scraped pages repeat it.
constexpr char kRepeatedFr[] =
    "Le nouveau modèle de langage de Mistral AI arrive en Europe.\n"
    "\n"
    "Le nouveau modèle de langage de Mistral AI arrive en Europe.\n"
    "\n"
    "La start-up parisienne Mistral AI a présenté mardi un modèle de langage "
    "ouvert destiné aux entreprises européennes.\n"
    "Le nouveau modèle de langage de Mistral AI arrive en Europe.\n"
    "Selon la société, ce modèle de langage rivalise avec les systèmes "
    "fermés des géants américains.\n"
    "Les entreprises pourront installer le modèle sur leurs propres serveurs "
    "sans payer de licence.\n"
    "Le prix du café a légèrement augmenté à Lyon cette semaine.\n";

TEST(SummarizerTest, RepeatedTitleAppearsOnlyOnce) {
  const PreparedDocument document = PrepareText(kRepeatedFr, "fr");
  const Summary summary = SummarizeText(document, 3);
  ASSERT_EQ(summary.sentences_size(), 3);
  int repeats = 0;
  for (const auto& sentence : summary.sentences()) {
    if (sentence.text() ==
        "Le nouveau modèle de langage de Mistral AI arrive en Europe.") {
      ++repeats;
    }
    EXPECT_EQ(sentence.text().find("café"), std::string::npos);
  }
  EXPECT_LE(repeats, 1);
}

TEST(SummarizerTest, SkipsFrenchMetadataLines) {
  const std::string text =
      "Publié le 12 février 2025 à 10:30 par la rédaction du journal local.\n"
      "Ajouter un commentaire\n"
      "La ville de Nantes ouvre un centre de calcul dédié à l'intelligence "
      "artificielle.\n"
      "Le centre de calcul accueillera des chercheurs en intelligence "
      "artificielle dès le printemps.\n"
      "Les chercheurs pourront entraîner leurs modèles sur ce centre de "
      "calcul public.\n";
  const PreparedDocument document = PrepareText(text, "fr");
  const Summary summary = SummarizeText(document, 3);
  ASSERT_EQ(summary.sentences_size(), 3);
  for (const auto& sentence : summary.sentences()) {
    EXPECT_EQ(sentence.text().find("Publié"), std::string::npos);
    EXPECT_EQ(sentence.text().find("commentaire"), std::string::npos);
  }
}

TEST(SummarizerTest, EmptyTextGivesAnEmptySummary) {
  const PreparedDocument document = PrepareText("", "fr");
  const Summary summary = SummarizeText(document, 3);
  EXPECT_EQ(summary.sentences_size(), 0);
  EXPECT_EQ(summary.key_phrases_size(), 0);
  EXPECT_EQ(summary.document_sentence_count(), 0u);
}

TEST(SummarizerTest, OneShortSentenceComesBack) {
  const PreparedDocument document =
      PrepareText("Mistral lève des fonds.", "fr");
  const Summary summary = SummarizeText(document, 3);
  ASSERT_EQ(summary.sentences_size(), 1);
  EXPECT_EQ(summary.sentences(0).text(), "Mistral lève des fonds.");
  EXPECT_DOUBLE_EQ(summary.sentences(0).score(), 1.0);
  EXPECT_EQ(summary.sentences(0).position(), 0u);
}

TEST(SummarizerTest, AllHeadingsStillGiveASummary) {
  const PreparedDocument document = PrepareText(
      "Actualités de la semaine\n\nMistral lance Codestral\n\nOpenAI publie "
      "o3\n\nMeta ouvre Llama\n",
      "fr");
  const Summary summary = SummarizeText(document, 2);
  EXPECT_EQ(summary.sentences_size(), 2);
  for (const auto& sentence : summary.sentences()) {
    EXPECT_FALSE(sentence.text().empty());
  }
}

TEST(SummarizerTest, RejectsSentencesOutsideTheText) {
  PreparedDocument document = PrepareText(kSolarEn, "en");
  document.mutable_sentences(1)->set_end(document.text().size() + 10);
  auto summary =
      Summarize(document, DefaultConfig(SummarizerOptions()), nullptr);
  EXPECT_EQ(summary.status().code(), absl::StatusCode::kInvalidArgument);
}

TEST(SummarizerTest, CancelledCallFails) {
  const PreparedDocument document = PrepareText(kSolarEn, "en");
  auto summary = Summarize(document, DefaultConfig(SummarizerOptions()),
                           [] { return true; });
  EXPECT_EQ(summary.status().code(), absl::StatusCode::kCancelled);
}

TEST(SummarizerTest, DefaultsAreTwoSentencesAndTenPhrases) {
  const PreparedDocument document = PrepareText(kSolarEn, "en");
  auto summary =
      Summarize(document, DefaultConfig(SummarizerOptions()), nullptr);
  ASSERT_TRUE(summary.ok());
  EXPECT_EQ(summary->sentences_size(), 2);
  EXPECT_LE(summary->key_phrases_size(), 10);
  EXPECT_GT(summary->key_phrases_size(), 3);
}

// Sentences' lengths in code points, plus one separator between two.
size_t SummaryChars(const Summary& summary) {
  size_t chars = 0;
  for (const auto& sentence : summary.sentences()) {
    for (char c : sentence.text()) {
      if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++chars;
    }
  }
  return chars +
         (summary.sentences_size() > 0 ? summary.sentences_size() - 1 : 0);
}

TEST(SummarizerTest, MaxCharsIsAHardLimitThatPassesOverLongSentences) {
  const PreparedDocument document = PrepareText(kRepeatedFr, "fr");
  SummarizerOptions options;
  options.set_max_sentences(50);
  // Room for the short sentences, not for the two long ones (over 100
  // characters each).
  options.set_max_chars(100);
  const Summary summary = SummarizeWith(document, options);
  ASSERT_GE(summary.sentences_size(), 1);
  EXPECT_LE(SummaryChars(summary), 100u);
  for (const auto& sentence : summary.sentences()) {
    EXPECT_EQ(sentence.text().find("La start-up parisienne"),
              std::string::npos);
  }
  // Accented letters count once: "modèle" is six characters, not seven.
  options.set_max_chars(static_cast<uint32_t>(SummaryChars(summary)));
  EXPECT_EQ(SummarizeWith(document, options).sentences_size(),
            summary.sentences_size());
}

TEST(SummarizerTest, MaxCharsBelowEverySentenceGivesNoSentence) {
  const PreparedDocument document = PrepareText(kSolarEn, "en");
  SummarizerOptions options;
  options.set_max_chars(20);
  const Summary summary = SummarizeWith(document, options);
  EXPECT_EQ(summary.sentences_size(), 0);
  EXPECT_GT(summary.key_phrases_size(), 0);
}

TEST(SummarizerTest, RatioReplacesMaxSentences) {
  // Seven sentences: a heading, a byline and five body sentences.
  const PreparedDocument document = PrepareText(kSolarEn, "en");
  ASSERT_EQ(document.sentences_size(), 7);
  SummarizerOptions options;
  options.set_max_sentences(1);
  options.set_ratio(0.5);  // ceil(3.5) = 4
  EXPECT_EQ(SummarizeWith(document, options).sentences_size(), 4);
  options.set_ratio(0.01);  // at least one
  EXPECT_EQ(SummarizeWith(document, options).sentences_size(), 1);
  options.set_ratio(1.0);  // every candidate, never the heading or byline
  EXPECT_EQ(SummarizeWith(document, options).sentences_size(), 5);
}

TEST(SummarizerTest, RatioAndMaxCharsTogetherKeepTheTighterLimit) {
  const PreparedDocument document = PrepareText(kSolarEn, "en");
  SummarizerOptions options;
  options.set_ratio(1.0);
  options.set_max_chars(200);
  const Summary summary = SummarizeWith(document, options);
  EXPECT_LE(SummaryChars(summary), 200u);
  EXPECT_LT(summary.sentences_size(), 5);
}

// Three body sentences on unrelated subjects, equally long; the title
// decides which one summarizes the article.
std::string TitledFr(const std::string& title) {
  return title +
         "\n\n"
         "Les abeilles sauvages disparaissent des campagnes françaises à "
         "cause des pesticides agricoles.\n"
         "Les trains régionaux de Bretagne circulent de nouveau après trois "
         "jours de grève des cheminots.\n"
         "La pluie tombée sur Lyon a inondé plusieurs caves et parkings du "
         "centre-ville hier soir.\n";
}

TEST(SummarizerTest, TheTitleDecidesAndIsNeverPicked) {
  const PreparedDocument bees = PrepareText(
      TitledFr("Pesticides : les abeilles sauvages disparaissent"), "fr");
  const PreparedDocument trains = PrepareText(
      TitledFr("Bretagne : les trains régionaux circulent de nouveau"), "fr");
  ASSERT_TRUE(bees.sentences(0).is_heading());
  const Summary about_bees = SummarizeText(bees, 1);
  const Summary about_trains = SummarizeText(trains, 1);
  ASSERT_EQ(about_bees.sentences_size(), 1);
  ASSERT_EQ(about_trains.sentences_size(), 1);
  EXPECT_NE(about_bees.sentences(0).text().find("abeilles"), std::string::npos);
  EXPECT_NE(about_trains.sentences(0).text().find("trains"), std::string::npos);
  const Summary all = SummarizeText(bees, 50);
  EXPECT_EQ(all.sentences_size(), 3);
  for (const auto& sentence : all.sentences()) {
    EXPECT_NE(sentence.position(), 0u);
  }
}

TEST(SummarizerTest, AHeadingEndingInAQuestionMarkIsLeftOutOnceMarked) {
  // The host marks the markup's headings (ingest::MarkHeadingLines): a
  // heading with final punctuation is then no candidate either.
  PreparedDocument document = PrepareText(
      "Pourquoi les abeilles sauvages disparaissent-elles des campagnes ?\n\n" +
          TitledFr("").substr(2),
      "fr");
  ASSERT_FALSE(document.sentences(0).is_heading());
  document.mutable_sentences(0)->set_is_heading(true);
  const Summary summary = SummarizeText(document, 50);
  EXPECT_EQ(summary.sentences_size(), 3);
  for (const auto& sentence : summary.sentences()) {
    EXPECT_NE(sentence.position(), 0u);
  }
}

TEST(SummarizerTest, MmrLeavesOutARestatement) {
  // Sentence 1 restates sentence 0 in other words; the third summary
  // sentence goes to a new fact instead.
  const PreparedDocument document = PrepareText(
      "Mistral AI publie un nouveau modèle de langage ouvert pour les "
      "entreprises européennes.\n"
      "Le nouveau modèle ouvert de Mistral AI vise les entreprises "
      "européennes et leurs langues.\n"
      "Les poids du modèle sont publiés sous licence Apache et chacun peut "
      "les télécharger.\n"
      "Plusieurs banques françaises testent déjà le modèle sur leurs propres "
      "serveurs sécurisés.\n",
      "fr");
  const Summary summary = SummarizeText(document, 2);
  ASSERT_EQ(summary.sentences_size(), 2);
  EXPECT_FALSE(summary.sentences(0).position() == 0 &&
               summary.sentences(1).position() == 1);
}

TEST(SummarizerTest, FiveThousandSentencesStayFast) {
  const char* subjects[] = {"The model",      "The company", "A researcher",
                            "The government", "The startup", "An engineer"};
  const char* verbs[] = {"trains",  "releases", "tests", "funds",
                         "studies", "deploys",  "audits"};
  const char* objects[] = {"open weights",      "a language model",
                           "new chips",         "data centers",
                           "safety benchmarks", "translation tools",
                           "code assistants",   "medical imaging systems"};
  std::string text;
  for (int i = 0; i < 5000; ++i) {
    text += subjects[i % 6];
    text += " ";
    text += verbs[(i / 6) % 7];
    text += " ";
    text += objects[(i / 42) % 8];
    text += " in region " + std::to_string(i % 97) + " this year.\n";
  }
  const PreparedDocument document = PrepareText(text, "en");
  ASSERT_GE(document.sentences_size(), 4900);
  const Summary summary = SummarizeText(document, 5);
  EXPECT_EQ(summary.sentences_size(), 5);
  // A fifth of them: the selection re-evaluates candidates against the
  // picks within their window, each picked once, in document order.
  SummarizerOptions options;
  options.set_ratio(0.2);
  options.set_max_key_phrases(0);
  const Summary fifth = SummarizeWith(document, options);
  EXPECT_GT(fifth.sentences_size(), 100);
  EXPECT_LE(fifth.sentences_size(), document.sentences_size() / 5 + 1);
  for (int i = 1; i < fifth.sentences_size(); ++i) {
    EXPECT_LT(fifth.sentences(i - 1).position(), fifth.sentences(i).position());
  }
}

}  // namespace
}  // namespace textlens::plugins::summarizer
