#include "service/text/language_detector.h"

#include "gtest/gtest.h"

namespace textlens::service::text {
namespace {

class LanguageDetectorTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto d = LanguageDetector::Create();
    ASSERT_TRUE(d.ok());
    detector_ = *std::move(d);
  }
  std::unique_ptr<LanguageDetector> detector_;
};

TEST_F(LanguageDetectorTest, DetectsSupportedLanguages) {
  struct Case {
    const char* code;
    const char* text;
  } cases[] = {
      {"fr",
       "Le laboratoire a publié son nouveau modèle, qui est plus "
       "rapide que les précédents selon ses auteurs."},
      {"en",
       "The company said on Monday that its new model would be "
       "released to researchers before the end of the year."},
      {"de",
       "Die Firma hat am Montag gesagt, dass das neue Modell noch "
       "vor dem Ende des Jahres veröffentlicht wird."},
      {"es",
       "La empresa dijo el lunes que su nuevo modelo será publicado "
       "para los investigadores antes del final del año."},
      {"it",
       "L'azienda ha detto lunedì che il suo nuovo modello sarà "
       "pubblicato per i ricercatori prima della fine dell'anno."},
      {"nl",
       "Het bedrijf heeft maandag gezegd dat het nieuwe model voor "
       "het einde van het jaar wordt uitgebracht."},
      {"pt",
       "A empresa disse na segunda-feira que o seu novo modelo será "
       "lançado para os pesquisadores antes do fim do ano."},
      {"pl",
       "Firma powiedziała w poniedziałek, że jej nowy model zostanie "
       "udostępniony badaczom jeszcze przed końcem roku."},
      {"ru",
       "Компания заявила в понедельник, что новая модель выйдет до "
       "конца года."},
  };
  for (const Case& c : cases) {
    LanguageGuess g = detector_->Detect(c.text);
    EXPECT_EQ(g.code, c.code) << c.text;
    EXPECT_GT(g.confidence, 0.3) << c.text;
    EXPECT_LE(g.confidence, 1.0) << c.text;
  }
}

TEST_F(LanguageDetectorTest, ShortFrenchTitle) {
  EXPECT_EQ(detector_->Detect("L'essor de l'IA ouverte en Chine").code, "fr");
  EXPECT_EQ(detector_->Detect("The rise of open AI in China").code, "en");
}

TEST_F(LanguageDetectorTest, UndeterminedForEmptyShortOrNumbers) {
  for (const char* text : {"", "  ", "42", "2025-03-04 12:00", "ok", "!!"}) {
    LanguageGuess g = detector_->Detect(text);
    EXPECT_EQ(g.code, "und") << text;
    EXPECT_LT(g.confidence, 0.2) << text;
  }
}

TEST_F(LanguageDetectorTest, LongTextIsConfident) {
  std::string text;
  for (int i = 0; i < 20; ++i) {
    text +=
        "Les chercheurs de la société ont expliqué que leurs modèles "
        "ouverts sont utilisés par des milliers de développeurs. ";
  }
  LanguageGuess g = detector_->Detect(text);
  EXPECT_EQ(g.code, "fr");
  EXPECT_GT(g.confidence, 0.7);
}

}  // namespace
}  // namespace textlens::service::text
