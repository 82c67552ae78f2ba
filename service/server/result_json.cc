#include "service/server/result_json.h"

#include <google/protobuf/descriptor.h>
#include <google/protobuf/util/json_util.h>
#include <google/protobuf/util/type_resolver.h>
#include <google/protobuf/util/type_resolver_util.h>

#include <memory>
#include <set>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"

namespace textlens::service::server {
namespace {

namespace pb = google::protobuf;

constexpr char kUrlPrefix[] = "type.googleapis.com";

// Asks each resolver in turn; the first that knows the type answers.
class ChainedResolver final : public pb::util::TypeResolver {
 public:
  explicit ChainedResolver(
      std::vector<std::unique_ptr<pb::util::TypeResolver>> resolvers)
      : resolvers_(std::move(resolvers)) {}

  pb::util::Status ResolveMessageType(const std::string& type_url,
                                      pb::Type* type) override {
    return First(&pb::util::TypeResolver::ResolveMessageType, type_url, type);
  }
  pb::util::Status ResolveEnumType(const std::string& type_url,
                                   pb::Enum* enum_type) override {
    return First(&pb::util::TypeResolver::ResolveEnumType, type_url, enum_type);
  }

 private:
  template <typename T>
  pb::util::Status First(pb::util::Status (pb::util::TypeResolver::*resolve)(
                             const std::string&, T*),
                         const std::string& type_url, T* out) {
    pb::util::Status status;
    for (const auto& resolver : resolvers_) {
      status = (resolver.get()->*resolve)(type_url, out);
      if (status.ok()) break;
    }
    return status;
  }

  std::vector<std::unique_ptr<pb::util::TypeResolver>> resolvers_;
};

// The pools of the plugins' own result types (none when every analyzer
// returns a compiled-in type).
std::set<const pb::DescriptorPool*> PluginPools(
    const plugins::PluginRegistry* registry) {
  std::set<const pb::DescriptorPool*> pools;
  if (registry == nullptr) return pools;
  for (const std::string& name : registry->Names()) {
    const pb::Descriptor* type = registry->ResultDescriptor(name);
    if (type != nullptr &&
        type->file()->pool() != pb::DescriptorPool::generated_pool()) {
      pools.insert(type->file()->pool());
    }
  }
  return pools;
}

}  // namespace

absl::StatusOr<std::string> ToJson(const pb::Message& message,
                                   const plugins::PluginRegistry* registry) {
  pb::util::JsonPrintOptions options;
  options.preserve_proto_field_names = true;
  std::string json;
  pb::util::Status printed;
  const std::set<const pb::DescriptorPool*> pools = PluginPools(registry);
  if (pools.empty()) {
    printed = pb::util::MessageToJsonString(message, &json, options);
  } else {
    std::vector<std::unique_ptr<pb::util::TypeResolver>> resolvers;
    resolvers.emplace_back(pb::util::NewTypeResolverForDescriptorPool(
        kUrlPrefix, pb::DescriptorPool::generated_pool()));
    for (const pb::DescriptorPool* pool : pools) {
      resolvers.emplace_back(
          pb::util::NewTypeResolverForDescriptorPool(kUrlPrefix, pool));
    }
    ChainedResolver resolver(std::move(resolvers));
    printed = pb::util::BinaryToJsonString(
        &resolver,
        absl::StrCat(kUrlPrefix, "/", message.GetDescriptor()->full_name()),
        message.SerializeAsString(), &json, options);
  }
  if (!printed.ok()) {
    return absl::InternalError(absl::StrCat(
        "the answer cannot be written as JSON: ",
        std::string(printed.message().data(), printed.message().size())));
  }
  return json;
}

}  // namespace textlens::service::server
