// textlensd: the textlens server. Settings come from the embedded
// defaults, a YAML file, TEXTLENS_* environment variables and flags
// (config_loader.h).
#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "absl/flags/commandlineflag.h"
#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/flags/reflection.h"
#include "absl/flags/usage.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "service/config/config_loader.h"
#include "service/config/server_config.h"
#include "service/server/server.h"
#include "spdlog/spdlog.h"

#ifdef TEXTLENS_WITH_TCMALLOC
#include <gperftools/malloc_extension.h>
#endif

// Each setting's flag; the defaults shown by --help are ServerConfig's.
// config_loader.h merges them with the file and the environment.
namespace {
const textlens::service::config::ServerConfig kDefaults;
}  // namespace

ABSL_FLAG(std::string, config, "",
          "YAML file of settings (also TEXTLENS_CONFIG); the environment "
          "and flags override it");
ABSL_FLAG(std::string, listen, kDefaults.listen,
          "address to listen on; port 0 picks a free port");
ABSL_FLAG(bool, listen_reuse_port, kDefaults.listen_reuse_port,
          "let other processes listen on the same port, the kernel sharing "
          "connections between them (SO_REUSEPORT; =true or =false)");
ABSL_FLAG(std::string, plugin_dir, kDefaults.plugin_dir,
          "folder of analyzer plugins (default: plugins/ beside the binary)");
ABSL_FLAG(bool, watch_plugins, kDefaults.watch_plugins,
          "reload the plugins when files of the plugin folder change "
          "(=true or =false)");
ABSL_FLAG(std::vector<std::string>, plugin_options, {},
          "plugins' configuration, PLUGIN.KEY=VALUE, comma-separated "
          "(entities.kb_file=/etc/textlens/kb.json)");
ABSL_FLAG(std::string, log_level, kDefaults.log_level,
          "debug, info, warn or error");
ABSL_FLAG(std::string, log_format, kDefaults.log_format,
          "log lines as text or json (one object per line)");
ABSL_FLAG(bool, log_requests, kDefaults.log_requests,
          "a log line per call: request id, analyzers, sizes, status, "
          "duration (=true or =false)");
ABSL_FLAG(bool, log_document_text, kDefaults.log_document_text,
          "add each document's text, cut at 4 KiB, to its call's log line");
ABSL_FLAG(std::string, metrics_listen, kDefaults.metrics_listen,
          "address of the Prometheus metrics endpoint (GET /metrics); "
          "empty: none");
ABSL_FLAG(std::string, http_listen, kDefaults.http_listen,
          "address of the HTTP/JSON endpoint and web page (POST "
          "/v1/analyze, GET /); port 0 picks a free port; empty: none");
ABSL_FLAG(uint32_t, worker_threads, kDefaults.worker_threads,
          "analyzer threads (0: one per core)");
ABSL_FLAG(uint32_t, max_queued_tasks, kDefaults.max_queued_tasks,
          "analyzer tasks that may wait before calls get RESOURCE_EXHAUSTED");
ABSL_FLAG(uint64_t, max_document_bytes, kDefaults.max_document_bytes,
          "largest document analyzed, in bytes of normalized text");
ABSL_FLAG(uint64_t, max_content_bytes, kDefaults.max_content_bytes,
          "largest document content received, in bytes as sent");
ABSL_FLAG(uint64_t, max_request_bytes, kDefaults.max_request_bytes,
          "largest request received (document, metadata and options), in "
          "serialized bytes; at least max_content_bytes");
ABSL_FLAG(uint32_t, max_batch_size, kDefaults.max_batch_size,
          "most documents per BatchAnalyze");
ABSL_FLAG(absl::Duration, default_deadline, kDefaults.default_deadline,
          "deadline of calls that set none");
ABSL_FLAG(uint32_t, max_concurrent_calls, kDefaults.max_concurrent_calls,
          "Analyze, BatchAnalyze and AnalyzeStream calls at once; more get "
          "RESOURCE_EXHAUSTED");
ABSL_FLAG(uint32_t, max_concurrent_streams, kDefaults.max_concurrent_streams,
          "AnalyzeStream calls at once; more get RESOURCE_EXHAUSTED");
ABSL_FLAG(absl::Duration, shutdown_grace, kDefaults.shutdown_grace,
          "how long SIGTERM waits for calls in flight before ending them");
ABSL_FLAG(absl::Duration, shutdown_delay, kDefaults.shutdown_delay,
          "from SIGTERM, how long health says NOT_SERVING while every call "
          "is still served, before the shutdown (load balancers turn away)");
ABSL_FLAG(std::string, pdf_helper, kDefaults.pdf_helper,
          "PDF reader executable (default: textlens-pdf beside textlensd)");
ABSL_FLAG(uint32_t, pdf_max_pages, kDefaults.pdf_max_pages,
          "most pages read from a PDF");
