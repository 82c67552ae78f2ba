#include "service/ingest/markdown_converter.h"

#include <cmark.h>

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"
#include "absl/strings/strip.h"
#include "service/ingest/text_metadata.h"

namespace textlens::service::ingest {
namespace {

constexpr absl::string_view kUtf8Bom = "\xEF\xBB\xBF";

struct FrontMatter {
  std::string title;
  std::vector<std::string> authors;
  std::string date;
  std::string source;
  std::string url;
};

std::string Unquote(absl::string_view value) {
  value = absl::StripAsciiWhitespace(value);
  if (value.size() >= 2 && (value.front() == '"' || value.front() == '\'') &&
      value.back() == value.front()) {
    value = value.substr(1, value.size() - 2);
  }
  return std::string(value);
}

// Reads "key: value" lines (and "- item" lines under an empty author key).
FrontMatter ParseFrontMatter(absl::string_view block) {
  FrontMatter front;
  std::string list_key;
  for (absl::string_view line : absl::StrSplit(block, '\n')) {
    line = absl::StripTrailingAsciiWhitespace(line);
    const absl::string_view stripped = absl::StripLeadingAsciiWhitespace(line);
    if (absl::StartsWith(stripped, "- ") && list_key == "author") {
      front.authors.push_back(Unquote(stripped.substr(2)));
      continue;
    }
    const size_t colon = line.find(':');
    if (colon == absl::string_view::npos || line.empty() ||
        absl::ascii_isspace(line.front())) {
      continue;
    }
    const std::string key = absl::AsciiStrToLower(
        absl::StripAsciiWhitespace(line.substr(0, colon)));
    const std::string value = Unquote(line.substr(colon + 1));
    list_key = value.empty() ? (key == "authors" ? "author" : key) : "";
    if (value.empty()) continue;
    if (key == "title" && front.title.empty()) {
      front.title = value;
    } else if ((key == "author" || key == "authors") && front.authors.empty()) {
      front.authors.push_back(value);
    } else if ((key == "date" || key == "published" ||
                key == "datepublished") &&
               front.date.empty()) {
      front.date = value;
    } else if ((key == "source" || key == "publisher" || key == "site") &&
               front.source.empty()) {
      front.source = value;
    } else if ((key == "url" || key == "canonical_url") && front.url.empty()) {
      front.url = value;
    }
  }
  return front;
}

// Splits a leading "---" front matter off `markdown` (which then starts at
// the body); false if there is none.
bool SplitFrontMatter(absl::string_view* markdown, FrontMatter* front) {
  absl::string_view text = *markdown;
  absl::ConsumePrefix(&text, kUtf8Bom);
  if (!absl::ConsumePrefix(&text, "---\n") &&
      !absl::ConsumePrefix(&text, "---\r\n")) {
    return false;
  }
  size_t line_start = 0;
  while (line_start <= text.size()) {
    size_t line_end = text.find('\n', line_start);
    if (line_end == absl::string_view::npos) line_end = text.size();
    const absl::string_view line = absl::StripTrailingAsciiWhitespace(
        text.substr(line_start, line_end - line_start));
    if (line == "---" || line == "...") {
      *front = ParseFrontMatter(text.substr(0, line_start));
      *markdown = text.substr(std::min(line_end + 1, text.size()));
      return true;
    }
    line_start = line_end + 1;
  }
  return false;  // unclosed: a thematic break, not front matter
}

// Collects blocks as cmark's iterator walks the tree (no recursion).
class BlockCollector {
 public:
  void Append(const char* text) {
    if (text != nullptr) line_ += text;
  }
  void Space() {
    if (!line_.empty() && line_.back() != ' ' && line_.back() != '\n') {
      line_.push_back(' ');
    }
  }
  void NewLine() {
    while (!line_.empty() && line_.back() == ' ') line_.pop_back();
    line_.push_back('\n');
  }
  // The source bytes of the text that follows (a leaf block's).
  void SetSource(uint64_t begin, uint64_t end) {
    source_begin_ = begin;
    source_end_ = end;
  }
  // Ends the current block; returns its text.
  std::string EndBlock() {
    std::string block(absl::StripAsciiWhitespace(line_));
    line_.clear();
    if (block.empty()) return block;
    if (!out_.text.empty()) out_.text += "\n\n";
    const auto begin = static_cast<uint32_t>(out_.text.size());
    out_.text += block;
    if (source_end_ > source_begin_) {
      out_.source_map.push_back({begin, static_cast<uint32_t>(out_.text.size()),
                                 source_begin_, source_end_});
    }
    return block;
  }
  // The text and source map of every block so far.
  ConvertedText& converted() { return out_; }

