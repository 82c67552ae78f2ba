// IsolatedAnalyzer: an analyzer plugin hosted in supervised processes of its
// own (`textlens-plugin-host`), for plugins the operator does not trust to
// share the server's address space (`textlensd --isolate`).
//
// Each process loads the plugin and runs one call at a time; up to
// `max_processes` run at once. A process that crashes, aborts, answers
// garbage, exceeds its memory limit or its call time is reaped, and the
// call gets an error naming how the process died; the other analyzers of
// the call are unaffected. When no process is left, the analyzer is
// unavailable (its calls get UNAVAILABLE at once) until a supervisor thread
// restarts one, after a backoff that doubles with each failure in a row (100
// ms to 30 s by default) and resets after a call succeeds. A call cancelled
// or past its deadline kills its process, which is replaced on demand.
//
// Costs: a process start (the plugin's init and create) per process, one
// copy of the input and the result through a socket per call, and a copy of
// the plugin's memory per process.
//
// Thread-safe.
#ifndef TEXTLENS_SERVICE_PLUGINS_ISOLATED_ANALYZER_H_
#define TEXTLENS_SERVICE_PLUGINS_ISOLATED_ANALYZER_H_

#include <sys/types.h>

#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "service/common/child_process.h"
#include "service/plugins/analyzer.h"

namespace textlens::service::plugins {

struct IsolationLimits {
  // The host executable; empty: textlens-plugin-host beside the server.
  std::string host_binary;
  // Address space of each process (not applied in sanitized builds, which
  // cap resident memory instead).
  uint64_t max_memory_bytes = uint64_t{1} << 30;
  // Longest one call may take before its process is killed.
  absl::Duration max_call_time = absl::Seconds(30);
  // Longest a process may take to load the plugin and create it.
  absl::Duration start_timeout = absl::Seconds(10);
  // Processes per analyzer (calls at once); at least 1.
  uint32_t max_processes = 2;
  // Wait before restarting after the first failure in a row; doubles with
  // each further one up to max_backoff.
  absl::Duration min_backoff = absl::Milliseconds(100);
  absl::Duration max_backoff = absl::Seconds(30);
};

class IsolatedAnalyzer : public Analyzer {
 public:
  // Starts a first process for the plugin at `path` and creates it with
  // `options` (looked up by the plugin's name once it described itself).
  // Errors: the plugin's own load or create error as the process reports
  // it; DEADLINE_EXCEEDED when it takes longer than `start_timeout`;
  // INTERNAL when the process cannot start or dies.
  static absl::StatusOr<std::shared_ptr<Analyzer>> Start(
      const std::string& path,
      const std::function<plugin::v1::PluginInput(const std::string& name)>&
          options,
      const IsolationLimits& limits);

  ~IsolatedAnalyzer() override;

  Output Analyze(const std::string& input,
                 const std::atomic<bool>* cancelled) const override;
  bool isolated() const override { return true; }
  Health health() const override;
  void OnAvailabilityChange(std::function<void(bool)> listener) const override;

 private:
  struct Process {
    pid_t pid = -1;
    Fd socket;
  };
  // How a call ended for its process.
  enum class Fate { kReusable, kKilledOnRequest, kFailed };

  IsolatedAnalyzer(std::string path, plugin::v1::PluginDescriptor descriptor,
                   plugin::v1::PluginInput config, IsolationLimits limits,
                   Process first);

  // Starts a process and takes it through loading and create; gives up
  // when `stop` turns true.
  static absl::StatusOr<Process> Launch(
      const std::string& path,
      const std::function<plugin::v1::PluginInput(const std::string&)>& options,
      const IsolationLimits& limits, const std::atomic<bool>& stop,
      plugin::v1::PluginDescriptor* descriptor);
  // Another process for this analyzer, with its configuration.
  absl::StatusOr<Process> LaunchAnother() const;
  // Kills `process` and what it forked (unless it exited: then only what it
  // forked) and reaps it; how it ended.
  static std::string Reap(Process* process, bool kill_first);
  // Whether an idle process closed its socket or wrote unasked.
  static bool Misbehaved(const Process& process);

  // An idle process, or a new one; UNAVAILABLE when none is left and the
  // restart is pending, CANCELLED when `cancelled` turns true first.
  absl::StatusOr<Process> Acquire(const std::atomic<bool>* cancelled) const;
  // One call on `process`; sets `fate`, and `how` the process died when
  // it failed.
  Output Call(Process* process, const std::string& input,
              const std::atomic<bool>* cancelled, Fate* fate,
              std::string* how) const;
  // Records a dead process (already subtracted from live_). Called with mu_
  // held. With no process left the analyzer becomes unavailable and the
  // supervisor restarts one after the backoff.
  void RecordFailure(const std::string& how) const;
  absl::Duration Backoff() const;  // with mu_ held
  void Supervise();
  // Tells the listener the current availability.
  void Notify() const;

  const plugin::v1::PluginInput config_;
  const IsolationLimits limits_;

  mutable std::mutex mu_;
  mutable std::condition_variable changed_;
  mutable std::vector<Process> idle_;
  mutable uint32_t live_ = 0;  // idle, busy or starting
  mutable bool available_ = true;
  mutable uint32_t failures_ = 0;
  mutable uint32_t failures_in_a_row_ = 0;
  mutable std::string last_failure_;
  mutable absl::Time restart_at_;  // of the supervisor, when none is left
  mutable absl::Time next_start_at_ = absl::InfinitePast();  // on demand
  std::atomic<bool> stopping_{false};

  // Held while the listener runs, so replacing it waits for a call in
  // progress, and notifications never overtake one another.
  mutable std::mutex notify_mu_;
  mutable std::function<void(bool)> listener_;  // guarded by notify_mu_
  std::thread supervisor_;
};

// "textlens-plugin-host" beside the running executable.
std::string DefaultPluginHostPath();

}  // namespace textlens::service::plugins

#endif  // TEXTLENS_SERVICE_PLUGINS_ISOLATED_ANALYZER_H_
