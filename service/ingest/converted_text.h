// ConvertedText: a document read out of its format (HTML, Markdown, PDF) as
// plain text, with the metadata its markup carries.
//
// A plain value type.
#ifndef TEXTLENS_SERVICE_INGEST_CONVERTED_TEXT_H_
#define TEXTLENS_SERVICE_INGEST_CONVERTED_TEXT_H_

#include <cstdint>
#include <string>
#include <vector>

namespace textlens::service::ingest {

// A stretch of converted text and the bytes of the source it was read from.
struct SourceSpan {
  // Bytes [text_begin, text_end) of ConvertedText.text.
  uint32_t text_begin = 0;
  uint32_t text_end = 0;
  // Bytes [source_begin, source_end) of the UTF-8 source the converter read.
  uint64_t source_begin = 0;
  uint64_t source_end = 0;
};

struct ConvertedText {
  // The article's text in UTF-8: each block (heading, paragraph, list item,
  // table cell row) on a line of its own, blocks separated by a blank line,
  // markup, scripts, navigation and boilerplate removed.
  std::string text;
  // From the markup (HTML <title>/og:title/JSON-LD headline, PDF Title...);
  // empty if none.
  std::string title;
  std::string author;
  // ISO 8601 ("2025-06-17", "2025-06-17T20:59"); empty if none.
  std::string published;
  // The publication or site ("Le Monde"); empty if none.
  std::string source;
  // The document's own address (canonical URL); empty if none.
  std::string url;
  // Section headings in order, the title left out.
  std::vector<std::string> headings;
  // Where the text came from, in text order: one span per HTML text node,
  // per Markdown block. Empty for formats without a map (PDF).
  std::vector<SourceSpan> source_map;
};

// Removes the first heading equal to `converted->title` (the headline
// repeated as the text's first heading).
inline void DropTitleFromHeadings(ConvertedText* converted) {
  auto& headings = converted->headings;
  for (auto it = headings.begin(); it != headings.end(); ++it) {
    if (*it == converted->title) {
      headings.erase(it);
      return;
    }
  }
}

}  // namespace textlens::service::ingest

#endif  // TEXTLENS_SERVICE_INGEST_CONVERTED_TEXT_H_
