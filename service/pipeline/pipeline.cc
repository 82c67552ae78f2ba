#include "service/pipeline/pipeline.h"

#include <google/protobuf/io/coded_stream.h>
#include <google/protobuf/io/zero_copy_stream_impl_lite.h>

#include <atomic>
#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>

#include "absl/strings/str_cat.h"
#include "service/common/status_macros.h"

namespace textlens::service::pipeline {
namespace {

// One analyzer of a call.
struct Job {
  std::shared_ptr<const plugins::Analyzer> analyzer;
  plugins::OptionMap options;
  std::vector<size_t> needs;       // indices of jobs this one reads
  std::vector<size_t> dependents;  // indices of jobs that read this one
  size_t pending_needs = 0;
  bool started = false;
  bool done = false;
  AnalyzerRun run;
};

// Everything a call shares with its tasks; tasks hold it by shared_ptr so
// it outlives a call that stopped waiting.
struct CallState {
  std::string document_field;  // PluginInput field 1, serialized once
  std::atomic<bool> cancelled{false};
  absl::Time deadline;
  std::mutex mu;                 // std::mutex: visible to ThreadSanitizer
  std::condition_variable done;  // notified when the last job finishes
  std::vector<Job> jobs ABSL_GUARDED_BY(mu);
  size_t remaining ABSL_GUARDED_BY(mu) = 0;
  // When the call stopped waiting for unfinished jobs (its deadline or its
  // caller's cancellation); InfiniteFuture while it waits.
  absl::Time gave_up ABSL_GUARDED_BY(mu) = absl::InfiniteFuture();
  // Told of each plugin that returns after the call gave up; may be null.
  std::shared_ptr<const Pipeline::OverrunReporter> overrun_reporter;
};

// Reports `name`'s work that ran `past` the end of its call.
void ReportOverrun(const CallState& state, const std::string& name,
                   absl::Duration past) {
  if (past >= Pipeline::kOverrunTolerance &&
      state.overrun_reporter != nullptr && *state.overrun_reporter) {
    (*state.overrun_reporter)(name, past);
  }
}

// Adds a call's analyzers to its jobs, each after the analyzers it needs
// (each once), with their options.
class JobPlanner {
 public:
  JobPlanner(const plugins::PluginRegistry& registry, std::vector<Job>* jobs)
      : registry_(registry), jobs_(*jobs) {}

  // Adds `name` (and, first, what it needs) with `options` (null: the
  // analyzer's defaults, unless a request set them); returns its job index.
  // NOT_FOUND for an analyzer the registry lacks.
  absl::StatusOr<size_t> Add(const std::string& name,
                             const plugins::OptionMap* options) {
    if (auto it = index_of_.find(name); it != index_of_.end()) {
      if (options != nullptr) jobs_[it->second].options = *options;
      return it->second;
    }
    auto analyzer = registry_.Find(name);
    if (analyzer == nullptr) {
      return absl::NotFoundError(absl::StrCat("unknown analyzer: ", name));
    }
    Job job;
    job.analyzer = analyzer;
    job.run.name = name;
    job.run.version = analyzer->descriptor().version();
    if (options != nullptr) {
      job.options = *options;
    } else {
      ASSIGN_OR_RETURN(job.options, plugins::ResolveOptions(
                                        analyzer->descriptor(), {}, name));
    }
    for (const auto& need : analyzer->descriptor().needs()) {
      ASSIGN_OR_RETURN(size_t need_index, Add(need, nullptr));
      job.needs.push_back(need_index);
    }
    const size_t index = jobs_.size();
    job.pending_needs = job.needs.size();
    for (size_t need : job.needs) jobs_[need].dependents.push_back(index);
    jobs_.push_back(std::move(job));
    index_of_[name] = index;
    return index;
  }

