#include "service/pipeline/worker_pool.h"

#include <algorithm>

#include "absl/strings/str_cat.h"

namespace textlens::service::pipeline {

WorkerPool::WorkerPool(size_t threads, size_t max_queued)
    : max_queued_(max_queued) {
  threads = std::max<size_t>(threads, 1);
  threads_.reserve(threads);
  for (size_t i = 0; i < threads; ++i) {
    threads_.emplace_back([this] { WorkLoop(); });
  }
}

WorkerPool::~WorkerPool() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
  }
  work_ready_.notify_all();
  for (auto& thread : threads_) thread.join();
}

absl::Status WorkerPool::TrySubmit(std::function<void()> task) {
  std::unique_lock<std::mutex> lock(mu_);
  if (stopping_) return absl::UnavailableError("worker pool is shutting down");
  if (queue_.size() >= max_queued_) {
    return absl::ResourceExhaustedError(
        absl::StrCat("server at capacity: ", max_queued_,
                     " analyzer tasks already wait for a worker; retry later"));
  }
  queue_.push_back(std::move(task));
  lock.unlock();
  work_ready_.notify_one();
  return absl::OkStatus();
}

absl::Status WorkerPool::Submit(std::function<void()> task) {
  std::unique_lock<std::mutex> lock(mu_);
  if (stopping_) return absl::UnavailableError("worker pool is shutting down");
  queue_.push_back(std::move(task));
  lock.unlock();
  work_ready_.notify_one();
  return absl::OkStatus();
}

size_t WorkerPool::queued() const {
  std::lock_guard<std::mutex> lock(mu_);
  return queue_.size();
}

void WorkerPool::WorkLoop() {
  while (true) {
    std::function<void()> task;
    {
      std::unique_lock<std::mutex> lock(mu_);
      work_ready_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;  // stopping and drained
      task = std::move(queue_.front());
      queue_.pop_front();
    }
    task();
  }
}

}  // namespace textlens::service::pipeline