 private:
  ConvertedText out_;
  std::string line_;
  uint64_t source_begin_ = 0;
  uint64_t source_end_ = 0;
};

// Byte offsets of the starts of the lines of `text`.
std::vector<size_t> LineStarts(absl::string_view text) {
  std::vector<size_t> starts = {0};
  for (size_t i = 0; i < text.size(); ++i) {
    // cmark ends a line at "\n", "\r\n" or a lone "\r".
    const bool cr_alone =
        text[i] == '\r' && (i + 1 == text.size() || text[i + 1] != '\n');
    if (text[i] == '\n' || cr_alone) starts.push_back(i + 1);
  }
  return starts;
}

// The byte offset of cmark's 1-based (line, column) in a text whose lines
// start at `starts`; `column` 0 (unknown) gives the line's start.
size_t ByteOffset(const std::vector<size_t>& starts, int line, int column) {
  if (line < 1 || starts.empty()) return 0;
  const size_t start = starts[std::min<size_t>(line, starts.size()) - 1];
  return start + static_cast<size_t>(std::max(column, 1)) - 1;
}

}  // namespace

absl::StatusOr<ConvertedText> MarkdownToText(std::string_view utf8_markdown) {
  absl::string_view markdown(utf8_markdown.data(), utf8_markdown.size());
  FrontMatter front;
  SplitFrontMatter(&markdown, &front);
  absl::ConsumePrefix(&markdown, kUtf8Bom);

  cmark_node* document = cmark_parse_document(markdown.data(), markdown.size(),
                                              CMARK_OPT_SOURCEPOS);
  if (document == nullptr) {
    return absl::InternalError("the Markdown parser returned no document");
  }
  // Source positions count from the body; the map counts from the input.
  const size_t body_offset = markdown.data() - utf8_markdown.data();
  const std::vector<size_t> line_starts = LineStarts(markdown);
  BlockCollector collector;
  std::string first_h1;
  std::vector<std::string> headings;
  cmark_iter* iter = cmark_iter_new(document);
  cmark_event_type event;
  while ((event = cmark_iter_next(iter)) != CMARK_EVENT_DONE) {
    cmark_node* node = cmark_iter_get_node(iter);
    const cmark_node_type type = cmark_node_get_type(node);
    const bool enter = event == CMARK_EVENT_ENTER;
    // The source of a leaf block's text, set once the block before ended.
    const auto set_source = [&] {
      const size_t begin =
          ByteOffset(line_starts, cmark_node_get_start_line(node),
                     cmark_node_get_start_column(node));
      const size_t end = ByteOffset(line_starts, cmark_node_get_end_line(node),
                                    cmark_node_get_end_column(node)) +
                         1;
      collector.SetSource(body_offset + begin,
                          body_offset + std::min(end, markdown.size()));
    };
    switch (type) {
      case CMARK_NODE_PARAGRAPH:
      case CMARK_NODE_HEADING:
      case CMARK_NODE_THEMATIC_BREAK:
      case CMARK_NODE_ITEM:
      case CMARK_NODE_BLOCK_QUOTE: {
        const std::string block = collector.EndBlock();
        if (enter &&
            (type == CMARK_NODE_PARAGRAPH || type == CMARK_NODE_HEADING)) {
          set_source();
        }
        if (!enter && type == CMARK_NODE_HEADING && !block.empty()) {
          if (cmark_node_get_heading_level(node) == 1 && first_h1.empty()) {
            first_h1 = block;
          }
          headings.push_back(block);
        }
        break;
      }
      case CMARK_NODE_CODE_BLOCK:
        collector.EndBlock();
        set_source();
        collector.Append(cmark_node_get_literal(node));
        collector.EndBlock();
        break;
      case CMARK_NODE_TEXT:
      case CMARK_NODE_CODE:
        collector.Append(cmark_node_get_literal(node));
        break;
      case CMARK_NODE_SOFTBREAK:
        collector.Space();
        break;
      case CMARK_NODE_LINEBREAK:
        collector.NewLine();
        break;
      case CMARK_NODE_HTML_BLOCK:
        collector.EndBlock();
        break;
      default:  // inline HTML dropped; emphasis, links, images: their text
        break;
    }
  }
  collector.EndBlock();
  cmark_iter_free(iter);
  cmark_node_free(document);

  ConvertedText converted = std::move(collector.converted());
  converted.title = front.title.empty() ? first_h1 : front.title;
  converted.author = absl::StrJoin(front.authors, ", ");
  converted.published = ParseDate(front.date);
  converted.source = front.source;
  converted.url = front.url;
  converted.headings = std::move(headings);
  DropTitleFromHeadings(&converted);
  return converted;
}

}  // namespace textlens::service::ingest
