#include "service/ingest/html_converter.h"

#include <gumbo.h>

#include <algorithm>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"
#include "service/ingest/boilerplate.h"
#include "service/ingest/html_metadata.h"
#include "service/ingest/text_metadata.h"

namespace textlens::service::ingest {
namespace {

using html_internal::ApplyPageMetadata;
using html_internal::Attribute;
using html_internal::Lower;
using html_internal::PageMetadata;
using html_internal::ReadJsonLdScript;
using html_internal::ReadLink;
using html_internal::ReadMeta;
using html_internal::SetIfEmpty;

// Errors gumbo records (they are only kept, never used): bounds memory on
// broken markup.
constexpr int kMaxParseErrors = 16;

// Words of id/class/role/aria-label naming page chrome, matched as whole
// tokens ("ad" in "ad-slot", not in "header")...
constexpr const char* kChromeTokens[] = {
    "nav",         "navbar",        "menu",       "menubar",    "ad",
    "ads",         "pub",           "share",      "social",     "sharing",
    "cookie",      "cookies",       "gdpr",       "rgpd",       "related",
    "comments",    "comment",       "promo",      "sponsored",  "banner",
    "contentinfo", "complementary", "breadcrumb", "breadcrumbs"};
// ...or as the start of a token ("commentaires", "newsletter-box").
constexpr const char* kChromePrefixes[] = {
    "navig",     "comment", "cookie",   "consent", "newsletter", "breadcrumb",
    "recommend", "advert",  "publicit", "partage", "social",     "related"};

bool ChromeToken(const std::string& token) {
  for (const char* word : kChromeTokens) {
    if (token == word) return true;
  }
  for (const char* prefix : kChromePrefixes) {
    if (absl::StartsWith(token, prefix)) return true;
  }
  return false;
}

// True if an id/class/role/aria-label value names page chrome.
bool NamesChrome(const char* value) {
  if (value == nullptr) return false;
  const std::string lower = Lower(value);
  for (absl::string_view token : absl::StrSplit(
           lower, absl::ByAnyChar(" \t\n-_:./"), absl::SkipEmpty())) {
    if (ChromeToken(std::string(token))) return true;
  }
  return false;
}

// True for elements whose whole subtree is left out of the text. A <header>
// inside an article holds its headline and byline: `keep_header`.
bool IsDropped(const GumboElement& element, bool keep_header = false) {
  if (element.tag == GUMBO_TAG_HEADER && keep_header) return false;
  switch (element.tag) {
    case GUMBO_TAG_SCRIPT:
    case GUMBO_TAG_STYLE:
    case GUMBO_TAG_NOSCRIPT:
    case GUMBO_TAG_TEMPLATE:
    case GUMBO_TAG_SVG:
    case GUMBO_TAG_MATH:
    case GUMBO_TAG_IFRAME:
    case GUMBO_TAG_OBJECT:
    case GUMBO_TAG_EMBED:
    case GUMBO_TAG_FORM:
    case GUMBO_TAG_BUTTON:
    case GUMBO_TAG_SELECT:
    case GUMBO_TAG_TEXTAREA:
    case GUMBO_TAG_NAV:
    case GUMBO_TAG_HEADER:
    case GUMBO_TAG_FOOTER:
    case GUMBO_TAG_ASIDE:
    case GUMBO_TAG_HEAD:
      return true;
    default:
      break;
  }
  // Page-wide classes ("comments-open", "has-ads") say nothing of the text.
  if (element.tag == GUMBO_TAG_HTML || element.tag == GUMBO_TAG_BODY) {
    return false;
  }
  if (Attribute(element, "hidden") != nullptr) return true;
  const char* aria_hidden = Attribute(element, "aria-hidden");
  if (aria_hidden != nullptr && Lower(aria_hidden) == "true") return true;
  const char* style = Attribute(element, "style");
  if (style != nullptr) {
    std::string compact;
    for (char c : Lower(style)) {
      if (c != ' ') compact.push_back(c);
    }
    if (absl::StrContains(compact, "display:none")) return true;
  }
  return NamesChrome(Attribute(element, "id")) ||
         NamesChrome(Attribute(element, "class")) ||
         NamesChrome(Attribute(element, "role")) ||
         NamesChrome(Attribute(element, "aria-label"));
}

bool IsHeading(GumboTag tag) {
  return tag == GUMBO_TAG_H1 || tag == GUMBO_TAG_H2 || tag == GUMBO_TAG_H3 ||
         tag == GUMBO_TAG_H4 || tag == GUMBO_TAG_H5 || tag == GUMBO_TAG_H6;
}

// Elements that end the current line before and after them.
bool IsBlock(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_P:
    case GUMBO_TAG_LI:
    case GUMBO_TAG_BLOCKQUOTE:
    case GUMBO_TAG_PRE:
    case GUMBO_TAG_TR:
    case GUMBO_TAG_TABLE:
    case GUMBO_TAG_CAPTION:
    case GUMBO_TAG_DIV:
    case GUMBO_TAG_SECTION:
    case GUMBO_TAG_ARTICLE:
    case GUMBO_TAG_MAIN:
    case GUMBO_TAG_BODY:
    case GUMBO_TAG_UL:
    case GUMBO_TAG_OL:
    case GUMBO_TAG_DL:
    case GUMBO_TAG_DT:
    case GUMBO_TAG_DD:
    case GUMBO_TAG_FIGURE:
    case GUMBO_TAG_FIGCAPTION:
    case GUMBO_TAG_ADDRESS:
    case GUMBO_TAG_HR:
    case GUMBO_TAG_HGROUP:
    case GUMBO_TAG_DETAILS:
    case GUMBO_TAG_SUMMARY:
      return true;
    default:
      return IsHeading(tag);
  }
}

bool IsSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

// Collects the text as blocks, collapsing whitespace.
class TextBuilder {
 public:
  struct Block {
    std::string text;
    bool heading = false;
    // Text offsets relative to `text`.
    std::vector<SourceSpan> source_map;
  };

