#include "service/ingest/plain_text_converter.h"

#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/string_view.h"
#include "absl/strings/strip.h"
#include "service/ingest/boilerplate.h"

namespace textlens::service::ingest {
namespace {

// Lines of a comments heading are short and end without punctuation.
constexpr size_t kMaxHeadingBytes = 80;

struct Line {
  size_t begin = 0;           // first byte
  size_t end = 0;             // one past the last byte, line break excluded
  absl::string_view content;  // without surrounding whitespace
};

std::vector<Line> SplitLines(absl::string_view text) {
  std::vector<Line> lines;
  size_t begin = 0;
  while (begin <= text.size()) {
    size_t end = text.find('\n', begin);
    if (end == absl::string_view::npos) end = text.size();
    size_t content_end = end;
    if (content_end > begin && text[content_end - 1] == '\r') --content_end;
    lines.push_back(
        {begin, content_end,
         absl::StripAsciiWhitespace(text.substr(begin, content_end - begin))});
    begin = end + 1;
  }
  return lines;
}

bool IsHeadingLike(absl::string_view line) {
  if (line.empty() || line.size() > kMaxHeadingBytes) return false;
  const char last = line.back();
  return last != '.' && last != '!' && last != '?' && last != ',';
}

// True for a line from which the rest of the text is the comments section:
// a comments heading, or a comment form's label.
bool StartsComments(absl::string_view line) {
  const std::string_view view(line.data(), line.size());
  return OpensComments(view, IsHeadingLike(line)) ||
         (IsBoilerplate(view) &&
          absl::StrContains(absl::AsciiStrToLower(line), "comment"));
}

}  // namespace

ConvertedText PlainTextToText(std::string_view utf8_text) {
  const absl::string_view text(utf8_text.data(), utf8_text.size());
  const std::vector<Line> lines = SplitLines(text);
  size_t cut = lines.size();
  for (size_t i = 0; i < lines.size(); ++i) {
    if (lines[i].begin * 2 >= text.size() && StartsComments(lines[i].content)) {
      cut = i;
      break;
    }
  }
  // The headline repeated just before the comments.
  if (cut < lines.size()) {
    size_t title = 0;
    while (title < cut && lines[title].content.empty()) ++title;
    size_t last = cut;
    while (last > 0 && lines[last - 1].content.empty()) --last;
    if (last > title + 1 && lines[last - 1].content == lines[title].content) {
      cut = last - 1;
    }
  }
  ConvertedText out;
  out.text.reserve(text.size());
  for (size_t i = 0; i < cut; ++i) {
    const Line& line = lines[i];
    if (!line.content.empty() &&
        IsBoilerplate(
            std::string_view(line.content.data(), line.content.size()))) {
      continue;
    }
    const auto begin = static_cast<uint32_t>(out.text.size());
    out.text.append(text.data() + line.begin, line.end - line.begin);
    if (line.end > line.begin) {
      out.source_map.push_back({begin, static_cast<uint32_t>(out.text.size()),
                                line.begin, line.end});
    }
    // Keep the line break (and the "\r" of "\r\n") that followed the line.
    const size_t next = i + 1 < lines.size() ? lines[i + 1].begin : text.size();
    out.text.append(text.data() + line.end, next - line.end);
  }
  if (cut < lines.size()) {
    // The blank lines that led to the removed section.
    while (!out.text.empty() && absl::ascii_isspace(out.text.back())) {
      out.text.pop_back();
    }
  }
  return out;
}

}  // namespace textlens::service::ingest