 private:
  const plugins::PluginRegistry& registry_;
  std::vector<Job>& jobs_;
  std::map<std::string, size_t> index_of_;
};

// PluginInput's wire form is the document field followed by the rest; the
// document is encoded once per call and shared by every analyzer.
std::string EncodeDocumentField(const plugin::v1::PreparedDocument& document) {
  std::string out;
  {
    google::protobuf::io::StringOutputStream stream(&out);
    google::protobuf::io::CodedOutputStream coded(&stream);
    coded.WriteTag(google::protobuf::internal::WireFormatLite::MakeTag(
        plugin::v1::PluginInput::kDocumentFieldNumber,
        google::protobuf::internal::WireFormatLite::WIRETYPE_LENGTH_DELIMITED));
    coded.WriteVarint32(static_cast<uint32_t>(document.ByteSizeLong()));
    document.SerializeWithCachedSizes(&coded);
  }
  return out;
}

void Execute(std::shared_ptr<CallState> state, size_t index, WorkerPool* pool);

// Marks job `index` done and starts or fails its dependents. Requires mu.
void FinishLocked(const std::shared_ptr<CallState>& state, size_t index,
                  WorkerPool* pool) ABSL_EXCLUSIVE_LOCKS_REQUIRED(state->mu) {
  Job& job = state->jobs[index];
  job.done = true;
  // Only the end of the last job wakes the waiting call: a wake-up per job
  // would cost the call's thread a context switch each.
  if (--state->remaining == 0) state->done.notify_all();
  for (size_t d : job.dependents) {
    Job& dependent = state->jobs[d];
    if (dependent.done || dependent.started) continue;
    if (!job.run.status.ok()) {
      dependent.run.status = absl::FailedPreconditionError(
          absl::StrCat("needs analyzer ", job.run.name,
                       ", which failed: ", job.run.status.message()));
      FinishLocked(state, d, pool);
      continue;
    }
    if (--dependent.pending_needs == 0) {
      dependent.started = true;
      absl::Status submitted =
          pool->Submit([state, d, pool] { Execute(state, d, pool); });
      if (!submitted.ok()) {
        dependent.run.status = submitted;
        FinishLocked(state, d, pool);
      }
    }
  }
}

void Execute(std::shared_ptr<CallState> state, size_t index, WorkerPool* pool) {
  std::shared_ptr<const plugins::Analyzer> analyzer;
  std::string input;
  {
    std::lock_guard<std::mutex> lock(state->mu);
    Job& job = state->jobs[index];
    if (state->cancelled.load() || absl::Now() >= state->deadline) {
      job.run.status = absl::DeadlineExceededError(absl::StrCat(
          "analyzer ", job.run.name, " did not start before the deadline"));
      FinishLocked(state, index, pool);
      return;
    }
    analyzer = job.analyzer;
    plugin::v1::PluginInput rest;
    for (const auto& [name, value] : job.options) {
      (*rest.mutable_options())[name] = value;
    }
    for (size_t need : job.needs) {
      const Job& needed = state->jobs[need];
      auto* dependency = rest.add_dependencies();
      dependency->set_analyzer(needed.run.name);
      dependency->set_result_type(needed.analyzer->descriptor().result_type());
      dependency->set_result(needed.run.result);
    }
    input = state->document_field + rest.SerializeAsString();
  }
  const absl::Time start = absl::Now();
  plugins::Analyzer::Output output =
      analyzer->Analyze(input, &state->cancelled);
  const absl::Duration elapsed = absl::Now() - start;

  std::lock_guard<std::mutex> lock(state->mu);
  Job& job = state->jobs[index];
  if (state->gave_up != absl::InfiniteFuture()) {
    ReportOverrun(*state, job.run.name, absl::Now() - state->gave_up);
  }
  if (job.done) return;  // the call gave up on it already
  job.run.status = std::move(output.status);
  job.run.result = std::move(output.result);
  job.run.warnings = std::move(output.warnings);
  job.run.elapsed = elapsed;
  FinishLocked(state, index, pool);
}

}  // namespace

namespace {

// The jobs of `requests`, each after what it needs; returns the requested
// jobs' indexes, in request order.
absl::StatusOr<std::vector<size_t>> PlanJobs(
    const plugins::PluginRegistry& registry,
    const std::vector<AnalyzerRequest>& requests, std::vector<Job>* jobs) {
  JobPlanner planner(registry, jobs);
  std::vector<size_t> requested;
  for (const auto& request : requests) {
    ASSIGN_OR_RETURN(size_t index, planner.Add(request.name, &request.options));
    requested.push_back(index);
  }
  return requested;
}

// Runs a call's one analyzer on this thread (`lock` held on entry and on
// return), its deadline kept by `watchdog`; gives the slot back to `slots`.
AnalyzerRun RunInline(const std::shared_ptr<CallState>& state,
                      std::unique_lock<std::mutex>& lock,
                      const std::function<void()>& abandon, Watchdog& watchdog,
                      WorkerPool* pool, std::atomic<int>& slots) {
  const absl::Time deadline = state->deadline;
  state->jobs[0].started = true;
  lock.unlock();
  // At the deadline the plugin sees its call cancelled; kOverrunGrace
  // later, the call is abandoned.
  const uint64_t watch =
      watchdog.Watch(deadline, [state, &abandon, overrun = false]() mutable {
        if (overrun) {
          abandon();
          return absl::InfiniteFuture();
        }
        state->cancelled = true;
        overrun = true;
        return absl::Now() + Pipeline::kOverrunGrace;
      });
  Execute(state, 0, pool);
  watchdog.Cancel(watch);
  slots.fetch_add(1);
  lock.lock();
  Job& job = state->jobs[0];
  if (const absl::Time now = absl::Now(); now > deadline) {
    ReportOverrun(*state, job.run.name, now - deadline);
  }
  if (!job.run.status.ok() && absl::Now() >= deadline) {
    job.run.status = absl::DeadlineExceededError(absl::StrCat(
        "analyzer ", job.run.name, " did not finish before the deadline"));
  }
  return job.run;
}

// Submits every job that needs nothing to `pool`.
absl::Status SubmitRoots(const std::shared_ptr<CallState>& state,
                         WorkerPool* pool) {
  // Admission: every job that needs nothing must find room, or the call is
  // refused.
  for (size_t i = 0; i < state->jobs.size(); ++i) {
    if (state->jobs[i].pending_needs != 0) continue;
    state->jobs[i].started = true;
    absl::Status submitted =
        pool->TrySubmit([state, i, pool] { Execute(state, i, pool); });
    if (!submitted.ok()) {
      state->cancelled = true;  // tasks already queued end at once
      return submitted;
    }
  }
  return absl::OkStatus();
}

// Waits, with `lock` held, for every job, the deadline, or the caller's
// cancellation; true when the caller cancelled.
bool WaitForJobs(CallState& state, std::unique_lock<std::mutex>& lock,
                 const std::function<bool()>& cancelled) {
  // The caller's flag is polled every 20 ms; the last job wakes the wait at
  // once.
  while (state.remaining != 0) {
    const absl::Time now = absl::Now();
    if (now >= state.deadline) break;
    if (cancelled && cancelled()) return true;
    const absl::Time wake =
        std::min(state.deadline, now + absl::Milliseconds(20));
    state.done.wait_until(lock, absl::ToChronoTime(wake));
  }
  return false;
}

// The requested jobs' runs; those not done get DEADLINE_EXCEEDED, or
// CANCELLED when the caller cancelled, and the rest is told to stop.
std::vector<AnalyzerRun> CollectRuns(CallState& state,
                                     const std::vector<size_t>& requested,
                                     bool caller_cancelled) {
  if (state.remaining != 0) {
    state.cancelled = true;
    state.gave_up = absl::Now();
  }
  std::vector<AnalyzerRun> runs;
  for (size_t index : requested) {
    Job& job = state.jobs[index];
    if (!job.done) {
      job.run.status = caller_cancelled
                           ? absl::CancelledError("the call was cancelled")
                           : absl::DeadlineExceededError(absl::StrCat(
                                 "analyzer ", job.run.name,
                                 " did not finish before the deadline"));
    }
    runs.push_back(job.run);
    // The caller gets its own status: Abseil shares a message between
    // copies by a reference count, and a task still running may drop the
    // last reference to this one after the call returned (the system's
    // Abseil is not instrumented, so ThreadSanitizer would not see that
    // count synchronize the two threads).
    AnalyzerRun& run = runs.back();
    if (!run.status.ok()) {
      run.status =
          absl::Status(run.status.code(), std::string(run.status.message()));
    }
  }
  return runs;
}

}  // namespace

Pipeline::Pipeline(WorkerPool* pool)
    : pool_(pool),
      watchdog_(std::make_unique<Watchdog>()),
      inline_slots_(static_cast<int>(pool->threads())) {}

void Pipeline::SetOverrunReporter(OverrunReporter reporter) {
  overrun_reporter_ =
      std::make_shared<const OverrunReporter>(std::move(reporter));
}

absl::StatusOr<std::vector<AnalyzerRun>> Pipeline::Run(
    const plugins::PluginRegistry& registry,
    const plugin::v1::PreparedDocument& document,
    const std::vector<AnalyzerRequest>& requests, absl::Time deadline,
    const std::function<bool()>& cancelled,
    const std::function<void()>& abandon) const {
  auto state = std::make_shared<CallState>();
  state->deadline = deadline;
  state->overrun_reporter = overrun_reporter_;
  std::unique_lock<std::mutex> lock(state->mu);
  ASSIGN_OR_RETURN(const std::vector<size_t> requested,
                   PlanJobs(registry, requests, &state->jobs));
  state->remaining = state->jobs.size();
  state->document_field = EncodeDocumentField(document);
  // One analyzer: on this thread, if a slot is free.
  if (abandon && state->jobs.size() == 1) {
    if (inline_slots_.fetch_sub(1) > 0) {
      return std::vector<AnalyzerRun>{
          RunInline(state, lock, abandon, *watchdog_, pool_, inline_slots_)};
    }
    inline_slots_.fetch_add(1);
  }
  RETURN_IF_ERROR(SubmitRoots(state, pool_));
  const bool caller_cancelled = WaitForJobs(*state, lock, cancelled);
  return CollectRuns(*state, requested, caller_cancelled);
}

}  // namespace textlens::service::pipeline
