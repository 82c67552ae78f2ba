// Cancellation: the host's "is this call still wanted?" (Context::Cancelled)
// for a plugin's long loops, asked at a bounded interval so that a loop can
// ask at every step for the price of a counter. Logic written without the
// SDK's ABI in sight takes one by pointer or reference; the plugin module
// makes it from its Context (Context::MakeCancellation()).
//
//   for (const Item& item : items) {
//     if (cancel.Step()) return absl::CancelledError("cancelled");
//     ...
//   }
//
// Not thread-safe: one call's loops on one thread use it.
#ifndef TEXTLENS_PLUGINS_SDK_CANCELLATION_H_
#define TEXTLENS_PLUGINS_SDK_CANCELLATION_H_

#include <cstdint>
#include <functional>
#include <utility>

namespace textlens::sdk {

class Cancellation {
 public:
  // Steps between two questions to the host: a step of a plugin's loop
  // costs microseconds, so a cancelled call stops within well under a
  // millisecond of work after the host says so.
  static constexpr uint32_t kDefaultInterval = 64;

  // Never cancelled: logic run outside a host (tools, tests).
  Cancellation() = default;
  // Asks `cancelled` (true once the call is cancelled or past its
  // deadline) at most once every `interval` steps (at least 1).
  explicit Cancellation(std::function<bool()> cancelled,
                        uint32_t interval = kDefaultInterval)
      : cancelled_(std::move(cancelled)),
        interval_(interval == 0 ? 1 : interval) {}

  // One step of a long loop: true once the call is cancelled, and from then
  // on (the host is asked every `interval` steps).
  bool Step() {
    if (stopped_) return true;
    if (++steps_ < interval_) return false;
    return Now();
  }
  // Asks the host now, whatever the interval (between two stages of work).
  bool Now() {
    steps_ = 0;
    stopped_ = stopped_ || (cancelled_ && cancelled_());
    return stopped_;
  }
  // Whether a Step() or Now() found the call cancelled.
  bool stopped() const { return stopped_; }

 private:
  std::function<bool()> cancelled_;
  uint32_t interval_ = kDefaultInterval;
  uint32_t steps_ = 0;
  bool stopped_ = false;
};

}  // namespace textlens::sdk

#endif  // TEXTLENS_PLUGINS_SDK_CANCELLATION_H_
