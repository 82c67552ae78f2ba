// What an HTML page declares about itself: <meta> tags (Open Graph,
// article:), <link rel=canonical>, JSON-LD, <title>, the first <h1> and
// <time>. Used by HtmlToText (html_converter.h).
//
// Thread-safe: stateless.
#ifndef TEXTLENS_SERVICE_INGEST_HTML_METADATA_H_
#define TEXTLENS_SERVICE_INGEST_HTML_METADATA_H_

#include <gumbo.h>

#include <string>
#include <string_view>

#include "service/ingest/converted_text.h"

namespace textlens::service::ingest::html_internal {

// The value of `element`'s attribute `name`, or null.
const char* Attribute(const GumboElement& element, const char* name);

// `text` in ASCII lowercase.
std::string Lower(std::string_view text);

// Sets `*field` to `value` unless it holds a value already (the page's first
// declaration wins).
void SetIfEmpty(std::string* field, std::string value);

// What the whole page declares, first value of each kind.
struct PageMetadata {
  std::string og_title;
  std::string title_element;
  std::string first_h1;
  std::string meta_author;
  std::string article_author;
  std::string article_published;
  std::string time_published;
  std::string og_site_name;
  std::string application_name;
  std::string og_url;
  std::string canonical_url;
  std::string ld_headline;
  std::string ld_author;
  std::string ld_published;
  std::string ld_publisher;
  std::string ld_url;
};

// Reads a <meta> element.
void ReadMeta(const GumboElement& element, PageMetadata* metadata);
// Reads a <link> element (rel=canonical).
void ReadLink(const GumboElement& element, PageMetadata* metadata);
// Reads a <script type="application/ld+json"> element; invalid JSON is
// ignored.
void ReadJsonLdScript(const GumboNode* script, PageMetadata* metadata);

// Fills the title, author, published date (ISO 8601), source and URL of
// `converted` from what `page` declares, by preference: JSON-LD and Open
// Graph, then plain <meta>, then <title>, <h1> and <time>.
void ApplyPageMetadata(const PageMetadata& page, ConvertedText* converted);

}  // namespace textlens::service::ingest::html_internal

#endif  // TEXTLENS_SERVICE_INGEST_HTML_METADATA_H_
