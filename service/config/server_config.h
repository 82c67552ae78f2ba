// ServerConfig: every setting of a textlens server, with embedded defaults
// so `textlensd` runs with no configuration at all.
//
// A plain value type; thread-compatible.
#ifndef TEXTLENS_SERVICE_CONFIG_SERVER_CONFIG_H_
#define TEXTLENS_SERVICE_CONFIG_SERVER_CONFIG_H_

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/time/time.h"

namespace textlens::service::config {

struct ServerConfig {
  // Address to listen on; port 0 picks a free port (printed at start-up).
  std::string listen = "127.0.0.1:50051";
  // Let other processes listen on the same port (SO_REUSEPORT), the kernel
  // sharing the connections between them. Off: a second server on a busy
  // port fails to start rather than silently taking part of the traffic.
  bool listen_reuse_port = false;
  // Folder of plugin libraries; empty means "plugins" beside the binary.
  std::string plugin_dir;
  // Reload the plugins when files in the folder change (besides the
  // ReloadPlugins admin call).
  bool watch_plugins = true;
  // Each plugin's configuration, by plugin name: string options given to
  // the plugin when it is created ("entities" -> {"kb_file": "/etc/kb.json"}).
  std::map<std::string, std::map<std::string, std::string>> plugin_options;
  // Least severe log messages written: debug, info, warn or error.
  std::string log_level = "info";
  // Log lines as text or as JSON objects ("text", "json").
  std::string log_format = "text";
  // A line per call (request id, analyzers, sizes, status, duration), and
  // with it the documents' text (cut at 4 KiB) only when asked.
  bool log_requests = true;
  bool log_document_text = false;
  // Prometheus metrics over HTTP on this address (GET /metrics); empty:
  // none.
  std::string metrics_listen;
  // HTTP/JSON endpoint and web page on this address (POST /v1/analyze...,
  // GET /), TLS with tls_cert_file; empty: none.
  std::string http_listen;
  // Threads running analyzers; 0 means one per core.
  uint32_t worker_threads = 0;
  // Analyzer tasks that may wait for a worker before calls are refused.
  uint32_t max_queued_tasks = 256;
  // Largest document analyzed, in bytes of normalized text.
  uint64_t max_document_bytes = 1 << 20;
  // Largest Document.text or Document.content received, in bytes as sent.
  uint64_t max_content_bytes = 16 << 20;
  // Largest request (AnalyzeRequest, or each request of a batch or a
  // stream), in serialized bytes: the document with its metadata and every
  // analyzer's options. At least max_content_bytes.
  uint64_t max_request_bytes = 20 << 20;
  // The PDF reader process: its executable (empty: "textlens-pdf" beside
  // the server) and its limits.
  std::string pdf_helper;
  uint32_t pdf_max_pages = 2000;
  uint64_t pdf_max_memory_bytes = uint64_t{1} << 30;
  uint32_t pdf_max_cpu_seconds = 20;
  // PDF reader processes running at once; 0 means one per core.
  uint32_t pdf_max_concurrent = 0;
  // Most documents in one BatchAnalyze.
  uint32_t max_batch_size = 64;
  // Deadline of a call whose client set none.
  absl::Duration default_deadline = absl::Seconds(30);
  // Plugins run in supervised processes of their own, by file name without
  // ".so"; "all" isolates every plugin. Empty: all run in the server.
  std::vector<std::string> isolate;
  // Limits of each isolated plugin's processes.
  std::string plugin_host;  // empty: textlens-plugin-host beside the server
  uint64_t isolation_max_memory_bytes = uint64_t{1} << 30;
  absl::Duration isolation_max_call_time = absl::Seconds(30);
  absl::Duration isolation_start_timeout = absl::Seconds(10);
  uint32_t isolation_processes = 0;  // per plugin; 0: one per core
  // Analyze, BatchAnalyze and AnalyzeStream calls at once, and of those
  // streams; beyond them calls get RESOURCE_EXHAUSTED at once.
  uint32_t max_concurrent_calls = 64;
  uint32_t max_concurrent_streams = 16;
  // TLS: the server's certificate chain and key (PEM). With a client CA,
  // clients must present a certificate it signed (mutual TLS).
  std::string tls_cert_file;
  std::string tls_key_file;
  std::string tls_client_ca_file;
  // Bearer tokens accepted, one per line; empty: no authentication.
  std::string auth_token_file;
  // How long shutdown waits for calls in flight.
  absl::Duration shutdown_grace = absl::Seconds(5);
  // From SIGTERM, how long the server reports NOT_SERVING while still
  // serving every call, before it stops taking calls: time for a load
  // balancer watching health to turn away (a few probe periods).
  absl::Duration shutdown_delay = absl::ZeroDuration();
};

// OK if the values are usable; INVALID_ARGUMENT naming the bad setting.
absl::Status Validate(const ServerConfig& config);

// The folder "plugins" beside the running executable.
std::string DefaultPluginDir();

}  // namespace textlens::service::config

#endif  // TEXTLENS_SERVICE_CONFIG_SERVER_CONFIG_H_
