#include "service/text/offset_map.h"

#include "gtest/gtest.h"

namespace textlens::service::text {
namespace {

// "aé€😀b": 1 + 2 + 3 + 4 + 1 bytes; 1 + 1 + 1 + 2 + 1 UTF-16 units.
constexpr char kText[] =
    "a\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80"
    "b";

TEST(OffsetMapTest, Lengths) {
  OffsetMap map(kText);
  EXPECT_EQ(map.utf8_length(), 11u);
  EXPECT_EQ(map.utf16_length(), 6u);
  EXPECT_EQ(map.code_point_length(), 5u);
}

TEST(OffsetMapTest, CharacterStarts) {
  OffsetMap map(kText);
  EXPECT_EQ(map.ToUtf16(0), 0u);
  EXPECT_EQ(map.ToUtf16(1), 1u);   // é
  EXPECT_EQ(map.ToUtf16(3), 2u);   // €
  EXPECT_EQ(map.ToUtf16(6), 3u);   // emoji
  EXPECT_EQ(map.ToUtf16(10), 5u);  // b, after a surrogate pair
  EXPECT_EQ(map.ToCodePoints(6), 3u);
  EXPECT_EQ(map.ToCodePoints(10), 4u);
  EXPECT_EQ(map.ToUtf16(11), 6u);
  EXPECT_EQ(map.ToCodePoints(11), 5u);
}

TEST(OffsetMapTest, InsideSequenceMapsToCharacterStart) {
  OffsetMap map(kText);
  EXPECT_EQ(map.ToUtf16(2), 1u);
  EXPECT_EQ(map.ToUtf16(5), 2u);
  EXPECT_EQ(map.ToUtf16(9), 3u);
  EXPECT_EQ(map.ToCodePoints(8), 3u);
}

TEST(OffsetMapTest, PastEndMapsToLength) {
  OffsetMap map(kText);
  EXPECT_EQ(map.ToUtf16(1000), 6u);
  EXPECT_EQ(map.ToCodePoints(1000), 5u);
  OffsetMap empty("");
  EXPECT_EQ(empty.ToUtf16(0), 0u);
  EXPECT_EQ(empty.utf16_length(), 0u);
}

}  // namespace
}  // namespace textlens::service::text
