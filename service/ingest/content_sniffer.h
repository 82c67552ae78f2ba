// SniffContentType: the MIME type of bytes that came without one.
//
// Thread-safe: each thread keeps its own libmagic handle.
#ifndef TEXTLENS_SERVICE_INGEST_CONTENT_SNIFFER_H_
#define TEXTLENS_SERVICE_INGEST_CONTENT_SNIFFER_H_

#include <string>
#include <string_view>

namespace textlens::service::ingest {

// The type of `bytes`: "application/pdf" and "text/html" from their
// signatures, "text/markdown" for a front matter or a leading "# " heading,
// otherwise what libmagic finds in the first 64 KiB ("text/plain" for any
// text, "image/png", "application/zip"...). Without libmagic's database:
// "application/octet-stream" for bytes with a NUL early on, else
// "text/plain".
std::string SniffContentType(std::string_view bytes);

}  // namespace textlens::service::ingest

#endif  // TEXTLENS_SERVICE_INGEST_CONTENT_SNIFFER_H_
