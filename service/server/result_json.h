// ToJson: the API's messages in protobuf's JSON mapping with proto field
// names, as the HTTP gateway answers them, third-party analyzers' results
// (google.protobuf.Any) included: their types are known only to the plugin
// registry that loaded them, not to the compiled-in descriptor pool.
//
// Thread-safe: a free function; the registry is immutable.
#ifndef TEXTLENS_SERVICE_SERVER_RESULT_JSON_H_
#define TEXTLENS_SERVICE_SERVER_RESULT_JSON_H_

#include <string>

#include "absl/status/statusor.h"
#include "google/protobuf/message.h"
#include "service/plugins/plugin_registry.h"

namespace textlens::service::server {

// `message` as JSON (one line). Any fields are resolved through the
// compiled-in types, then the result types of `registry`'s plugins (null:
// compiled-in types only). INTERNAL naming the problem when a value cannot
// be printed (an Any of a type neither knows).
absl::StatusOr<std::string> ToJson(const google::protobuf::Message& message,
                                   const plugins::PluginRegistry* registry);

}  // namespace textlens::service::server

#endif  // TEXTLENS_SERVICE_SERVER_RESULT_JSON_H_
