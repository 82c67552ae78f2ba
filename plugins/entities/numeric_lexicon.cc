#include "plugins/entities/numeric_lexicon.h"

#include "plugins/sdk/absl_view.h"

namespace textlens::plugins::entities {

const absl::flat_hash_map<std::string, std::string>& Currencies() {
  static const auto* const kMap =
      new absl::flat_hash_map<std::string, std::string>{
          {"$", "USD"},        {"dollars", "USD"},  {"dollar", "USD"},
          {"usd", "USD"},      {"us$", "USD"},      {"€", "EUR"},
          {"euros", "EUR"},    {"euro", "EUR"},     {"eur", "EUR"},
          {"yuans", "CNY"},    {"yuan", "CNY"},     {"cny", "CNY"},
          {"rmb", "CNY"},      {"renminbi", "CNY"}, {"¥", "CNY"},
          {"£", "GBP"},        {"gbp", "GBP"},      {"pounds", "GBP"},
          {"sterling", "GBP"}, {"yens", "JPY"},     {"yen", "JPY"},
          {"jpy", "JPY"},      {"chf", "CHF"},      {"francs", "CHF"}};
  return *kMap;
}

// Scale words; `french` changes "billion" (10^12 in French).
std::optional<double> ScaleOf(std::string_view lower, bool french,
                              bool before_currency) {
  static const auto* const kScales =
      new absl::flat_hash_map<std::string, double>{
          {"mille", 1e3},     {"thousand", 1e3}, {"million", 1e6},
          {"millions", 1e6},  {"milliard", 1e9}, {"milliards", 1e9},
          {"md", 1e9},        {"mds", 1e9},      {"mrd", 1e9},
          {"mrds", 1e9},      {"bn", 1e9},       {"trillion", 1e12},
          {"trillions", 1e12}};
  if (lower == "billion" || lower == "billions") return french ? 1e12 : 1e9;
  auto it = kScales->find(sdk::AbslView(lower));
  if (it != kScales->end()) return it->second;
  // Single letters are scales only before a currency: "100 M€", "$2B".
  if (before_currency) {
    if (lower == "k") return 1e3;
    if (lower == "m") return 1e6;
    if (lower == "b") return 1e9;
  }
  return std::nullopt;
}

// Units of quantities, by lowercased token, with their English name.
const absl::flat_hash_map<std::string, std::string>& Units() {
  static const auto* const kMap =
      new absl::flat_hash_map<std::string, std::string>{
          {"paramètres", "parameters"},
          {"paramètre", "parameters"},
          {"parameters", "parameters"},
          {"parameter", "parameters"},
          {"tokens", "tokens"},
          {"token", "tokens"},
          {"gpu", "GPUs"},
          {"gpus", "GPUs"},
          {"puces", "chips"},
          {"puce", "chips"},
          {"chips", "chips"},
          {"chip", "chips"},
          {"points", "points"},
          {"utilisateurs", "users"},
          {"utilisateur", "users"},
          {"users", "users"},
          {"user", "users"},
          {"employés", "employees"},
          {"salariés", "employees"},
          {"employees", "employees"},
          {"téléchargements", "downloads"},
          {"downloads", "downloads"},
          {"heures", "hours"},
          {"heure", "hour"},
          {"hours", "hours"},
          {"hour", "hour"},
          {"jours", "days"},
          {"jour", "day"},
          {"days", "days"},
          {"day", "day"},
          {"ans", "years"},
          {"an", "year"},
          {"années", "years"},
          {"année", "year"},
          {"years", "years"},
          {"year", "year"},
          {"mois", "months"},
          {"months", "months"},
          {"month", "month"},
          {"semaines", "weeks"},
          {"semaine", "week"},
          {"weeks", "weeks"},
          {"week", "week"},
          {"minutes", "minutes"},
          {"secondes", "seconds"},
          {"seconds", "seconds"},
          {"go", "GB"},
          {"gb", "GB"},
          {"tb", "TB"},
          {"km", "km"},
          {"mw", "MW"},
          {"gw", "GW"},
          {"langues", "languages"},
          {"languages", "languages"},
          {"pays", "countries"},
          {"countries", "countries"},
          {"modèles", "models"},
          {"models", "models"},
          {"étoiles", "stars"},
          {"stars", "stars"},
          {"abonnés", "subscribers"},
          {"subscribers", "subscribers"},
          {"requêtes", "requests"},
          {"requests", "requests"},
          {"experts", "experts"},
          {"couches", "layers"},
          {"layers", "layers"},
          {"articles", "articles"},
          {"pages", "pages"},
          {"lignes", "lines"},
          {"lines", "lines"},
          {"chercheurs", "researchers"},
          {"researchers", "researchers"},
          {"ingénieurs", "engineers"},
          {"engineers", "engineers"},
          {"clients", "customers"},
          {"customers", "customers"},
          {"entreprises", "companies"},
          {"companies", "companies"},
          {"startups", "startups"},
          {"serveurs", "servers"},
          {"servers", "servers"},
          {"datacenters", "data centers"}};
  return *kMap;
}

bool IsTimeUnit(std::string_view unit) {
  return unit == "year" || unit == "years" || unit == "month" ||
         unit == "months" || unit == "week" || unit == "weeks" ||
         unit == "day" || unit == "days" || unit == "hour" || unit == "hours";
}

// Small numbers written as words, before a time unit: "un an", "two years".
std::optional<int> SpelledNumber(std::string_view lower) {
  static const auto* const kMap = new absl::flat_hash_map<std::string, int>{
      {"un", 1},      {"une", 1},      {"deux", 2},    {"trois", 3},
      {"quatre", 4},  {"cinq", 5},     {"six", 6},     {"sept", 7},
      {"huit", 8},    {"neuf", 9},     {"dix", 10},    {"douze", 12},
      {"quinze", 15}, {"vingt", 20},   {"trente", 30}, {"one", 1},
      {"two", 2},     {"three", 3},    {"four", 4},    {"five", 5},
      {"seven", 7},   {"eight", 8},    {"nine", 9},    {"ten", 10},
      {"twelve", 12}, {"fifteen", 15}, {"twenty", 20}, {"thirty", 30}};
  auto it = kMap->find(sdk::AbslView(lower));
  if (it == kMap->end()) return std::nullopt;
  return it->second;
}

// Month number of a (case- and accent-folded) month name, or 0.
int MonthOf(std::string_view folded) {
  static const auto* const kMap = new absl::flat_hash_map<std::string, int>{
      {"janvier", 1},   {"janv", 1},      {"fevrier", 2}, {"fevr", 2},
      {"fev", 2},       {"mars", 3},      {"avril", 4},   {"avr", 4},
      {"mai", 5},       {"juin", 6},      {"juillet", 7}, {"juil", 7},
      {"aout", 8},      {"septembre", 9}, {"sept", 9},    {"octobre", 10},
      {"novembre", 11}, {"decembre", 12}, {"january", 1}, {"jan", 1},
      {"february", 2},  {"feb", 2},       {"march", 3},   {"mar", 3},
      {"april", 4},     {"apr", 4},       {"may", 5},     {"june", 6},
      {"jun", 6},       {"july", 7},      {"jul", 7},     {"august", 8},
      {"aug", 8},       {"september", 9}, {"sep", 9},     {"october", 10},
      {"oct", 10},      {"november", 11}, {"nov", 11},    {"december", 12},
      {"dec", 12}};
  auto it = kMap->find(sdk::AbslView(folded));
  return it == kMap->end() ? 0 : it->second;
}

// Month names that are also common words ("mars" the planet, "may" the
// verb); alone they need a preposition such as "en", "in".
bool IsAmbiguousMonth(std::string_view folded) {
  return folded == "mars" || folded == "may" || folded == "march" ||
         folded == "mar" || folded == "jan" || folded == "sept" ||
         folded == "sep" || folded == "oct" || folded == "nov" ||
         folded == "dec" || folded == "feb" || folded == "apr" ||
         folded == "jun" || folded == "jul" || folded == "aug" ||
         folded == "janv" || folded == "fev" || folded == "fevr" ||
         folded == "avr" || folded == "juil";
}

bool IsMonthPreposition(std::string_view lower) {
  return lower == "en" || lower == "de" || lower == "fin" || lower == "début" ||
         lower == "mi" || lower == "depuis" || lower == "in" ||
         lower == "since" || lower == "early" || lower == "late" ||
         lower == "mid" || lower == "by" || lower == "until" ||
         lower == "last" || lower == "next" || lower == "dès" ||
         lower == "courant" || lower == "d'ici";
}

}  // namespace textlens::plugins::entities
