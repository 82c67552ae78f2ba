// Ingest: turns a document's content, whatever its format, into UTF-8 text
// plus the metadata its markup carries.
//
// Thread-safe: stateless.
#ifndef TEXTLENS_SERVICE_INGEST_INGESTER_H_
#define TEXTLENS_SERVICE_INGEST_INGESTER_H_

#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "service/ingest/converted_text.h"

namespace textlens::service::ingest {

// The content types Ingest reads.
inline constexpr const char* kSupportedTypes =
    "text/plain, text/markdown, text/html";

// The canonical form of a MIME type Ingest reads ("text/x-markdown" ->
// "text/markdown"), or empty.
std::string CanonicalContentType(std::string_view type);

// What Ingest produced.
struct IngestedDocument {
  ConvertedText converted;   // text and markup metadata
  std::string content_type;  // the type read: declared or detected
  std::string charset;       // the charset decoded from
};

// Reads `content` as `content_type` (canonical; empty: detect it from the
// bytes) decoded from `charset` (canonical; empty: utf-8). `field` names the
// content in messages. INVALID_ARGUMENT for invalid UTF-8 (with the byte
// offset) or a binary payload; UNIMPLEMENTED for a PDF (not read yet);
// RESOURCE_EXHAUSTED for HTML nested beyond the parser's limit.
absl::StatusOr<IngestedDocument> Ingest(std::string_view content,
                                        std::string_view content_type,
                                        std::string_view charset,
                                        std::string_view field);

}  // namespace textlens::service::ingest

#endif  // TEXTLENS_SERVICE_INGEST_INGESTER_H_
