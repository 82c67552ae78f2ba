#include "service/pipeline/watchdog.h"

#include <algorithm>

#include "absl/time/clock.h"

namespace textlens::service::pipeline {

Watchdog::Watchdog() : thread_([this] { Loop(); }) {}

Watchdog::~Watchdog() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
  }
  changed_.notify_all();
  thread_.join();
}

uint64_t Watchdog::Watch(absl::Time when, std::function<absl::Time()> fire) {
  std::lock_guard<std::mutex> lock(mu_);
  const uint64_t id = next_id_++;
  due_.emplace(std::make_pair(when, id), std::move(fire));
  when_.emplace(id, when);
  if (when < wake_at_) changed_.notify_all();
  return id;
}

void Watchdog::Cancel(uint64_t id) {
  std::unique_lock<std::mutex> lock(mu_);
  if (auto it = when_.find(id); it != when_.end()) {
    due_.erase(std::make_pair(it->second, id));
    when_.erase(it);
  }
  changed_.wait(lock, [this, id] { return firing_ != id; });
}

void Watchdog::Loop() {
  std::unique_lock<std::mutex> lock(mu_);
  while (!stopping_) {
    const absl::Time now = absl::Now();
    const absl::Time when =
        due_.empty() ? absl::InfiniteFuture() : due_.begin()->first.first;
    if (now < when) {
      wake_at_ = std::min(when, now + kTick);
      changed_.wait_until(lock, absl::ToChronoTime(wake_at_));
      wake_at_ = absl::InfinitePast();  // awake: Watch need not notify
      continue;
    }
    auto entry = due_.extract(due_.begin());
    const uint64_t id = entry.key().second;
    firing_ = id;
    lock.unlock();
    const absl::Time again = entry.mapped()();
    lock.lock();
    firing_ = 0;
    // Cancelled while it ran: gone from when_.
    if (auto it = when_.find(id); it != when_.end()) {
      if (again == absl::InfiniteFuture()) {
        when_.erase(it);
      } else {
        it->second = again;
        entry.key() = std::make_pair(again, id);
        due_.insert(std::move(entry));
      }
    }
    changed_.notify_all();
  }
}

}  // namespace textlens::service::pipeline
