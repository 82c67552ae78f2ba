// JSON for responses that carry third-party results.
//
// A plugin's result travels as google.protobuf.Any of a type the CLI was not
// built with; protobuf's JSON printer cannot print it without the type's
// schema. ExtensionTypes asks the server's reflection service for the
// schema of each such type (once per type) and prints the whole message
// with it, the way grpcurl does.
//
// Not thread-safe: one thread prints.
#ifndef TEXTLENS_CLIENTS_CLI_EXTENSION_TYPES_H_
#define TEXTLENS_CLIENTS_CLI_EXTENSION_TYPES_H_

#include <google/protobuf/descriptor.h>
#include <google/protobuf/descriptor_database.h>
#include <google/protobuf/util/type_resolver.h>
#include <grpcpp/grpcpp.h>

#include <memory>
#include <set>
#include <string>

#include "absl/status/statusor.h"
#include "textlens/v1/analysis.pb.h"

namespace textlens::clients::cli {

class ExtensionTypes {
 public:
  // `channel` reaches the server that answered.
  explicit ExtensionTypes(std::shared_ptr<grpc::Channel> channel);
  ~ExtensionTypes();

  // `response` in protobuf's JSON mapping with proto field names, its
  // third-party results included. When the server cannot describe a type,
  // that result is left out of the JSON and a warning in its
  // AnalyzerResult says so; the rest is printed.
  std::string ToJson(const textlens::v1::AnalyzeResponse& response,
                     bool compact);

  // One third-party result as compact JSON, or a note saying that the
  // server cannot describe its type.
  std::string ToJson(const google::protobuf::Any& result);

 private:
  // Fetches the file that defines `type_name` and its dependencies.
  absl::Status Learn(const std::string& type_name);
  bool Known(const std::string& type_name);

  std::shared_ptr<grpc::Channel> channel_;
  google::protobuf::DescriptorPoolDatabase generated_;
  google::protobuf::SimpleDescriptorDatabase fetched_;
  google::protobuf::MergedDescriptorDatabase merged_;
  google::protobuf::DescriptorPool pool_;
  std::unique_ptr<google::protobuf::util::TypeResolver> resolver_;
  std::set<std::string> unknown_;  // types the server could not describe
};

}  // namespace textlens::clients::cli

#endif  // TEXTLENS_CLIENTS_CLI_EXTENSION_TYPES_H_
