#include "service/ingest/source_map.h"

#include <algorithm>
#include <map>
#include <string>

#include "service/text/normalizer.h"

namespace textlens::service::ingest {

absl::StatusOr<std::vector<SourceSpan>> MapToNormalizedText(
    const ConvertedText& converted, std::string_view normalized) {
  const std::string& text = converted.text;
  // Every offset the map names, and where it lands once normalized.
  std::map<uint32_t, uint32_t> moved = {{0, 0}};
  for (const SourceSpan& span : converted.source_map) {
    moved[std::min<uint32_t>(span.text_begin, text.size())] = 0;
    moved[std::min<uint32_t>(span.text_end, text.size())] = 0;
  }
  moved[static_cast<uint32_t>(text.size())] = 0;
  std::string rebuilt;
  rebuilt.reserve(normalized.size());
  uint32_t previous = 0;
  for (auto& [offset, landing] : moved) {
    auto piece = text::NormalizeText(
        std::string_view(text).substr(previous, offset - previous));
    if (!piece.ok()) return piece.status();
    rebuilt += *piece;
    landing = static_cast<uint32_t>(rebuilt.size());
    previous = offset;
  }
  if (rebuilt != normalized) return std::vector<SourceSpan>();
  std::vector<SourceSpan> out;
  out.reserve(converted.source_map.size());
  for (SourceSpan span : converted.source_map) {
    span.text_begin = moved[std::min<uint32_t>(span.text_begin, text.size())];
    span.text_end = moved[std::min<uint32_t>(span.text_end, text.size())];
    if (span.text_begin < span.text_end) out.push_back(span);
  }
  return out;
}

void MapToSentBytes(std::string_view decoded_utf8, std::string_view charset,
                    std::vector<SourceSpan>* map) {
  if (charset.empty() || charset == "utf-8" || map->empty()) return;
  // Single-byte charsets: the sent offset of a decoded byte offset is the
  // number of characters before it.
  std::vector<uint64_t> characters_before(decoded_utf8.size() + 1, 0);
  uint64_t count = 0;
  for (size_t i = 0; i < decoded_utf8.size(); ++i) {
    characters_before[i] = count;
    count += (static_cast<unsigned char>(decoded_utf8[i]) & 0xC0) != 0x80;
  }
  characters_before[decoded_utf8.size()] = count;
  for (SourceSpan& span : *map) {
    span.source_begin = characters_before[std::min<uint64_t>(
        span.source_begin, decoded_utf8.size())];
    span.source_end = characters_before[std::min<uint64_t>(
        span.source_end, decoded_utf8.size())];
  }
}

}  // namespace textlens::service::ingest
