// The one place where absl::Status becomes grpc::Status or a Status message.
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

}  // namespace textlens::service::server

#endif  // TEXTLENS_SERVICE_SERVER_STATUS_UTIL_H_
