#include "clients/cli/analyzer_options.h"

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"

namespace textlens::clients::cli {
namespace {

using google::protobuf::EnumDescriptor;
using google::protobuf::EnumValueDescriptor;
using google::protobuf::FieldDescriptor;
using google::protobuf::Message;
using google::protobuf::Reflection;

constexpr absl::string_view kUnspecified = "UNSPECIFIED";

textlens::v1::AnalyzerSpec* FindOrAddSpec(
    absl::string_view analyzer, textlens::v1::AnalyzeRequest* request) {
  for (auto& spec : *request->mutable_analyzers()) {
    if (spec.name() == analyzer) return &spec;
  }
  textlens::v1::AnalyzerSpec* spec = request->add_analyzers();
  spec->set_name(std::string(analyzer));
  return spec;
}

// The typed options field of AnalyzerSpec for `analyzer`, or null when the
// analyzer has none (its options then go in `generic`).
const FieldDescriptor* TypedOptionsField(absl::string_view analyzer) {
  const FieldDescriptor* field =
      textlens::v1::AnalyzerSpec::descriptor()->FindFieldByName(
          std::string(analyzer));
  if (field == nullptr || field->message_type() == nullptr ||
      field->containing_oneof() == nullptr || field->name() == "generic") {
    return nullptr;
  }
  return field;
}

// "ENTITY_TYPE_" for EntityType, whose zero value is ENTITY_TYPE_UNSPECIFIED.
std::string EnumPrefix(const EnumDescriptor* type) {
  const EnumValueDescriptor* zero = type->FindValueByNumber(0);
  if (zero == nullptr || !absl::EndsWith(zero->name(), kUnspecified)) return "";
  return zero->name().substr(0, zero->name().size() - kUnspecified.size());
}

absl::Status NoSuchEnumValue(const FieldDescriptor* field,
                             absl::string_view text) {
  const std::string prefix = EnumPrefix(field->enum_type());
  std::vector<std::string> names;
  for (int i = 0; i < field->enum_type()->value_count(); ++i) {
    std::string name = field->enum_type()->value(i)->name();
    if (absl::EndsWith(name, kUnspecified)) continue;
    names.push_back(name.substr(prefix.size()));
  }
  return absl::InvalidArgumentError(
      absl::StrCat(field->name(), " has no value '", text, "'; one of ",
                   absl::StrJoin(names, ", ")));
}

absl::Status WriteEnum(Message* message, const FieldDescriptor* field,
                       absl::string_view text) {
  const std::string upper = absl::AsciiStrToUpper(text);
  const EnumDescriptor* type = field->enum_type();
  const EnumValueDescriptor* value = type->FindValueByName(upper);
  if (value == nullptr) {
    value = type->FindValueByName(EnumPrefix(type) + upper);
  }
  if (value == nullptr) return NoSuchEnumValue(field, text);
  const Reflection* reflection = message->GetReflection();
  if (field->is_repeated()) {
    reflection->AddEnum(message, field, value);
  } else {
    reflection->SetEnum(message, field, value);
  }
  return absl::OkStatus();
}

// Parses `text` as T with `parse` and sets or adds it with `set` or `add`.
template <typename T, typename Parse>
absl::Status WriteScalar(
    Message* message, const FieldDescriptor* field, absl::string_view text,
    Parse parse,
    void (Reflection::*set)(Message*, const FieldDescriptor*, T) const,
    void (Reflection::*add)(Message*, const FieldDescriptor*, T) const,
    absl::string_view expected) {
  T value;
  if (!parse(text, &value)) {
    return absl::InvalidArgumentError(
        absl::StrCat(field->name(), " takes ", expected, ", not '", text, "'"));
  }
  const Reflection* reflection = message->GetReflection();
  (reflection->*(field->is_repeated() ? add : set))(message, field, value);
  return absl::OkStatus();
}

template <typename T>
bool ParseInteger(absl::string_view text, T* out) {
  return absl::SimpleAtoi(text, out);
}

bool ParseString(absl::string_view text, std::string* out) {
  *out = std::string(text);
  return true;
}

absl::Status WriteValue(Message* message, const FieldDescriptor* field,
                        absl::string_view text) {
  switch (field->cpp_type()) {
    case FieldDescriptor::CPPTYPE_INT32:
      return WriteScalar<int32_t>(message, field, text, ParseInteger<int32_t>,
                                  &Reflection::SetInt32, &Reflection::AddInt32,
                                  "a whole number");
    case FieldDescriptor::CPPTYPE_INT64:
      return WriteScalar<int64_t>(message, field, text, ParseInteger<int64_t>,
                                  &Reflection::SetInt64, &Reflection::AddInt64,
                                  "a whole number");
    case FieldDescriptor::CPPTYPE_UINT32:
      return WriteScalar<uint32_t>(
          message, field, text, ParseInteger<uint32_t>, &Reflection::SetUInt32,
          &Reflection::AddUInt32, "a whole number >= 0");
    case FieldDescriptor::CPPTYPE_UINT64:
      return WriteScalar<uint64_t>(
          message, field, text, ParseInteger<uint64_t>, &Reflection::SetUInt64,
          &Reflection::AddUInt64, "a whole number >= 0");
    case FieldDescriptor::CPPTYPE_DOUBLE:
      return WriteScalar<double>(message, field, text, absl::SimpleAtod,
                                 &Reflection::SetDouble, &Reflection::AddDouble,
                                 "a number");
    case FieldDescriptor::CPPTYPE_FLOAT:
      return WriteScalar<float>(message, field, text, absl::SimpleAtof,
                                &Reflection::SetFloat, &Reflection::AddFloat,
                                "a number");
    case FieldDescriptor::CPPTYPE_BOOL:
      return WriteScalar<bool>(message, field, text, absl::SimpleAtob,
                               &Reflection::SetBool, &Reflection::AddBool,
                               "true or false");
    case FieldDescriptor::CPPTYPE_STRING:
      return WriteScalar<std::string>(message, field, text, ParseString,
                                      &Reflection::SetString,
                                      &Reflection::AddString, "text");
    case FieldDescriptor::CPPTYPE_ENUM:
      return WriteEnum(message, field, text);
    case FieldDescriptor::CPPTYPE_MESSAGE:
      break;
  }
  return absl::InvalidArgumentError(
      absl::StrCat(field->name(), " is a message; use --request FILE.json"));
}

// Writes OPTION=VALUE into a typed options message.
absl::Status SetTypedOption(Message* options, absl::string_view option,
                            absl::string_view value) {
  const FieldDescriptor* field =
      options->GetDescriptor()->FindFieldByName(std::string(option));
  if (field == nullptr) {
    std::vector<std::string> names;
    for (int i = 0; i < options->GetDescriptor()->field_count(); ++i) {
      names.push_back(options->GetDescriptor()->field(i)->name());
    }
    return absl::InvalidArgumentError(absl::StrCat(
        "no option '", option, "'; one of ", absl::StrJoin(names, ", ")));
  }
  if (!field->is_repeated()) return WriteValue(options, field, value);
  options->GetReflection()->ClearField(options, field);
  for (absl::string_view item : absl::StrSplit(value, ',')) {
    if (absl::Status written = WriteValue(options, field, item); !written.ok())
      return written;
  }
  return absl::OkStatus();
}

// Writes OPTION=VALUE into AnalyzerSpec.generic: a number, a boolean or text,
// as the server's option schema expects them.
void SetGenericOption(google::protobuf::Struct* options,
                      absl::string_view option, absl::string_view value) {
  google::protobuf::Value& slot =
      (*options->mutable_fields())[std::string(option)];
  double number;
  if (value == "true" || value == "false") {
    slot.set_bool_value(value == "true");
  } else if (absl::SimpleAtod(value, &number)) {
    slot.set_number_value(number);
  } else {
    slot.set_string_value(std::string(value));
  }
}

}  // namespace

absl::Status ApplySetting(absl::string_view setting,
                          textlens::v1::AnalyzeRequest* request) {
  std::pair<absl::string_view, absl::string_view> key_value =
      absl::StrSplit(setting, absl::MaxSplits('=', 1));
  std::pair<absl::string_view, absl::string_view> path =
      absl::StrSplit(key_value.first, absl::MaxSplits('.', 1));
  if (!absl::StrContains(setting, '=') || path.first.empty() ||
      path.second.empty()) {
    return absl::InvalidArgumentError(
        absl::StrCat("--set ", setting, ": expected ANALYZER.OPTION=VALUE"));
  }
  textlens::v1::AnalyzerSpec* spec = FindOrAddSpec(path.first, request);
  const FieldDescriptor* typed = TypedOptionsField(path.first);
  if (typed == nullptr) {
    SetGenericOption(spec->mutable_generic(), path.second, key_value.second);
    return absl::OkStatus();
  }
  Message* options = spec->GetReflection()->MutableMessage(spec, typed);
  absl::Status status = SetTypedOption(options, path.second, key_value.second);
  if (status.ok()) return status;
  return absl::InvalidArgumentError(
      absl::StrCat("--set ", setting, ": ", status.message()));
}

}  // namespace textlens::clients::cli
