// Analyzer: one instance of a loaded plugin, ready to analyze documents.
//
// Thread-safe: Analyze() may be called from many threads. For a plugin whose
// descriptor says THREADING_SERIALIZED the calls are serialized here.
#ifndef TEXTLENS_SERVICE_PLUGINS_ANALYZER_H_
#define TEXTLENS_SERVICE_PLUGINS_ANALYZER_H_

#include <atomic>
#include <memory>
#include <mutex>
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

  // Creates an instance of `library`'s plugin with the server's `config`.
  // Returns the plugin's error when its create fails.
  static absl::StatusOr<std::shared_ptr<Analyzer>> Create(
      std::shared_ptr<PluginLibrary> library,
      const plugin::v1::PluginInput& config);

  ~Analyzer();
  Analyzer(const Analyzer&) = delete;
  Analyzer& operator=(const Analyzer&) = delete;

  const std::string& name() const { return library_->descriptor().name(); }
  const plugin::v1::PluginDescriptor& descriptor() const {
    return library_->descriptor();
  }
  const std::string& path() const { return library_->path(); }

  // Runs the plugin on a serialized PluginInput. `cancelled` (may be null)
  // is what the plugin sees through its sink's cancelled().
  Output Analyze(const std::string& input,
                 const std::atomic<bool>* cancelled) const;

 private:
  Analyzer(std::shared_ptr<PluginLibrary> library, tl_instance* instance);

  std::shared_ptr<PluginLibrary> library_;  // outlives instance_
  tl_instance* instance_;
  const bool serialized_;
  mutable std::mutex serial_mu_;  // held around analyze when serialized_
};

}  // namespace textlens::service::plugins

#endif  // TEXTLENS_SERVICE_PLUGINS_ANALYZER_H_
