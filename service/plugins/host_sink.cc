#include "service/plugins/host_sink.h"

#include "absl/strings/str_cat.h"

namespace textlens::service::plugins {

HostSink::HostSink(const std::atomic<bool>* cancelled) : cancelled_(cancelled) {
  sink_.struct_size = sizeof(tl_sink);
  sink_.ctx = this;
  sink_.write = &HostSink::Write;
  sink_.error = &HostSink::Error;
  sink_.warn = &HostSink::Warn;
  sink_.cancelled = &HostSink::Cancelled;
}

void HostSink::Write(void* ctx, const uint8_t* data, size_t size) {
  auto* self = static_cast<HostSink*>(ctx);
  if (self->wrote_output_) {
    self->warnings_.push_back("plugin wrote its output twice; kept the first");
    return;
  }
  self->output_.assign(reinterpret_cast<const char*>(data), size);
  self->wrote_output_ = true;
}

void HostSink::Error(void* ctx, int32_t code, const char* message,
                     size_t size) {
  auto* self = static_cast<HostSink*>(ctx);
  if (self->error_code_ != TL_OK) return;  // keep the first error
  self->error_code_ = code == TL_OK ? TL_UNKNOWN : code;
  self->error_message_.assign(message == nullptr ? "" : message,
                              message == nullptr ? 0 : size);
}

void HostSink::Warn(void* ctx, const char* message, size_t size) {
  auto* self = static_cast<HostSink*>(ctx);
  if (message != nullptr && self->warnings_.size() < 100) {
    self->warnings_.emplace_back(message, size);
  }
}

int32_t HostSink::Cancelled(void* ctx) {
  auto* self = static_cast<HostSink*>(ctx);
  return self->cancelled_ != nullptr &&
                 self->cancelled_->load(std::memory_order_relaxed)
             ? 1
             : 0;
}

absl::Status HostSink::Finish(int32_t code, const char* what,
                              bool expect_output) const {
  if (error_code_ != TL_OK) {
    return StatusFromPluginCode(
        error_code_, absl::StrCat(what, " failed: ", error_message_));
  }
  if (code != TL_OK) {
    return StatusFromPluginCode(code, absl::StrCat(what, " returned code ",
                                                   code, " without a message"));
  }
  if (expect_output && !wrote_output_) {
    return absl::InternalError(
        absl::StrCat(what, " returned OK but wrote no output"));
  }
  return absl::OkStatus();
}

absl::Status StatusFromPluginCode(int32_t code, std::string message) {
  if (code <= 0 || code > 16) {
    return absl::UnknownError(std::move(message));
  }
  return absl::Status(static_cast<absl::StatusCode>(code), message);
}

}  // namespace textlens::service::plugins
