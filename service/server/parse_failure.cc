#include "service/server/parse_failure.h"

#include <google/protobuf/descriptor.pb.h>
#include <google/protobuf/dynamic_message.h>

#include <memory>
#include <mutex>
#include <set>

#include "absl/strings/str_cat.h"
#include "service/text/normalizer.h"

namespace textlens::service::server {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::DescriptorProto;
using google::protobuf::FieldDescriptor;
using google::protobuf::FieldDescriptorProto;
using google::protobuf::Message;

// Every string field becomes bytes (and maps plain repeated entries, since a
// map key cannot be bytes), so invalid UTF-8 parses and can be located.
void MakeLenient(DescriptorProto* message) {
  message->mutable_options()->clear_map_entry();
  for (auto& field : *message->mutable_field()) {
    if (field.type() == FieldDescriptorProto::TYPE_STRING) {
      field.set_type(FieldDescriptorProto::TYPE_BYTES);
    }
  }
  for (auto& nested : *message->mutable_nested_type()) MakeLenient(&nested);
}

// Lenient copies of the request types' files, built once.
class LenientPool {
 public:
  const Message* Prototype(const Descriptor* type) {
    std::lock_guard<std::mutex> lock(mu_);
    AddFile(type->file());
    const Descriptor* lenient = pool_.FindMessageTypeByName(type->full_name());
    return lenient == nullptr ? nullptr : factory_.GetPrototype(lenient);
  }

 private:
  void AddFile(const google::protobuf::FileDescriptor* file) {
    if (!added_.insert(file->name()).second) return;
    for (int i = 0; i < file->dependency_count(); ++i)
      AddFile(file->dependency(i));
    google::protobuf::FileDescriptorProto proto;
    file->CopyTo(&proto);
    for (auto& message : *proto.mutable_message_type()) MakeLenient(&message);
    pool_.BuildFile(proto);
  }

  std::mutex mu_;
  google::protobuf::DescriptorPool pool_;
  google::protobuf::DynamicMessageFactory factory_{&pool_};
  std::set<std::string> added_;
};

// Whether a lenient bytes field was a string field in the real type.
bool WasString(const FieldDescriptor* lenient) {
  const FieldDescriptor* original =
      google::protobuf::DescriptorPool::generated_pool()->FindFieldByName(
          lenient->full_name());
  return original != nullptr &&
         original->type() == FieldDescriptor::TYPE_STRING;
}

// The first invalid string under `message`, as a status; OK if none.
absl::Status FindInvalidUtf8(const Message& message, const std::string& path) {
  const auto* reflection = message.GetReflection();
  std::vector<const FieldDescriptor*> fields;
  reflection->ListFields(message, &fields);
  for (const FieldDescriptor* field : fields) {
    const std::string base =
        path.empty() ? field->name() : absl::StrCat(path, ".", field->name());
    const int count =
        field->is_repeated() ? reflection->FieldSize(message, field) : 1;
    for (int i = 0; i < count; ++i) {
      const std::string at =
          field->is_repeated() ? absl::StrCat(base, "[", i, "]") : base;
      if (field->type() == FieldDescriptor::TYPE_MESSAGE) {
        const Message& child =
            field->is_repeated()
                ? reflection->GetRepeatedMessage(message, field, i)
                : reflection->GetMessage(message, field);
        absl::Status status = FindInvalidUtf8(child, at);
        if (!status.ok()) return status;
      } else if (field->type() == FieldDescriptor::TYPE_BYTES &&
                 WasString(field)) {
        std::string scratch;
        const std::string& value =
            field->is_repeated()
                ? reflection->GetRepeatedStringReference(message, field, i,
                                                         &scratch)
                : reflection->GetStringReference(message, field, &scratch);
        absl::Status status = text::ValidateUtf8(value, at);
        if (!status.ok()) return status;
      }
    }
  }
  return absl::OkStatus();
}

}  // namespace

grpc::Status ExplainParseFailure(const std::string& bytes,
                                 const Descriptor* type) {
  static LenientPool* pool = new LenientPool();  // never destroyed
  const grpc::Status malformed(
      grpc::StatusCode::INVALID_ARGUMENT,
      absl::StrCat("the request is not a valid ", type->full_name(),
                   " (malformed protobuf)"));
  const Message* prototype = pool->Prototype(type);
  if (prototype == nullptr) return malformed;
  std::unique_ptr<Message> lenient(prototype->New());
  if (!lenient->ParseFromString(bytes)) return malformed;
  absl::Status status = FindInvalidUtf8(*lenient, "");
  if (status.ok()) return malformed;
  return grpc::Status(grpc::StatusCode::INVALID_ARGUMENT,
                      std::string(status.message()));
}

}  // namespace textlens::service::server
