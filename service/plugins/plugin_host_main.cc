// textlens-plugin-host: hosts one analyzer plugin in a process of its own,
// for `textlensd --isolate`. It loads the shared library with the same
// checks as the server (PluginLibrary), then relays the bytes the server
// would exchange with the plugin in-process, framed on descriptor 3 (see
// hosted_frames.h). It limits its own address space first, dies with the
// server, and ends when the server closes the socket.
#include <signal.h>
#include <unistd.h>

#include <memory>
#include <string>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/strings/str_cat.h"
#include "service/common/child_process.h"
#include "service/plugins/analyzer.h"
#include "service/plugins/hosted_frames.h"
#include "service/plugins/plugin_library.h"
#include "spdlog/spdlog.h"

ABSL_FLAG(std::string, plugin, "", "the plugin's shared library");
ABSL_FLAG(uint64_t, max_memory_bytes, uint64_t{1} << 30,
          "address space of this process (0: no limit)");

namespace textlens::service::plugins {
namespace {

constexpr int kSocket = 3;

bool Reply(const absl::Status& status, std::string output = "",
           std::vector<std::string> warnings = {}) {
  plugin::v1::HostedReply reply;
  reply.set_code(static_cast<int32_t>(status.code()));
  reply.set_message(std::string(status.message()));
  reply.set_output(std::move(output));
  for (auto& warning : warnings) reply.add_warnings(std::move(warning));
  return WriteFrame(kSocket, reply.SerializeAsString()).ok();
}

int Serve(const std::string& path) {
  auto library = PluginLibrary::Open(path);
  if (!library.ok()) {
    Reply(library.status());
    return 0;
  }
  if (!Reply(absl::OkStatus(), (*library)->descriptor().SerializeAsString())) {
    return 1;
  }
  std::string bytes;
  if (!ReadFrame(kSocket, &bytes, kMaxFrameBytes).ok()) return 0;
  plugin::v1::PluginInput config;
  if (!config.ParseFromString(bytes)) {
    Reply(absl::InvalidArgumentError("the configuration does not parse"));
    return 1;
  }
  auto analyzer = Analyzer::Create(*library, config);
  if (!analyzer.ok()) {
    Reply(analyzer.status());
    return 0;
  }
  if (!Reply(absl::OkStatus())) return 1;
  // One call at a time; the server runs several processes for concurrency.
  while (ReadFrame(kSocket, &bytes, kMaxFrameBytes).ok()) {
    Analyzer::Output output = (*analyzer)->Analyze(bytes, nullptr);
    if (!Reply(output.status, std::move(output.result),
               std::move(output.warnings))) {
      return 1;
    }
  }
  return 0;  // the server closed the socket
}

}  // namespace
}  // namespace textlens::service::plugins

int main(int argc, char** argv) {
  absl::ParseCommandLine(argc, argv);
  textlens::service::LimitThisProcess(absl::GetFlag(FLAGS_max_memory_bytes),
                                      /*max_cpu_seconds=*/0,
                                      /*may_write_files=*/true);
  // The server stops its hosts itself (closing the socket, or killing them)
  // after its own graceful shutdown: a SIGTERM or Ctrl-C sent to every
  // process at once must not fail the calls it is still draining.
  signal(SIGINT, SIG_IGN);
  signal(SIGTERM, SIG_IGN);
  const std::string path = absl::GetFlag(FLAGS_plugin);
  spdlog::set_pattern(absl::StrCat("[%Y-%m-%d %H:%M:%S.%e] [%l] [plugin host ",
                                   getpid(), "] %v"));
  return textlens::service::plugins::Serve(path);
}
