// Text normalization: UTF-8 validation, NFC, one newline convention.
//
// Thread-safe: free functions without shared state.
#ifndef TEXTLENS_SERVICE_TEXT_NORMALIZER_H_
#define TEXTLENS_SERVICE_TEXT_NORMALIZER_H_

#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace textlens::service::text {

// OK if `bytes` is well-formed UTF-8 (no overlongs, surrogates or code points
// above U+10FFFF). Otherwise INVALID_ARGUMENT whose message names `field` and
// the byte offset of the first bad sequence, e.g.
// "document.text: invalid UTF-8 at byte 17".
absl::Status ValidateUtf8(std::string_view bytes, std::string_view field);

// Returns `utf8` in NFC with "\r\n" and "\r" turned into "\n", NUL and other
// C0 controls except "\t" and "\n" removed, U+00A0/U+202F kept as they are.
// INVALID_ARGUMENT (as ValidateUtf8, field "document.text") on bad UTF-8.
absl::StatusOr<std::string> NormalizeText(std::string_view utf8);

}  // namespace textlens::service::text

#endif  // TEXTLENS_SERVICE_TEXT_NORMALIZER_H_
