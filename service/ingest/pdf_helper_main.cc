// textlens-pdf: reads one PDF from standard input and writes its text and
// metadata to standard output in the form of EncodePdfAnswer. The server
// runs it for every PDF (see pdf_sandbox.h); it limits its own memory and
// CPU time before touching the input.
#include <unistd.h>

#include <cstdio>
#include <new>
#include <string>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/strings/str_cat.h"
#include "service/common/child_process.h"
#include "service/ingest/pdf_converter.h"
#include "service/ingest/pdf_sandbox.h"

ABSL_FLAG(uint32_t, max_pages, 2000, "most pages read");
ABSL_FLAG(uint64_t, max_text_bytes, 4 << 20, "most bytes of text extracted");
ABSL_FLAG(uint64_t, max_memory_bytes, uint64_t{1} << 30, "address space cap");
ABSL_FLAG(uint32_t, max_cpu_seconds, 20, "CPU time cap, in seconds");
ABSL_FLAG(std::string, field, "document.content", "field named in messages");

int main(int argc, char** argv) {
  absl::ParseCommandLine(argc, argv);
  // Dies with the server; limits set before touching the input.
  textlens::service::LimitThisProcess(absl::GetFlag(FLAGS_max_memory_bytes),
                                      absl::GetFlag(FLAGS_max_cpu_seconds),
                                      /*may_write_files=*/false);
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
