#include "service/text/normalizer.h"

#include <string>

#include "gtest/gtest.h"

namespace textlens::service::text {
namespace {

TEST(NormalizeTextTest, ComposesToNfc) {
  auto out = NormalizeText(
      "caf"
      "e\xCC\x81");  // "e" + U+0301
  ASSERT_TRUE(out.ok());
  EXPECT_EQ(*out, "caf\xC3\xA9");  // "café"
}

TEST(NormalizeTextTest, UnifiesNewlines) {
  auto out = NormalizeText("a\r\nb\rc\nd");
  ASSERT_TRUE(out.ok());
  EXPECT_EQ(*out, "a\nb\nc\nd");
}

TEST(NormalizeTextTest, DropsControlsButKeepsTabNewlineAndNbsp) {
  const std::string in = std::string("a\0b\x01\x1F\tc\n", 8) +
                         "1\xC2\xA0"
                         "000\xE2\x80\xAF"
                         "%";
  auto out = NormalizeText(in);
  ASSERT_TRUE(out.ok());
  EXPECT_EQ(*out,
            "ab\tc\n1\xC2\xA0"
            "000\xE2\x80\xAF"
            "%");
}

TEST(NormalizeTextTest, RejectsBadUtf8WithOffset) {
  auto out = NormalizeText("abc\xFFz");
  ASSERT_FALSE(out.ok());
  EXPECT_EQ(out.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(out.status().message(), "document.text: invalid UTF-8 at byte 3");
}

struct BadCase {
  const char* name;
  std::string bytes;
  int offset;
};

TEST(ValidateUtf8Test, NamesFirstBadSequence) {
  const BadCase cases[] = {
      {"truncated", "ok \xE2\x82", 3},
      {"truncated4", "\xF0\x9F\x98", 0},
      {"overlong2", "x\xC0\xAF", 1},
      {"overlong3", "xy\xE0\x80\xAF", 2},
      {"surrogate", "ab\xED\xA0\x80", 2},
      {"above_max", "\xF4\x90\x80\x80", 0},
      {"stray_continuation", "\xC3\xA9\x80", 2},
      {"bad_lead", "\xF8\x88\x80\x80\x80", 0},
  };
  for (const BadCase& c : cases) {
    absl::Status s = ValidateUtf8(c.bytes, "f");
    EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument) << c.name;
    EXPECT_EQ(s.message(),
              "f: invalid UTF-8 at byte " + std::to_string(c.offset))
        << c.name;
  }
}

TEST(ValidateUtf8Test, AcceptsWellFormed) {
  EXPECT_TRUE(ValidateUtf8("", "f").ok());
  EXPECT_TRUE(
      ValidateUtf8("\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80\xF4\x8F\xBF\xBF", "f")
          .ok());
}

}  // namespace
}  // namespace textlens::service::text
