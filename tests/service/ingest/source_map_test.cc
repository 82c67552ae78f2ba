#include "service/ingest/source_map.h"

#include <string>

#include "gtest/gtest.h"

namespace textlens::service::ingest {
namespace {

TEST(MapToNormalizedTextTest, FollowsTheTextThroughNfc) {
  // "é" decomposed (e + U+0301) in the first stretch: NFC shortens it by one
  // byte, so the second stretch moves back by one.
  ConvertedText converted;
  converted.text = "Cafe\xCC\x81 ouvert\n\nMistral AI";
  converted.source_map = {{0, 13, 10, 23}, {15, 25, 40, 50}};
  auto map = MapToNormalizedText(converted, "Caf\xC3\xA9 ouvert\n\nMistral AI");
  ASSERT_TRUE(map.ok()) << map.status();
  ASSERT_EQ(map->size(), 2u);
  EXPECT_EQ((*map)[0].text_begin, 0u);
  EXPECT_EQ((*map)[0].text_end, 12u);
  EXPECT_EQ((*map)[1].text_begin, 14u);
  EXPECT_EQ((*map)[1].text_end, 24u);
  EXPECT_EQ((*map)[1].source_begin, 40u);
}

TEST(MapToNormalizedTextTest, GivesNoMapWhenPiecesNormalizeOtherwise) {
  // A combining accent opening the second stretch composes with the first
  // stretch's last letter only when the text is normalized whole.
  ConvertedText converted;
  converted.text = "Cafe\xCC\x81";
  converted.source_map = {{0, 4, 0, 4}, {4, 6, 9, 11}};
  auto map = MapToNormalizedText(converted, "Caf\xC3\xA9");
  ASSERT_TRUE(map.ok());
  EXPECT_TRUE(map->empty());
}

TEST(MapToSentBytesTest, SingleByteCharsetsCountCharacters) {
  // "<p>modèle</p>" decoded from windows-1252: "è" is 2 bytes decoded, 1 sent.
  const std::string decoded = "<p>mod\xC3\xA8le</p>";
  std::vector<SourceSpan> map = {{0, 7, 3, 10}};
  MapToSentBytes(decoded, "windows-1252", &map);
  EXPECT_EQ(map[0].source_begin, 3u);
  EXPECT_EQ(map[0].source_end, 9u);
  std::vector<SourceSpan> utf8 = {{0, 7, 3, 10}};
  MapToSentBytes(decoded, "utf-8", &utf8);
  EXPECT_EQ(utf8[0].source_end, 10u);
}

}  // namespace
}  // namespace textlens::service::ingest
