#include "service/server/span_converter.h"

#include <google/protobuf/descriptor.h>
#include <google/protobuf/reflection.h>

namespace textlens::service::server {
namespace {

using google::protobuf::FieldDescriptor;
using google::protobuf::Message;

bool IsTextSpan(const google::protobuf::Descriptor* type) {
  return type->full_name() == textlens::v1::TextSpan::descriptor()->full_name();
}

void ConvertSpan(const text::OffsetMap& offsets, textlens::v1::OffsetUnit unit,
                 Message* span) {
  const auto* type = span->GetDescriptor();
  const auto* r = span->GetReflection();
  for (const char* name : {"begin", "end"}) {
    const FieldDescriptor* f = type->FindFieldByName(name);
    if (f == nullptr || f->cpp_type() != FieldDescriptor::CPPTYPE_UINT32)
      continue;
    const uint32_t byte = r->GetUInt32(*span, f);
    r->SetUInt32(span, f,
                 unit == textlens::v1::OFFSET_UNIT_UTF16_CODE_UNITS
                     ? offsets.ToUtf16(byte)
                     : offsets.ToCodePoints(byte));
  }
}

void Walk(const text::OffsetMap& offsets, textlens::v1::OffsetUnit unit,
          Message* message) {
  if (IsTextSpan(message->GetDescriptor())) {
    ConvertSpan(offsets, unit, message);
    return;
  }
  const auto* r = message->GetReflection();
  std::vector<const FieldDescriptor*> fields;
  r->ListFields(*message, &fields);
  for (const FieldDescriptor* f : fields) {
    if (f->cpp_type() != FieldDescriptor::CPPTYPE_MESSAGE || f->is_map())
      continue;
    if (f->is_repeated()) {
      const int n = r->FieldSize(*message, f);
      for (int i = 0; i < n; ++i) {
        Walk(offsets, unit, r->MutableRepeatedMessage(message, f, i));
      }
    } else {
      Walk(offsets, unit, r->MutableMessage(message, f));
    }
  }
}

}  // namespace

void ConvertSpans(const text::OffsetMap& offsets, textlens::v1::OffsetUnit unit,
                  Message* message) {
  if (unit == textlens::v1::OFFSET_UNIT_UTF8_BYTES ||
      unit == textlens::v1::OFFSET_UNIT_UNSPECIFIED) {
    return;
  }
  Walk(offsets, unit, message);
}

}  // namespace textlens::service::server
