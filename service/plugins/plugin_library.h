// PluginLibrary: one analyzer plugin loaded from a shared library.
//
// Opening checks the file (a regular file, not writable by others, in a folder
// not writable by others), loads it with dlopen(RTLD_NOW | RTLD_LOCAL), looks
// up the one entry symbol, checks the ABI version and the table size, calls
// init and validates the descriptor the plugin gives. A library that fails any
// step is refused with a status naming the step.
//
// Libraries are never dlclose()d: code of a library may still run on a
// thread that outlived its call (a plugin ignoring cancellation), and
// protobuf keeps pointers into a library that registered its own messages.
// fini runs when the last reference goes away.
//
// Thread-safe: immutable after Open(); create/destroy/analyze through the C
// table follow the plugin's threading contract, enforced by Analyzer.
#ifndef TEXTLENS_SERVICE_PLUGINS_PLUGIN_LIBRARY_H_
#define TEXTLENS_SERVICE_PLUGINS_PLUGIN_LIBRARY_H_

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "plugins/sdk/textlens_plugin.h"
#include "textlens/plugin/v1/plugin.pb.h"

namespace textlens::service::plugins {

class PluginLibrary {
 public:
  // Loads the plugin at `path`. Errors:
  //  - NOT_FOUND: no such file;
  //  - PERMISSION_DENIED: the file or its folder is writable by others;
  //  - FAILED_PRECONDITION: not a loadable shared library, no entry symbol,
  //    an ABI the host does not speak, or a table too small;
  //  - INVALID_ARGUMENT: the descriptor is malformed (bad name, no result
  //    type, unparsable descriptor set, bad option schema);
  //  - the plugin's own code when its init fails.
  static absl::StatusOr<std::shared_ptr<PluginLibrary>> Open(
      const std::string& path);
  // The checks Open makes of the file and its folder before loading:
  // NOT_FOUND, or PERMISSION_DENIED when either is writable by others.
  static absl::Status CheckFile(const std::string& path);

  ~PluginLibrary();
  PluginLibrary(const PluginLibrary&) = delete;
  PluginLibrary& operator=(const PluginLibrary&) = delete;

  const std::string& path() const { return path_; }
  const plugin::v1::PluginDescriptor& descriptor() const { return descriptor_; }
  const tl_plugin_api& api() const { return *api_; }

 private:
  PluginLibrary(std::string path, void* handle, const tl_plugin_api* api)
      : path_(std::move(path)), handle_(handle), api_(api) {}

  std::string path_;
  [[maybe_unused]] void* handle_;  // never closed; see the file comment
  const tl_plugin_api* api_;       // owned by the library
  plugin::v1::PluginDescriptor descriptor_;
  bool initialized_ = false;
};

// OK if `descriptor` is one the host can serve: a valid name, a version, a
// result type found in its descriptor set, well-formed option specs.
absl::Status ValidateDescriptor(const plugin::v1::PluginDescriptor& descriptor);

}  // namespace textlens::service::plugins

#endif  // TEXTLENS_SERVICE_PLUGINS_PLUGIN_LIBRARY_H_
