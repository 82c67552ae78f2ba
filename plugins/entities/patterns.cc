#include "plugins/entities/patterns.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "absl/container/flat_hash_map.h"
#include "plugins/entities/numeric_lexicon.h"
#include "plugins/entities/text_keys.h"
#include "plugins/sdk/absl_view.h"
#include "plugins/sdk/tokens.h"

namespace textlens::plugins::entities {

using textlens::sdk::Tokens;
namespace {

using textlens::plugin::v1::PreparedDocument;
using textlens::sdk::Token;
using textlens::v1::EntityType;

std::string Pad2(int value) {
  char buffer[16];  // room for any int: no truncation to warn about
  std::snprintf(buffer, sizeof(buffer), "%02d", value);
  return buffer;
}

// Scans one document; a small class so the helpers share the token view.
class Scanner {
 public:
  Scanner(const PreparedDocument& doc, const std::vector<bool>& claimed)
      : doc_(doc),
        claimed_(claimed),
        french_(doc.language() == "fr"),
        size_(Tokens(doc).size()) {}

  std::vector<PatternMatch> Run();

 private:
  struct DatePart {
    int year = 0;   // 0 when not written
    int month = 0;  // 0 for a bare year
    int day = 0;
  };

  Token tok(int i) const { return Tokens(doc_)[i]; }
  std::string_view Text(int i) const {
    return std::string_view(doc_.text())
        .substr(tok(i).begin(), tok(i).end() - tok(i).begin());
  }
  std::string_view Lower(int i) const { return tok(i).lower(); }
  // The same as a key of the lexicons' maps (this Abseil's string_view).
  absl::string_view LowerKey(int i) const {
    const std::string_view lower = Lower(i);
    return sdk::AbslView(lower);
  }
  // Whether token i exists, is free and is in the sentence of `first`.
  bool Usable(int i, int first) const {
    return i >= 0 && i < size_ && !claimed_[i] &&
           tok(i).sentence() == tok(first).sentence();
  }
  // Whether tokens i and i + 1 touch (no space between them).
  bool Glued(int i) const {
    return i + 1 < size_ && tok(i).end() == tok(i + 1).begin();
  }
  std::optional<double> Number(int i) const {
    if (tok(i).kind() != textlens::plugin::v1::TOKEN_KIND_NUMBER) {
      return std::nullopt;
    }
    return ParseNumber(Text(i), french_);
  }
  int Year(int i) const {
    const std::string_view text = Text(i);
    if (tok(i).kind() != textlens::plugin::v1::TOKEN_KIND_NUMBER ||
        text.size() != 4) {
      return 0;
    }
    for (char c : text) {
      if (c < '0' || c > '9') return 0;
    }
    const int year = std::atoi(std::string(text).c_str());
    return year >= 1900 && year <= 2100 ? year : 0;
  }
  int Day(int i) const {
    if (Lower(i) == "1er" || Lower(i) == "1st") return 1;
    const std::string_view text = Text(i);
    if (tok(i).kind() != textlens::plugin::v1::TOKEN_KIND_NUMBER ||
        text.size() > 2) {
      return 0;
    }
    for (char c : text) {
      if (c < '0' || c > '9') return 0;
    }
    const int day = std::atoi(std::string(text).c_str());
    return day >= 1 && day <= 31 ? day : 0;
  }
  int Month(int i) const {
    if (tok(i).kind() != textlens::plugin::v1::TOKEN_KIND_WORD) return 0;
    return MonthOf(NameKey(Text(i), true));
  }

  bool MatchIsoDate(int i, PatternMatch* match, DatePart* date) const;
  bool MatchDate(int i, PatternMatch* match, DatePart* date) const;
  bool MatchMoney(int i, PatternMatch* match) const;
  bool MatchPercent(int i, PatternMatch* match) const;
  bool MatchQuantity(int i, PatternMatch* match) const;
  bool MatchYear(int i, PatternMatch* match, DatePart* date) const;

