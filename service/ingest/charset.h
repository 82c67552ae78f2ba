// Decoding of document bytes in a declared charset into UTF-8.
//
// Thread-safe: stateless (an ICU converter is opened per call).
#ifndef TEXTLENS_SERVICE_INGEST_CHARSET_H_
#define TEXTLENS_SERVICE_INGEST_CHARSET_H_

#include <string>
#include <string_view>

#include "absl/status/statusor.h"

namespace textlens::service::ingest {

// The canonical name of a supported charset label ("utf-8", "windows-1252",
// "iso-8859-1", "iso-8859-15"), case-insensitive, with the usual aliases
// ("utf8", "latin1", "cp1252", "us-ascii"...); empty if not supported.
std::string CanonicalCharset(std::string_view label);

// `bytes` decoded from `charset` (a canonical name) into UTF-8. For utf-8,
// INVALID_ARGUMENT naming `field` and the byte offset of the first bad
// sequence; single-byte charsets always decode.
absl::StatusOr<std::string> DecodeToUtf8(std::string_view bytes,
                                         std::string_view charset,
                                         std::string_view field);

}  // namespace textlens::service::ingest

#endif  // TEXTLENS_SERVICE_INGEST_CHARSET_H_
