#include "service/plugins/isolated_analyzer.h"

#include <poll.h>
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

// Reads one HostedReply, giving up at `deadline` or when `stop` turns true.
absl::StatusOr<plugin::v1::HostedReply> ReadReply(
    int fd, absl::Time deadline, const std::atomic<bool>& stop) {
  std::string bytes;
  absl::Status read = ReadFrame(fd, &bytes, kMaxReplyBytes, [deadline, &stop] {
    return stop.load() || absl::Now() >= deadline;
  });
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
  const pid_t pid = process->pid;
  process->pid = -1;
  // Until it is reaped, the process keeps its pid and so its group's id:
  // killing -pid cannot reach anyone else.
  if (kill_first) kill(-pid, SIGKILL);
  // A process that closed its socket on its own gets a second to exit.
  absl::Time give_up = absl::Now() + absl::Seconds(1);
  siginfo_t info = {};
  while (true) {
    info.si_pid = 0;
    const int waited = waitid(P_PID, static_cast<id_t>(pid), &info,
                              WEXITED | WNOWAIT | WNOHANG);
    if (waited < 0 && errno == EINTR) continue;
    if (waited < 0) return "vanished";
    if (info.si_pid == pid) break;
    if (absl::Now() >= give_up) {
      kill(-pid, SIGKILL);
      give_up = absl::InfiniteFuture();
    }
    absl::SleepFor(absl::Milliseconds(1));
  }
  kill(-pid, SIGKILL);  // what it forked
  int wait_status = 0;
  while (waitpid(pid, &wait_status, 0) < 0 && errno == EINTR) {
  }
  return DescribeExit(wait_status);
}

bool IsolatedAnalyzer::Misbehaved(const Process& process) {
  pollfd ready{process.socket.get(), POLLIN, 0};
  return poll(&ready, 1, 0) != 0;  // hung up, or wrote unasked
}

absl::StatusOr<IsolatedAnalyzer::Process> IsolatedAnalyzer::Launch(
    const std::string& path,
    const std::function<plugin::v1::PluginInput(const std::string&)>& options,
    const IsolationLimits& limits, const std::atomic<bool>& stop,
    plugin::v1::PluginDescriptor* descriptor) {
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
  // A failed exchange: the process's own end when it closed the socket,
  // else it is killed and the reason is ours.
  const auto failed = [&](const absl::Status& why) -> absl::Status {
    if (why.code() == absl::StatusCode::kCancelled) {
      Reap(&process, /*kill_first=*/true);
      if (stop.load()) return absl::CancelledError("the server is stopping");
      return absl::DeadlineExceededError(
          absl::StrCat("its process did not load it within ",
                       absl::FormatDuration(limits.start_timeout)));
    }
    if (why.code() == absl::StatusCode::kUnavailable) {
      const std::string how = Reap(&process, /*kill_first=*/false);
      return absl::InternalError(
          absl::StrCat("its process ", how, " while loading it"));
    }
    Reap(&process, /*kill_first=*/true);
    return absl::InternalError(absl::StrCat(
        "its process answered wrongly while loading it: ", why.message()));
  };
  auto hello = ReadReply(process.socket.get(), deadline, stop);
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
  absl::Status sent = WriteFrame(
      process.socket.get(), config.SerializeAsString(),
      [deadline, &stop] { return stop.load() || absl::Now() >= deadline; });
  if (!sent.ok()) return failed(sent);
  auto created = ReadReply(process.socket.get(), deadline, stop);
  if (!created.ok()) return failed(created.status());
  if (!ReplyStatus(*created).ok()) {
    Reap(&process, /*kill_first=*/false);
    return ReplyStatus(*created);
  }
  return process;
}

absl::StatusOr<IsolatedAnalyzer::Process> IsolatedAnalyzer::LaunchAnother()
    const {
  plugin::v1::PluginDescriptor descriptor;
  return Launch(
      path(), [this](const std::string&) { return config_; }, limits_,
      stopping_, &descriptor);
}

absl::StatusOr<std::shared_ptr<Analyzer>> IsolatedAnalyzer::Start(
    const std::string& path,
    const std::function<plugin::v1::PluginInput(const std::string& name)>&
        options,
    const IsolationLimits& limits) {
  plugin::v1::PluginDescriptor descriptor;
  const std::atomic<bool> never{false};
  auto first = Launch(path, options, limits, never, &descriptor);
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
  // Every socket closed first, so the processes end together.
  for (Process& process : idle_) process.socket.reset();
  for (Process& process : idle_) Reap(&process, /*kill_first=*/false);
}

void IsolatedAnalyzer::OnAvailabilityChange(
    std::function<void(bool)> listener) const {
  std::lock_guard<std::mutex> notifying(notify_mu_);
  listener_ = std::move(listener);
  if (listener_) listener_(health().available);
}

void IsolatedAnalyzer::Notify() const {
  std::lock_guard<std::mutex> notifying(notify_mu_);
  if (listener_) listener_(health().available);
}

Analyzer::Health IsolatedAnalyzer::health() const {
  std::lock_guard<std::mutex> lock(mu_);
  Health health;
  health.available = available_;
  health.failures = failures_;
  health.last_failure = last_failure_;
  return health;
}

absl::Duration IsolatedAnalyzer::Backoff() const {
  absl::Duration backoff = limits_.min_backoff;
  for (uint32_t i = 1; i < failures_in_a_row_ && backoff < limits_.max_backoff;
       ++i) {
    backoff *= 2;
  }
  return std::min(backoff, limits_.max_backoff);
}

