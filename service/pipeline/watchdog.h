// Watchdog: runs callbacks at given times on one thread of its own, for
// deadlines of work that runs on the caller's thread and cannot be waited
// for from elsewhere.
//
// Watching and cancelling are a lock and a map insert or erase. The thread
// wakes at least every kTick, so a new time needs a wake-up only when it is
// earlier than the thread's next one (a deadline shorter than kTick).
//
// Thread-safe.
#ifndef TEXTLENS_SERVICE_PIPELINE_WATCHDOG_H_
#define TEXTLENS_SERVICE_PIPELINE_WATCHDOG_H_

#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <thread>
#include <utility>

#include "absl/base/thread_annotations.h"
#include "absl/time/time.h"

namespace textlens::service::pipeline {

class Watchdog {
 public:
  Watchdog();
  // Runs nothing more; waits for a callback in progress.
  ~Watchdog();
  Watchdog(const Watchdog&) = delete;
  Watchdog& operator=(const Watchdog&) = delete;

  // Runs `fire` on the watchdog's thread at `when` unless cancelled first;
  // `fire` returns when to run it again (InfiniteFuture: never). Returns the
  // id Cancel takes.
  uint64_t Watch(absl::Time when, std::function<absl::Time()> fire);
  // Forgets `id`. When this returns, its callback is not running and will
  // not run (it may have run already).
  void Cancel(uint64_t id);

 private:
  static constexpr absl::Duration kTick = absl::Milliseconds(50);
  void Loop();

  std::mutex mu_;
  std::condition_variable changed_;
  // By time, then id: the first entry is the next to fire.
  std::map<std::pair<absl::Time, uint64_t>, std::function<absl::Time()>> due_
      ABSL_GUARDED_BY(mu_);
  std::map<uint64_t, absl::Time> when_ ABSL_GUARDED_BY(mu_);
  uint64_t next_id_ ABSL_GUARDED_BY(mu_) = 1;
  uint64_t firing_ ABSL_GUARDED_BY(mu_) = 0;  // id whose callback runs now
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;
  absl::Time wake_at_ ABSL_GUARDED_BY(mu_) = absl::InfinitePast();
  std::thread thread_;
};

}  // namespace textlens::service::pipeline

#endif  // TEXTLENS_SERVICE_PIPELINE_WATCHDOG_H_
