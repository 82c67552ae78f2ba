#include "plugins/entities/patterns.h"

#include <string>

#include "gtest/gtest.h"
#include "tests/plugins/entities/test_util.h"

namespace textlens::plugins::entities {
namespace {

using testing::Analyze;
using testing::FindByMention;

TEST(ParseNumberTest, FollowsLanguageConventions) {
  EXPECT_DOUBLE_EQ(*ParseNumber("5,6", true), 5.6);
  EXPECT_DOUBLE_EQ(*ParseNumber("1408,84", true), 1408.84);
  EXPECT_DOUBLE_EQ(*ParseNumber("1 000", true), 1000);
  EXPECT_DOUBLE_EQ(*ParseNumber("1,000", false), 1000);
  EXPECT_DOUBLE_EQ(*ParseNumber("2.5", false), 2.5);
  EXPECT_DOUBLE_EQ(*ParseNumber("1,000.5", false), 1000.5);
  EXPECT_FALSE(ParseNumber("abc", true).has_value());
  EXPECT_FALSE(ParseNumber("12,", true).has_value());
}

TEST(FormatNumberTest, WritesNoExponentNorTrailingZeros) {
  EXPECT_EQ(FormatNumber(6e6), "6000000");
  EXPECT_EQ(FormatNumber(5.6e6), "5600000");
  EXPECT_EQ(FormatNumber(1408.84), "1408.84");
  EXPECT_EQ(FormatNumber(671e9), "671000000000");
}

// Expects a mention `text` of an entity of `type` normalized to `value`.
void ExpectValue(const v1::Entities& entities, const std::string& text,
                 v1::EntityType type, const std::string& value) {
  const v1::Entity* entity = FindByMention(entities, text);
  ASSERT_NE(entity, nullptr) << "no mention '" << text << "'";
  EXPECT_EQ(entity->type(), type) << text;
  EXPECT_EQ(entity->normalized_value(), value) << text;
}

TEST(PatternsTest, FindsFrenchDates) {
  const auto entities = Analyze(
      "La société a publié son rapport le 3 juin 2024. La version "
      "suivante est sortie en mars. Une mise à jour date du 2024-11-05.",
      "fr");
  ExpectValue(entities, "3 juin 2024", v1::ENTITY_TYPE_DATE, "2024-06-03");
  // A month alone takes the year of the first date.
  ExpectValue(entities, "mars", v1::ENTITY_TYPE_DATE, "2024-03");
  ExpectValue(entities, "2024-11-05", v1::ENTITY_TYPE_DATE, "2024-11-05");
}

TEST(PatternsTest, FindsEnglishDatesAndYears) {
  const auto entities = Analyze(
      "The lab shipped the model on March 4, 2024. It had been in the works "
      "since 2022, and a smaller version followed in October 2023.",
      "en");
  ExpectValue(entities, "March 4, 2024", v1::ENTITY_TYPE_DATE, "2024-03-04");
  ExpectValue(entities, "2022", v1::ENTITY_TYPE_DATE, "2022");
  ExpectValue(entities, "October 2023", v1::ENTITY_TYPE_DATE, "2023-10");
}

TEST(PatternsTest, MonthLaterThanReferenceBelongsToPreviousYear) {
  const auto entities = Analyze(
      "Article du 2 février 2026. Le projet avait commencé en novembre.", "fr");
  ExpectValue(entities, "novembre", v1::ENTITY_TYPE_DATE, "2025-11");
}

TEST(PatternsTest, FindsMoneyWithoutHedges) {
  const auto entities = Analyze(
      "L'entraînement aurait coûté environ 3,2 millions de dollars. La levée "
      "atteint 1,5 milliard d'euros, après un tour de 80 M€.",
      "fr");
  ExpectValue(entities, "3,2 millions de dollars", v1::ENTITY_TYPE_MONEY,
              "USD 3200000");
  ExpectValue(entities, "1,5 milliard d'euros", v1::ENTITY_TYPE_MONEY,
              "EUR 1500000000");
  ExpectValue(entities, "80 M€", v1::ENTITY_TYPE_MONEY, "EUR 80000000");
  EXPECT_EQ(FindByMention(entities, "environ 3,2 millions de dollars"),
            nullptr);
}

TEST(PatternsTest, FindsEnglishMoney) {
  const auto entities =
      Analyze("The startup raised $12 million last week.", "en");
  ExpectValue(entities, "$12 million", v1::ENTITY_TYPE_MONEY, "USD 12000000");
}

TEST(PatternsTest, FindsPercentages) {
  const auto fr = Analyze(
      "Les ventes ont progressé de 37 % et les coûts de 12 pour cent.", "fr");
  ExpectValue(fr, "37 %", v1::ENTITY_TYPE_PERCENT, "37");
  ExpectValue(fr, "12 pour cent", v1::ENTITY_TYPE_PERCENT, "12");
  const auto en = Analyze("Accuracy rose by 8.5 percent in one month.", "en");
  ExpectValue(en, "8.5 percent", v1::ENTITY_TYPE_PERCENT, "8.5");
}

TEST(PatternsTest, FindsQuantities) {
  const auto entities = Analyze(
      "Le réseau compte 405 milliards de paramètres. Il a fallu deux ans de "
      "travail et il obtient un score de 1290,5 au classement.",
      "fr");
  ExpectValue(entities, "405 milliards de paramètres", v1::ENTITY_TYPE_QUANTITY,
              "405000000000 parameters");
  ExpectValue(entities, "deux ans", v1::ENTITY_TYPE_QUANTITY, "2 years");
  ExpectValue(entities, "1290,5", v1::ENTITY_TYPE_QUANTITY, "1290.5");
}

TEST(PatternsTest, LeavesPlainNumbersAlone) {
  const auto entities =
      Analyze("Il y avait 12 personnes dans la salle et 300 chaises.", "fr");
  EXPECT_EQ(FindByMention(entities, "12"), nullptr);
  EXPECT_EQ(FindByMention(entities, "300"), nullptr);
}

}  // namespace
}  // namespace textlens::plugins::entities
