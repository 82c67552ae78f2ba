// PluginCatalog: the plugins in service, reloadable without a restart.
//
// It holds the current PluginRegistry. Each call takes it once (Current())
// and keeps it to its end, so a call never mixes two versions of a plugin.
// Reload() reads the plugin folder again and builds a new registry beside
// the current one: a file that did not change keeps its analyzer as is; a
// new or changed file is copied to a private folder and loaded from there
// (the dynamic loader would hand back the loaded library for the same path,
// and the operator's file may be replaced again at any time); a file that
// fails to load keeps its previous version serving, the failure listed; a
// file removed takes its analyzer out. Then the new registry replaces the
// current one: new calls use it, calls in flight finish on the old one,
// which is released with its last call (plugin instances destroyed,
// isolated processes stopped; libraries stay mapped, never dlclosed).
//
// Thread-safe: Current() from any thread; reloads run one at a time.
#ifndef TEXTLENS_SERVICE_PLUGINS_PLUGIN_CATALOG_H_
#define TEXTLENS_SERVICE_PLUGINS_PLUGIN_CATALOG_H_

#include <sys/types.h>

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "service/plugins/plugin_registry.h"

namespace textlens::service::plugins {

// What a reload did with one plugin file.
struct ReloadOutcome {
  enum class Action {
    kUnchanged,  // same file: the loaded analyzer kept
    kAdded,      // a new file loaded
    kReplaced,   // a changed file loaded; the previous version drains
    kRemoved,    // the file is gone: its analyzer taken out
    kFailed,     // could not load: the previous version (if any) serves on
  };
  std::string file;      // in the plugin folder
  std::string analyzer;  // its analyzer's name, when known
  Action action = Action::kUnchanged;
  std::string previous_version;  // serving before the reload, if any
  std::string version;           // serving after it, if any
  absl::Status error;            // with kFailed
};

class PluginCatalog {
 public:
  // Serves `initial`, loaded from `folder` with `options` and `isolation`,
  // which reloads use again.
  PluginCatalog(std::unique_ptr<const PluginRegistry> initial,
                std::string folder, PluginRegistry::PluginOptions options,
                PluginIsolation isolation);
  // For a registry built by hand (tests, benchmarks): Reload() fails.
  explicit PluginCatalog(std::unique_ptr<const PluginRegistry> registry);
  ~PluginCatalog();

  PluginCatalog(const PluginCatalog&) = delete;
  PluginCatalog& operator=(const PluginCatalog&) = delete;

  // The registry in service now.
  std::shared_ptr<const PluginRegistry> Current() const;

  // Reads the folder again, as described above; one outcome per file
  // (sorted), then per analyzer removed. FAILED_PRECONDITION without a
  // folder; the folder's own errors come as outcomes. `swapped` (may be
  // empty) is called with the previous and the new registry right after
  // the new one took over, before Reload returns.
  absl::StatusOr<std::vector<ReloadOutcome>> Reload(
      const std::function<void(const PluginRegistry& previous,
                               const PluginRegistry& next)>& swapped = nullptr);

  const std::string& folder() const { return folder_; }

 private:
  // What identifies a version of a file: a replaced file has a new inode
  // or modification time.
  struct Stamp {
    dev_t device = 0;
    ino_t inode = 0;
    int64_t size = 0;
    int64_t modified_ns = 0;
    bool operator==(const Stamp& other) const {
      return device == other.device && inode == other.inode &&
             size == other.size && modified_ns == other.modified_ns;
    }
  };
  static bool StampOf(const std::string& path, Stamp* stamp);
  // A private copy of `source` to load; its path.
  absl::StatusOr<std::string> Stage(const std::string& source);

  const std::string folder_;
  const PluginRegistry::PluginOptions options_;
  const PluginIsolation isolation_;

  mutable std::mutex mu_;  // guards current_
  std::shared_ptr<const PluginRegistry> current_;

  std::mutex reload_mu_;  // one reload at a time; guards what follows
  std::map<std::string, Stamp> stamps_;  // by source file, as loaded
  std::string staging_;                  // the private folder, once made
  int staged_ = 0;                       // copies made, for unique names
};

}  // namespace textlens::service::plugins

#endif  // TEXTLENS_SERVICE_PLUGINS_PLUGIN_CATALOG_H_
