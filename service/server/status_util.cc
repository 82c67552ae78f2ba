#include "service/server/status_util.h"

#include <string>

namespace textlens::service::server {

grpc::Status ToGrpcStatus(const absl::Status& status) {
  if (status.ok()) return grpc::Status::OK;
  return grpc::Status(static_cast<grpc::StatusCode>(status.code()),
                      std::string(status.message()));
}

textlens::v1::Status ToProtoStatus(const absl::Status& status) {
  textlens::v1::Status out;
  out.set_code(static_cast<int32_t>(status.code()));
  out.set_message(std::string(status.message()));
  return out;
}

}  // namespace textlens::service::server
