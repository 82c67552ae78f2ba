// Fuzzes the ingestion parsers chosen by the first byte: charset decoding,
// date lines, HTML (with its source map), Markdown, plain text and content
// sniffing. Any bytes must give a status or a result; never a crash, a hang
// or unbounded memory.
#include <cstdint>
#include <string>
#include <string_view>

#include "service/ingest/charset.h"
#include "service/ingest/ingester.h"
#include "service/ingest/source_map.h"
#include "service/ingest/text_metadata.h"
#include "service/text/normalizer.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const std::string_view input(reinterpret_cast<const char*>(data) + 1,
                               size - 1);
  namespace ingest = textlens::service::ingest;
  switch (data[0] % 6) {
    case 0:
      (void)ingest::DecodeToUtf8(input, "windows-1252", "f");
      (void)ingest::DecodeToUtf8(input, "utf-8", "f");
      break;
    case 1:
      (void)ingest::ParseDate(input);
      break;
    case 2: {
      // HTML, then its source map carried through normalization.
      auto ingested = ingest::Ingest(input, "text/html", "utf-8", "f");
      if (!ingested.ok()) break;
      auto normalized =
          textlens::service::text::NormalizeText(ingested->converted.text);
      if (normalized.ok()) {
        (void)ingest::MapToNormalizedText(ingested->converted, *normalized);
      }
      break;
    }
    case 3:
      (void)ingest::Ingest(input, "text/markdown", "utf-8", "f");
      break;
    case 4:
      (void)ingest::Ingest(input, "", "", "f");  // sniffed
      break;
    default:
      (void)ingest::Ingest(input, "text/plain", "iso-8859-1", "f");
  }
  return 0;
}
