#include "service/plugins/isolated_analyzer.h"

#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "service/plugins/hosted_frames.h"
#include "spdlog/spdlog.h"

namespace textlens::service::plugins {
namespace {

// Largest reply accepted from a process.
constexpr size_t kMaxReplyBytes = size_t{256} << 20;

// Reads one HostedReply, giving up at `deadline`.
absl::StatusOr<plugin::v1::HostedReply> ReadReply(int fd, absl::Time deadline) {
  std::string bytes;
  absl::Status read = ReadFrame(fd, &bytes, kMaxReplyBytes,
                                [deadline] { return absl::Now() >= deadline; });
  if (!read.ok()) return read;
  plugin::v1::HostedReply reply;
  if (!reply.ParseFromString(bytes)) {
    return absl::InternalError("its answer is not a HostedReply");
  }
  return reply;
}

absl::Status ReplyStatus(const plugin::v1::HostedReply& reply) {
  if (reply.code() == 0) return absl::OkStatus();
  const int code = reply.code() > 0 && reply.code() <= 16 ? reply.code() : 2;
  return absl::Status(static_cast<absl::StatusCode>(code), reply.message());
}

}  // namespace

std::string DefaultPluginHostPath() {
  return SiblingExecutable("textlens-plugin-host");
}

std::string IsolatedAnalyzer::Reap(Process* process, bool kill_first) {
  if (process->pid <= 0) return "was never started";
  process->socket.reset();
  int wait_status = 0;
  // A process that closed its socket on its own gets a second to exit.
  const absl::Time give_up = absl::Now() + absl::Seconds(1);
  bool killed = kill_first;
  if (kill_first) kill(process->pid, SIGKILL);
  while (true) {
    const pid_t reaped =
        waitpid(process->pid, &wait_status, killed ? 0 : WNOHANG);
    if (reaped == process->pid) break;
    if (reaped < 0 && errno != EINTR) {
      process->pid = -1;
      return "vanished";
    }
    if (reaped == 0 && absl::Now() >= give_up) {
      kill(process->pid, SIGKILL);
      killed = true;
    } else if (reaped == 0) {
      absl::SleepFor(absl::Milliseconds(1));
    }
  }
  process->pid = -1;
  return DescribeExit(wait_status);
}

absl::StatusOr<IsolatedAnalyzer::Process> IsolatedAnalyzer::Launch(
    const std::string& path,
    const std::function<plugin::v1::PluginInput(const std::string&)>& options,
    const IsolationLimits& limits, plugin::v1::PluginDescriptor* descriptor) {
  int fds[2];
  if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds) != 0) {
    return absl::InternalError(
        absl::StrCat("cannot make a socket: ", strerror(errno)));
  }
  Process process;
  process.socket = Fd(fds[0]);
  Fd theirs(fds[1]);
  ChildSpec spec;
  spec.binary =
      limits.host_binary.empty() ? DefaultPluginHostPath() : limits.host_binary;
  spec.args = {absl::StrCat("--plugin=", path),
               absl::StrCat("--max_memory_bytes=", limits.max_memory_bytes)};
  // What the plugin prints goes to the server's log stream, never into the
  // protocol.
  spec.stdout_fd = STDERR_FILENO;
  spec.stderr_fd = ChildStream::kInherit;
  spec.fd3 = theirs.get();
  if (std::string env = SanitizerMemoryLimit(limits.max_memory_bytes);
      !env.empty()) {
    spec.env.push_back(std::move(env));
  }
  auto pid = SpawnChild(spec);
  if (!pid.ok()) return pid.status();
  process.pid = *pid;
  theirs.reset();

  const absl::Time deadline = absl::Now() + limits.start_timeout;
  const auto failed = [&](const absl::Status& why) -> absl::Status {
    if (why.code() == absl::StatusCode::kCancelled) {
      Reap(&process, /*kill_first=*/true);
      return absl::DeadlineExceededError(
          absl::StrCat("its process did not load it within ",
                       absl::FormatDuration(limits.start_timeout)));
    }
    const std::string how = Reap(&process, /*kill_first=*/false);
    return absl::InternalError(
        absl::StrCat("its process ", how, " while loading it"));
  };
  auto hello = ReadReply(process.socket.get(), deadline);
  if (!hello.ok()) return failed(hello.status());
  if (!ReplyStatus(*hello).ok()) {
    Reap(&process, /*kill_first=*/false);
    return ReplyStatus(*hello);
  }
  if (!descriptor->ParseFromString(hello->output())) {
    Reap(&process, /*kill_first=*/true);
    return absl::InvalidArgumentError("its descriptor does not parse");
  }
  const plugin::v1::PluginInput config = options(descriptor->name());
  if (!WriteFrame(process.socket.get(), config.SerializeAsString())) {
    return failed(absl::UnavailableError("closed"));
  }
  auto created = ReadReply(process.socket.get(), deadline);
  if (!created.ok()) return failed(created.status());
  if (!ReplyStatus(*created).ok()) {
    Reap(&process, /*kill_first=*/false);
    return ReplyStatus(*created);
  }
  return process;
}

