// plugin_helper.h: turns a C++ class into a textlens plugin.
//
// A plugin class provides:
//
//   class MyAnalyzer {
//    public:
//     using Result = my::v1::MyResult;           // the result message type
//     // Optional: the typed options message of textlens.v1.AnalyzerSpec
//     // that carries this analyzer's options (fields named as its options).
//     using Options = textlens::v1::MyOptions;
//     // name, version, languages, needs, options, threading. The helper
//     // fills result_type and result_descriptor_set from Result.
//     static textlens::plugin::v1::PluginDescriptor Describe();
//     // Builds an instance; may fail. `context` holds the server's options.
//     static textlens::sdk::Status Create(const textlens::sdk::Context&
//     context,
//                                         std::unique_ptr<MyAnalyzer>* out);
//     // Analyzes one document; must be thread-safe if Describe() says
//     // THREADING_CONCURRENT.
//     textlens::sdk::Status Analyze(textlens::sdk::Context& context,
//                                   Result* result) const;
//   };
//   TEXTLENS_PLUGIN(MyAnalyzer)
//
// The macro defines the exported C entry point. Every exception thrown by the
// class is caught at the boundary and reported as TL_INTERNAL.
#ifndef TEXTLENS_PLUGINS_SDK_PLUGIN_HELPER_H_
#define TEXTLENS_PLUGINS_SDK_PLUGIN_HELPER_H_

#include <google/protobuf/arena.h>
#include <google/protobuf/descriptor.h>
#include <google/protobuf/descriptor.pb.h>

#include <exception>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "plugins/sdk/cancellation.h"
#include "plugins/sdk/textlens_plugin.h"
#include "plugins/sdk/tokens.h"
#include "textlens/plugin/v1/plugin.pb.h"

namespace textlens::sdk {

// The outcome of a plugin operation: a tl_code and a message.
struct Status {
  int32_t code = TL_OK;
  std::string message;

  static Status Ok() { return {}; }
  static Status Error(int32_t code, std::string message) {
    return {code, std::move(message)};
  }
  bool ok() const { return code == TL_OK; }

  // From an absl::Status (or any type with code() and message()): its
  // codes are gRPC's canonical codes, as tl_code's are.
  template <typename OtherStatus>
  static Status From(const OtherStatus& other) {
    return {static_cast<int32_t>(other.code()), std::string(other.message())};
  }
};

// Builds OptionSpecs for Describe().
inline plugin::v1::OptionSpec IntOption(std::string name, int64_t default_value,
                                        int64_t min, int64_t max,
                                        std::string description) {
  plugin::v1::OptionSpec spec;
  spec.set_name(std::move(name));
  spec.set_type(plugin::v1::OPTION_TYPE_INT);
  spec.set_description(std::move(description));
  spec.mutable_default_value()->set_int_value(default_value);
  spec.set_has_min(true);
  spec.set_min(static_cast<double>(min));
  spec.set_has_max(true);
  spec.set_max(static_cast<double>(max));
  return spec;
}

inline plugin::v1::OptionSpec DoubleOption(std::string name,
                                           double default_value, double min,
                                           double max,
                                           std::string description) {
  plugin::v1::OptionSpec spec;
  spec.set_name(std::move(name));
  spec.set_type(plugin::v1::OPTION_TYPE_DOUBLE);
  spec.set_description(std::move(description));
  spec.mutable_default_value()->set_double_value(default_value);
  spec.set_has_min(true);
  spec.set_min(min);
  spec.set_has_max(true);
  spec.set_max(max);
  return spec;
}

inline plugin::v1::OptionSpec BoolOption(std::string name, bool default_value,
                                         std::string description) {
  plugin::v1::OptionSpec spec;
  spec.set_name(std::move(name));
  spec.set_type(plugin::v1::OPTION_TYPE_BOOL);
  spec.set_description(std::move(description));
  spec.mutable_default_value()->set_bool_value(default_value);
  return spec;
}

inline plugin::v1::OptionSpec StringOption(std::string name,
                                           std::string default_value,
                                           std::string description) {
  plugin::v1::OptionSpec spec;
  spec.set_name(std::move(name));
  spec.set_type(plugin::v1::OPTION_TYPE_STRING);
  spec.set_description(std::move(description));
  spec.mutable_default_value()->set_string_value(std::move(default_value));
  return spec;
}

// An enum option; `repeated` makes it a list whose default is empty.
inline plugin::v1::OptionSpec EnumOption(std::string name,
                                         std::vector<std::string> allowed,
                                         std::string default_value,
                                         std::string description,
                                         bool repeated = false) {
  plugin::v1::OptionSpec spec;
  spec.set_name(std::move(name));
  spec.set_type(plugin::v1::OPTION_TYPE_ENUM);
  spec.set_description(std::move(description));
  spec.set_repeated(repeated);
  if (repeated) {
    spec.mutable_default_value()->mutable_list_value();
  } else {
    spec.mutable_default_value()->set_string_value(std::move(default_value));
  }
  for (auto& value : allowed) spec.add_allowed_values(std::move(value));
  return spec;
}

// What one call gives the plugin: the parsed input and the host's sink.
// Not thread-safe; one per call.
class Context {
 public:
  Context(plugin::v1::PluginInput input, const tl_sink* sink)
      : owned_(std::move(input)), input_(&owned_), sink_(sink) {}
  // Borrows `input`, which must outlive the context.
  Context(const plugin::v1::PluginInput* input, const tl_sink* sink)
      : input_(input), sink_(sink) {}
  Context(const Context&) = delete;
  Context& operator=(const Context&) = delete;

