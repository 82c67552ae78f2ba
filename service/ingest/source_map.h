// Carries a converter's source map (converted text -> source bytes) over
// the steps after conversion: text normalization, and the charset decoding
// before it.
//
// Thread-safe: stateless.
#ifndef TEXTLENS_SERVICE_INGEST_SOURCE_MAP_H_
#define TEXTLENS_SERVICE_INGEST_SOURCE_MAP_H_

#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "service/ingest/converted_text.h"

namespace textlens::service::ingest {

// `converted.source_map` with its text offsets moved into `normalized`, the
// output of NormalizeText(converted.text): the text between the map's
// boundaries is normalized piece by piece. Empty when that gives another
// text than normalizing the whole (a combining mark opening a piece).
// INVALID_ARGUMENT as NormalizeText.
absl::StatusOr<std::vector<SourceSpan>> MapToNormalizedText(
    const ConvertedText& converted, std::string_view normalized);

// Moves the source offsets of `map` from `decoded_utf8` back to the bytes
// as sent in `charset` (canonical): unchanged for UTF-8; one byte per
// character for the single-byte charsets.
void MapToSentBytes(std::string_view decoded_utf8, std::string_view charset,
                    std::vector<SourceSpan>* map);

}  // namespace textlens::service::ingest

#endif  // TEXTLENS_SERVICE_INGEST_SOURCE_MAP_H_
