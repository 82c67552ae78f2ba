// The one place where absl::Status becomes grpc::Status, a Status message or
// an HTTP status code.
//
// Thread-safe: free functions.
#ifndef TEXTLENS_SERVICE_SERVER_STATUS_UTIL_H_
#define TEXTLENS_SERVICE_SERVER_STATUS_UTIL_H_

#include <grpcpp/support/status.h>

#include "absl/status/status.h"
#include "textlens/v1/document.pb.h"

namespace textlens::service::server {

// Same code, same message.
grpc::Status ToGrpcStatus(const absl::Status& status);

// The status as the API's Status message.
textlens::v1::Status ToProtoStatus(const absl::Status& status);

// Back from gRPC (what Admission and BearerTokens::Check answer).
absl::Status FromGrpcStatus(const grpc::Status& status);

// The HTTP status of a call that ended with `code`, the mapping of Google's
// HTTP APIs (google.rpc.Code): 200 OK, 400 INVALID_ARGUMENT,
// FAILED_PRECONDITION and OUT_OF_RANGE, 401 UNAUTHENTICATED, 403
// PERMISSION_DENIED, 404 NOT_FOUND, 409 ABORTED and ALREADY_EXISTS, 429
// RESOURCE_EXHAUSTED, 499 CANCELLED, 501 UNIMPLEMENTED, 503 UNAVAILABLE, 504
// DEADLINE_EXCEEDED, 500 for the rest (INTERNAL, UNKNOWN, DATA_LOSS).
int HttpStatusCode(absl::StatusCode code);

}  // namespace textlens::service::server

#endif  // TEXTLENS_SERVICE_SERVER_STATUS_UTIL_H_
