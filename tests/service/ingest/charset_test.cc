#include "service/ingest/charset.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace textlens::service::ingest {
namespace {

using ::testing::HasSubstr;

TEST(CharsetTest, KnowsTheUsualLabels) {
  EXPECT_EQ(CanonicalCharset("UTF-8"), "utf-8");
  EXPECT_EQ(CanonicalCharset("us-ascii"), "utf-8");
  EXPECT_EQ(CanonicalCharset("Latin1"), "iso-8859-1");
  EXPECT_EQ(CanonicalCharset("CP1252"), "windows-1252");
  EXPECT_EQ(CanonicalCharset("iso-8859-15"), "iso-8859-15");
  EXPECT_EQ(CanonicalCharset("shift_jis"), "");
}

TEST(CharsetTest, DecodesWindows1252IncludingItsPunctuation) {
  // 0xE9 is é, 0x80 the euro sign, 0x92 a typographic apostrophe.
  auto text = DecodeToUtf8("caf\xE9 \x80 l\x92\xE9t\xE9", "windows-1252", "f");
  ASSERT_TRUE(text.ok()) << text.status();
  EXPECT_EQ(*text, "café € l’été");
}

TEST(CharsetTest, DecodesLatin1) {
  auto text = DecodeToUtf8("Fran\xE7ois \xE0 No\xEBl", "iso-8859-1", "f");
  ASSERT_TRUE(text.ok());
  EXPECT_EQ(*text, "François à Noël");
}

TEST(CharsetTest, InvalidUtf8NamesFieldAndOffset) {
  auto text = DecodeToUtf8("ok \xC3( no", "utf-8", "document.content");
  EXPECT_EQ(text.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(text.status().message(),
              HasSubstr("document.content: invalid UTF-8 at byte 3"));
}

}  // namespace
}  // namespace textlens::service::ingest
