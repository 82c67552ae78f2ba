// PdfToText: the text of a PDF (read by poppler) in reading order, with the
// title, author and creation date of its document information.
//
// Poppler runs in the calling process: the server calls it only through the
// sandboxed helper of pdf_sandbox.h, which bounds its memory and time.
//
// Thread-safe: each call reads its own document.
#ifndef TEXTLENS_SERVICE_INGEST_PDF_CONVERTER_H_
#define TEXTLENS_SERVICE_INGEST_PDF_CONVERTER_H_

#include <cstdint>
#include <string_view>

#include "absl/status/statusor.h"
#include "service/ingest/converted_text.h"

namespace textlens::service::ingest {

struct PdfLimits {
  // Most pages read; a longer PDF is RESOURCE_EXHAUSTED.
  uint32_t max_pages = 2000;
  // Most bytes of extracted text; more is RESOURCE_EXHAUSTED.
  uint64_t max_text_bytes = 4 << 20;
};

// `pdf` read page by page. Lines of a paragraph are joined, paragraphs and
// headings become blocks separated by a blank line, and running headers,
// footers and page numbers (lines repeated at the top or bottom of most
// pages, lone numbers) are dropped. `published` is the creation date in
// UTC ("2025-06-17T18:59:00Z").
// INVALID_ARGUMENT: not a PDF poppler can open, encrypted, or no text layer
// (scanned pages); RESOURCE_EXHAUSTED: over a limit of `limits`. Messages
// start with `field`.
absl::StatusOr<ConvertedText> PdfToText(std::string_view pdf,
                                        const PdfLimits& limits,
                                        std::string_view field);

}  // namespace textlens::service::ingest

#endif  // TEXTLENS_SERVICE_INGEST_PDF_CONVERTER_H_
