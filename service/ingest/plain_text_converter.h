// PlainTextToText: a plain-text article without what scrapers carry along
// with it: the comments section at the end ("Ajouter un commentaire",
// "Commentaires", the comments themselves), the headline repeated just
// before it, and lone share-button lines.
//
// Thread-safe: stateless.
#ifndef TEXTLENS_SERVICE_INGEST_PLAIN_TEXT_CONVERTER_H_
#define TEXTLENS_SERVICE_INGEST_PLAIN_TEXT_CONVERTER_H_

#include <string_view>

#include "service/ingest/converted_text.h"

namespace textlens::service::ingest {

// `utf8_text` with the lines above removed (a comments section is only
// looked for in the second half of the text, so an article that discusses
// comments keeps its text); every other line kept as it is, each mapped to
// its bytes in `utf8_text`. Metadata is left to the opening-lines reader
// (text_metadata.h).
ConvertedText PlainTextToText(std::string_view utf8_text);

}  // namespace textlens::service::ingest

#endif  // TEXTLENS_SERVICE_INGEST_PLAIN_TEXT_CONVERTER_H_
