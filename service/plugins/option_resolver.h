// Resolves the options a request gives an analyzer into the complete,
// validated option map the plugin receives (PluginInput.options).
//
// Thread-safe: free functions without shared state.
#ifndef TEXTLENS_SERVICE_PLUGINS_OPTION_RESOLVER_H_
#define TEXTLENS_SERVICE_PLUGINS_OPTION_RESOLVER_H_

#include <google/protobuf/message.h>
#include <google/protobuf/struct.pb.h>

#include <cstdint>
#include <map>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "textlens/plugin/v1/plugin.pb.h"
#include "textlens/v1/service.pb.h"

namespace textlens::service::plugins {

using OptionMap = std::map<std::string, plugin::v1::OptionValue>;

// Options from a typed options message (SummarizerOptions...): every field
// that is set (optional scalars present, enums not 0, lists non-empty) is
// taken by name; enums by value name. `typed` may be null (no options).
// Then as ResolveOptions. `field` names the request field in messages
// ("analyzers[0].summarizer").
absl::StatusOr<OptionMap> ResolveTypedOptions(
    const plugin::v1::PluginDescriptor& descriptor,
    const google::protobuf::Message* typed, absl::string_view field);

// Options from a JSON-like Struct (numbers, bools, strings, lists).
absl::StatusOr<OptionMap> ResolveGenericOptions(
    const plugin::v1::PluginDescriptor& descriptor,
    const google::protobuf::Struct& generic, absl::string_view field);

// Checks `given` against the descriptor's schema and fills defaults.
// INVALID_ARGUMENT naming `field` and the option when an option is unknown,
// of the wrong type, out of range or not an allowed value;
// RESOURCE_EXHAUSTED naming them and the limit when a string is longer
// than MaxBytes(spec) or a list longer than MaxItems(spec).
absl::StatusOr<OptionMap> ResolveOptions(
    const plugin::v1::PluginDescriptor& descriptor, const OptionMap& given,
    absl::string_view field);

// The limits the host applies to an option's values: the spec's own, or
// the defaults when it declares none (see OptionSpec.max_bytes and
// max_items). MaxItems is 0 for an option that is not a list.
inline constexpr uint64_t kDefaultOptionMaxBytes = 1 << 20;
inline constexpr uint32_t kDefaultOptionMaxItems = 1024;
uint64_t MaxBytes(const plugin::v1::OptionSpec& spec);
uint32_t MaxItems(const plugin::v1::OptionSpec& spec);
// The three, with the limits the analyzer enforces itself, as the public
// API reports them.
textlens::v1::OptionLimits LimitsOf(const plugin::v1::OptionSpec& spec);

// The value as JSON text ("3", "true", "\"ORDER_RANK\"", "[]").
std::string OptionValueToJson(const plugin::v1::OptionValue& value);

}  // namespace textlens::service::plugins

#endif  // TEXTLENS_SERVICE_PLUGINS_OPTION_RESOLVER_H_