ABSL_FLAG(uint64_t, pdf_max_memory_bytes, kDefaults.pdf_max_memory_bytes,
          "address space of the PDF reader process");
ABSL_FLAG(uint32_t, pdf_max_cpu_seconds, kDefaults.pdf_max_cpu_seconds,
          "CPU time of the PDF reader process, per document");
ABSL_FLAG(uint32_t, pdf_max_concurrent, kDefaults.pdf_max_concurrent,
          "PDF reader processes at once; later PDFs wait (0: one per core)");
ABSL_FLAG(std::string, tls_cert_file, kDefaults.tls_cert_file,
          "server certificate chain (PEM); with --tls_key_file, serves TLS");
ABSL_FLAG(std::string, tls_key_file, kDefaults.tls_key_file,
          "server private key (PEM)");
ABSL_FLAG(std::string, tls_client_ca_file, kDefaults.tls_client_ca_file,
          "CA (PEM) that must have signed client certificates: mutual TLS");
ABSL_FLAG(std::string, auth_token_file, kDefaults.auth_token_file,
          "file of accepted bearer tokens, one per line, readable by its "
          "owner only; calls must send 'authorization: Bearer TOKEN'");
ABSL_FLAG(std::vector<std::string>, isolate, kDefaults.isolate,
          "plugins to run in supervised processes of their own, by file name "
          "without .so (entities,stance), or 'all'");
ABSL_FLAG(std::string, plugin_host, kDefaults.plugin_host,
          "host executable of isolated plugins (default: "
          "textlens-plugin-host beside textlensd)");
ABSL_FLAG(uint64_t, isolation_max_memory_bytes,
          kDefaults.isolation_max_memory_bytes,
          "address space of each isolated plugin process");
ABSL_FLAG(absl::Duration, isolation_max_call_time,
          kDefaults.isolation_max_call_time,
          "longest one call may take in an isolated plugin before its "
          "process is killed");
ABSL_FLAG(absl::Duration, isolation_start_timeout,
          kDefaults.isolation_start_timeout,
          "longest an isolated plugin process may take to load the plugin");
ABSL_FLAG(uint32_t, isolation_processes, kDefaults.isolation_processes,
          "processes per isolated plugin, i.e. its calls at once (0: one per "
          "core)");

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

// Removes --print_config (or --print-config) from the arguments; whether
// it was there. Taken apart from Abseil's flags, whose boolean flags the
// shared Debian libraries do not recognize as such.
bool TakePrintConfig(int* argc, char** argv) {
  bool found = false;
  int kept = 1;
  for (int i = 1; i < *argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg == "--print_config" || arg == "--print-config") {
      found = true;
    } else {
      argv[kept++] = argv[i];
    }
  }
  *argc = kept;
  argv[kept] = nullptr;
  return found;
}

// Flags are spelled with underscores; --max-batch-size and the like are
// accepted too. Returns the names of the flags given (settings or not).
std::vector<std::string> NormalizeFlagNames(int argc, char** argv) {
  std::vector<std::string> given;
  for (int i = 1; i < argc; ++i) {
    std::string_view arg = argv[i];
    if (arg == "--") break;
    if (arg.size() < 2 || arg[0] != '-') continue;
    const size_t dashes = arg[1] == '-' ? 2 : 1;
    const size_t end = std::min(arg.find('='), arg.size());
    for (size_t k = dashes; k < end; ++k) {
      if (argv[i][k] == '-') argv[i][k] = '_';
    }
    given.emplace_back(arg.substr(dashes, end - dashes));
  }
  return given;
}

// The configuration from the defaults, the file, the environment and the
// flags given; exits with status 2 and a message naming the bad setting.
textlens::service::config::LoadedConfig LoadConfigOrExit(
    const std::vector<std::string>& given_flags) {
  namespace config = textlens::service::config;
  config::ConfigSources sources;
  sources.file_path = absl::GetFlag(FLAGS_config);
  if (sources.file_path.empty()) {
    const char* from_environment = std::getenv("TEXTLENS_CONFIG");
    if (from_environment != nullptr) sources.file_path = from_environment;
  }
  if (!sources.file_path.empty()) {
    std::ifstream file(sources.file_path);
    std::ostringstream text;
    std::error_code error;
    const bool regular =
        std::filesystem::is_regular_file(sources.file_path, error);
    if (regular && file) text << file.rdbuf();
    if (!regular || !file || file.bad()) {
      std::fprintf(stderr, "textlensd: cannot read config %s: %s\n",
                   sources.file_path.c_str(),
                   regular ? std::strerror(errno) : "not a regular file");
      std::exit(2);
    }
    sources.file_text = text.str();
  }
  for (char** entry = environ; *entry != nullptr; ++entry) {
    const std::string_view variable = *entry;
    const size_t equals = variable.find('=');
    if (equals == std::string_view::npos) continue;
    sources.environment.emplace_back(variable.substr(0, equals),
                                     variable.substr(equals + 1));
  }
  const std::vector<std::string_view> keys = config::SettingKeys();
  for (const std::string& name : given_flags) {
    if (std::find(keys.begin(), keys.end(), name) == keys.end()) continue;
    const absl::CommandLineFlag* flag = absl::FindCommandLineFlag(name);
    if (flag == nullptr) continue;
    sources.flags.emplace_back(name, flag->CurrentValue());
  }
  auto loaded = config::LoadConfig(sources);
  if (!loaded.ok()) {
    std::fprintf(stderr, "textlensd: %s\n",
                 std::string(loaded.status().message()).c_str());
    std::exit(2);
  }
  return *std::move(loaded);
}

