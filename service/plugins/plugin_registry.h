// PluginRegistry: the analyzers a server can run, and the plugins it refused.
//
// Made by a PluginRegistry::Builder (or LoadDirectory), then immutable:
// every method is const and thread-safe without locking. A reload builds a
// new registry (PluginCatalog).
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
  class Builder;

  ~PluginRegistry();

  // The server's configuration of each plugin, by plugin name: string
  // options handed to its `create` ("entities" -> {"kb_file": "..."}).
  using PluginOptions =
      std::map<std::string, std::map<std::string, std::string>>;

  // Loads every "*.so" of `folder` (sorted by file name, not recursive),
  // each created with its `options`, in this process or isolated. Never
  // fails: a plugin that cannot load is logged and recorded as a
  // LoadFailure, and a missing folder is recorded as one failure.
  static std::unique_ptr<const PluginRegistry> LoadDirectory(
      const std::string& folder, const PluginOptions& options = {},
      const PluginIsolation& isolation = {});

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
  PluginRegistry();

  // Only a Builder changes a registry, before it is handed out.
  absl::Status LoadFile(const std::string& path, const PluginOptions& options,
                        const PluginIsolation& isolation,
                        const std::string& source);
  absl::Status Add(std::shared_ptr<const Analyzer> analyzer,
                   const std::string& source);
  void LoadAll(const std::string& folder, const PluginOptions& options,
               const PluginIsolation& isolation);
  void CheckDependencies();
  absl::Status RegisterResultType(const plugin::v1::PluginDescriptor& d);

  std::map<std::string, std::shared_ptr<const Analyzer>> analyzers_;
  std::map<std::string, std::string> sources_;  // by analyzer name
  std::vector<LoadFailure> failures_;
  std::map<std::string, const google::protobuf::Descriptor*> result_types_;
  // Result types of third-party plugins that the binary does not know.
  std::unique_ptr<google::protobuf::DescriptorPool> pool_;
  std::unique_ptr<google::protobuf::DynamicMessageFactory> factory_;
};

// Builds a PluginRegistry: loads and adds analyzers and records failures;
// Build() then checks every analyzer's needs and hands the registry over,
// immutable from then on (the only way to get one).
//
// Thread-compatible: one thread builds.
class PluginRegistry::Builder {
 public:
  Builder();

  // Loads every "*.so" of `folder` as PluginRegistry::LoadDirectory does.
  Builder& LoadDirectory(const std::string& folder,
                         const PluginOptions& options = {},
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
  void AddFailure(LoadFailure failure);

  // What was added so far, to read while building.
  const PluginRegistry& registry() const { return *registry_; }

  // Checks that every analyzer's needs are loaded and acyclic (one whose
  // needs are missing moves to the failures) and hands the registry over.
  std::unique_ptr<const PluginRegistry> Build() &&;

 private:
  std::unique_ptr<PluginRegistry> registry_;
};

}  // namespace textlens::service::plugins

#endif  // TEXTLENS_SERVICE_PLUGINS_PLUGIN_REGISTRY_H_
