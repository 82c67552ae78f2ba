#include "service/config/server_config.h"

#include <unistd.h>

#include <filesystem>

namespace textlens::service::config {

absl::Status Validate(const ServerConfig& config) {
  if (config.listen.empty()) {
    return absl::InvalidArgumentError("listen: an address is required");
  }
  if (config.max_queued_tasks == 0) {
    return absl::InvalidArgumentError("max_queued_tasks must be at least 1");
  }
  if (config.max_document_bytes == 0) {
    return absl::InvalidArgumentError("max_document_bytes must be at least 1");
  }
  if (config.max_batch_size == 0) {
    return absl::InvalidArgumentError("max_batch_size must be at least 1");
  }
  if (config.default_deadline <= absl::ZeroDuration()) {
    return absl::InvalidArgumentError("default_deadline must be positive");
  }
  return absl::OkStatus();
}

std::string DefaultPluginDir() {
  std::error_code error;
  auto exe = std::filesystem::read_symlink("/proc/self/exe", error);
  if (error) return "plugins";
  return (exe.parent_path() / "plugins").string();
}

}  // namespace textlens::service::config
