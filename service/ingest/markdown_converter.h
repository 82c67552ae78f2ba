// MarkdownToText: the text of a CommonMark document (parsed by cmark) and
// the metadata of its YAML-style front matter.
//
// Thread-safe: stateless.
#ifndef TEXTLENS_SERVICE_INGEST_MARKDOWN_CONVERTER_H_
#define TEXTLENS_SERVICE_INGEST_MARKDOWN_CONVERTER_H_

#include <string_view>

#include "absl/status/statusor.h"
#include "service/ingest/converted_text.h"

namespace textlens::service::ingest {

// `utf8_markdown` as text: headings, paragraphs, list items, block quotes and
// code blocks each become a block (blocks separated by a blank line); inline
// markup is removed (links keep their text, images their alt text, inline
// HTML is dropped). A leading front matter ("---" lines holding "title:",
// "author:", "date:") fills the metadata and is removed from the text; with
// no front-matter title, the first level-1 heading is the title. INTERNAL
// only if cmark gives no tree.
absl::StatusOr<ConvertedText> MarkdownToText(std::string_view utf8_markdown);

}  // namespace textlens::service::ingest

#endif  // TEXTLENS_SERVICE_INGEST_MARKDOWN_CONVERTER_H_
