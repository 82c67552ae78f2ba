// Checks the parts of a request that do not depend on the analyzers: the
// document's presence, size, content type, encoding, id, language tag and
// metadata.
//
// Thread-safe: stateless.
#ifndef TEXTLENS_SERVICE_SERVER_REQUEST_VALIDATOR_H_
#define TEXTLENS_SERVICE_SERVER_REQUEST_VALIDATOR_H_

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "service/config/server_config.h"
#include "textlens/v1/document.pb.h"

namespace textlens::service::server {

// Returns the document's content as UTF-8 text (a view into `document`).
// INVALID_ARGUMENT naming the field for a missing source, an unsupported
// content type, invalid UTF-8 (with its byte offset), an over-long id or
// metadata, or a malformed language tag; RESOURCE_EXHAUSTED stating the
// limit for a document over config.max_document_bytes. `field` prefixes
// field names ("document", "requests[2].document").
absl::StatusOr<absl::string_view> ValidateDocument(
    const textlens::v1::Document& document, const config::ServerConfig& config,
    absl::string_view field);

// OK if `tag` is empty or a well-formed BCP-47 tag (letters, digits and
// '-', primary subtag of 2-3 letters).
bool IsWellFormedLanguageTag(absl::string_view tag);

}  // namespace textlens::service::server

#endif  // TEXTLENS_SERVICE_SERVER_REQUEST_VALIDATOR_H_
