// Checks the parts of a request that do not depend on the analyzers: the
// document's presence, size, content type, encoding, id, language tag and
// metadata.
//
// Thread-safe: stateless.
#ifndef TEXTLENS_SERVICE_SERVER_REQUEST_VALIDATOR_H_
#define TEXTLENS_SERVICE_SERVER_REQUEST_VALIDATOR_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "service/config/server_config.h"
#include "textlens/v1/document.pb.h"

namespace textlens::service::server {

// What ValidateDocument found: the content and how to decode it.
struct ValidatedDocument {
  absl::string_view content;  // a view into the Document
  std::string content_field;  // "document.text" or "document.content"
  std::string content_type;   // canonical; empty: detect from the bytes
  std::string charset;        // canonical; empty: the default (utf-8)
};

// Checks the document and says how to decode its content. INVALID_ARGUMENT
// naming the field for a missing source, an unsupported content type or
// charset, an over-long id or metadata, or a malformed language tag;
// RESOURCE_EXHAUSTED stating the limit for a document over
// config.max_content_bytes. The encoding itself is checked when the
// content is decoded. `field` prefixes field names ("document",
// "requests[2].document").
absl::StatusOr<ValidatedDocument> ValidateDocument(
    const textlens::v1::Document& document, const config::ServerConfig& config,
    absl::string_view field);

// OK if `tag` is empty or a well-formed BCP-47 tag (letters, digits and
// '-', primary subtag of 2-3 letters).
bool IsWellFormedLanguageTag(absl::string_view tag);

}  // namespace textlens::service::server

#endif  // TEXTLENS_SERVICE_SERVER_REQUEST_VALIDATOR_H_
