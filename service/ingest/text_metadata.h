// Metadata found in the opening lines of a plain-text document: a title, an
// author line ("ÉCRIT PAR : ...", "By ...") and a publication date line
// ("Publié le 17 juin 2025 à 20:59", "date 2025-03-04", "Published on
// March 4, 2025").
//
// Thread-safe: stateless.
#ifndef TEXTLENS_SERVICE_INGEST_TEXT_METADATA_H_
#define TEXTLENS_SERVICE_INGEST_TEXT_METADATA_H_

#include <string>
#include <string_view>
#include <vector>

#include "textlens/plugin/v1/plugin.pb.h"

namespace textlens::service::ingest {

struct TextMetadata {
  std::string title;   // empty if none
  std::string author;  // as written
  std::string
      published;  // ISO 8601: "2025-06-17", "2025-06-17T20:59", "2025-01"
  // Heading lines of the whole text other than the title, date and author
  // lines.
  std::vector<std::string> headings;
};

// Looks at the heading sentences (lines of their own) among the first
// sentences of `document`.
TextMetadata ExtractTextMetadata(const plugin::v1::PreparedDocument& document);

// Marks as headings (Sentence.is_heading) the sentences of every line of
// `document` whose text, without surrounding whitespace, is one of
// `headings`: the title and section headings the markup declared, which the
// sentence splitter alone would take for sentences when they end with
// punctuation ("Pourquoi l'open source gagne-t-il ?"). `headings` must be
// normalized like the document's text.
void MarkHeadingLines(const std::vector<std::string>& headings,
                      plugin::v1::PreparedDocument* document);

// The ISO 8601 form of the first date in `line` (French or English month
// names, or ISO), or empty. Exposed for tests.
std::string ParseDate(std::string_view line);

}  // namespace textlens::service::ingest

#endif  // TEXTLENS_SERVICE_INGEST_TEXT_METADATA_H_
