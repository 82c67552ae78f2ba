#include "service/common/child_process.h"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <condition_variable>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <filesystem>
#include <functional>
#include <future>
#include <mutex>
#include <thread>

#include "absl/strings/str_cat.h"

extern char** environ;

namespace textlens::service {
namespace {

// Sanitizers reserve terabytes of shadow address space: no RLIMIT_AS for
// them, and their own options for a memory cap.
#if defined(__SANITIZE_ADDRESS__)
constexpr const char* kSanitizerOptions = "ASAN_OPTIONS";
#elif defined(__SANITIZE_THREAD__)
constexpr const char* kSanitizerOptions = "TSAN_OPTIONS";
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
constexpr const char* kSanitizerOptions = "ASAN_OPTIONS";
#elif __has_feature(thread_sanitizer)
constexpr const char* kSanitizerOptions = "TSAN_OPTIONS";
#else
constexpr const char* kSanitizerOptions = "";
#endif
#else
constexpr const char* kSanitizerOptions = "";
#endif
constexpr bool kSanitized = kSanitizerOptions[0] != '\0';

// The spawning server's pid, for the child to check its parent.
constexpr char kParentPidVariable[] = "TEXTLENS_PARENT_PID";

void Limit(int resource, rlim_t soft, rlim_t hard) {
  const rlimit limit{soft, hard};
  setrlimit(resource, &limit);
}

// Sets up one standard stream of the child.
void AddStream(posix_spawn_file_actions_t* actions, int source, int target) {
  if (source == ChildStream::kInherit) return;
  if (source == ChildStream::kDevNull) {
    posix_spawn_file_actions_addopen(
        actions, target, "/dev/null",
        target == STDIN_FILENO ? O_RDONLY : O_WRONLY, 0);
    return;
  }
  posix_spawn_file_actions_adddup2(actions, source, target);
}

}  // namespace

void Fd::reset() {
  if (fd_ >= 0) close(fd_);
  fd_ = -1;
}

bool WriteAll(int fd, std::string_view bytes) {
  struct stat info;
  const bool socket = fstat(fd, &info) == 0 && S_ISSOCK(info.st_mode);
  while (!bytes.empty()) {
    const ssize_t n = socket
                          ? send(fd, bytes.data(), bytes.size(), MSG_NOSIGNAL)
                          : write(fd, bytes.data(), bytes.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    bytes.remove_prefix(static_cast<size_t>(n));
  }
  return true;
}

namespace {

// Each child asks for SIGKILL when its parent dies (LimitThisProcess), and
// for Linux the parent is the *thread* that spawned it: a child started by
// a call's thread would be killed when that thread ends (gRPC retires idle
// threads, a worker pool shrinks), while the server lives on. So children
// are spawned by one thread that lives as long as the process.
class SpawnThread {
 public:
  static SpawnThread& Get() {
    static SpawnThread* const thread = new SpawnThread();  // never destroyed
    return *thread;
  }

  // Runs `spawn` on the spawning thread and returns what it returned (or
  // rethrows what it threw). Spawns run one at a time.
  absl::StatusOr<pid_t> Run(std::function<absl::StatusOr<pid_t>()> spawn) {
    auto task = std::make_shared<std::packaged_task<absl::StatusOr<pid_t>()>>(
        std::move(spawn));
    std::future<absl::StatusOr<pid_t>> result = task->get_future();
    {
      std::lock_guard<std::mutex> lock(mu_);
      tasks_.push_back([task] { (*task)(); });
    }
    ready_.notify_one();
    return result.get();
  }

 private:
  SpawnThread() {
    std::thread([this] {
      while (true) {
        std::function<void()> task;
        {
          std::unique_lock<std::mutex> lock(mu_);
          ready_.wait(lock, [this] { return !tasks_.empty(); });
          task = std::move(tasks_.front());
          tasks_.pop_front();
        }
        task();
      }
    }).detach();
  }

  std::mutex mu_;
  std::condition_variable ready_;
  std::deque<std::function<void()>> tasks_;
};

absl::StatusOr<pid_t> SpawnNow(const ChildSpec& spec) {
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  AddStream(&actions, spec.stdin_fd, STDIN_FILENO);
  AddStream(&actions, spec.stdout_fd, STDOUT_FILENO);
  AddStream(&actions, spec.stderr_fd, STDERR_FILENO);
  if (spec.fd3 >= 0) posix_spawn_file_actions_adddup2(&actions, spec.fd3, 3);
  // Nothing else of the server (sockets, plugin files) reaches the child.
  posix_spawn_file_actions_addclosefrom_np(&actions, spec.fd3 >= 0 ? 4 : 3);

  std::vector<std::string> args = {spec.binary};
  args.insert(args.end(), spec.args.begin(), spec.args.end());
  std::vector<char*> argv;
  for (auto& arg : args) argv.push_back(arg.data());
  argv.push_back(nullptr);
  std::vector<std::string> env_entries;
  for (char** entry = environ; *entry != nullptr; ++entry) {
    env_entries.emplace_back(*entry);
  }
  std::vector<std::string> extra = spec.env;
  extra.push_back(absl::StrCat(kParentPidVariable, "=", getpid()));
  for (const std::string& entry : extra) {
    const std::string name = entry.substr(0, entry.find('=') + 1);
    bool replaced = false;
    for (std::string& existing : env_entries) {
      if (existing.compare(0, name.size(), name) == 0) {
        existing = entry;
        replaced = true;
      }
    }
    if (!replaced) env_entries.push_back(entry);
  }
  std::vector<char*> envp;
  for (auto& entry : env_entries) envp.push_back(entry.data());
  envp.push_back(nullptr);

  posix_spawnattr_t attributes;
  posix_spawnattr_init(&attributes);
  sigset_t none, all;
  sigemptyset(&none);
  sigfillset(&all);
  posix_spawnattr_setsigmask(&attributes, &none);
  posix_spawnattr_setsigdefault(&attributes, &all);
  posix_spawnattr_setpgroup(&attributes, 0);
  posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETSIGMASK |
                                            POSIX_SPAWN_SETSIGDEF |
                                            POSIX_SPAWN_SETPGROUP);
  pid_t pid = 0;
  const int error = posix_spawn(&pid, spec.binary.c_str(), &actions,
                                &attributes, argv.data(), envp.data());
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attributes);
  if (error != 0) {
    return absl::InternalError(
        absl::StrCat(spec.binary, " cannot start: ", strerror(error)));
  }
  return pid;
}

}  // namespace

