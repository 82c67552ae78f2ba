// PluginWatcher: reloads the plugins when their folder changes, so that
// dropping a new plugin file in place (written elsewhere, then moved in) is
// all a deployment needs.
//
// Watches the folder with inotify for plugin files written, moved in or out
// and deleted; once the folder has been quiet for `settle` (a copy in
// progress keeps it busy), calls `reload` on its own thread. Stops in its
// destructor or with Stop().
//
// Thread-safe: constructed and destroyed on one thread; `reload` runs on the
// watcher's.
#ifndef TEXTLENS_SERVICE_SERVER_PLUGIN_WATCHER_H_
#define TEXTLENS_SERVICE_SERVER_PLUGIN_WATCHER_H_

#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "absl/status/statusor.h"
#include "absl/time/time.h"

namespace textlens::service::server {

class PluginWatcher {
 public:
  // Starts watching `folder`. FAILED_PRECONDITION if it cannot be watched.
  static absl::StatusOr<std::unique_ptr<PluginWatcher>> Start(
      const std::string& folder, absl::Duration settle,
      std::function<void()> reload);
  ~PluginWatcher();

  PluginWatcher(const PluginWatcher&) = delete;
  PluginWatcher& operator=(const PluginWatcher&) = delete;

  // Stops watching and waits for a reload in progress; from any thread,
  // more than once.
  void Stop();

 private:
  PluginWatcher(int inotify, int stop_read, int stop_write,
                absl::Duration settle, std::function<void()> reload);
  void Loop();

  const int inotify_;
  const int stop_read_;  // readable when the watcher must stop
  const int stop_write_;
  const absl::Duration settle_;
  const std::function<void()> reload_;
  std::once_flag stopped_;
  std::thread thread_;
};

}  // namespace textlens::service::server

#endif  // TEXTLENS_SERVICE_SERVER_PLUGIN_WATCHER_H_
