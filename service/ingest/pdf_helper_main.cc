// textlens-pdf: reads one PDF from standard input and writes its text and
// metadata to standard output in the form of EncodePdfAnswer. The server
// runs it for every PDF (see pdf_sandbox.h); it limits its own memory and
// CPU time before touching the input.
#include <signal.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <unistd.h>

#include <cstdio>
#include <new>
#include <string>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/strings/str_cat.h"
#include "service/ingest/pdf_converter.h"
#include "service/ingest/pdf_sandbox.h"

ABSL_FLAG(uint32_t, max_pages, 2000, "most pages read");
ABSL_FLAG(uint64_t, max_text_bytes, 4 << 20, "most bytes of text extracted");
ABSL_FLAG(uint64_t, max_memory_bytes, uint64_t{1} << 30, "address space cap");
ABSL_FLAG(uint32_t, max_cpu_seconds, 20, "CPU time cap, in seconds");
ABSL_FLAG(std::string, field, "document.content", "field named in messages");

namespace {

#if defined(__SANITIZE_ADDRESS__)
constexpr bool kSanitized = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
constexpr bool kSanitized = true;
#else
constexpr bool kSanitized = false;
#endif
#else
constexpr bool kSanitized = false;
#endif

void Limit(int resource, rlim_t soft, rlim_t hard) {
  const rlimit limit{soft, hard};
  setrlimit(resource, &limit);
}

}  // namespace

int main(int argc, char** argv) {
  absl::ParseCommandLine(argc, argv);
  // The reader does not outlive the server that started it.
  prctl(PR_SET_PDEATHSIG, SIGKILL);
  if (getppid() == 1) return 1;
  const uint32_t cpu = absl::GetFlag(FLAGS_max_cpu_seconds);
  // SIGXCPU at the soft limit, SIGKILL one second later.
  Limit(RLIMIT_CPU, cpu, cpu + 1);
  Limit(RLIMIT_CORE, 0, 0);
  Limit(RLIMIT_FSIZE, 0, 0);
  if (!kSanitized) {
    const uint64_t memory = absl::GetFlag(FLAGS_max_memory_bytes);
    Limit(RLIMIT_AS, memory, memory);
  }
  const std::string field = absl::GetFlag(FLAGS_field);
  std::string answer;
  try {
    std::string pdf;
    char buffer[64 << 10];
    for (ssize_t n; (n = read(STDIN_FILENO, buffer, sizeof(buffer))) > 0;) {
      pdf.append(buffer, static_cast<size_t>(n));
    }
    textlens::service::ingest::PdfLimits limits;
    limits.max_pages = absl::GetFlag(FLAGS_max_pages);
    limits.max_text_bytes = absl::GetFlag(FLAGS_max_text_bytes);
    answer = textlens::service::ingest::EncodePdfAnswer(
        textlens::service::ingest::PdfToText(pdf, limits, field));
  } catch (const std::bad_alloc&) {
    answer = textlens::service::ingest::EncodePdfAnswer(
        absl::ResourceExhaustedError(absl::StrCat(
            field, ": reading the PDF needs more than ",
            absl::GetFlag(FLAGS_max_memory_bytes) >> 20, " MiB of memory")));
  }
  std::fwrite(answer.data(), 1, answer.size(), stdout);
  return std::fflush(stdout) == 0 ? 0 : 1;
}
