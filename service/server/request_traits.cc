#include "service/server/request_traits.h"

#include <atomic>
#include <vector>

namespace textlens::api {
namespace {

grpc::Status DefaultHandler(const std::string& /*bytes*/,
                            const google::protobuf::Descriptor* type) {
  return grpc::Status(grpc::StatusCode::INVALID_ARGUMENT,
                      "the request does not parse as " + type->full_name());
}

std::atomic<ParseFailureHandler> g_handler{&DefaultHandler};
thread_local grpc::Status t_last_failure;

}  // namespace

void SetParseFailureHandler(ParseFailureHandler handler) {
  g_handler.store(handler != nullptr ? handler : &DefaultHandler);
}

grpc::Status DeserializeRequest(grpc::ByteBuffer* buffer,
                                google::protobuf::MessageLite* message) {
  if (buffer == nullptr) {
    return grpc::Status(grpc::StatusCode::INVALID_ARGUMENT,
                        "no request payload");
  }
  // A copy shares the slices (no bytes are copied); it keeps them readable
  // for the failure path, since parsing consumes `buffer`.
  grpc::ByteBuffer kept(*buffer);
  grpc::Status status =
      grpc::GenericDeserialize<grpc::ProtoBufferReader,
                               google::protobuf::MessageLite>(buffer, message);
  if (status.ok()) return status;
  const auto* full = dynamic_cast<const google::protobuf::Message*>(message);
  if (full == nullptr) {
    return grpc::Status(
        grpc::StatusCode::INVALID_ARGUMENT,
        "the request does not parse as " + message->GetTypeName());
  }
  std::vector<grpc::Slice> slices;
  std::string bytes;
  if (kept.Dump(&slices).ok()) {
    for (const auto& slice : slices) {
      bytes.append(reinterpret_cast<const char*>(slice.begin()), slice.size());
    }
  }
  t_last_failure = g_handler.load()(bytes, full->GetDescriptor());
  return t_last_failure;
}

grpc::Status TakeParseFailure() {
  grpc::Status failure = t_last_failure;
  t_last_failure = grpc::Status::OK;
  return failure;
}

}  // namespace textlens::api
