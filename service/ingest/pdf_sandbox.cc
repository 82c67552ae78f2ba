#include "service/ingest/pdf_sandbox.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <memory>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "service/common/child_process.h"

namespace textlens::service::ingest {
namespace {

constexpr absl::string_view kMagic = "textlens-pdf/1\n";
// Title, author and date are cut to this many bytes in an answer.
constexpr size_t kMaxMetadataBytes = 4096;

void AppendField(absl::string_view value, std::string* out) {
  absl::StrAppend(out, value.size(), "\n", value);
}

// Reads one "<length>\n<bytes>" field from the front of `in`.
bool ReadField(absl::string_view* in, std::string* value) {
  const size_t newline = in->find('\n');
  uint64_t length = 0;
  if (newline == in->npos ||
      !absl::SimpleAtoi(absl::string_view(in->data(), newline), &length) ||
      length > in->size() - newline - 1) {
    return false;
  }
  const absl::string_view bytes = in->substr(newline + 1, length);
  value->assign(bytes.data(), bytes.size());
  in->remove_prefix(newline + 1 + length);
  return true;
}

absl::Status HelperSignalled(int signal, const PdfSandbox& sandbox,
                             const std::string& where) {
  if (signal == SIGXCPU || signal == SIGKILL) {
    return absl::ResourceExhaustedError(
        absl::StrCat(where, ": reading the PDF took more than ",
                     sandbox.max_cpu_seconds, " s of CPU"));
  }
  if (signal == SIGABRT) {
    return absl::ResourceExhaustedError(absl::StrCat(
        where, ": the PDF reader gave up (more than ",
        sandbox.max_memory_bytes >> 20, " MiB of memory, or a damaged file)"));
  }
  return absl::InvalidArgumentError(
      absl::StrCat(where, ": the PDF reader crashed on this file (signal ",
                   signal, ", ", strsignal(signal), "); the PDF is damaged"));
}

}  // namespace

bool ProcessSlots::Acquire(absl::Time deadline) {
  absl::MutexLock lock(&mutex_);
  const auto has_free = [this]() ABSL_SHARED_LOCKS_REQUIRED(mutex_) {
    return free_ > 0;
  };
  if (!mutex_.AwaitWithDeadline(absl::Condition(&has_free), deadline)) {
    return false;
  }
  --free_;
  return true;
}

void ProcessSlots::Release() {
  absl::MutexLock lock(&mutex_);
  ++free_;
}

std::string DefaultPdfHelperPath() { return SiblingExecutable("textlens-pdf"); }

std::string EncodePdfAnswer(const absl::StatusOr<ConvertedText>& result) {
  std::string out(kMagic);
  AppendField(absl::StrCat(static_cast<int>(result.status().code())), &out);
  AppendField(result.status().message(), &out);
  if (result.ok()) {
    // Cut at a character boundary.
    const auto capped = [](const std::string& value) {
      size_t size = std::min(value.size(), kMaxMetadataBytes);
      while (size < value.size() && size > 0 &&
             (static_cast<unsigned char>(value[size]) & 0xC0) == 0x80) {
        --size;
      }
      return absl::string_view(value.data(), size);
    };
    AppendField(result->text, &out);
    AppendField(capped(result->title), &out);
    AppendField(capped(result->author), &out);
    AppendField(capped(result->published), &out);
  }
  return out;
}

absl::StatusOr<ConvertedText> DecodePdfAnswer(std::string_view answer_bytes,
                                              std::string_view field) {
  const auto broken = [&] {
    return absl::InternalError(
        absl::StrCat(std::string(field),
                     ": the PDF reader's answer is cut short or malformed"));
  };
  absl::string_view answer(answer_bytes.data(), answer_bytes.size());
  if (answer.substr(0, kMagic.size()) != kMagic) return broken();
  answer.remove_prefix(kMagic.size());
  std::string code_text, message;
  int code = 0;
  if (!ReadField(&answer, &code_text) || !ReadField(&answer, &message) ||
      !absl::SimpleAtoi(code_text, &code) || code < 0 || code > 16) {
    return broken();
  }
  if (code != 0)
    return absl::Status(static_cast<absl::StatusCode>(code), message);
  ConvertedText out;
  if (!ReadField(&answer, &out.text) || !ReadField(&answer, &out.title) ||
      !ReadField(&answer, &out.author) || !ReadField(&answer, &out.published) ||
      !answer.empty()) {
    return broken();
  }
  return out;
}

absl::StatusOr<ConvertedText> ReadPdfInSandbox(std::string_view pdf,
                                               const PdfSandbox& sandbox,
                                               absl::Time deadline,
                                               std::string_view field) {
  const std::string where(field);
  if (sandbox.slots != nullptr && !sandbox.slots->Acquire(deadline)) {
    return absl::DeadlineExceededError(absl::StrCat(
        where, ": every PDF reader stayed busy until the deadline"));
  }
  // Returns the slot however the reading ends.
  const std::unique_ptr<ProcessSlots, void (*)(ProcessSlots*)> slot(
      sandbox.slots, [](ProcessSlots* slots) {
        if (slots != nullptr) slots->Release();
      });
  const std::string helper = sandbox.helper_path.empty()
                                 ? DefaultPdfHelperPath()
                                 : sandbox.helper_path;
  // The helper reads the PDF from an in-memory file as its standard input,
  // and answers on a pipe.
  Fd input(memfd_create("textlens-pdf-input", MFD_CLOEXEC));
  int pipe_fds[2];
  if (input.get() < 0 || pipe2(pipe_fds, O_CLOEXEC) != 0) {
    return absl::InternalError(absl::StrCat(
        where, ": cannot set up the PDF reader: ", strerror(errno)));
  }
  Fd answer_read(pipe_fds[0]);
  Fd answer_write(pipe_fds[1]);
  if (!WriteAll(input.get(), pdf) || lseek(input.get(), 0, SEEK_SET) != 0) {
    return absl::InternalError(absl::StrCat(
        where, ": cannot hand the PDF to its reader: ", strerror(errno)));
  }

  ChildSpec spec;
  spec.binary = helper;
  spec.args = {absl::StrCat("--max_pages=", sandbox.limits.max_pages),
               absl::StrCat("--max_text_bytes=", sandbox.limits.max_text_bytes),
               absl::StrCat("--max_memory_bytes=", sandbox.max_memory_bytes),
               absl::StrCat("--max_cpu_seconds=", sandbox.max_cpu_seconds),
               absl::StrCat("--field=", where)};
  spec.stdin_fd = input.get();
  spec.stdout_fd = answer_write.get();
  const absl::StatusOr<pid_t> spawned = SpawnChild(spec);
  if (!spawned.ok()) {
    return absl::InternalError(
        absl::StrCat(where, ": the PDF reader ", spawned.status().message()));
  }
  const pid_t pid = *spawned;
  answer_write.reset();
  input.reset();

  // Room for the largest answer the limits allow (metadata is capped by
  // EncodePdfAnswer).
  const uint64_t max_answer =
      sandbox.limits.max_text_bytes * 2 + 3 * kMaxMetadataBytes + (64 << 10);
  std::string answer;
  absl::Status stopped;
  char buffer[64 << 10];
  while (stopped.ok()) {
    const absl::Duration left = deadline - absl::Now();
    if (left <= absl::ZeroDuration()) {
      stopped = absl::DeadlineExceededError(absl::StrCat(
          where, ": reading the PDF did not finish before the deadline"));
      break;
    }
    pollfd poll_fd{answer_read.get(), POLLIN, 0};
    // At most a second per wait; `left` may be infinite.
    const int64_t wait_ms =
        left >= absl::Seconds(1) ? 1000 : absl::ToInt64Milliseconds(left) + 1;
    const int ready = poll(&poll_fd, 1, static_cast<int>(wait_ms));
    if (ready < 0 && errno != EINTR) {
      stopped = absl::InternalError(absl::StrCat(
          where, ": waiting for the PDF reader: ", strerror(errno)));
    }
    if (ready <= 0) continue;
    const ssize_t n = read(answer_read.get(), buffer, sizeof(buffer));
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      stopped = absl::InternalError(absl::StrCat(
          where, ": reading the PDF reader's answer: ", strerror(errno)));
      break;
    }
    if (n == 0) break;  // the helper closed its output
    answer.append(buffer, static_cast<size_t>(n));
    if (answer.size() > max_answer) {
      stopped = absl::InternalError(absl::StrCat(
          where, ": the PDF reader answered more than its limits allow"));
    }
  }
  if (!stopped.ok()) kill(pid, SIGKILL);
  // A helper that closed its output but lingers is waited for until the
  // deadline, then killed: the slot and the call never hang on it.
  int wait_status = 0;
  while (true) {
    const pid_t reaped = waitpid(pid, &wait_status, WNOHANG);
    if (reaped == pid || (reaped < 0 && errno != EINTR)) break;
    if (reaped == 0 && stopped.ok() && absl::Now() >= deadline) {
      stopped = absl::DeadlineExceededError(absl::StrCat(
          where, ": reading the PDF did not finish before the deadline"));
      kill(pid, SIGKILL);
    }
    if (reaped == 0) absl::SleepFor(absl::Milliseconds(stopped.ok() ? 2 : 1));
  }
  if (!stopped.ok()) return stopped;
  if (WIFSIGNALED(wait_status)) {
    return HelperSignalled(WTERMSIG(wait_status), sandbox, where);
  }
  return DecodePdfAnswer(answer, where);
}

}  // namespace textlens::service::ingest