  const plugin::v1::PluginInput& input() const { return *input_; }
  const plugin::v1::PreparedDocument& document() const {
    return input_->document();
  }

  // Option getters: the host has validated options and filled defaults, so
  // `fallback` only matters when the plugin runs outside a host.
  int64_t GetInt(const std::string& name, int64_t fallback) const {
    const auto* value = Find(name);
    return value && value->has_int_value() ? value->int_value() : fallback;
  }
  double GetDouble(const std::string& name, double fallback) const {
    const auto* value = Find(name);
    if (value && value->has_double_value()) return value->double_value();
    if (value && value->has_int_value()) return value->int_value();
    return fallback;
  }
  bool GetBool(const std::string& name, bool fallback) const {
    const auto* value = Find(name);
    return value && value->has_bool_value() ? value->bool_value() : fallback;
  }
  std::string GetString(const std::string& name, std::string fallback) const {
    const auto* value = Find(name);
    return value && value->has_string_value() ? value->string_value()
                                              : fallback;
  }
  std::vector<std::string> GetStringList(const std::string& name) const {
    std::vector<std::string> out;
    const auto* value = Find(name);
    if (value && value->has_list_value()) {
      for (const auto& item : value->list_value().values()) {
        out.push_back(item.string_value());
      }
    }
    return out;
  }

  // The result of a needed analyzer, or nullptr if the host passed none.
  const plugin::v1::Dependency* FindDependency(std::string_view name) const {
    for (const auto& dependency : input_->dependencies()) {
      if (dependency.analyzer() == name) return &dependency;
    }
    return nullptr;
  }

  // True once the call is cancelled or past its deadline.
  bool Cancelled() const {
    return sink_ != nullptr && sink_->cancelled != nullptr &&
           sink_->cancelled(sink_->ctx) != 0;
  }
  // Cancelled(), asked every `interval` steps of a long loop, for logic
  // that does not see the SDK (cancellation.h). Valid while this Context.
  Cancellation MakeCancellation(
      uint32_t interval = Cancellation::kDefaultInterval) const {
    return Cancellation([this] { return Cancelled(); }, interval);
  }

  // Adds a warning to the result.
  void Warn(std::string_view message) const {
    if (sink_ != nullptr && sink_->warn != nullptr) {
      sink_->warn(sink_->ctx, message.data(), message.size());
    }
  }

 private:
  const plugin::v1::OptionValue* Find(const std::string& name) const {
    auto it = input_->options().find(name);
    return it == input_->options().end() ? nullptr : &it->second;
  }

