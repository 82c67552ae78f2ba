// PluginRegistry: the analyzers a server can run, and the plugins it refused.
//
// Built once (LoadDirectory or Add), then read-only: every const method is
// thread-safe without locking. A reload builds a new registry
// (PluginCatalog).
#ifndef TEXTLENS_SERVICE_PLUGINS_PLUGIN_REGISTRY_H_
#define TEXTLENS_SERVICE_PLUGINS_PLUGIN_REGISTRY_H_

#include <google/protobuf/descriptor.h>
#include <google/protobuf/dynamic_message.h>

#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "service/plugins/analyzer.h"
#include "service/plugins/isolated_analyzer.h"

namespace textlens::service::plugins {

// A plugin file that could not be loaded, and why.
struct LoadFailure {
  std::string name;     // the file name without ".so"
  std::string path;     // the file
  absl::Status status;  // why it was refused
};

// Which plugins run in processes of their own (IsolatedAnalyzer), by file
// name without ".so" ("entities"), or all of them.
struct PluginIsolation {
  std::set<std::string> plugins;
  bool all = false;
  IsolationLimits limits;
  bool Applies(const std::string& file_stem) const {
    return all || plugins.count(file_stem) > 0;
  }
};

// The plugin files ("*.so") of `folder`, not recursive, sorted; NOT_FOUND
// naming the folder if it cannot be read.
absl::StatusOr<std::vector<std::string>> ListPluginFiles(
    const std::string& folder);

class PluginRegistry {
 public:
  PluginRegistry();
  ~PluginRegistry();

  // The server's configuration of each plugin, by plugin name: string
  // options handed to its `create` ("entities" -> {"kb_file": "..."}).
  using PluginOptions =
      std::map<std::string, std::map<std::string, std::string>>;

  // Loads every "*.so" of `folder` (sorted by file name, not recursive),
  // each created with its `options`, in this process or isolated. Never
  // fails: a plugin that cannot load is logged and recorded as a
  // LoadFailure, and a missing folder is recorded as one failure.
  static std::unique_ptr<PluginRegistry> LoadDirectory(
      const std::string& folder, const PluginOptions& options = {},
      const PluginIsolation& isolation = {});

  // Loads one plugin file and adds it; on failure records a LoadFailure and
  // returns the status. `source` is the file the operator placed (a reload
  // loads a private copy of it); empty: `path` itself.
  absl::Status LoadFile(const std::string& path,
                        const PluginOptions& options = {},
                        const PluginIsolation& isolation = {},
                        const std::string& source = "");

  // Adds an analyzer loaded from `source` (empty: its path()).
  // ALREADY_EXISTS if one has the same name; INVALID_ARGUMENT if its result
  // type cannot be resolved.
  absl::Status Add(std::shared_ptr<const Analyzer> analyzer,
                   const std::string& source = "");

  // Records a failure to load `source`.
  void AddFailure(LoadFailure failure) {
    failures_.push_back(std::move(failure));
  }

  // Checks that every analyzer's needs are loaded and acyclic; an analyzer
  // whose needs are missing is moved to the failures.
  void CheckDependencies();

  // The analyzer named `name`, or nullptr.
  std::shared_ptr<const Analyzer> Find(const std::string& name) const;
  // Names of the loaded analyzers, sorted.
  std::vector<std::string> Names() const;
  const std::vector<LoadFailure>& failures() const { return failures_; }
  // The file the analyzer named `name` was loaded from, as the operator
  // placed it; empty if there is no such analyzer.
  std::string SourceOf(const std::string& name) const;
  size_t size() const { return analyzers_.size(); }

  // The message type an analyzer's result bytes parse as: the compiled-in
  // type for built-in results, else one built from the plugin's descriptor
  // set. Never null for a registered analyzer.
  const google::protobuf::Descriptor* ResultDescriptor(
      const std::string& analyzer) const;
  // A prototype for `descriptor` (compiled-in or dynamic).
  const google::protobuf::Message* Prototype(
      const google::protobuf::Descriptor* descriptor) const;

 private:
  absl::Status RegisterResultType(const plugin::v1::PluginDescriptor& d);

  std::map<std::string, std::shared_ptr<const Analyzer>> analyzers_;
  std::map<std::string, std::string> sources_;  // by analyzer name
  std::vector<LoadFailure> failures_;
  std::map<std::string, const google::protobuf::Descriptor*> result_types_;
  // Result types of third-party plugins that the binary does not know.
  std::unique_ptr<google::protobuf::DescriptorPool> pool_;
  std::unique_ptr<google::protobuf::DynamicMessageFactory> factory_;
};

}  // namespace textlens::service::plugins

#endif  // TEXTLENS_SERVICE_PLUGINS_PLUGIN_REGISTRY_H_
