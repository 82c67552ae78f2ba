// ConvertedText: a document read out of its format (HTML, Markdown, PDF) as
// plain text, with the metadata its markup carries.
//
// A plain value type.
#ifndef TEXTLENS_SERVICE_INGEST_CONVERTED_TEXT_H_
#define TEXTLENS_SERVICE_INGEST_CONVERTED_TEXT_H_

#include <string>

namespace textlens::service::ingest {

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
};

}  // namespace textlens::service::ingest

#endif  // TEXTLENS_SERVICE_INGEST_CONVERTED_TEXT_H_
