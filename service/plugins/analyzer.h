// Analyzer: one configured analyzer plugin, ready to analyze documents.
//
// Two kinds share this interface: a plugin loaded into the server
// (Analyzer::Create, the fast default) and a plugin hosted in supervised
// processes of its own (IsolatedAnalyzer, isolated_analyzer.h), where a
// crash, a hang or a runaway allocation costs that analyzer's result and
// not the server.
//
// Thread-safe: Analyze() may be called from many threads. For an in-process
// plugin whose descriptor says THREADING_SERIALIZED the calls are
// serialized here.
#ifndef TEXTLENS_SERVICE_PLUGINS_ANALYZER_H_
#define TEXTLENS_SERVICE_PLUGINS_ANALYZER_H_

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "service/plugins/plugin_library.h"

namespace textlens::service::plugins {

class Analyzer {
 public:
  // What one analyze call produced.
  struct Output {
    absl::Status status;                // OK, or why the call failed
    std::string result;                 // serialized result when OK
    std::vector<std::string> warnings;  // from the plugin
  };

  // How the analyzer is doing: always available in-process; an isolated
  // one is unavailable while its process restarts.
  struct Health {
    bool available = true;
    uint32_t failures = 0;     // processes that died
    std::string last_failure;  // how the last one died
  };

  // Creates an instance of `library`'s plugin, in this process, with the
  // server's `config`. Returns the plugin's error when its create fails.
  static absl::StatusOr<std::shared_ptr<Analyzer>> Create(
      std::shared_ptr<PluginLibrary> library,
      const plugin::v1::PluginInput& config);

  virtual ~Analyzer() = default;
  Analyzer(const Analyzer&) = delete;
  Analyzer& operator=(const Analyzer&) = delete;

  const std::string& name() const { return descriptor_.name(); }
  const plugin::v1::PluginDescriptor& descriptor() const { return descriptor_; }
  // The shared library it comes from.
  const std::string& path() const { return path_; }

  // Runs the plugin on a serialized PluginInput. `cancelled` (may be null)
  // turns true when the call is cancelled or past its deadline: an
  // in-process plugin sees it through its sink's cancelled(); an isolated
  // one's process is killed.
  virtual Output Analyze(const std::string& input,
                         const std::atomic<bool>* cancelled) const = 0;

  virtual bool isolated() const { return false; }
  virtual Health health() const { return {}; }
  // Calls `listener(available)` at once, then whenever availability may
  // have changed (from any thread, one call at a time). Replacing the
  // listener (or clearing it with nullptr) waits for a call in progress.
  // In-process analyzers are always available.
  // A listener is an observer, not a change of the analyzer: it may be set
  // on the shared, const analyzers of a registry.
  virtual void OnAvailabilityChange(std::function<void(bool)> listener) const {
    if (listener) listener(true);
  }

 protected:
  Analyzer(std::string path, plugin::v1::PluginDescriptor descriptor)
      : path_(std::move(path)), descriptor_(std::move(descriptor)) {}

 private:
  const std::string path_;
  const plugin::v1::PluginDescriptor descriptor_;
};

}  // namespace textlens::service::plugins

#endif  // TEXTLENS_SERVICE_PLUGINS_ANALYZER_H_
