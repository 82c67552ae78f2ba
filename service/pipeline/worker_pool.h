// WorkerPool: a fixed set of threads running tasks from a bounded queue.
//
// The bound is the server's admission control: when the queue is full new
// work is refused at once (RESOURCE_EXHAUSTED) instead of piling up.
//
// Thread-safe: every method may be called from any thread. The destructor
// stops accepting work, runs what is queued, and joins the threads.
#ifndef TEXTLENS_SERVICE_PIPELINE_WORKER_POOL_H_
#define TEXTLENS_SERVICE_PIPELINE_WORKER_POOL_H_

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/status.h"

namespace textlens::service::pipeline {

class WorkerPool {
 public:
  // `threads` >= 1 workers; at most `max_queued` tasks wait for one.
  WorkerPool(size_t threads, size_t max_queued);
  ~WorkerPool();
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  // Queues `task`. RESOURCE_EXHAUSTED when the queue is full, UNAVAILABLE
  // once shutdown has begun; the task is then not run.
  absl::Status TrySubmit(std::function<void()> task);

  // Queues `task` even past the bound (never refused before shutdown): for
  // follow-up work of a call already admitted, which must not be starved.
  // UNAVAILABLE once shutdown has begun.
  absl::Status Submit(std::function<void()> task);

  size_t threads() const { return threads_.size(); }
  size_t max_queued() const { return max_queued_; }
  // Tasks waiting for a worker now.
  size_t queued() const;

 private:
  void WorkLoop();

  const size_t max_queued_;
  // std::mutex rather than absl::Mutex: ThreadSanitizer sees through it
  // (the system's Abseil is not instrumented).
  mutable std::mutex mu_;
  std::condition_variable work_ready_;
  std::deque<std::function<void()>> queue_ ABSL_GUARDED_BY(mu_);
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;
  std::vector<std::thread> threads_;
};

}  // namespace textlens::service::pipeline

#endif  // TEXTLENS_SERVICE_PIPELINE_WORKER_POOL_H_
