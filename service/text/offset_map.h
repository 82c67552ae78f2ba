// Converts UTF-8 byte offsets of a text into UTF-16 code units or code points.
//
// Immutable after construction; safe to share between threads.
#ifndef TEXTLENS_SERVICE_TEXT_OFFSET_MAP_H_
#define TEXTLENS_SERVICE_TEXT_OFFSET_MAP_H_

#include <cstdint>
#include <string_view>
#include <vector>

namespace textlens::service::text {

class OffsetMap {
 public:
  // Builds the map of `utf8` (which must be valid UTF-8) in O(n).
  explicit OffsetMap(std::string_view utf8);

  // The UTF-16 code unit offset of byte offset `byte`. A byte offset inside
  // a multi-byte sequence maps to the start of its character; offsets past
  // the end map to the length.
  uint32_t ToUtf16(uint32_t byte) const;
  // The code point offset of byte offset `byte`, with the same rules.
  uint32_t ToCodePoints(uint32_t byte) const;

  uint32_t utf8_length() const;
  uint32_t utf16_length() const;
  uint32_t code_point_length() const;

 private:
  // For every byte offset 0..n: the UTF-16 and code point offsets of the
  // character that starts at or contains it.
  std::vector<uint32_t> utf16_;
  std::vector<uint32_t> code_points_;
};

}  // namespace textlens::service::text

#endif  // TEXTLENS_SERVICE_TEXT_OFFSET_MAP_H_