void IsolatedAnalyzer::RecordFailure(const std::string& how) const {
  ++failures_;
  ++failures_in_a_row_;
  last_failure_ = how;
  spdlog::warn("analyzer {}: a process {} ({} failures, {} in a row)", name(),
               how, failures_, failures_in_a_row_);
  if (live_ > 0) return;  // the others go on serving
  available_ = false;
  restart_at_ = absl::Now() + Backoff();
  changed_.notify_all();
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
    auto process = LaunchAnother();
    lock.lock();
    --live_;
    if (!process.ok()) {
      // Another failure in a row (unless the server is stopping): the
      // backoff grows.
      if (!stopping_) RecordFailure(std::string(process.status().message()));
      continue;
    }
    idle_.push_back(std::move(*process));
    ++live_;
    available_ = true;
    spdlog::info("analyzer {}: process restarted", name());
    changed_.notify_all();
    lock.unlock();
    Notify();
    lock.lock();
  }
}

absl::StatusOr<IsolatedAnalyzer::Process> IsolatedAnalyzer::Acquire(
    const std::atomic<bool>* cancelled) const {
  const auto is_cancelled = [cancelled] {
    return cancelled != nullptr && cancelled->load();
  };
  std::unique_lock<std::mutex> lock(mu_);
  while (true) {
    while (!idle_.empty()) {
      Process process = std::move(idle_.back());
      idle_.pop_back();
      if (!Misbehaved(process)) return process;
      // Died (or spoke unasked) while idle: found before a call is lost.
      --live_;
      lock.unlock();
      const std::string how = Reap(&process, /*kill_first=*/true);
      lock.lock();
      RecordFailure(absl::StrCat(how, " while idle"));
      if (!available_) {
        lock.unlock();
        Notify();
        lock.lock();
      }
    }
    if (!available_) {
      return absl::UnavailableError(absl::StrCat(
          "its process ", last_failure_, "; it restarts in ",
          absl::FormatDuration(absl::Ceil(
              std::max(restart_at_ - absl::Now(), absl::ZeroDuration()),
              absl::Milliseconds(1)))));
    }
    if (is_cancelled()) {
      return absl::CancelledError(
          "cancelled while every process of the analyzer was busy");
    }
    if (live_ < std::max(limits_.max_processes, 1u) &&
        absl::Now() >= next_start_at_) {
      ++live_;
      lock.unlock();
      auto started = LaunchAnother();
      lock.lock();
      if (started.ok()) {
        if (!is_cancelled()) return std::move(*started);
        // Too late for this call, not for the next one.
        idle_.push_back(std::move(*started));
        changed_.notify_all();
        continue;
      }
      --live_;
      RecordFailure(
          absl::StrCat("could not start: ", started.status().message()));
      // No more starts on demand until the backoff passes; the processes
      // still alive serve meanwhile.
      next_start_at_ = absl::Now() + Backoff();
      if (!available_) {
        lock.unlock();
        Notify();
        lock.lock();
      }
      continue;
    }
    changed_.wait_for(lock, std::chrono::milliseconds(10));
  }
}

Analyzer::Output IsolatedAnalyzer::Analyze(
    const std::string& input, const std::atomic<bool>* cancelled) const {
  auto acquired = Acquire(cancelled);
  if (!acquired.ok()) {
    Output output;
    output.status = acquired.status();
    return output;
  }
  Process process = std::move(*acquired);
  Fate fate = Fate::kReusable;
  std::string how;
  Output output = Call(&process, input, cancelled, &fate, &how);
  bool unavailable = false;
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (fate == Fate::kReusable) {
      idle_.push_back(std::move(process));
      failures_in_a_row_ = 0;
    } else {
      --live_;
      if (fate == Fate::kFailed) RecordFailure(how);
      unavailable = !available_;
    }
  }
  changed_.notify_all();
  if (unavailable) Notify();
  return output;
}

Analyzer::Output IsolatedAnalyzer::Call(Process* process,
                                        const std::string& input,
                                        const std::atomic<bool>* cancelled,
                                        Fate* fate, std::string* how) const {
  Output output;
  const absl::Time limit = absl::Now() + limits_.max_call_time;
  bool over_time = false;
  const auto give_up = [&] {
    if (cancelled != nullptr && cancelled->load()) return true;
    over_time = absl::Now() >= limit;
    return over_time;
  };
  std::string bytes;
  absl::Status exchanged = WriteFrame(process->socket.get(), input, give_up);
  if (exchanged.code() == absl::StatusCode::kInvalidArgument) {
    *fate = Fate::kReusable;  // nothing was sent
    output.status = absl::InvalidArgumentError(
        absl::StrCat("the document is too large for an isolated analyzer: ",
                     exchanged.message()));
    return output;
  }
  if (exchanged.ok()) {
    exchanged =
        ReadFrame(process->socket.get(), &bytes, kMaxReplyBytes, give_up);
  }
  plugin::v1::HostedReply reply;
  if (exchanged.ok() && reply.ParseFromString(bytes)) {
    *fate = Fate::kReusable;
    output.status = ReplyStatus(reply);
    if (output.status.ok()) output.result = std::move(*reply.mutable_output());
    for (auto& warning : *reply.mutable_warnings()) {
      output.warnings.push_back(std::move(warning));
    }
    return output;
  }
  if (exchanged.code() == absl::StatusCode::kCancelled && !over_time) {
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
  if (exchanged.code() == absl::StatusCode::kUnavailable) {
    *how = Reap(process, /*kill_first=*/false);
  } else {
    Reap(process, /*kill_first=*/true);
    *how = exchanged.ok()
               ? "answered bytes that are not a reply"
               : absl::StrCat("answered wrongly (", exchanged.message(), ")");
  }
  output.status = absl::InternalError(absl::StrCat(
      "its process ", *how, " while analyzing this document; it restarts"));
  return output;
}

}  // namespace textlens::service::plugins