// Memory freed after a large request goes back to the system within about a
// second, so that resident memory returns under its budget after the call
// (gRPC holds a whole message before refusing one over the size limit, and
// tcmalloc keeps what is freed for reuse). Checked once a second; only more
// than 16 MiB of free pages is released.
void ReturnFreedMemoryEverySecond() {
#ifdef TEXTLENS_WITH_TCMALLOC
  std::thread([] {
    for (;;) {
      absl::SleepFor(absl::Seconds(1));
      size_t free_bytes = 0;
      if (MallocExtension::instance()->GetNumericProperty(
              "tcmalloc.pageheap_free_bytes", &free_bytes) &&
          free_bytes > (size_t{16} << 20)) {
        MallocExtension::instance()->ReleaseFreeMemory();
      }
    }
  }).detach();
#endif
}

}  // namespace

int main(int argc, char** argv) {
  // Debian's Abseil checks every Mutex acquisition for lock-order cycles
  // (a debugging aid that gRPC's locks pay on each call); a server runs
  // without it.
  absl::SetMutexDeadlockDetectionMode(absl::OnDeadlockCycle::kIgnore);
  absl::SetProgramUsageMessage(
      "textlensd [--config=FILE] [--listen=ADDR] [--print-config] ...\n"
      "Settings come from the defaults, then the YAML file, then TEXTLENS_* "
      "environment variables, then flags. --print-config prints the "
      "effective configuration as YAML and exits.");
  const bool print_config = TakePrintConfig(&argc, argv);
  const std::vector<std::string> given_flags = NormalizeFlagNames(argc, argv);
  absl::ParseCommandLine(argc, argv);
  const textlens::service::config::LoadedConfig loaded =
      LoadConfigOrExit(given_flags);
  if (print_config) {
    std::fputs(textlens::service::config::PrintConfig(loaded).c_str(), stdout);
    return 0;
  }
  const textlens::service::config::ServerConfig& config = loaded.config;
  spdlog::set_level(spdlog::level::from_str(config.log_level));
  if (config.log_format == "json") textlens::service::server::UseJsonLogs();
  for (const std::string& warning : loaded.warnings) spdlog::warn(warning);
  // SIGTERM starts a graceful shutdown instead of killing calls.
  if (!CatchShutdownSignals()) {
    spdlog::critical("cannot install the SIGTERM handler: {}",
                     std::strerror(errno));
    return 1;
  }

  ReturnFreedMemoryEverySecond();
  auto server = textlens::service::server::Server::Start(config);
  if (!server.ok()) {
    spdlog::critical("cannot start: {}", server.status().ToString());
    // An address that cannot be bound (a busy port) is a setting to change,
    // like a bad configuration: status 2. Anything else: 1.
    return server.status().code() == absl::StatusCode::kUnavailable ? 2 : 1;
  }
  // Tests and scripts read this line to learn the port.
  // Always printed, whatever the log level: scripts and tests read the
  // ports from these lines.
  const auto announce = [json = config.log_format ==
                                "json"](const std::string& line) {
    std::puts(json
                  ? textlens::service::server::JsonLogLine("info", line).c_str()
                  : line.c_str());
  };
  announce("textlensd listening on port " + std::to_string((*server)->port()));
  if ((*server)->metrics_port() != 0) {
    announce("textlensd metrics on port " +
             std::to_string((*server)->metrics_port()));
  }
  if ((*server)->http_port() != 0) {
    announce("textlensd http on port " +
             std::to_string((*server)->http_port()));
  }
  std::fflush(stdout);
  spdlog::info("textlensd {} serving on {}", TEXTLENS_VERSION, config.listen);

  std::thread signal_waiter(
      [&server, grace = config.shutdown_grace, delay = config.shutdown_delay] {
        const int signal = WaitForShutdownSignal();
        spdlog::info("signal {} received; shutting down", signal);
        // A plugin that ignores cancellation may hold a thread forever, and
        // gRPC's shutdown and the teardown wait for every thread: the process
        // ends regardless, two seconds after the grace period.
        std::thread([grace, delay] {
          absl::SleepFor(delay + grace + absl::Seconds(2));
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