  // Adds `text`, read from source bytes [source_begin, source_end) (both 0
  // when not mapped).
  void AddText(std::string_view text, bool preformatted,
               uint64_t source_begin = 0, uint64_t source_end = 0) {
    size_t first = line_.size();
    if (preformatted) {
      if (line_.empty() && pending_space_) pending_space_ = false;
      line_.append(text.data(), text.size());
    } else {
      first = std::string::npos;
      for (char c : text) {
        if (IsSpace(c)) {
          pending_space_ = true;
          continue;
        }
        if (pending_space_ && !line_.empty() && line_.back() != '\n') {
          line_.push_back(' ');
        }
        pending_space_ = false;
        if (first == std::string::npos) first = line_.size();
        line_.push_back(c);
      }
    }
    if (source_end > source_begin && first < line_.size()) {
      line_map_.push_back({static_cast<uint32_t>(first),
                           static_cast<uint32_t>(line_.size()), source_begin,
                           source_end});
    }
  }

  // A separation that is not whitespace in the source (table cells).
  void AddSpace() { pending_space_ = true; }

  void LineBreak() {
    while (!line_.empty() && line_.back() == ' ') line_.pop_back();
    for (SourceSpan& span : line_map_) {
      span.text_end = std::min<uint32_t>(span.text_end, line_.size());
    }
    if (!line_.empty() && line_.back() != '\n') line_.push_back('\n');
    pending_space_ = false;
  }

  void EndBlock(bool heading) {
    while (!line_.empty() && IsSpace(line_.back())) line_.pop_back();
    size_t start = 0;
    while (start < line_.size() && IsSpace(line_[start])) ++start;
    if (start < line_.size()) {
      Block block{line_.substr(start), heading, {}};
      const auto size = static_cast<uint32_t>(line_.size());
      for (SourceSpan span : line_map_) {
        // Clamped to the trimmed line; spans of trimmed whitespace only
        // (in <pre>) are left out.
        const uint32_t begin = std::max<uint32_t>(span.text_begin, start);
        const uint32_t end = std::min<uint32_t>(span.text_end, size);
        if (begin >= end) continue;
        span.text_begin = begin - static_cast<uint32_t>(start);
        span.text_end = end - static_cast<uint32_t>(start);
        block.source_map.push_back(span);
      }
      blocks_.push_back(std::move(block));
    }
    line_.clear();
    line_map_.clear();
    pending_space_ = false;
  }

  std::vector<Block>& blocks() { return blocks_; }