absl::StatusOr<std::shared_ptr<Analyzer>> IsolatedAnalyzer::Start(
    const std::string& path,
    const std::function<plugin::v1::PluginInput(const std::string& name)>&
        options,
    const IsolationLimits& limits) {
  plugin::v1::PluginDescriptor descriptor;
  auto first = Launch(path, options, limits, &descriptor);
  if (!first.ok()) return first.status();
  absl::Status valid = ValidateDescriptor(descriptor);
  if (!valid.ok()) {
    Reap(&*first, /*kill_first=*/true);
    return valid;
  }
  plugin::v1::PluginInput config = options(descriptor.name());
  auto analyzer = std::shared_ptr<IsolatedAnalyzer>(
      new IsolatedAnalyzer(path, std::move(descriptor), std::move(config),
                           limits, std::move(*first)));
  analyzer->supervisor_ =
      std::thread([raw = analyzer.get()] { raw->Supervise(); });
  return std::shared_ptr<Analyzer>(std::move(analyzer));
}

IsolatedAnalyzer::IsolatedAnalyzer(std::string path,
                                   plugin::v1::PluginDescriptor descriptor,
                                   plugin::v1::PluginInput config,
                                   IsolationLimits limits, Process first)
    : Analyzer(std::move(path), std::move(descriptor)),
      config_(std::move(config)),
      limits_(std::move(limits)) {
  idle_.push_back(std::move(first));
  live_ = 1;
}

IsolatedAnalyzer::~IsolatedAnalyzer() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
  }
  changed_.notify_all();
  if (supervisor_.joinable()) supervisor_.join();
  // No call runs: the pipeline holds the analyzer for the length of each.
  // A process whose socket closes ends on its own.
  for (Process& process : idle_) Reap(&process, /*kill_first=*/false);
}

void IsolatedAnalyzer::OnAvailabilityChange(
    std::function<void(bool)> listener) {
  std::lock_guard<std::mutex> lock(mu_);
  listener_ = std::move(listener);
}

void IsolatedAnalyzer::Notify(bool available) const {
  std::function<void(bool)> listener;
  {
    std::lock_guard<std::mutex> lock(mu_);
    listener = listener_;
  }
  if (listener) listener(available);
}

Analyzer::Health IsolatedAnalyzer::health() const {
  std::lock_guard<std::mutex> lock(mu_);
  Health health;
  health.available = available_;
  health.failures = failures_;
  health.last_failure = last_failure_;
  return health;
}

bool IsolatedAnalyzer::RecordFailure(const std::string& how) const {
  ++failures_;
  ++failures_in_a_row_;
  last_failure_ = how;
  spdlog::warn("analyzer {}: a process {} ({} failures, {} in a row)", name(),
               how, failures_, failures_in_a_row_);
  if (live_ > 0) return false;  // the others go on serving
  const bool was_available = available_;
  available_ = false;
  absl::Duration backoff = limits_.min_backoff;
  for (uint32_t i = 1; i < failures_in_a_row_ && backoff < limits_.max_backoff;
       ++i) {
    backoff *= 2;
  }
  restart_at_ = absl::Now() + std::min(backoff, limits_.max_backoff);
  changed_.notify_all();
  return was_available;
}

void IsolatedAnalyzer::Supervise() {
  std::unique_lock<std::mutex> lock(mu_);
  while (!stopping_) {
    if (available_ || live_ > 0) {
      changed_.wait(lock);
      continue;
    }
    const absl::Duration wait = restart_at_ - absl::Now();
    if (wait > absl::ZeroDuration()) {
      changed_.wait_for(lock, absl::ToChronoNanoseconds(wait));
      continue;
    }
    ++live_;
    lock.unlock();
    plugin::v1::PluginDescriptor descriptor;
    auto process = Launch(
        path(), [this](const std::string&) { return config_; }, limits_,
        &descriptor);
    lock.lock();
    --live_;
    if (!process.ok()) {
      // Another failure in a row: the backoff grows.
      RecordFailure(std::string(process.status().message()));
      continue;
    }
    if (stopping_) {
      lock.unlock();
      Reap(&*process, /*kill_first=*/false);
      lock.lock();
      break;
    }
    idle_.push_back(std::move(*process));
    ++live_;
    available_ = true;
    spdlog::info("analyzer {}: process restarted", name());
    changed_.notify_all();
    lock.unlock();
    Notify(true);
    lock.lock();
  }
}