absl::StatusOr<pid_t> SpawnChild(const ChildSpec& spec) {
  return SpawnThread::Get().Run([&spec] { return SpawnNow(spec); });
}

std::string DescribeExit(int wait_status) {
  if (WIFSIGNALED(wait_status)) {
    const int signal = WTERMSIG(wait_status);
    return absl::StrCat("was killed by signal ", signal, " (",
                        strsignal(signal), ")");
  }
  if (WIFEXITED(wait_status)) {
    return absl::StrCat("exited with status ", WEXITSTATUS(wait_status));
  }
  return "stopped";
}

std::string SiblingExecutable(const std::string& name) {
  std::error_code error;
  const auto exe = std::filesystem::read_symlink("/proc/self/exe", error);
  if (error) return name;
  return (exe.parent_path() / name).string();
}

bool SanitizedBuild() { return kSanitized; }

void LimitThisProcess(uint64_t max_memory_bytes, uint32_t max_cpu_seconds,
                      bool may_write_files) {
  prctl(PR_SET_PDEATHSIG, SIGKILL);
  // The server may have died before the line above: then this process has
  // another parent already (init, or a subreaper).
  if (const char* parent = std::getenv(kParentPidVariable);
      parent != nullptr && std::atoi(parent) != getppid()) {
    std::_Exit(1);
  }
  if (max_cpu_seconds > 0) {
    Limit(RLIMIT_CPU, max_cpu_seconds, max_cpu_seconds + 1);
  }
  Limit(RLIMIT_CORE, 0, 0);
  if (!may_write_files) Limit(RLIMIT_FSIZE, 0, 0);
  if (!kSanitized && max_memory_bytes > 0) {
    Limit(RLIMIT_AS, max_memory_bytes, max_memory_bytes);
  }
}

std::string SanitizerMemoryLimit(uint64_t max_memory_bytes) {
  if (!kSanitized || max_memory_bytes == 0) return "";
  std::string options;
  if (const char* current = std::getenv(kSanitizerOptions)) {
    options = absl::StrCat(current, ":");
  }
  return absl::StrCat(kSanitizerOptions, "=", options, "hard_rss_limit_mb=",
                      std::max<uint64_t>(max_memory_bytes >> 20, 1));
}

}  // namespace textlens::service
