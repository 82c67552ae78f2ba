#include "service/ingest/plain_text_converter.h"

#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace textlens::service::ingest {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

constexpr char kArticle[] =
    "Mistral AI publie un modèle ouvert\n\n"
    "Publié le 4 mars 2025\n\n"
    "La start-up parisienne a publié mardi les poids de son nouveau modèle "
    "sous licence Apache 2.0, ce qui permet à chacun de l'héberger.\n\n"
    "Partager\n\n"
    "Les chercheurs saluent une ouverture rare pour un modèle de cette "
    "taille, même si les données d'entraînement restent secrètes.\n\n"
    "Mistral AI publie un modèle ouvert\n\n"
    "Ajouter un commentaire\n\n"
    "Commentaires\n\n"
    "Il n'y a pas encore de commentaire.\n";

TEST(PlainTextToTextTest, DropsTheCommentsSectionAndTheRepeatedHeadline) {
  const ConvertedText converted = PlainTextToText(kArticle);
  EXPECT_EQ(converted.text,
            "Mistral AI publie un modèle ouvert\n\n"
            "Publié le 4 mars 2025\n\n"
            "La start-up parisienne a publié mardi les poids de son nouveau "
            "modèle sous licence Apache 2.0, ce qui permet à chacun de "
            "l'héberger.\n\n\n"
            "Les chercheurs saluent une ouverture rare pour un modèle de "
            "cette taille, même si les données d'entraînement restent "
            "secrètes.");
}

TEST(PlainTextToTextTest, EnglishCommentsHeadingWithACount) {
  const ConvertedText converted = PlainTextToText(
      "Open weights gain ground\n\nMeta released Llama 4 on Saturday, and "
      "developers downloaded it by the million within days.\n\n"
      "Comments (12)\n\nGreat news!\n");
  EXPECT_THAT(converted.text, HasSubstr("by the million within days."));
  EXPECT_THAT(converted.text, Not(HasSubstr("Comments")));
  EXPECT_THAT(converted.text, Not(HasSubstr("Great news")));
}

TEST(PlainTextToTextTest, ACommentsHeadingEarlyOnIsNotACommentsSection) {
  const std::string text =
      "Commentaires\n\nLes commentaires des lecteurs sur l'IA ouverte sont "
      "nombreux, et la rédaction en publie une sélection ci-dessous, avec "
      "les réponses des chercheurs interrogés cette semaine.\n";
  EXPECT_EQ(PlainTextToText(text).text, text);
}

TEST(PlainTextToTextTest, EveryKeptLineMapsToItsBytes) {
  const std::string text = "Titre\r\n\r\nUne phrase.\r\nPartager\r\nFin.";
  const ConvertedText converted = PlainTextToText(text);
  EXPECT_EQ(converted.text, "Titre\r\n\r\nUne phrase.\r\nFin.");
  ASSERT_EQ(converted.source_map.size(), 3u);
  for (const SourceSpan& span : converted.source_map) {
    EXPECT_EQ(
        converted.text.substr(span.text_begin, span.text_end - span.text_begin),
        text.substr(span.source_begin, span.source_end - span.source_begin));
  }
  EXPECT_EQ(converted.source_map[2].source_begin, text.find("Fin."));
}

}  // namespace
}  // namespace textlens::service::ingest
