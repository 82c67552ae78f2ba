#include "service/ingest/text_metadata.h"

#include <cstdio>
#include <regex>
#include <string_view>
#include <unordered_set>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"

namespace textlens::service::ingest {
namespace {

// Sentences looked at, and the longest line taken for a date or author line.
constexpr int kOpeningSentences = 8;
constexpr size_t kMaxMetadataLine = 100;

constexpr const char* kMonths[][2] = {
    {"janvier", "january"},
    {"f\xC3\xA9vrier", "february"},
    {"mars", "march"},
    {"avril", "april"},
    {"mai", "may"},
    {"juin", "june"},
    {"juillet", "july"},
    {"ao\xC3\xBBt", "august"},
    {"septembre", "september"},
    {"octobre", "october"},
    {"novembre", "november"},
    {"d\xC3\xA9"
     "cembre",
     "december"},
};

// 1..12 for a French or English month name (lowercase), else 0.
int MonthNumber(const std::string& name) {
  for (int i = 0; i < 12; ++i) {
    if (name == kMonths[i][0] || name == kMonths[i][1]) return i + 1;
  }
  return 0;
}

std::string MonthAlternation() {
  std::string out;
  for (const auto& month : kMonths) {
    absl::StrAppend(&out, out.empty() ? "" : "|", month[0], "|", month[1]);
  }
  return out;
}

std::string Iso(int year, int month, int day, int hour = -1, int minute = -1) {
  if (month < 1 || month > 12 || day > 31 || year < 1900 || year > 2200) {
    return "";
  }
  char buffer[32];
  if (day <= 0) {
    std::snprintf(buffer, sizeof(buffer), "%04d-%02d", year, month);
  } else if (hour < 0) {
    std::snprintf(buffer, sizeof(buffer), "%04d-%02d-%02d", year, month, day);
  } else {
    std::snprintf(buffer, sizeof(buffer), "%04d-%02d-%02dT%02d:%02d", year,
                  month, day, hour, minute);
  }
  return buffer;
}

// Lowercases ASCII and the uppercase accented letters of French dates.
std::string Lower(std::string_view text) {
  std::string out =
      absl::AsciiStrToLower(absl::string_view(text.data(), text.size()));
  for (const auto& [upper, lower] :
       {std::pair<std::string, std::string>{"\xC3\x89", "\xC3\xA9"},  // É
        {"\xC3\x9B", "\xC3\xBB"}}) {                                  // Û
    for (size_t at = out.find(upper); at != std::string::npos;
         at = out.find(upper, at + lower.size())) {
      out.replace(at, upper.size(), lower);
    }
  }
  return out;
}

// The author named by a line such as "ÉCRIT PAR : X", "Par X", "By X".
std::string AuthorOf(std::string_view line) {
  const std::string lower = Lower(line);
  for (const char* cue : {"\xC3\xA9"
                          "crit par",
                          "written by", "auteur", "author", "par", "by"}) {
    if (!absl::StartsWith(lower, cue)) continue;
    absl::string_view rest(line.data() + std::string_view(cue).size(),
                           line.size() - std::string_view(cue).size());
    if (!rest.empty() && absl::ascii_isalpha(rest[0])) continue;  // "Paris"
    rest = absl::StripAsciiWhitespace(rest);
    const bool colon = absl::ConsumePrefix(&rest, ":");
    rest = absl::StripAsciiWhitespace(rest);
    if (rest.empty() || rest.size() > 60) continue;
    // After a bare "par" / "by" a name must follow: "Par ailleurs" is not
    // an author line.
    const unsigned char first = static_cast<unsigned char>(rest[0]);
    if (!colon && !absl::ascii_isupper(first) && first < 0x80) continue;
    return std::string(rest);
  }
  return "";
}

}  // namespace

std::string ParseDate(std::string_view line) {
  static const std::regex* iso =
      new std::regex(R"((\d{4})-(\d{2})(?:-(\d{2})(?:[t ](\d{2}):(\d{2}))?)?)");
  static const std::regex* day_month_year = new std::regex(
      "(\\d{1,2})(?:er)? (" + MonthAlternation() +
      ") (\\d{4})(?:,? (?:\xC3\xA0|at) (\\d{1,2})[:h](\\d{2}))?");
  static const std::regex* month_day_year =
      new std::regex("(" + MonthAlternation() + ") (\\d{1,2}),? (\\d{4})");
  static const std::regex* month_year =
      new std::regex("(" + MonthAlternation() + ") (\\d{4})");
  // Every form below has a four-digit year: most lines are not dates, and
  // the regular expressions are slow to say so.
  int digits = 0;
  for (const char c : line) {
    digits =
        absl::ascii_isdigit(static_cast<unsigned char>(c)) ? digits + 1 : 0;
    if (digits == 4) break;
  }
  if (digits < 4) return "";
  const std::string lower = Lower(line);
  std::smatch m;
  auto number = [&m](int group, int fallback) {
    return m[group].matched ? std::stoi(m[group].str()) : fallback;
  };
  if (std::regex_search(lower, m, *day_month_year)) {
    return Iso(number(3, 0), MonthNumber(m[2].str()), number(1, 0),
               number(4, -1), number(5, -1));
  }
  if (std::regex_search(lower, m, *month_day_year)) {
    return Iso(number(3, 0), MonthNumber(m[1].str()), number(2, 0));
  }
  if (std::regex_search(lower, m, *iso)) {
    return Iso(number(1, 0), number(2, 0), number(3, 0), number(4, -1),
               number(5, -1));
  }
  if (std::regex_search(lower, m, *month_year)) {
    return Iso(number(2, 0), MonthNumber(m[1].str()), 0);
  }
  return "";
}

TextMetadata ExtractTextMetadata(const plugin::v1::PreparedDocument& document) {
  TextMetadata metadata;
  const int n = std::min(document.sentences_size(), kOpeningSentences);
  for (int i = 0; i < n; ++i) {
    const auto& sentence = document.sentences(i);
    if (!sentence.is_heading()) continue;
    const std::string_view line(document.text().data() + sentence.begin(),
                                sentence.end() - sentence.begin());
    if (line.size() <= kMaxMetadataLine) {
      if (metadata.author.empty()) {
        metadata.author = AuthorOf(line);
        if (!metadata.author.empty()) continue;
      }
      if (metadata.published.empty()) {
        metadata.published = ParseDate(line);
        if (!metadata.published.empty()) continue;
      }
    }
    // A title: the first heading of at least three words.
    if (metadata.title.empty() && sentence.token_count() >= 3) {
      metadata.title = std::string(line);
    }
  }
  for (const auto& sentence : document.sentences()) {
    if (!sentence.is_heading()) continue;
    const std::string_view line(document.text().data() + sentence.begin(),
                                sentence.end() - sentence.begin());
    if (line.size() > kMaxMetadataLine || line == metadata.title ||
        !AuthorOf(line).empty() || !ParseDate(line).empty()) {
      continue;
    }
    metadata.headings.emplace_back(line);
  }
  return metadata;
}

void MarkHeadingLines(const std::vector<std::string>& headings,
                      plugin::v1::PreparedDocument* document) {
  const auto strip = [](std::string_view text) {
    const absl::string_view stripped =
        absl::StripAsciiWhitespace(absl::string_view(text.data(), text.size()));
    return std::string_view(stripped.data(), stripped.size());
  };
  std::unordered_set<std::string_view> wanted;
  for (const std::string& heading : headings) {
    const std::string_view stripped = strip(heading);
    if (!stripped.empty()) wanted.insert(stripped);
  }
  if (wanted.empty()) return;
  const std::string_view text = document->text();
  int sentence = 0;
  const int sentences = document->sentences_size();
  size_t line_begin = 0;
  while (line_begin < text.size() && sentence < sentences) {
    size_t line_end = text.find('\n', line_begin);
    if (line_end == std::string_view::npos) line_end = text.size();
    const std::string_view line =
        strip(text.substr(line_begin, line_end - line_begin));
    // Sentences before this line are done with.
    while (sentence < sentences &&
           document->sentences(sentence).end() <= line_begin) {
      ++sentence;
    }
    if (!line.empty() && wanted.count(line) > 0) {
      for (int s = sentence; s < sentences; ++s) {
        auto* current = document->mutable_sentences(s);
        if (current->begin() >= line_end) break;
        if (current->begin() >= line_begin && current->end() <= line_end) {
          current->set_is_heading(true);
        }
      }
    }
    line_begin = line_end + 1;
  }
}

}  // namespace textlens::service::ingest
