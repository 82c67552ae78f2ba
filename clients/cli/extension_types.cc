#include "clients/cli/extension_types.h"

#include <google/protobuf/util/json_util.h>

#include <chrono>
#include <utility>

#include "absl/strings/str_cat.h"
#include "clients/cli/output.h"
#include "grpc/reflection/v1alpha/reflection.grpc.pb.h"

namespace textlens::clients::cli {
namespace {

namespace reflection = grpc::reflection::v1alpha;

constexpr char kUrlPrefix[] = "type.googleapis.com";
constexpr char kResponseType[] =
    "type.googleapis.com/textlens.v1.AnalyzeResponse";

std::string TypeName(const std::string& type_url) {
  return type_url.substr(type_url.rfind('/') + 1);
}

bool HasExtension(const textlens::v1::AnalyzeResponse& response) {
  for (const auto& result : response.results()) {
    if (result.has_extension()) return true;
  }
  return false;
}

// One file_containing_symbol question to the server's reflection service.
absl::StatusOr<reflection::ServerReflectionResponse> AskReflection(
    const std::shared_ptr<grpc::Channel>& channel,
    const std::string& type_name) {
  auto stub = reflection::ServerReflection::NewStub(channel);
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() +
                       std::chrono::seconds(10));
  auto stream = stub->ServerReflectionInfo(&context);
  reflection::ServerReflectionRequest request;
  request.set_file_containing_symbol(type_name);
  reflection::ServerReflectionResponse reply;
  const bool answered = stream->Write(request) && stream->Read(&reply);
  stream->WritesDone();
  grpc::Status status = stream->Finish();
  if (!status.ok() || !answered) {
    return absl::UnavailableError(
        absl::StrCat("reflection: ", status.error_message()));
  }
  if (reply.has_error_response()) {
    return absl::NotFoundError(reply.error_response().error_message());
  }
  return reply;
}

}  // namespace

ExtensionTypes::ExtensionTypes(std::shared_ptr<grpc::Channel> channel)
    : channel_(std::move(channel)),
      generated_(*google::protobuf::DescriptorPool::generated_pool()),
      merged_(&generated_, &fetched_),
      pool_(&merged_, nullptr),
      resolver_(google::protobuf::util::NewTypeResolverForDescriptorPool(
          kUrlPrefix, &pool_)) {}

ExtensionTypes::~ExtensionTypes() = default;

absl::Status ExtensionTypes::Learn(const std::string& type_name) {
  absl::StatusOr<reflection::ServerReflectionResponse> reply =
      AskReflection(channel_, type_name);
  if (!reply.ok()) return reply.status();
  for (const auto& bytes :
       reply->file_descriptor_response().file_descriptor_proto()) {
    google::protobuf::FileDescriptorProto file;
    google::protobuf::FileDescriptorProto existing;
    if (file.ParseFromString(bytes) &&
        !merged_.FindFileByName(file.name(), &existing)) {
      fetched_.Add(file);
    }
  }
  return absl::OkStatus();
}

// The pool remembers names it failed to find, so it is asked only once the
// server has been.
bool ExtensionTypes::Known(const std::string& type_name) {
  if (google::protobuf::DescriptorPool::generated_pool()->FindMessageTypeByName(
          type_name) != nullptr) {
    return true;
  }
  if (unknown_.count(type_name) > 0) return false;
  if (!Learn(type_name).ok() ||
      pool_.FindMessageTypeByName(type_name) == nullptr) {
    unknown_.insert(type_name);
    return false;
  }
  return true;
}

std::string ExtensionTypes::ToJson(
    const textlens::v1::AnalyzeResponse& response, bool compact) {
  if (!HasExtension(response)) return cli::ToJson(response, compact);
  textlens::v1::AnalyzeResponse printable = response;
  for (auto& result : *printable.mutable_results()) {
    if (!result.has_extension()) continue;
    const std::string name = TypeName(result.extension().type_url());
    if (Known(name)) continue;
    result.add_warnings(
        absl::StrCat("the server's reflection does not describe ", name,
                     "; its result is left out"));
    result.clear_extension();
  }
  google::protobuf::util::JsonPrintOptions options;
  options.add_whitespace = !compact;
  options.preserve_proto_field_names = true;
  std::string json;
  if (google::protobuf::util::BinaryToJsonString(resolver_.get(), kResponseType,
                                                 printable.SerializeAsString(),
                                                 &json, options)
          .ok()) {
    return json;
  }
  return cli::ToJson(printable, compact);
}

std::string ExtensionTypes::ToJson(const google::protobuf::Any& result) {
  const std::string name = TypeName(result.type_url());
  std::string json;
  if (!Known(name) || !google::protobuf::util::BinaryToJsonString(
                           resolver_.get(), result.type_url(), result.value(),
                           &json, JsonOptions(/*compact=*/true))
                           .ok()) {
    return absl::StrCat("(the server's reflection does not describe ", name,
                        ")");
  }
  return json;
}

}  // namespace textlens::clients::cli