Analyzer::Output IsolatedAnalyzer::Analyze(
    const std::string& input, const std::atomic<bool>* cancelled) const {
  const auto is_cancelled = [cancelled] {
    return cancelled != nullptr && cancelled->load();
  };
  Process process;
  bool start_one = false;
  {
    std::unique_lock<std::mutex> lock(mu_);
    while (true) {
      if (!idle_.empty()) {
        process = std::move(idle_.back());
        idle_.pop_back();
        break;
      }
      if (!available_) {
        Output output;
        output.status = absl::UnavailableError(absl::StrCat(
            "its process ", last_failure_, "; it restarts in ",
            absl::FormatDuration(absl::Ceil(
                std::max(restart_at_ - absl::Now(), absl::ZeroDuration()),
                absl::Milliseconds(1)))));
        return output;
      }
      if (live_ < std::max(limits_.max_processes, 1u)) {
        ++live_;
        start_one = true;
        break;
      }
      changed_.wait_for(lock, std::chrono::milliseconds(10));
      if (is_cancelled()) {
        Output output;
        output.status = absl::CancelledError(
            "cancelled while every process of the analyzer was busy");
        return output;
      }
    }
  }
  if (start_one) {
    plugin::v1::PluginDescriptor descriptor;
    auto started = Launch(
        path(), [this](const std::string&) { return config_; }, limits_,
        &descriptor);
    if (!started.ok()) {
      bool became_unavailable;
      {
        std::lock_guard<std::mutex> lock(mu_);
        --live_;
        became_unavailable =
            RecordFailure(std::string(started.status().message()));
      }
      if (became_unavailable) Notify(false);
      Output output;
      output.status = absl::UnavailableError(absl::StrCat(
          "cannot start a process for it: ", started.status().message()));
      return output;
    }
    process = std::move(*started);
  }

  Fate fate = Fate::kReusable;
  std::string how;
  Output output = Call(&process, input, cancelled, &fate, &how);
  bool became_unavailable = false;
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (fate == Fate::kReusable) {
      idle_.push_back(std::move(process));
      failures_in_a_row_ = 0;
    } else {
      --live_;
      if (fate == Fate::kFailed) {
        became_unavailable = RecordFailure(how);
      }
    }
  }
  changed_.notify_all();
  if (became_unavailable) Notify(false);
  return output;
}

Analyzer::Output IsolatedAnalyzer::Call(Process* process,
                                        const std::string& input,
                                        const std::atomic<bool>* cancelled,
                                        Fate* fate, std::string* how) const {
  Output output;
  const absl::Time limit = absl::Now() + limits_.max_call_time;
  bool over_time = false;
  absl::Status read;
  std::string bytes;
  if (!WriteFrame(process->socket.get(), input)) {
    read = absl::UnavailableError("closed");
  } else {
    read = ReadFrame(process->socket.get(), &bytes, kMaxReplyBytes, [&] {
      if (cancelled != nullptr && cancelled->load()) return true;
      over_time = absl::Now() >= limit;
      return over_time;
    });
  }
  plugin::v1::HostedReply reply;
  if (read.ok() && reply.ParseFromString(bytes)) {
    *fate = Fate::kReusable;
    output.status = ReplyStatus(reply);
    if (output.status.ok()) output.result = std::move(*reply.mutable_output());
    for (auto& warning : *reply.mutable_warnings()) {
      output.warnings.push_back(std::move(warning));
    }
    return output;
  }
  if (read.code() == absl::StatusCode::kCancelled && !over_time) {
    Reap(process, /*kill_first=*/true);
    *fate = Fate::kKilledOnRequest;
    output.status = absl::CancelledError(
        "the call was cancelled or ran out of time; its process was stopped");
    return output;
  }
  *fate = Fate::kFailed;
  if (over_time) {
    Reap(process, /*kill_first=*/true);
    *how = absl::StrCat("took more than ",
                        absl::FormatDuration(limits_.max_call_time),
                        " on one document and was killed");
    output.status = absl::DeadlineExceededError(
        absl::StrCat("its process ", *how, "; it restarts"));
    return output;
  }
  if (read.ok() || read.code() == absl::StatusCode::kResourceExhausted) {
    Reap(process, /*kill_first=*/true);
    *how = read.ok() ? "answered bytes that are not a reply"
                     : absl::StrCat("answered too much (", read.message(), ")");
  } else {
    *how = Reap(process, /*kill_first=*/false);
  }
  output.status = absl::InternalError(absl::StrCat(
      "its process ", *how, " while analyzing this document; it restarts"));
  return output;
}

}  // namespace textlens::service::plugins
