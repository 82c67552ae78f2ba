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

#include <functional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
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
  // Borrows `registry` and `pool`, which must outlive the pipeline.
  Pipeline(const plugins::PluginRegistry* registry, WorkerPool* pool);

  // Runs `requests` (distinct names, all in the registry) on `document`.
  // Returns one AnalyzerRun per request, in request order. Fails as a whole
  // only with NOT_FOUND (an unknown name) or RESOURCE_EXHAUSTED (the pool
  // refused the work: server at capacity). `cancelled` (may be empty) is
  // polled while waiting; when it returns true or `deadline` passes,
  // unfinished analyzers get CANCELLED or DEADLINE_EXCEEDED and plugins see
  // their call as cancelled.
  absl::StatusOr<std::vector<AnalyzerRun>> Run(
      const plugin::v1::PreparedDocument& document,
      const std::vector<AnalyzerRequest>& requests, absl::Time deadline,
      const std::function<bool()>& cancelled = nullptr) const;

 private:
  const plugins::PluginRegistry* registry_;
  WorkerPool* pool_;
};

}  // namespace textlens::service::pipeline

#endif  // TEXTLENS_SERVICE_PIPELINE_PIPELINE_H_