 private:
  std::vector<Block> blocks_;
  std::string line_;
  std::vector<SourceSpan> line_map_;  // offsets in line_
  bool pending_space_ = false;
};

// The collapsed text of `root`'s subtree (for <title>, <h1>, <time>).
std::string SubtreeText(const GumboNode* root) {
  TextBuilder builder;
  std::vector<const GumboNode*> stack = {root};
  while (!stack.empty()) {
    const GumboNode* node = stack.back();
    stack.pop_back();
    if (node->type == GUMBO_NODE_ELEMENT) {
      const GumboVector& children = node->v.element.children;
      for (unsigned i = children.length; i > 0; --i) {
        stack.push_back(static_cast<const GumboNode*>(children.data[i - 1]));
      }
    } else if (node->type == GUMBO_NODE_TEXT ||
               node->type == GUMBO_NODE_WHITESPACE ||
               node->type == GUMBO_NODE_CDATA) {
      builder.AddText(node->v.text.text, /*preformatted=*/false);
    }
  }
  builder.EndBlock(false);
  return builder.blocks().empty() ? "" : builder.blocks()[0].text;
}

// One pass over the whole page: metadata, and the subtree whose text is
// the article (<article>, else <main>, else null), skipping dropped chrome
// for the latter.
PageMetadata ReadPage(const GumboNode* root, const GumboNode** article) {
  PageMetadata metadata;
  const GumboNode* main = nullptr;
  *article = nullptr;
  // (node, inside dropped chrome)
  std::vector<std::pair<const GumboNode*, bool>> stack = {{root, false}};
  while (!stack.empty()) {
    auto [node, in_chrome] = stack.back();
    stack.pop_back();
    if (node->type != GUMBO_NODE_ELEMENT) continue;
    const GumboElement& element = node->v.element;
    const bool chrome =
        in_chrome || (element.tag != GUMBO_TAG_HEAD &&
                      element.tag != GUMBO_TAG_SCRIPT && IsDropped(element));
    switch (element.tag) {
      case GUMBO_TAG_META:
        ReadMeta(element, &metadata);
        break;
      case GUMBO_TAG_LINK:
        ReadLink(element, &metadata);
        break;
      case GUMBO_TAG_TITLE:
        SetIfEmpty(&metadata.title_element, SubtreeText(node));
        break;
      case GUMBO_TAG_H1:
        SetIfEmpty(&metadata.first_h1, SubtreeText(node));
        break;
      case GUMBO_TAG_TIME: {
        const char* datetime = Attribute(element, "datetime");
        std::string date = ParseDate(datetime != nullptr ? datetime : "");
        if (date.empty()) date = ParseDate(SubtreeText(node));
        SetIfEmpty(&metadata.time_published, date);
        break;
      }
      case GUMBO_TAG_SCRIPT: {
        const char* type = Attribute(element, "type");
        if (type != nullptr && Lower(type) == "application/ld+json") {
          ReadJsonLdScript(node, &metadata);
        }
        break;
      }
      case GUMBO_TAG_ARTICLE:
        if (!chrome && *article == nullptr) *article = node;
        break;
      case GUMBO_TAG_MAIN:
        if (!chrome && main == nullptr) main = node;
        break;
      default:
        break;
    }
    const GumboVector& children = element.children;
    for (unsigned i = children.length; i > 0; --i) {
      stack.push_back(
          {static_cast<const GumboNode*>(children.data[i - 1]), chrome});
    }
  }
  if (*article == nullptr) *article = main;
  return metadata;
}

// The blocks of `root`'s subtree, chrome left out.
std::vector<TextBuilder::Block> ExtractBlocks(const GumboNode* root) {
  TextBuilder builder;
  struct Frame {
    const GumboNode* node;
    unsigned next_child;
  };
  std::vector<Frame> stack = {{root, 0}};
  int preformatted = 0;
  const bool keep_header = root->type == GUMBO_NODE_ELEMENT &&
                           (root->v.element.tag == GUMBO_TAG_ARTICLE ||
                            root->v.element.tag == GUMBO_TAG_MAIN);
  while (!stack.empty()) {
    Frame& frame = stack.back();
    const GumboNode* node = frame.node;
    if (node->type != GUMBO_NODE_ELEMENT) {
      if (node->type == GUMBO_NODE_TEXT || node->type == GUMBO_NODE_CDATA ||
          node->type == GUMBO_NODE_WHITESPACE) {
        const GumboText& text = node->v.text;
        builder.AddText(text.text, preformatted > 0, text.start_pos.offset,
                        text.start_pos.offset + text.original_text.length);
      }
      stack.pop_back();
      continue;
    }
    const GumboElement& element = node->v.element;
    if (frame.next_child == 0) {  // entering
      if (node != root && IsDropped(element, keep_header)) {
        stack.pop_back();
        continue;
      }
      if (element.tag == GUMBO_TAG_BR) builder.LineBreak();
      if (element.tag == GUMBO_TAG_TD || element.tag == GUMBO_TAG_TH) {
        builder.AddSpace();
      }
      if (IsBlock(element.tag)) builder.EndBlock(false);
      if (element.tag == GUMBO_TAG_PRE) ++preformatted;
    }
    if (frame.next_child < element.children.length) {
      const auto* child = static_cast<const GumboNode*>(
          element.children.data[frame.next_child]);
      ++frame.next_child;
      stack.push_back({child, 0});  // invalidates `frame`
      continue;
    }
    // leaving
    if (element.tag == GUMBO_TAG_PRE) --preformatted;
    if (element.tag == GUMBO_TAG_TD || element.tag == GUMBO_TAG_TH) {
      builder.AddSpace();
    }
    if (IsBlock(element.tag)) builder.EndBlock(IsHeading(element.tag));
    stack.pop_back();
  }
  builder.EndBlock(false);
  return std::move(builder.blocks());
}

// Drops the boilerplate blocks and everything from a comments heading on;
// fills the text and source map of `out`.
void JoinArticleBlocks(const std::vector<TextBuilder::Block>& blocks,
                       ConvertedText* out) {
  std::vector<const TextBuilder::Block*> kept;
  for (const auto& block : blocks) {
    if (OpensComments(block.text, block.heading)) break;
    if (!IsBoilerplate(block.text)) kept.push_back(&block);
  }
  for (const TextBuilder::Block* block : kept) {
    if (!out->text.empty()) out->text += "\n\n";
    const auto offset = static_cast<uint32_t>(out->text.size());
    out->text += block->text;
    if (block->heading) out->headings.push_back(block->text);
    for (SourceSpan span : block->source_map) {
      span.text_begin += offset;
      span.text_end += offset;
      out->source_map.push_back(span);
    }
  }
}

}  // namespace

