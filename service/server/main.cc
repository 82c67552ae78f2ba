// textlensd: the textlens server. Flags override the embedded defaults.
#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <thread>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/flags/usage.h"
#include "absl/time/time.h"
#include "service/config/server_config.h"
#include "service/server/server.h"
#include "spdlog/spdlog.h"

ABSL_FLAG(std::string, listen, "127.0.0.1:50051",
          "address to listen on; port 0 picks a free port");
ABSL_FLAG(std::string, plugin_dir, "",
          "folder of analyzer plugins (default: plugins/ beside the binary)");
ABSL_FLAG(std::vector<std::string>, plugin_option, {},
          "a plugin's configuration, PLUGIN.KEY=VALUE, comma-separated "
          "(entities.kb_file=/etc/textlens/kb.json)");
ABSL_FLAG(uint32_t, worker_threads, 0, "analyzer threads (0: one per core)");
ABSL_FLAG(uint32_t, max_queued_tasks, 256,
          "analyzer tasks that may wait before calls get RESOURCE_EXHAUSTED");
ABSL_FLAG(uint64_t, max_document_bytes, 1 << 20,
          "largest document analyzed, in bytes of normalized text");
ABSL_FLAG(uint64_t, max_content_bytes, 16 << 20,
          "largest document content received, in bytes as sent");
ABSL_FLAG(std::string, pdf_helper, "",
          "PDF reader executable (default: textlens-pdf beside textlensd)");
ABSL_FLAG(uint32_t, pdf_max_pages, 2000, "most pages read from a PDF");
ABSL_FLAG(uint64_t, pdf_max_memory_bytes, uint64_t{1} << 30,
          "address space of the PDF reader process");
ABSL_FLAG(uint32_t, pdf_max_cpu_seconds, 20,
          "CPU time of the PDF reader process, per document");
ABSL_FLAG(uint32_t, pdf_max_concurrent, 0,
          "PDF reader processes at once; later PDFs wait (0: one per core)");
ABSL_FLAG(uint32_t, max_batch_size, 64, "most documents per BatchAnalyze");
ABSL_FLAG(absl::Duration, default_deadline, absl::Seconds(30),
          "deadline of calls that set none");
ABSL_FLAG(uint32_t, max_concurrent_calls, 64,
          "Analyze, BatchAnalyze and AnalyzeStream calls at once; more get "
          "RESOURCE_EXHAUSTED");
ABSL_FLAG(uint32_t, max_concurrent_streams, 16,
          "AnalyzeStream calls at once; more get RESOURCE_EXHAUSTED");
ABSL_FLAG(std::string, tls_cert_file, "",
          "server certificate chain (PEM); with --tls_key_file, serves TLS");
ABSL_FLAG(std::string, tls_key_file, "", "server private key (PEM)");
ABSL_FLAG(std::string, tls_client_ca_file, "",
          "CA (PEM) that must have signed client certificates: mutual TLS");
ABSL_FLAG(std::string, auth_token_file, "",
          "file of accepted bearer tokens, one per line, readable by its "
          "owner only; calls must send 'authorization: Bearer TOKEN'");
ABSL_FLAG(absl::Duration, shutdown_grace, absl::Seconds(5),
          "how long SIGTERM waits for calls in flight before ending them");
ABSL_FLAG(std::vector<std::string>, isolate, {},
          "plugins to run in supervised processes of their own, by file name "
          "without .so (entities,stance), or 'all'");
ABSL_FLAG(std::string, plugin_host, "",
          "host executable of isolated plugins (default: "
          "textlens-plugin-host beside textlensd)");
ABSL_FLAG(uint64_t, isolation_max_memory_bytes, uint64_t{1} << 30,
          "address space of each isolated plugin process");
ABSL_FLAG(absl::Duration, isolation_max_call_time, absl::Seconds(30),
          "longest one call may take in an isolated plugin before its "
          "process is killed");
ABSL_FLAG(absl::Duration, isolation_start_timeout, absl::Seconds(10),
          "longest an isolated plugin process may take to load the plugin");
ABSL_FLAG(uint32_t, isolation_processes, 0,
          "processes per isolated plugin, i.e. its calls at once (0: one per "
          "core)");
ABSL_FLAG(std::string, log_level, "info", "debug, info, warn or error");

namespace {

// SIGINT and SIGTERM write their number to a pipe that one thread reads.
// A handler rather than a blocked mask: threads that libraries start
// before main (and so before any mask) must not die of the signal either.
int g_signal_pipe[2] = {-1, -1};

void OnShutdownSignal(int signal) {
  const int saved_errno = errno;
  const unsigned char byte = static_cast<unsigned char>(signal);
  // Non-blocking: a flood of signals fills the pipe and is dropped.
  [[maybe_unused]] const ssize_t n = write(g_signal_pipe[1], &byte, 1);
  errno = saved_errno;
}

bool CatchShutdownSignals() {
  if (pipe2(g_signal_pipe, O_CLOEXEC) != 0 ||
      fcntl(g_signal_pipe[1], F_SETFL, O_NONBLOCK) != 0) {
    return false;
  }
  struct sigaction action = {};
  action.sa_handler = OnShutdownSignal;
  sigemptyset(&action.sa_mask);
  action.sa_flags = SA_RESTART;
  return sigaction(SIGINT, &action, nullptr) == 0 &&
         sigaction(SIGTERM, &action, nullptr) == 0;
}

int WaitForShutdownSignal() {
  unsigned char byte = 0;
  while (read(g_signal_pipe[0], &byte, 1) < 0 && errno == EINTR) {
  }
  return byte;
}

}  // namespace

