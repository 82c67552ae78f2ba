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
  std::vector<size_t> roots;
  {
    std::unique_lock<std::mutex> lock(state->mu);
    std::map<std::string, size_t> index_of;
    // Adds `name` (and, first, what it needs); returns its job index.
    std::function<absl::StatusOr<size_t>(const std::string&,
                                         const plugins::OptionMap*)>
        add = [&](const std::string& name,
                  const plugins::OptionMap* options) -> absl::StatusOr<size_t> {
      if (auto it = index_of.find(name); it != index_of.end()) {
        if (options != nullptr) state->jobs[it->second].options = *options;
        return it->second;
      }
      auto analyzer = registry.Find(name);
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
      std::vector<size_t> needs;
      for (const auto& need : analyzer->descriptor().needs()) {
        ASSIGN_OR_RETURN(size_t need_index, add(need, nullptr));
        needs.push_back(need_index);
      }
      const size_t index = state->jobs.size();
      job.needs = needs;
      job.pending_needs = needs.size();
      state->jobs.push_back(std::move(job));
      for (size_t need : needs) state->jobs[need].dependents.push_back(index);
      index_of[name] = index;
      return index;
    };
    std::vector<size_t> requested;
    for (const auto& request : requests) {
      ASSIGN_OR_RETURN(size_t index, add(request.name, &request.options));
      requested.push_back(index);
    }
    state->remaining = state->jobs.size();
    for (size_t i = 0; i < state->jobs.size(); ++i) {
      if (state->jobs[i].pending_needs == 0) roots.push_back(i);
    }
    state->document_field = EncodeDocumentField(document);

    // One analyzer: on this thread, its deadline kept by the watchdog.
    if (abandon && state->jobs.size() == 1 && inline_slots_.fetch_sub(1) > 0) {
      state->jobs[0].started = true;
      lock.unlock();
      // At the deadline the plugin sees its call cancelled; kOverrunGrace
      // later, the call is abandoned.
      const uint64_t watch = watchdog_->Watch(
          deadline, [state, &abandon, overrun = false]() mutable {
            if (overrun) {
              abandon();
              return absl::InfiniteFuture();
            }
            state->cancelled = true;
            overrun = true;
            return absl::Now() + kOverrunGrace;
          });
      Execute(state, 0, pool_);
      watchdog_->Cancel(watch);
      inline_slots_.fetch_add(1);
      lock.lock();
      Job& job = state->jobs[0];
      if (const absl::Time now = absl::Now(); now > deadline) {
        ReportOverrun(*state, job.run.name, now - deadline);
      }
      if (!job.run.status.ok() && absl::Now() >= deadline) {
        job.run.status = absl::DeadlineExceededError(absl::StrCat(
            "analyzer ", job.run.name, " did not finish before the deadline"));
      }
      return std::vector<AnalyzerRun>{job.run};
    }

    if (abandon && state->jobs.size() == 1) inline_slots_.fetch_add(1);

    // Admission: every root must find room, or the call is refused.
    for (size_t i : roots) {
      state->jobs[i].started = true;
      absl::Status submitted = pool_->TrySubmit(
          [state, i, pool = pool_] { Execute(state, i, pool); });
      if (!submitted.ok()) {
        state->cancelled = true;  // tasks already queued end at once
        return submitted;
      }
    }

    // Wait for every job, the deadline, or the caller's cancellation.
    // The caller's flag is polled every 20 ms; the last job wakes it at once.
    bool caller_cancelled = false;
    while (state->remaining != 0) {
      const absl::Time now = absl::Now();
      if (now >= deadline) break;
      if (cancelled && cancelled()) {
        caller_cancelled = true;
        break;
      }
      const absl::Time wake = std::min(deadline, now + absl::Milliseconds(20));
      state->done.wait_until(lock, absl::ToChronoTime(wake));
    }
    std::vector<AnalyzerRun> runs;
    if (state->remaining != 0) {
      state->cancelled = true;
      state->gave_up = absl::Now();
    }
    for (size_t index : requested) {
      Job& job = state->jobs[index];
      if (!job.done) {
        job.run.status = caller_cancelled
                             ? absl::CancelledError("the call was cancelled")
                             : absl::DeadlineExceededError(absl::StrCat(
                                   "analyzer ", job.run.name,
                                   " did not finish before the deadline"));
      }
      runs.push_back(job.run);
    }
    return runs;
  }
}

}  // namespace textlens::service::pipeline
