#include "service/config/server_config.h"

#include <unistd.h>

#include <filesystem>

namespace textlens::service::config {

absl::Status Validate(const ServerConfig& config) {
  if (config.listen.empty()) {
    return absl::InvalidArgumentError("listen: an address is required");
  }
  if (config.log_level != "debug" && config.log_level != "info" &&
      config.log_level != "warn" && config.log_level != "error") {
    return absl::InvalidArgumentError(
        "log_level: '" + config.log_level +
        "' is not one of debug, info, warn, error");
  }
  if (config.log_format != "text" && config.log_format != "json") {
    return absl::InvalidArgumentError("log_format: '" + config.log_format +
                                      "' is not text or json");
  }
  if (config.max_queued_tasks == 0) {
    return absl::InvalidArgumentError("max_queued_tasks must be at least 1");
  }
  if (config.max_document_bytes == 0) {
    return absl::InvalidArgumentError("max_document_bytes must be at least 1");
  }
  if (config.max_content_bytes < config.max_document_bytes) {
    return absl::InvalidArgumentError(
        "max_content_bytes must be at least max_document_bytes");
  }
  if (config.max_request_bytes < config.max_content_bytes) {
    return absl::InvalidArgumentError(
        "max_request_bytes must be at least max_content_bytes");
  }
  if (config.pdf_max_pages == 0 || config.pdf_max_cpu_seconds == 0 ||
      config.pdf_max_memory_bytes < (64 << 20)) {
    return absl::InvalidArgumentError(
        "pdf_max_pages and pdf_max_cpu_seconds must be at least 1, "
        "pdf_max_memory_bytes at least 64 MiB");
  }
  if (config.max_batch_size == 0) {
    return absl::InvalidArgumentError("max_batch_size must be at least 1");
  }
  if (config.default_deadline <= absl::ZeroDuration()) {
    return absl::InvalidArgumentError("default_deadline must be positive");
  }
  if (config.max_concurrent_calls == 0 || config.max_concurrent_streams == 0) {
    return absl::InvalidArgumentError(
        "max_concurrent_calls and max_concurrent_streams must be at least 1");
  }
  if (config.tls_cert_file.empty() != config.tls_key_file.empty()) {
    return absl::InvalidArgumentError(
        "tls_cert_file and tls_key_file go together: give both or neither");
  }
  if (!config.tls_client_ca_file.empty() && config.tls_cert_file.empty()) {
    return absl::InvalidArgumentError(
        "tls_client_ca_file needs tls_cert_file and tls_key_file");
  }
  if (config.shutdown_grace <= absl::ZeroDuration() ||
      config.shutdown_grace > absl::Hours(1)) {
    return absl::InvalidArgumentError(
        "shutdown_grace must be positive and at most 1h");
  }
  if (config.shutdown_delay < absl::ZeroDuration() ||
      config.shutdown_delay > absl::Minutes(10)) {
    return absl::InvalidArgumentError(
        "shutdown_delay must be between 0s and 10m");
  }
  if (config.isolation_max_memory_bytes < (16 << 20)) {
    return absl::InvalidArgumentError(
        "isolation_max_memory_bytes must be at least 16 MiB");
  }
  if (config.isolation_max_call_time <= absl::ZeroDuration() ||
      config.isolation_start_timeout <= absl::ZeroDuration()) {
    return absl::InvalidArgumentError(
        "isolation_max_call_time and isolation_start_timeout must be "
        "positive");
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
