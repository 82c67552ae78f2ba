// Ingest: turns a document's content, whatever its format, into UTF-8 text
// plus the metadata its markup carries.
//
// Thread-safe: stateless.
#ifndef TEXTLENS_SERVICE_INGEST_INGESTER_H_
#define TEXTLENS_SERVICE_INGEST_INGESTER_H_

#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "service/ingest/converted_text.h"
#include "service/ingest/pdf_sandbox.h"

namespace textlens::service::ingest {

// The content types Ingest reads.
inline constexpr const char* kSupportedTypes =
    "text/plain, text/markdown, text/html, application/pdf";

// The canonical form of a MIME type Ingest reads ("text/x-markdown" ->
// "text/markdown"), or empty.
std::string CanonicalContentType(std::string_view type);

// What Ingest produced.
struct IngestedDocument {
  ConvertedText converted;   // text and markup metadata
  std::string content_type;  // the type read: declared or detected
  std::string charset;       // the charset decoded from
};

// How documents are read beyond their bytes.
struct IngestOptions {
  // The process PDFs are read in, and its limits.
  PdfSandbox pdf;
  // When reading must be over (a PDF's reader is killed then).
  absl::Time deadline = absl::InfiniteFuture();
};

// Reads `content` as `content_type` (canonical; empty: detect it from the
// bytes) decoded from `charset` (canonical; empty: utf-8; not used for a
// PDF). `field` names the content in messages. INVALID_ARGUMENT for invalid
// UTF-8 (with the byte offset), a binary payload of another type, or a PDF
// that cannot be read; RESOURCE_EXHAUSTED for HTML over the parser's
// nesting or tag limits or a PDF over the limits of `options.pdf`;
// DEADLINE_EXCEEDED when a PDF is still being read at `options.deadline`.
absl::StatusOr<IngestedDocument> Ingest(std::string_view content,
                                        std::string_view content_type,
                                        std::string_view charset,
                                        std::string_view field,
                                        const IngestOptions& options = {});

}  // namespace textlens::service::ingest

#endif  // TEXTLENS_SERVICE_INGEST_INGESTER_H_
