// HostSink: the host side of tl_sink, collecting what one plugin call writes.
//
// Not thread-safe: one per call, used by the thread making the call.
#ifndef TEXTLENS_SERVICE_PLUGINS_HOST_SINK_H_
#define TEXTLENS_SERVICE_PLUGINS_HOST_SINK_H_

#include <atomic>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "plugins/sdk/textlens_plugin.h"

namespace textlens::service::plugins {

class HostSink {
 public:
  // `cancelled` (may be null) is read by the plugin's cancelled() callback.
  explicit HostSink(const std::atomic<bool>* cancelled = nullptr);

  const tl_sink* sink() const { return &sink_; }

  // What the plugin wrote, and whether it wrote it.
  const std::string& output() const { return output_; }
  bool wrote_output() const { return wrote_output_; }
  const std::vector<std::string>& warnings() const { return warnings_; }

  // Combines the call's return code with what the plugin reported: OK only
  // if the code is TL_OK, no error was reported and output was written when
  // `expect_output`. The message names `what` ("init", "analyze").
  absl::Status Finish(int32_t code, const char* what, bool expect_output) const;

 private:
  static void Write(void* ctx, const uint8_t* data, size_t size);
  static void Error(void* ctx, int32_t code, const char* message, size_t size);
  static void Warn(void* ctx, const char* message, size_t size);
  static int32_t Cancelled(void* ctx);

  tl_sink sink_;
  const std::atomic<bool>* cancelled_;
  std::string output_;
  bool wrote_output_ = false;
  int32_t error_code_ = TL_OK;
  std::string error_message_;
  std::vector<std::string> warnings_;
};

// The absl::Status for a tl_code and message (unknown codes become UNKNOWN).
absl::Status StatusFromPluginCode(int32_t code, std::string message);

}  // namespace textlens::service::plugins

#endif  // TEXTLENS_SERVICE_PLUGINS_HOST_SINK_H_
