// Explains why the bytes of a request did not parse: the first string field
// holding invalid UTF-8 (with its path and byte offset), or else that the
// bytes are not the message at all. Installed into the gRPC layer with
// textlens::api::SetParseFailureHandler.
//
// Thread-safe: the lenient descriptors are built once, on first use.
#ifndef TEXTLENS_SERVICE_SERVER_PARSE_FAILURE_H_
#define TEXTLENS_SERVICE_SERVER_PARSE_FAILURE_H_

#include <google/protobuf/descriptor.h>
#include <grpcpp/support/status.h>

#include <string>

namespace textlens::service::server {

// INVALID_ARGUMENT, e.g. "document.text: invalid UTF-8 at byte 8" or
// "requests[1].document.metadata[0].value: invalid UTF-8 at byte 3", or
// "the request is not a valid textlens.v1.AnalyzeRequest (malformed
// protobuf)".
grpc::Status ExplainParseFailure(const std::string& bytes,
                                 const google::protobuf::Descriptor* type);

}  // namespace textlens::service::server

#endif  // TEXTLENS_SERVICE_SERVER_PARSE_FAILURE_H_
