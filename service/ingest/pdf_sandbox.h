// Reads PDFs in a separate, resource-limited process.
//
// A PDF can be built to exhaust its reader: a decompression bomb, millions
// of pages, a file that crashes the parser. The server never runs poppler
// itself: it hands the bytes to `textlens-pdf` (pdf_helper_main.cc), which
// caps its own address space and CPU time before reading, and is killed at
// the call's deadline. Whatever the file does, the server and the other
// requests go on.
//
// Thread-safe: every call spawns its own helper.
#ifndef TEXTLENS_SERVICE_INGEST_PDF_SANDBOX_H_
#define TEXTLENS_SERVICE_INGEST_PDF_SANDBOX_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "service/ingest/converted_text.h"
#include "service/ingest/pdf_converter.h"

namespace textlens::service::ingest {

// A bound on the reader processes running at once: each may take
// max_memory_bytes, so a burst of PDFs must not start one each.
//
// Thread-safe.
class ProcessSlots {
 public:
  explicit ProcessSlots(uint32_t capacity) : free_(capacity) {}
  ProcessSlots(const ProcessSlots&) = delete;
  ProcessSlots& operator=(const ProcessSlots&) = delete;

  // Takes a slot, waiting until `deadline`; false if none freed in time.
  bool Acquire(absl::Time deadline);
  void Release();

 private:
  absl::Mutex mutex_;
  uint32_t free_ ABSL_GUARDED_BY(mutex_);
};

struct PdfSandbox {
  // The helper executable; empty means "textlens-pdf" beside the running
  // executable.
  std::string helper_path;
  PdfLimits limits;
  // Address space the helper may use (not applied in sanitizer builds,
  // whose shadow memory needs more).
  uint64_t max_memory_bytes = uint64_t{1} << 30;
  // CPU time the helper may use, in seconds.
  uint32_t max_cpu_seconds = 20;
  // Shared by every call, bounds the helpers running at once; null: no
  // bound.
  ProcessSlots* slots = nullptr;
};

// "textlens-pdf" beside the running executable.
std::string DefaultPdfHelperPath();

// `pdf` read by the helper of `sandbox`. The statuses of PdfToText, plus
// RESOURCE_EXHAUSTED when the helper runs out of memory or CPU time,
// DEADLINE_EXCEEDED when `deadline` passes first, INVALID_ARGUMENT when the
// reader crashes on the file, INTERNAL when the helper cannot start.
// With `sandbox.slots`, waits for a free slot first (DEADLINE_EXCEEDED if
// none frees before `deadline`).
absl::StatusOr<ConvertedText> ReadPdfInSandbox(std::string_view pdf,
                                               const PdfSandbox& sandbox,
                                               absl::Time deadline,
                                               std::string_view field);

// The helper's answer on its standard output, and its reading.
std::string EncodePdfAnswer(const absl::StatusOr<ConvertedText>& result);
absl::StatusOr<ConvertedText> DecodePdfAnswer(std::string_view answer,
                                              std::string_view field);

}  // namespace textlens::service::ingest

#endif  // TEXTLENS_SERVICE_INGEST_PDF_SANDBOX_H_