  const PreparedDocument& doc_;
  const std::vector<bool>& claimed_;
  const bool french_;
  const int size_;
};

bool Scanner::MatchIsoDate(int i, PatternMatch* match, DatePart* date) const {
  // "2025-01-20" may be one token or several glued ones.
  std::string glued;
  int best = -1;
  for (int j = i; j < size_ && j < i + 5 && Usable(j, i); ++j) {
    glued.append(Text(j));
    const size_t n = glued.size();
    const bool shape =
        (n == 7 || n == 10) && glued[4] == '-' && (n == 7 || glued[7] == '-');
    if (shape) {
      bool digits = true;
      for (size_t k = 0; k < n; ++k) {
        if (k == 4 || k == 7) continue;
        if (glued[k] < '0' || glued[k] > '9') digits = false;
      }
      const int month = digits ? std::atoi(glued.substr(5, 2).c_str()) : 0;
      const int day =
          digits && n == 10 ? std::atoi(glued.substr(8).c_str()) : 1;
      if (digits && month >= 1 && month <= 12 && day >= 1 && day <= 31) {
        best = j;
        date->year = std::atoi(glued.substr(0, 4).c_str());
        date->month = month;
        date->day = n == 10 ? day : 0;
      }
    }
    if (!Glued(j)) break;
  }
  if (best < 0) return false;
  match->first_token = i;
  match->last_token = best;
  match->type = textlens::v1::ENTITY_TYPE_DATE;
  match->confidence = 0.95;
  return true;
}

bool Scanner::MatchDate(int i, PatternMatch* match, DatePart* date) const {
  int j = i;
  DatePart part;
  if (int day = Day(i); day > 0 && Usable(i + 1, i) && Month(i + 1) > 0) {
    part.day = day;  // "17 juin [2025]", "17 June 2025"
    part.month = Month(i + 1);
    j = i + 1;
  } else if (Month(i) > 0 && tok(i).capitalized() && Usable(i + 1, i) &&
             Day(i + 1) > 0 && Year(i + 1) == 0) {
    part.month = Month(i);  // "June 17[, 2025]"
    part.day = Day(i + 1);
    j = i + 1;
    if (Usable(j + 1, i) && Lower(j + 1) == "," && Usable(j + 2, i) &&
        Year(j + 2) > 0) {
      part.year = Year(j + 2);
      j += 2;
    }
  } else if (Month(i) > 0) {
    part.month = Month(i);  // "janvier [2025]"
  } else {
    return false;
  }
  if (part.year == 0 && Usable(j + 1, i) && Year(j + 1) > 0) {
    part.year = Year(j + 1);
    ++j;
  }
  if (j == i) {
    // A month alone: only unambiguous names, or after a preposition.
    const std::string folded = NameKey(Text(i), true);
    const bool after_preposition = i > 0 &&
                                   tok(i - 1).sentence() == tok(i).sentence() &&
                                   IsMonthPreposition(Lower(i - 1));
    if (IsAmbiguousMonth(folded) && !after_preposition) return false;
    // English month names are capitalized; "march" or "may" lowercase are
    // verbs.
    if (!french_ && !tok(i).capitalized()) return false;
  }
  *date = part;
  match->first_token = i;
  match->last_token = j;
  match->type = textlens::v1::ENTITY_TYPE_DATE;
  match->confidence = j == i ? 0.75 : 0.95;
  return true;
}

bool Scanner::MatchMoney(int i, PatternMatch* match) const {
  const auto& currencies = Currencies();
  std::string currency;
  double value = 0;
  int j = i;
  // Prefix form: "$6 million", "US$ 5", "€100".
  auto prefix = currencies.find(LowerKey(i));
  int number_at = -1;
  if (prefix != currencies.end() &&
      tok(i).kind() != textlens::plugin::v1::TOKEN_KIND_WORD) {
    number_at = i + 1;
  } else if (Lower(i) == "us" && Glued(i) && Usable(i + 1, i) &&
             Lower(i + 1) == "$") {
    prefix = currencies.find("$");
    number_at = i + 2;
  } else if ((Lower(i) == "usd" || Lower(i) == "eur") && Usable(i + 1, i) &&
             Number(i + 1)) {
    number_at = i + 1;
  }
  if (number_at > 0) {
    if (!Usable(number_at, i)) return false;
    std::optional<double> number = Number(number_at);
    if (!number) return false;
    currency = prefix->second;
    value = *number;
    j = number_at;
    if (Usable(j + 1, i)) {
      if (auto scale = ScaleOf(Lower(j + 1), french_, true)) {
        value *= *scale;
        ++j;
      }
    }
  } else {
    // Suffix form: "6 millions de dollars", "100 M€", "45 €".
    std::optional<double> number = Number(i);
    if (!number) return false;
    value = *number;
    j = i;
    bool scaled = false;
    if (Usable(j + 1, i)) {
      // A glued scale and sign, "M€": both as one token or as two.
      const std::string lower(Lower(j + 1));
      for (const auto& [sign, code] : currencies) {
        if (lower.size() > sign.size() &&
            lower.compare(lower.size() - sign.size(), sign.size(), sign) == 0 &&
            sign.size() <= 3 && (sign[0] & 0x80 || sign == "$")) {
          if (auto scale = ScaleOf(lower.substr(0, lower.size() - sign.size()),
                                   french_, true)) {
            match->first_token = i;
            match->last_token = j + 1;
            match->type = textlens::v1::ENTITY_TYPE_MONEY;
            match->normalized = code + " " + FormatNumber(value * *scale);
            match->confidence = 0.9;
            return true;
          }
        }
      }
      const bool before_currency =
          Usable(j + 2, i) && currencies.count(LowerKey(j + 2)) > 0;
      if (auto scale = ScaleOf(lower, french_, before_currency)) {
        value *= *scale;
        scaled = true;
        ++j;
      }
    }
    if (scaled && Usable(j + 1, i) &&
        (Lower(j + 1) == "de" || Lower(j + 1) == "d'" ||
         Lower(j + 1) == "of")) {
      ++j;
    }
    if (!Usable(j + 1, i)) return false;
    auto suffix = currencies.find(LowerKey(j + 1));
    if (suffix == currencies.end()) return false;
    currency = suffix->second;
    ++j;
  }
  match->first_token = i;
  match->last_token = j;
  match->type = textlens::v1::ENTITY_TYPE_MONEY;
  match->normalized = currency + " " + FormatNumber(value);
  match->confidence = 0.9;
  return true;
}

bool Scanner::MatchPercent(int i, PatternMatch* match) const {
  std::optional<double> number = Number(i);
  if (!number || !Usable(i + 1, i)) return false;
  int j = i + 1;
  const std::string_view next = Lower(j);
  if (next == "%" || next == "percent" || next == "pourcent") {
  } else if ((next == "pour" || next == "per") && Usable(j + 1, i) &&
             Lower(j + 1) == "cent") {
    ++j;
  } else {
    return false;
  }
  match->first_token = i;
  match->last_token = j;
  match->type = textlens::v1::ENTITY_TYPE_PERCENT;
  match->normalized = FormatNumber(*number);
  match->confidence = 0.95;
  return true;
}

bool Scanner::MatchQuantity(int i, PatternMatch* match) const {
  std::optional<double> number = Number(i);
  bool spelled = false;
  if (!number) {
    if (auto small = SpelledNumber(Lower(i))) {
      number = *small;
      spelled = true;
    }
  }
  if (!number) return false;
  double value = *number;
  int j = i;
  if (!spelled && Usable(j + 1, i)) {
    if (auto scale = ScaleOf(Lower(j + 1), french_, false)) {
      value *= *scale;
      ++j;
      if (Usable(j + 1, i) && (Lower(j + 1) == "de" || Lower(j + 1) == "d'" ||
                               Lower(j + 1) == "of")) {
        ++j;
      }
    }
  }
  if (Usable(j + 1, i)) {
    auto unit = Units().find(LowerKey(j + 1));
    if (unit != Units().end() && (!spelled || IsTimeUnit(unit->second))) {
      std::string name = unit->second;
      // "1 year", "2 years": the unit agrees with the value.
      if (value == 1 && !name.empty() && name.back() == 's' &&
          IsTimeUnit(name)) {
        name.pop_back();
      } else if (value != 1 && IsTimeUnit(name) && name.back() != 's') {
        name.push_back('s');
      }
      match->first_token = i;
      match->last_token = j + 1;
      match->type = textlens::v1::ENTITY_TYPE_QUANTITY;
      match->normalized = FormatNumber(value) + " " + name;
      match->confidence = 0.85;
      return true;
    }
  }
  if (spelled || j != i) return false;
  // A score: "un score de 1408,84", "a score of 88.5".
  for (int back = i - 1; back >= i - 2 && back >= 0; --back) {
    if (tok(back).sentence() != tok(i).sentence()) break;
    const std::string_view word = tok(back).lower();
    if (word == "score" || word == "scores" || word == "note") {
      match->first_token = i;
      match->last_token = i;
      match->type = textlens::v1::ENTITY_TYPE_QUANTITY;
      match->normalized = FormatNumber(value);
      match->confidence = 0.7;
      return true;
    }
    if (word != "de" && word != "of" && word != "d'") break;
  }
  return false;
}

bool Scanner::MatchYear(int i, PatternMatch* match, DatePart* date) const {
  const int year = Year(i);
  if (year == 0) return false;
  // "2025x" or "2025-" glued to something else is not a year.
  if (Glued(i) && i + 1 < size_ &&
      tok(i + 1).kind() != textlens::plugin::v1::TOKEN_KIND_PUNCT) {
    return false;
  }
  if (i > 0 && tok(i).begin() == tok(i - 1).end() &&
      tok(i - 1).kind() != textlens::plugin::v1::TOKEN_KIND_PUNCT) {
    return false;
  }
  date->year = year;
  match->first_token = i;
  match->last_token = i;
  match->type = textlens::v1::ENTITY_TYPE_DATE;
  match->confidence = 0.7;
  return true;
}

std::vector<PatternMatch> Scanner::Run() {
  std::vector<PatternMatch> matches;
  std::vector<DatePart> dates;  // parallel to matches (DATE only)
  for (int i = 0; i < size_;) {
    if (claimed_[i]) {
      ++i;
      continue;
    }
    PatternMatch match;
    DatePart date;
    const bool found = MatchIsoDate(i, &match, &date) ||
                       MatchMoney(i, &match) || MatchPercent(i, &match) ||
                       MatchDate(i, &match, &date) ||
                       MatchQuantity(i, &match) || MatchYear(i, &match, &date);
    if (!found) {
      ++i;
      continue;
    }
    matches.push_back(match);
    dates.push_back(date);
    i = match.last_token + 1;
  }
  // The reference date: the first one that has a year.
  DatePart reference;
  for (size_t k = 0; k < matches.size(); ++k) {
    if (matches[k].type == textlens::v1::ENTITY_TYPE_DATE &&
        dates[k].year > 0) {
      reference = dates[k];
      break;
    }
  }
  for (size_t k = 0; k < matches.size(); ++k) {
    if (matches[k].type != textlens::v1::ENTITY_TYPE_DATE) continue;
    DatePart date = dates[k];
    if (date.year == 0 && reference.year > 0) {
      date.year = reference.year;
      if (reference.month > 0 && date.month > reference.month) --date.year;
    }
    std::string value = date.year > 0 ? std::to_string(date.year) : "-";
    if (date.month > 0) value += "-" + Pad2(date.month);
    if (date.day > 0) value += "-" + Pad2(date.day);
    matches[k].normalized = value;
  }
  return matches;
}

}  // namespace

std::optional<double> ParseNumber(std::string_view text, bool french) {
  std::string digits;
  int commas = 0, dots = 0;
  char last_separator = 0;
  size_t last_separator_at = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c >= '0' && c <= '9') {
      digits.push_back(c);
    } else if (c == ',' || c == '.') {
      if (digits.empty()) return std::nullopt;
      (c == ',' ? commas : dots)++;
      last_separator = c;
      last_separator_at = digits.size();
      digits.push_back(c);
    } else if (c == ' ') {
    } else if (text.substr(i, 2) == "\xC2\xA0") {
      ++i;  // U+00A0
    } else if (text.substr(i, 3) == "\xE2\x80\xAF" ||
               text.substr(i, 3) == "\xE2\x80\x89") {
      i += 2;  // U+202F, U+2009
    } else {
      return std::nullopt;
    }
  }
  if (digits.empty() || digits.back() == ',' || digits.back() == '.') {
    return std::nullopt;
  }
  char decimal = 0;
  if (commas > 0 && dots > 0) {
    decimal = last_separator;
  } else if (commas + dots == 1) {
    const size_t after = digits.size() - last_separator_at - 1;
    const bool thousands = after == 3 && !(french && last_separator == ',') &&
                           !(!french && last_separator == '.');
    if (!thousands) decimal = last_separator;
  }
  std::string clean;
  for (char c : digits) {
    if (c >= '0' && c <= '9') {
      clean.push_back(c);
    } else if (c == decimal) {
      clean.push_back('.');
    }
  }
  return std::strtod(clean.c_str(), nullptr);
}

std::string FormatNumber(double value) {
  char buffer[64];
  if (std::fabs(value - std::round(value)) < 1e-6 && std::fabs(value) < 1e15) {
    std::snprintf(buffer, sizeof(buffer), "%.0f", std::round(value));
    return buffer;
  }
  std::snprintf(buffer, sizeof(buffer), "%.4f", value);
  std::string out = buffer;
  while (!out.empty() && out.back() == '0') out.pop_back();
  if (!out.empty() && out.back() == '.') out.pop_back();
  return out;
}

std::vector<PatternMatch> FindPatterns(const PreparedDocument& doc,
                                       const std::vector<bool>& claimed) {
  return Scanner(doc, claimed).Run();
}

}  // namespace textlens::plugins::entities
