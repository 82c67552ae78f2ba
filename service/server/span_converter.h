// Converts every textlens.v1.TextSpan inside a result message from UTF-8
// byte offsets into the unit the caller asked for.
//
// Works by reflection, so third-party results that use TextSpan convert too.
// Thread-safe: stateless.
#ifndef TEXTLENS_SERVICE_SERVER_SPAN_CONVERTER_H_
#define TEXTLENS_SERVICE_SERVER_SPAN_CONVERTER_H_

#include <google/protobuf/message.h>

#include "service/text/offset_map.h"
#include "textlens/v1/document.pb.h"

namespace textlens::service::server {

// Rewrites the spans of `message` (recursively, through repeated and nested
// messages) from UTF-8 bytes to `unit` using `offsets`. A no-op for
// OFFSET_UNIT_UTF8_BYTES. Spans past the text are clamped to its length.
void ConvertSpans(const text::OffsetMap& offsets, textlens::v1::OffsetUnit unit,
                  google::protobuf::Message* message);

}  // namespace textlens::service::server

#endif  // TEXTLENS_SERVICE_SERVER_SPAN_CONVERTER_H_