  plugin::v1::PluginInput owned_;
  const plugin::v1::PluginInput* input_;
  const tl_sink* sink_;
};

namespace internal {

inline int32_t Fail(const tl_sink* out, int32_t code,
                    std::string_view message) {
  if (out != nullptr && out->error != nullptr) {
    out->error(out->ctx, code, message.data(), message.size());
  }
  return code;
}

inline void CollectFiles(const google::protobuf::FileDescriptor* file,
                         std::set<std::string>* seen,
                         google::protobuf::FileDescriptorSet* set) {
  if (!seen->insert(file->name()).second) return;
  for (int i = 0; i < file->dependency_count(); ++i) {
    CollectFiles(file->dependency(i), seen, set);
  }
  file->CopyTo(set->add_file());  // dependencies first
}

// Serialized FileDescriptorSet of `descriptor`'s file and its imports.
inline std::string DescriptorSetOf(
    const google::protobuf::Descriptor* descriptor) {
  google::protobuf::FileDescriptorSet set;
  std::set<std::string> seen;
  CollectFiles(descriptor->file(), &seen, &set);
  return set.SerializeAsString();
}

// Whether Plugin declares `using Options = <its typed options message>;`.
template <typename Plugin, typename = void>
struct HasOptions : std::false_type {};
template <typename Plugin>
struct HasOptions<Plugin, std::void_t<typename Plugin::Options>>
    : std::true_type {};

inline const tl_host_api*& Host() {
  static const tl_host_api* host = nullptr;
  return host;
}

template <typename Plugin>
int32_t Init(const tl_host_api* host, const tl_sink* out) {
  try {
    Host() = host;
    plugin::v1::PluginDescriptor descriptor = Plugin::Describe();
    const auto* type = Plugin::Result::descriptor();
    descriptor.set_result_type(type->full_name());
    descriptor.set_result_descriptor_set(DescriptorSetOf(type));
    if constexpr (HasOptions<Plugin>::value) {
      descriptor.set_options_type(Plugin::Options::descriptor()->full_name());
    }
    const std::string bytes = descriptor.SerializeAsString();
    out->write(out->ctx, reinterpret_cast<const uint8_t*>(bytes.data()),
               bytes.size());
    return TL_OK;
  } catch (const std::exception& e) {
    return Fail(out, TL_INTERNAL, std::string("init threw: ") + e.what());
  } catch (...) {
    return Fail(out, TL_INTERNAL, "init threw a non-standard exception");
  }
}

template <typename Plugin>
int32_t Create(const uint8_t* config, size_t config_size,
               tl_instance** instance, const tl_sink* out) {
  try {
    plugin::v1::PluginInput input;
    if (config_size > 0 &&
        !input.ParseFromArray(config, static_cast<int>(config_size))) {
      return Fail(out, TL_INVALID_ARGUMENT, "config is not a PluginInput");
    }
    Context context(std::move(input), out);
    std::unique_ptr<Plugin> plugin;
    Status status = Plugin::Create(context, &plugin);
    if (!status.ok()) return Fail(out, status.code, status.message);
    if (plugin == nullptr) return Fail(out, TL_INTERNAL, "Create gave nothing");
    *instance = reinterpret_cast<tl_instance*>(plugin.release());
    return TL_OK;
  } catch (const std::exception& e) {
    return Fail(out, TL_INTERNAL, std::string("create threw: ") + e.what());
  } catch (...) {
    return Fail(out, TL_INTERNAL, "create threw a non-standard exception");
  }
}

template <typename Plugin>
int32_t Analyze(tl_instance* instance, const uint8_t* data, size_t size,
                const tl_sink* out) {
  try {
    // The input (a document's tokens: thousands of small messages) and the
    // result live on one arena, freed at once at the end of the call (not
    // under ThreadSanitizer, which cannot follow the arena of the system's
    // uninstrumented libprotobuf).
#if defined(__SANITIZE_THREAD__)
    constexpr bool kUseArena = false;
#else
    constexpr bool kUseArena = true;
#endif
    google::protobuf::ArenaOptions options;
    options.start_block_size = 64 << 10;
    options.max_block_size = 1 << 20;
    std::optional<google::protobuf::Arena> arena;
    if (kUseArena) arena.emplace(options);
    google::protobuf::Arena* on = arena ? &*arena : nullptr;
    auto* input =
        google::protobuf::Arena::CreateMessage<plugin::v1::PluginInput>(on);
    auto* result =
        google::protobuf::Arena::CreateMessage<typename Plugin::Result>(on);
    // Owned here when there is no arena.
    const std::unique_ptr<plugin::v1::PluginInput> own_input(on ? nullptr
                                                                : input);
    const std::unique_ptr<typename Plugin::Result> own_result(on ? nullptr
                                                                 : result);
    if (!input->ParseFromArray(data, static_cast<int>(size))) {
      return Fail(out, TL_INVALID_ARGUMENT, "input is not a PluginInput");
    }
    if (std::string problem = CheckTokens(input->document());
        !problem.empty()) {
      return Fail(out, TL_INVALID_ARGUMENT, "input's document: " + problem);
    }
    Context context(input, out);
    const auto* plugin = reinterpret_cast<const Plugin*>(instance);
    Status status = plugin->Analyze(context, result);
    if (!status.ok()) return Fail(out, status.code, status.message);
    const std::string bytes = result->SerializeAsString();
    out->write(out->ctx, reinterpret_cast<const uint8_t*>(bytes.data()),
               bytes.size());
    return TL_OK;
  } catch (const std::exception& e) {
    return Fail(out, TL_INTERNAL, std::string("analyze threw: ") + e.what());
  } catch (...) {
    return Fail(out, TL_INTERNAL, "analyze threw a non-standard exception");
  }
}

template <typename Plugin>
void Destroy(tl_instance* instance) {
  delete reinterpret_cast<Plugin*>(instance);
}

inline void Fini() { Host() = nullptr; }

}  // namespace internal

// Logs through the host; a no-op outside a host.
inline void Log(tl_log_level level, std::string_view message) {
  const tl_host_api* host = internal::Host();
  if (host != nullptr && host->log != nullptr) {
    host->log(host->ctx, level, message.data(), message.size());
  }
}

// The C table for `Plugin`.
template <typename Plugin>
const tl_plugin_api* PluginApi() {
  static const tl_plugin_api api = {
      sizeof(tl_plugin_api),      TEXTLENS_PLUGIN_ABI_MAJOR,
      TEXTLENS_PLUGIN_ABI_MINOR,  &internal::Init<Plugin>,
      &internal::Create<Plugin>,  &internal::Analyze<Plugin>,
      &internal::Destroy<Plugin>, &internal::Fini,
  };
  return &api;
}

}  // namespace textlens::sdk

// Defines the plugin's exported entry point for class `PluginClass`.
#define TEXTLENS_PLUGIN(PluginClass)                     \
  extern "C" TEXTLENS_PLUGIN_EXPORT const tl_plugin_api* \
  textlens_plugin_entry(void) {                          \
    return ::textlens::sdk::PluginApi<PluginClass>();    \
  }

#endif  // TEXTLENS_PLUGINS_SDK_PLUGIN_HELPER_H_