// Deepest nesting handed to the parser: gumbo 0.10's tree building slows
// down much faster than depth grows (0.56 s at 20,000 nested <div>s, 6.1 s
// at 50,000), so deeper pages are refused before parsing.
constexpr int kMaxNesting = 4000;
// Start tags read: the parsed tree takes about 450 bytes per tag, so this
// bounds a page's tree near 470 MB (real pages have a few thousand tags).
constexpr size_t kMaxStartTags = size_t{1} << 20;

// What one scan of the tags of `html` finds before parsing.
struct TagScan {
  // An upper bound of the element nesting: start tags minus end tags,
  // leaving out void elements, self-closed tags and the elements HTML
  // closes implicitly (p, li, td...), which real pages leave open by the
  // thousand.
  int deepest = 0;
  // Every start tag.
  size_t start_tags = 0;
};

TagScan ScanTags(std::string_view html) {
  static const std::set<std::string> kNotNesting = {
      "area", "base", "br",     "col",   "embed",  "hr",      "img", "input",
      "link", "meta", "source", "track", "wbr",    "p",       "li",  "dt",
      "dd",   "tr",   "td",     "th",    "option", "!doctype"};
  TagScan scan;
  int depth = 0;
  for (size_t i = 0; i + 1 < html.size(); ++i) {
    if (html[i] != '<') continue;
    const bool closing = html[i + 1] == '/';
    size_t j = i + (closing ? 2 : 1);
    std::string name;
    while (j < html.size() && name.size() < 16 &&
           (absl::ascii_isalnum(static_cast<unsigned char>(html[j])) ||
            html[j] == '!')) {
      name.push_back(absl::ascii_tolower(static_cast<unsigned char>(html[j])));
      ++j;
    }
    if (name.empty()) continue;
    if (!closing) ++scan.start_tags;
    if (kNotNesting.count(name) != 0) continue;
    if (closing) {
      depth = std::max(0, depth - 1);
      continue;
    }
    const size_t end = html.find('>', j);
    if (end != std::string_view::npos && end > 0 && html[end - 1] == '/') {
      continue;  // <x/>
    }
    scan.deepest = std::max(scan.deepest, ++depth);
  }
  return scan;
}

absl::StatusOr<ConvertedText> HtmlToText(std::string_view utf8_html) {
  const TagScan scan = ScanTags(utf8_html);
  if (scan.deepest > kMaxNesting) {
    return absl::ResourceExhaustedError(
        absl::StrCat("the HTML nests elements ", scan.deepest,
                     " deep; the limit is ", kMaxNesting));
  }
  if (scan.start_tags > kMaxStartTags) {
    return absl::ResourceExhaustedError(
        absl::StrCat("the HTML has ", scan.start_tags,
                     " start tags; the limit is ", kMaxStartTags));
  }
  GumboOptions options = kGumboDefaultOptions;
  options.max_errors = kMaxParseErrors;
  GumboOutput* output =
      gumbo_parse_with_options(&options, utf8_html.data(), utf8_html.size());
  if (output == nullptr || output->root == nullptr) {
    return absl::InternalError("the HTML parser returned no document tree");
  }
  const GumboNode* article = nullptr;
  PageMetadata page = ReadPage(output->root, &article);
  if (article == nullptr) {
    // <body> (gumbo always creates one).
    const GumboVector& children = output->root->v.element.children;
    for (unsigned i = 0; i < children.length; ++i) {
      const auto* child = static_cast<const GumboNode*>(children.data[i]);
      if (child->type == GUMBO_NODE_ELEMENT &&
          child->v.element.tag == GUMBO_TAG_BODY) {
        article = child;
      }
    }
  }
  ConvertedText converted;
  if (article != nullptr) {
    JoinArticleBlocks(ExtractBlocks(article), &converted);
  }
  gumbo_destroy_output(&options, output);

  ApplyPageMetadata(page, &converted);
  DropTitleFromHeadings(&converted);
  return converted;
}

}  // namespace textlens::service::ingest
