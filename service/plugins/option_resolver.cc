#include "service/plugins/option_resolver.h"

#include <google/protobuf/descriptor.h>
#include <google/protobuf/reflection.h>

#include <cmath>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "service/common/status_macros.h"

namespace textlens::service::plugins {
namespace {

using google::protobuf::FieldDescriptor;
using plugin::v1::OptionSpec;
using plugin::v1::OptionValue;

const OptionSpec* FindSpec(const plugin::v1::PluginDescriptor& d,
                           const std::string& name) {
  for (const auto& spec : d.options()) {
    if (spec.name() == name) return &spec;
  }
  return nullptr;
}

absl::Status Invalid(absl::string_view field, const std::string& option,
                     absl::string_view problem) {
  return absl::InvalidArgumentError(
      absl::StrCat(field, ".", option, ": ", problem));
}

// "analyzers[0].entities.custom_entities is 5000000 bytes; the limit is
// 4194304 (max_bytes)".
absl::Status OverLimit(absl::string_view field, const std::string& option,
                       size_t size, absl::string_view unit, uint64_t limit,
                       absl::string_view limit_name) {
  return absl::ResourceExhaustedError(
      absl::StrCat(field, ".", option, " has ", size, " ", unit,
                   "; the limit is ", limit, " (", limit_name, ")"));
}

// One scalar of a typed options message as an OptionValue.
OptionValue ScalarValue(const google::protobuf::Message& message,
                        const FieldDescriptor* f, int index) {
  const auto* r = message.GetReflection();
  const bool rep = f->is_repeated();
  OptionValue v;
  switch (f->cpp_type()) {
    case FieldDescriptor::CPPTYPE_INT32:
      v.set_int_value(rep ? r->GetRepeatedInt32(message, f, index)
                          : r->GetInt32(message, f));
      break;
    case FieldDescriptor::CPPTYPE_INT64:
      v.set_int_value(rep ? r->GetRepeatedInt64(message, f, index)
                          : r->GetInt64(message, f));
      break;
    case FieldDescriptor::CPPTYPE_UINT32:
      v.set_int_value(rep ? r->GetRepeatedUInt32(message, f, index)
                          : r->GetUInt32(message, f));
      break;
    case FieldDescriptor::CPPTYPE_UINT64:
      v.set_int_value(
          static_cast<int64_t>(rep ? r->GetRepeatedUInt64(message, f, index)
                                   : r->GetUInt64(message, f)));
      break;
    case FieldDescriptor::CPPTYPE_DOUBLE:
      v.set_double_value(rep ? r->GetRepeatedDouble(message, f, index)
                             : r->GetDouble(message, f));
      break;
    case FieldDescriptor::CPPTYPE_FLOAT:
      v.set_double_value(rep ? r->GetRepeatedFloat(message, f, index)
                             : r->GetFloat(message, f));
      break;
    case FieldDescriptor::CPPTYPE_BOOL:
      v.set_bool_value(rep ? r->GetRepeatedBool(message, f, index)
                           : r->GetBool(message, f));
      break;
    case FieldDescriptor::CPPTYPE_STRING:
      v.set_string_value(rep ? r->GetRepeatedString(message, f, index)
                             : r->GetString(message, f));
      break;
    case FieldDescriptor::CPPTYPE_ENUM: {
      const auto* e =
          rep ? r->GetRepeatedEnum(message, f, index) : r->GetEnum(message, f);
      v.set_string_value(e->name());
      break;
    }
    case FieldDescriptor::CPPTYPE_MESSAGE:
      break;  // not an option type; left empty and refused by the check
  }
  return v;
}

bool IsSet(const google::protobuf::Message& message, const FieldDescriptor* f) {
  const auto* r = message.GetReflection();
  if (f->is_repeated()) return r->FieldSize(message, f) > 0;
  if (f->has_presence()) return r->HasField(message, f);
  if (f->cpp_type() == FieldDescriptor::CPPTYPE_ENUM) {
    return r->GetEnumValue(message, f) != 0;  // 0 is *_UNSPECIFIED
  }
  return r->HasField(message, f);  // proto3 implicit: non-default
}

absl::StatusOr<OptionValue> FromStructValue(const google::protobuf::Value& in,
                                            absl::string_view field,
                                            const std::string& name) {
  OptionValue out;
  switch (in.kind_case()) {
    case google::protobuf::Value::kNumberValue:
      out.set_double_value(in.number_value());
      break;
    case google::protobuf::Value::kBoolValue:
      out.set_bool_value(in.bool_value());
      break;
    case google::protobuf::Value::kStringValue:
      out.set_string_value(in.string_value());
      break;
    case google::protobuf::Value::kListValue:
      for (const auto& item : in.list_value().values()) {
        if (item.has_list_value() || item.has_struct_value()) {
          return Invalid(field, name,
                         "nested lists and objects are not options");
        }
        ASSIGN_OR_RETURN(*out.mutable_list_value()->add_values(),
                         FromStructValue(item, field, name));
      }
      out.mutable_list_value();
      break;
    default:
      return Invalid(field, name,
                     "must be a number, a bool, a string or a list");
  }
  return out;
}

// Checks one scalar against the spec and converts it to the spec's type.
absl::StatusOr<OptionValue> CheckScalar(const OptionSpec& spec,
                                        const OptionValue& in,
                                        absl::string_view field) {
  OptionValue out;
  const std::string& name = spec.name();
  if (in.has_string_value() && in.string_value().size() > MaxBytes(spec)) {
    return OverLimit(field, name, in.string_value().size(), "bytes",
                     MaxBytes(spec), "max_bytes");
  }
  auto check_range = [&](double x) -> absl::Status {
    if ((spec.has_min() && x < spec.min()) ||
        (spec.has_max() && x > spec.max())) {
      std::string range =
          absl::StrCat(spec.has_min() ? absl::StrCat(spec.min()) : "-inf", "..",
                       spec.has_max() ? absl::StrCat(spec.max()) : "inf");
      return Invalid(field, name,
                     absl::StrCat("value ", x, " is out of range ", range));
    }
    return absl::OkStatus();
  };
  switch (spec.type()) {
    case plugin::v1::OPTION_TYPE_INT: {
      double x;
      if (in.has_int_value()) {
        x = static_cast<double>(in.int_value());
      } else if (in.has_double_value() &&
                 std::floor(in.double_value()) == in.double_value()) {
        x = in.double_value();
      } else {
        return Invalid(field, name, "must be an integer");
      }
      RETURN_IF_ERROR(check_range(x));
      out.set_int_value(static_cast<int64_t>(x));
      break;
    }
    case plugin::v1::OPTION_TYPE_DOUBLE: {
      double x;
      if (in.has_double_value()) {
        x = in.double_value();
      } else if (in.has_int_value()) {
        x = static_cast<double>(in.int_value());
      } else {
        return Invalid(field, name, "must be a number");
      }
      if (!std::isfinite(x)) return Invalid(field, name, "must be finite");
      RETURN_IF_ERROR(check_range(x));
      out.set_double_value(x);
      break;
    }
    case plugin::v1::OPTION_TYPE_BOOL:
      if (!in.has_bool_value()) return Invalid(field, name, "must be a bool");
      out.set_bool_value(in.bool_value());
      break;
    case plugin::v1::OPTION_TYPE_STRING:
      if (!in.has_string_value())
        return Invalid(field, name, "must be a string");
      out.set_string_value(in.string_value());
      break;
    case plugin::v1::OPTION_TYPE_ENUM: {
      if (!in.has_string_value()) {
        return Invalid(field, name, "must be one of the allowed names");
      }
      bool allowed = false;
      for (const auto& a : spec.allowed_values())
        allowed |= a == in.string_value();
      if (!allowed) {
        return Invalid(
            field, name,
            absl::StrCat("'", in.string_value(), "' is not one of: ",
                         absl::StrJoin(spec.allowed_values(), ", ")));
      }
      out.set_string_value(in.string_value());
      break;
    }
    default:
      return Invalid(field, name,
                     "has an unknown type in the analyzer's schema");
  }
  return out;
}

}  // namespace

absl::StatusOr<OptionMap> ResolveOptions(
    const plugin::v1::PluginDescriptor& descriptor, const OptionMap& given,
    absl::string_view field) {
  OptionMap resolved;
  for (const auto& [name, value] : given) {
    const OptionSpec* spec = FindSpec(descriptor, name);
    if (spec == nullptr) {
      std::vector<std::string> known;
      for (const auto& s : descriptor.options()) known.push_back(s.name());
      return Invalid(
          field, name,
          absl::StrCat(
              "unknown option of analyzer ", descriptor.name(), " (options: ",
              known.empty() ? "none" : absl::StrJoin(known, ", "), ")"));
    }
    if (spec->repeated()) {
      OptionValue list;
      list.mutable_list_value();
      if (!value.has_list_value())
        return Invalid(field, name, "must be a list");
      if (static_cast<uint64_t>(value.list_value().values_size()) >
          MaxItems(*spec)) {
        return OverLimit(field, name, value.list_value().values_size(),
                         "values", MaxItems(*spec), "max_items");
      }
      for (const auto& item : value.list_value().values()) {
        ASSIGN_OR_RETURN(*list.mutable_list_value()->add_values(),
                         CheckScalar(*spec, item, field));
      }
      resolved[name] = std::move(list);
    } else {
      if (value.has_list_value())
        return Invalid(field, name, "must not be a list");
      ASSIGN_OR_RETURN(resolved[name], CheckScalar(*spec, value, field));
    }
  }
  for (const auto& spec : descriptor.options()) {
    if (resolved.count(spec.name()) == 0) {
      resolved[spec.name()] = spec.default_value();
    }
  }
  return resolved;
}

absl::StatusOr<OptionMap> ResolveTypedOptions(
    const plugin::v1::PluginDescriptor& descriptor,
    const google::protobuf::Message* typed, absl::string_view field) {
  OptionMap given;
  if (typed != nullptr) {
    const auto* type = typed->GetDescriptor();
    for (int i = 0; i < type->field_count(); ++i) {
      const FieldDescriptor* f = type->field(i);
      if (!IsSet(*typed, f)) continue;
      OptionValue value;
      if (f->is_repeated()) {
        value.mutable_list_value();
        const int n = typed->GetReflection()->FieldSize(*typed, f);
        for (int j = 0; j < n; ++j) {
          *value.mutable_list_value()->add_values() = ScalarValue(*typed, f, j);
        }
      } else {
        value = ScalarValue(*typed, f, 0);
      }
      given[f->name()] = std::move(value);
    }
  }
  return ResolveOptions(descriptor, given, field);
}

absl::StatusOr<OptionMap> ResolveGenericOptions(
    const plugin::v1::PluginDescriptor& descriptor,
    const google::protobuf::Struct& generic, absl::string_view field) {
  OptionMap given;
  for (const auto& [name, value] : generic.fields()) {
    ASSIGN_OR_RETURN(given[name], FromStructValue(value, field, name));
  }
  return ResolveOptions(descriptor, given, field);
}

uint64_t MaxBytes(const plugin::v1::OptionSpec& spec) {
  return spec.max_bytes() != 0 ? spec.max_bytes() : kDefaultOptionMaxBytes;
}

uint32_t MaxItems(const plugin::v1::OptionSpec& spec) {
  if (!spec.repeated()) return 0;
  return spec.max_items() != 0 ? spec.max_items() : kDefaultOptionMaxItems;
}

textlens::v1::OptionLimits LimitsOf(const plugin::v1::OptionSpec& spec) {
  textlens::v1::OptionLimits limits;
  limits.set_max_bytes(MaxBytes(spec));
  limits.set_max_items(MaxItems(spec));
  *limits.mutable_content_limits() = spec.content_limits();
  return limits;
}

std::string OptionValueToJson(const plugin::v1::OptionValue& value) {
  switch (value.kind_case()) {
    case OptionValue::kIntValue:
      return absl::StrCat(value.int_value());
    case OptionValue::kDoubleValue:
      return absl::StrCat(value.double_value());
    case OptionValue::kBoolValue:
      return value.bool_value() ? "true" : "false";
    case OptionValue::kStringValue:
      return absl::StrCat("\"", value.string_value(), "\"");
    case OptionValue::kListValue: {
      std::vector<std::string> items;
      for (const auto& item : value.list_value().values()) {
        items.push_back(OptionValueToJson(item));
      }
      return absl::StrCat("[", absl::StrJoin(items, ","), "]");
    }
    default:
      return "null";
  }
}

}  // namespace textlens::service::plugins
