// Fuzzes the PDF reader in process (the server runs it in a sandboxed
// helper): any bytes must give text or a status; never a crash, a hang or
// unbounded memory in textlens's code around poppler.
#include <cstdint>
#include <string_view>

#include "service/ingest/pdf_converter.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  textlens::service::ingest::PdfLimits limits;
  limits.max_pages = 64;
  limits.max_text_bytes = 1 << 20;
  (void)textlens::service::ingest::PdfToText(
      std::string_view(reinterpret_cast<const char*>(data), size), limits, "f");
  return 0;
}
