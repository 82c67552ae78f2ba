// Fuzzes the text layer: any bytes through UTF-8 validation, normalization
// and preparation must return a status or a document whose offsets are in
// bounds and whose token table the plugins' SDK accepts; never crash.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "plugins/sdk/tokens.h"
#include "service/text/document_preparer.h"
#include "service/text/normalizer.h"
#include "service/text/offset_map.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const auto* preparer =
      textlens::service::text::DocumentPreparer::Create()->release();
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  auto normalized = textlens::service::text::NormalizeText(input);
  if (!normalized.ok()) return 0;
  for (const char* hint : {"", "fr", "en"}) {
    auto document = preparer->Prepare(*normalized, hint);
    if (!document.ok()) continue;
    const size_t n = document->text().size();
    for (const auto& token : textlens::sdk::Tokens(*document)) {
      if (token.begin() > token.end() || token.end() > n) std::abort();
    }
    for (const auto& sentence : document->sentences()) {
      if (sentence.begin() > sentence.end() || sentence.end() > n) std::abort();
    }
    // What the host prepares, the plugins' SDK accepts.
    if (!textlens::sdk::CheckTokens(*document).empty()) std::abort();
  }
  textlens::service::text::OffsetMap offsets(*normalized);
  if (offsets.ToCodePoints(static_cast<uint32_t>(normalized->size())) !=
      offsets.code_point_length()) {
    std::abort();
  }
  return 0;
}
