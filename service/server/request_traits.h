// How gRPC turns the bytes of a textlens request into a message.
//
// gRPC's default answers a request that protobuf cannot parse with INTERNAL
// and an empty message. Protobuf refuses a proto3 string field holding
// invalid UTF-8 (Document.text, for instance), so a caller would learn
// nothing. These specializations keep gRPC's parsing and, on failure, ask a
// handler the server installs for the status to answer with (the server's
// names the field and the byte offset of the bad sequence).
//
// It belongs to the server alone: the build compiles the gRPC stubs twice,
// `textlens_grpc` for clients (the CLI, the tests' clients) and
// `textlens_grpc_server`, into which, and into every user of which, this
// header is force-included (-include), so that the server's handlers and
// everything linked with them see the same specializations. A program links
// one of the two libraries, never both.
//
// Thread-safe: SetParseFailureHandler is meant for start-up; the handler
// must be thread-safe.
#ifndef TEXTLENS_SERVICE_SERVER_REQUEST_TRAITS_H_
#define TEXTLENS_SERVICE_SERVER_REQUEST_TRAITS_H_

#include <grpcpp/impl/codegen/proto_utils.h>

#include <string>

#include "textlens/v1/analysis.pb.h"

namespace textlens::api {

// Returns the status for request bytes of `type` that failed to parse.
using ParseFailureHandler = grpc::Status (*)(
    const std::string& bytes, const google::protobuf::Descriptor* type);

// Installs `handler` (null restores the default: INVALID_ARGUMENT naming
// the type).
void SetParseFailureHandler(ParseFailureHandler handler);

// Parses `buffer` into `message` as gRPC does; on failure answers with the
// handler's status (for a full Message; a lite one gets INVALID_ARGUMENT).
// Consumes `buffer`.
grpc::Status DeserializeRequest(grpc::ByteBuffer* buffer,
                                google::protobuf::MessageLite* message);

// The status of the last request that failed to parse on this thread, and
// forgets it (OK if none). A streaming handler reads on its own thread, and
// gRPC reports a failed read only as "no more messages": the handler calls
// this to end the stream with the reason instead of a silent OK.
grpc::Status TakeParseFailure();

}  // namespace textlens::api

namespace grpc {

template <>
class SerializationTraits<textlens::v1::AnalyzeRequest, void> {
 public:
  static Status Serialize(const protobuf::MessageLite& message,
                          ByteBuffer* buffer, bool* own_buffer) {
    return GenericSerialize<ProtoBufferWriter, textlens::v1::AnalyzeRequest>(
        message, buffer, own_buffer);
  }
  static Status Deserialize(ByteBuffer* buffer,
                            textlens::v1::AnalyzeRequest* message) {
    return textlens::api::DeserializeRequest(buffer, message);
  }
};

// Unary handlers of generated services parse through MessageLite.
template <>
class SerializationTraits<protobuf::MessageLite, void> {
 public:
  static Status Serialize(const protobuf::MessageLite& message,
                          ByteBuffer* buffer, bool* own_buffer) {
    return GenericSerialize<ProtoBufferWriter, protobuf::MessageLite>(
        message, buffer, own_buffer);
  }
  static Status Deserialize(ByteBuffer* buffer,
                            protobuf::MessageLite* message) {
    return textlens::api::DeserializeRequest(buffer, message);
  }
};

}  // namespace grpc

#endif  // TEXTLENS_SERVICE_SERVER_REQUEST_TRAITS_H_