int main(int argc, char** argv) {
  absl::SetProgramUsageMessage("textlensd [--listen=ADDR] [--plugin_dir=DIR]");
  absl::ParseCommandLine(argc, argv);
  spdlog::set_level(spdlog::level::from_str(absl::GetFlag(FLAGS_log_level)));
  // SIGTERM starts a graceful shutdown instead of killing calls.
  if (!CatchShutdownSignals()) {
    spdlog::critical("cannot install the SIGTERM handler: {}",
                     std::strerror(errno));
    return 1;
  }

  textlens::service::config::ServerConfig config;
  config.listen = absl::GetFlag(FLAGS_listen);
  config.plugin_dir = absl::GetFlag(FLAGS_plugin_dir);
  for (const std::string& option : absl::GetFlag(FLAGS_plugin_option)) {
    const size_t dot = option.find('.');
    const size_t equals = option.find('=');
    if (dot == std::string::npos || equals == std::string::npos || dot == 0 ||
        equals < dot + 2) {
      spdlog::critical(
          "--plugin_option: '{}' is not PLUGIN.KEY=VALUE "
          "(e.g. entities.kb_file=/etc/textlens/kb.json)",
          option);
      return 2;
    }
    config.plugin_options[option.substr(0, dot)][option.substr(
        dot + 1, equals - dot - 1)] = option.substr(equals + 1);
  }
  config.worker_threads = absl::GetFlag(FLAGS_worker_threads);
  config.max_queued_tasks = absl::GetFlag(FLAGS_max_queued_tasks);
  config.max_document_bytes = absl::GetFlag(FLAGS_max_document_bytes);
  config.max_content_bytes = absl::GetFlag(FLAGS_max_content_bytes);
  config.pdf_helper = absl::GetFlag(FLAGS_pdf_helper);
  config.pdf_max_pages = absl::GetFlag(FLAGS_pdf_max_pages);
  config.pdf_max_memory_bytes = absl::GetFlag(FLAGS_pdf_max_memory_bytes);
  config.pdf_max_cpu_seconds = absl::GetFlag(FLAGS_pdf_max_cpu_seconds);
  config.pdf_max_concurrent = absl::GetFlag(FLAGS_pdf_max_concurrent);
  config.max_batch_size = absl::GetFlag(FLAGS_max_batch_size);
  config.default_deadline = absl::GetFlag(FLAGS_default_deadline);
  config.shutdown_grace = absl::GetFlag(FLAGS_shutdown_grace);
  config.max_concurrent_calls = absl::GetFlag(FLAGS_max_concurrent_calls);
  config.max_concurrent_streams = absl::GetFlag(FLAGS_max_concurrent_streams);
  config.tls_cert_file = absl::GetFlag(FLAGS_tls_cert_file);
  config.tls_key_file = absl::GetFlag(FLAGS_tls_key_file);
  config.tls_client_ca_file = absl::GetFlag(FLAGS_tls_client_ca_file);
  config.auth_token_file = absl::GetFlag(FLAGS_auth_token_file);
  config.isolate = absl::GetFlag(FLAGS_isolate);
  config.plugin_host = absl::GetFlag(FLAGS_plugin_host);
  config.isolation_max_memory_bytes =
      absl::GetFlag(FLAGS_isolation_max_memory_bytes);
  config.isolation_max_call_time = absl::GetFlag(FLAGS_isolation_max_call_time);
  config.isolation_start_timeout = absl::GetFlag(FLAGS_isolation_start_timeout);
  config.isolation_processes = absl::GetFlag(FLAGS_isolation_processes);

  auto server = textlens::service::server::Server::Start(config);
  if (!server.ok()) {
    spdlog::critical("cannot start: {}", server.status().ToString());
    return 1;
  }
  // Tests and scripts read this line to learn the port.
  std::printf("textlensd listening on port %d\n", (*server)->port());
  std::fflush(stdout);
  spdlog::info("textlensd {} serving on {}", TEXTLENS_VERSION, config.listen);

  std::thread signal_waiter([&server, grace = config.shutdown_grace] {
    const int signal = WaitForShutdownSignal();
    spdlog::info("signal {} received; shutting down", signal);
    // A plugin that ignores cancellation may hold a thread forever, and
    // gRPC's shutdown and the teardown wait for every thread: the process
    // ends regardless, two seconds after the grace period.
    std::thread([grace] {
      absl::SleepFor(grace + absl::Seconds(2));
      spdlog::error(
          "an analyzer still runs {} after the shutdown began (a plugin "
          "ignoring cancellation); exiting without it",
          absl::FormatDuration(grace));
      spdlog::default_logger()->flush();
      std::_Exit(1);
    }).detach();
    (*server)->Shutdown();
  });
  (*server)->Wait();
  signal_waiter.join();  // Wait() returned: its Shutdown() did
  server->reset();
  spdlog::info("textlensd stopped");
  return 0;
}
