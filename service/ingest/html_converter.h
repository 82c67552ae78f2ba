// HtmlToText: the article text of an HTML page (parsed by gumbo) and the
// metadata the page declares (og:/article: meta tags, JSON-LD, <title>,
// <time>).
//
// Page chrome (navigation, header/footer, asides, cookie banners, share
// buttons, comments, newsletters, related links, ads), scripts and hidden
// elements are dropped; when the page has an <article> (or <main>) only its
// text is kept. The tree is walked with explicit stacks, so deep nesting
// cannot overflow the C++ stack.
//
// Thread-safe: stateless.
#ifndef TEXTLENS_SERVICE_INGEST_HTML_CONVERTER_H_
#define TEXTLENS_SERVICE_INGEST_HTML_CONVERTER_H_

#include <string_view>

#include "absl/status/statusor.h"
#include "service/ingest/converted_text.h"

namespace textlens::service::ingest {

// `utf8_html` read as an HTML5 document. Blocks (paragraphs, headings, list
// items, quotes, table rows, divs with text) become lines separated by a
// blank line; inline elements join their neighbours as the source spaces
// them; whitespace is collapsed. `published` is ISO 8601 (date, or date and
// hh:mm). HTML parsing never fails on malformed markup. RESOURCE_EXHAUSTED,
// before parsing, for elements nested more than 4000 deep or more than
// 2^20 start tags; INTERNAL only if the parser itself gives no tree.
absl::StatusOr<ConvertedText> HtmlToText(std::string_view utf8_html);

}  // namespace textlens::service::ingest

#endif  // TEXTLENS_SERVICE_INGEST_HTML_CONVERTER_H_
