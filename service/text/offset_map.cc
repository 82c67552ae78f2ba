#include "service/text/offset_map.h"

#include <cstdint>

namespace textlens::service::text {

OffsetMap::OffsetMap(std::string_view utf8)
    : utf16_(utf8.size() + 1), code_points_(utf8.size() + 1) {
  uint32_t units = 0;
  uint32_t points = 0;
  size_t i = 0;
  while (i < utf8.size()) {
    const uint8_t lead = static_cast<uint8_t>(utf8[i]);
    size_t len = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
    if (i + len > utf8.size()) len = utf8.size() - i;
    // Every byte of a character maps to the character's start.
    for (size_t k = 0; k < len; ++k) {
      utf16_[i + k] = units;
      code_points_[i + k] = points;
    }
    units += len == 4 ? 2 : 1;  // Outside the BMP: a surrogate pair.
    points += 1;
    i += len;
  }
  utf16_[utf8.size()] = units;
  code_points_[utf8.size()] = points;
}

uint32_t OffsetMap::ToUtf16(uint32_t byte) const {
  return byte >= utf16_.size() ? utf16_.back() : utf16_[byte];
}

uint32_t OffsetMap::ToCodePoints(uint32_t byte) const {
  return byte >= code_points_.size() ? code_points_.back() : code_points_[byte];
}

uint32_t OffsetMap::utf8_length() const {
  return static_cast<uint32_t>(utf16_.size() - 1);
}
uint32_t OffsetMap::utf16_length() const { return utf16_.back(); }
uint32_t OffsetMap::code_point_length() const { return code_points_.back(); }

}  // namespace textlens::service::text
