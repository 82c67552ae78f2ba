// Helpers for the processes the server runs apart from itself: the PDF
// reader and isolated analyzer plugins. Both are started the same way (no
// inherited descriptors, default signal handling, dying with the server) and
// limit themselves the same way before touching untrusted input.
//
// Thread-safe: free functions; children are spawned by one thread of the
// process (see SpawnChild); Fd is thread-compatible.
#ifndef TEXTLENS_SERVICE_COMMON_CHILD_PROCESS_H_
#define TEXTLENS_SERVICE_COMMON_CHILD_PROCESS_H_

#include <sys/types.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"

namespace textlens::service {

// A file descriptor closed when it goes out of scope.
class Fd {
 public:
  explicit Fd(int fd = -1) : fd_(fd) {}
  Fd(Fd&& other) noexcept : fd_(other.release()) {}
  Fd& operator=(Fd&& other) noexcept {
    if (this != &other) {
      reset();
      fd_ = other.release();
    }
    return *this;
  }
  ~Fd() { reset(); }
  int get() const { return fd_; }
  int release() {
    const int fd = fd_;
    fd_ = -1;
    return fd;
  }
  void reset();

 private:
  int fd_;
};

// Writes all of `bytes` to `fd` (retrying on EINTR); false on an error,
// with errno set. Never raises SIGPIPE on a socket.
bool WriteAll(int fd, std::string_view bytes);

// How a child's standard streams are set up: another descriptor of the
// server, /dev/null, or the server's own.
struct ChildStream {
  static constexpr int kDevNull = -1;
  static constexpr int kInherit = -2;
};

struct ChildSpec {
  std::string binary;
  std::vector<std::string> args;  // after argv[0]
  int stdin_fd = ChildStream::kDevNull;
  int stdout_fd = ChildStream::kDevNull;
  int stderr_fd = ChildStream::kDevNull;
  // Given to the child as descriptor 3 when >= 0.
  int fd3 = -1;
  // Extra environment entries ("NAME=value"), added to the server's.
  std::vector<std::string> env;
};

// Every child leads a process group of its own (pgid = pid): a terminal's
// Ctrl-C does not reach it, and killing -pid also ends what it forked.

// Starts `spec` with an empty signal mask and default signal handlers
// (whatever the server set up for itself) and no other descriptor of the
// server. Returns the child's pid; INTERNAL naming the binary and the
// reason when it cannot start. The child is spawned by a thread that lives
// as long as the process, so that its dying with its parent (Linux: the
// spawning thread) means dying with the server.
absl::StatusOr<pid_t> SpawnChild(const ChildSpec& spec);

// "exited with status 3", "was killed by signal 11 (Segmentation fault)".
std::string DescribeExit(int wait_status);

// The executable `name` in the folder of the running executable.
std::string SiblingExecutable(const std::string& name);

// True in AddressSanitizer and ThreadSanitizer builds, whose shadow memory
// does not fit an address-space limit.
bool SanitizedBuild();

// For the child itself, first thing in main: dies with its parent (exits at
// once if the server that spawned it is already gone), no core files, at
// most `max_memory_bytes` of address space (not in sanitized builds: see
// SanitizerMemoryLimit) and `max_cpu_seconds` of CPU (0: no limit; SIGXCPU
// then SIGKILL one second later); unless `may_write_files`, no file can be
// written (its output then goes to a pipe or /dev/null only).
void LimitThisProcess(uint64_t max_memory_bytes, uint32_t max_cpu_seconds,
                      bool may_write_files);

// The environment entry that caps a sanitized child's resident memory
// instead ("ASAN_OPTIONS=...hard_rss_limit_mb=N", TSAN_OPTIONS under
// ThreadSanitizer), or empty when the build is not sanitized.
std::string SanitizerMemoryLimit(uint64_t max_memory_bytes);

}  // namespace textlens::service

#endif  // TEXTLENS_SERVICE_COMMON_CHILD_PROCESS_H_
