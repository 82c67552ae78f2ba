// Pipeline: runs the analyzers a request selects on a prepared document.
//
// Analyzers that another selected analyzer needs are added and run first
// (with their default options); independent analyzers run in parallel on the
// worker pool. The call waits until every analyzer finished, the deadline
// passed, or the caller cancelled. One analyzer failing never fails the
// others: each gets its own status. An analyzer whose needed analyzer failed
// gets FAILED_PRECONDITION without running.
//
// Thread-safe: Run() may be called from many threads at once. A plugin still
// running when its call gave up keeps its inputs alive until it returns.
#ifndef TEXTLENS_SERVICE_PIPELINE_PIPELINE_H_
#define TEXTLENS_SERVICE_PIPELINE_PIPELINE_H_

#include <atomic>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "service/pipeline/watchdog.h"
#include "service/pipeline/worker_pool.h"
#include "service/plugins/option_resolver.h"
#include "service/plugins/plugin_registry.h"
#include "textlens/plugin/v1/plugin.pb.h"

namespace textlens::service::pipeline {

// One analyzer a request selects, with its resolved options.
struct AnalyzerRequest {
  std::string name;
  plugins::OptionMap options;  // complete: see ResolveOptions
};

// What one selected analyzer produced.
struct AnalyzerRun {
  std::string name;
  std::string version;
  absl::Status status;  // per analyzer
  std::string result;   // serialized result when status is OK
  std::vector<std::string> warnings;
  absl::Duration elapsed;
};

class Pipeline {
 public:
  // Borrows `pool`, which must outlive the pipeline.
  explicit Pipeline(WorkerPool* pool);

  // How long a plugin running on the caller's thread may outlast the
  // deadline (it sees its call cancelled at the deadline) before the call is
  // abandoned (see Run).
  static constexpr absl::Duration kOverrunGrace = absl::Milliseconds(200);

  // A plugin that stops within this of its call's end (its deadline or its
  // caller's cancellation) is the cancellation working; later, an overrun.
  static constexpr absl::Duration kOverrunTolerance = absl::Milliseconds(100);

  // Called with an analyzer's name and how long it ran past its call when
  // a plugin returns kOverrunTolerance or more after its call ended (the
  // deadline passed or the caller cancelled): work that outlives its call,
  // a runaway an operator should see. Called on the thread that ran the
  // plugin.
  using OverrunReporter =
      std::function<void(const std::string& analyzer, absl::Duration past)>;
  // Sets the reporter of the calls started from now on (none by default).
  // Not thread-safe: set it before serving.
  void SetOverrunReporter(OverrunReporter reporter);

  // Runs `requests` (distinct names, all in `registry`) on `document`.
  // Returns one AnalyzerRun per request, in request order. Fails as a whole
  // only with NOT_FOUND (an unknown name) or RESOURCE_EXHAUSTED (the pool
  // refused the work: server at capacity). `cancelled` (may be empty) is
  // polled while waiting; when it returns true or `deadline` passes,
  // unfinished analyzers get CANCELLED or DEADLINE_EXCEEDED and plugins see
  // their call as cancelled.
  //
  // With `abandon` (may be empty), a call that runs one analyzer (nothing
  // to run in parallel) runs it on the caller's thread, saving two thread
  // hand-offs: at the deadline the plugin sees its call cancelled, and if it
  // still runs kOverrunGrace later, `abandon` is called (from another
  // thread) so the caller can give up on the whole call (e.g. cancel the
  // RPC), since this thread is held by the plugin (`cancelled` is not
  // polled meanwhile: the plugin runs to its end or the deadline). At most
  // as many calls as the pool has threads run this way at once (CPU and
  // memory stay bounded as with the pool); the others go through the pool.
  absl::StatusOr<std::vector<AnalyzerRun>> Run(
      const plugins::PluginRegistry& registry,
      const plugin::v1::PreparedDocument& document,
      const std::vector<AnalyzerRequest>& requests, absl::Time deadline,
      const std::function<bool()>& cancelled = nullptr,
      const std::function<void()>& abandon = nullptr) const;

 private:
  WorkerPool* pool_;
  std::shared_ptr<const OverrunReporter> overrun_reporter_;  // may be null
  // Deadlines of the analyzers run on their caller's thread.
  std::unique_ptr<Watchdog> watchdog_;
  // Analyzers that may run on their caller's thread now.
  mutable std::atomic<int> inline_slots_;
};

}  // namespace textlens::service::pipeline

#endif  // TEXTLENS_SERVICE_PIPELINE_PIPELINE_H_
