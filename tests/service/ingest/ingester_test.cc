#include "service/ingest/ingester.h"

#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "service/ingest/content_sniffer.h"

namespace textlens::service::ingest {
namespace {

using ::testing::HasSubstr;

TEST(SniffContentTypeTest, KnowsTheTypesTextlensReads) {
  EXPECT_EQ(SniffContentType("%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj"),
            "application/pdf");
  EXPECT_EQ(SniffContentType("\xEF\xBB\xBF  <!DOCTYPE html><html><p>Salut"),
            "text/html");
  EXPECT_EQ(SniffContentType("<HTML><body>Bonjour</body></HTML>"), "text/html");
  EXPECT_EQ(SniffContentType("---\ntitle: Rapport\n---\n\n# Rapport\n"),
            "text/markdown");
  EXPECT_EQ(SniffContentType("# Open weights\n\nMeta released *Llama 4*.\n"),
            "text/markdown");
  EXPECT_EQ(SniffContentType("Publié le 17 juin 2025 à 20:59\n\nDeepSeek-R1 "
                             "est un modèle ouvert."),
            "text/plain");
  EXPECT_EQ(SniffContentType("date,title\n2025-03-04,Open weights\n"),
            "text/plain");
  // Text libmagic types otherwise is still text.
  EXPECT_EQ(SniffContentType("{\"title\": \"Modèles ouverts\", \"n\": 3}"),
            "text/plain");
}

TEST(SniffContentTypeTest, NamesBinaryFormats) {
  const std::string png(
      "\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08"
      "\x06\0\0\0\x1f\x15\xc4\x89",
      33);
  EXPECT_EQ(SniffContentType(png), "image/png");
  const std::string jpeg(
      "\xFF\xD8\xFF\xE0\0\x10JFIF\0\x01\x01\0\0\x01\0\x01\0\0", 20);
  EXPECT_EQ(SniffContentType(jpeg), "image/jpeg");
  const std::string gzip(
      "\x1F\x8B\x08\0\0\0\0\0\0\x03\xCB\xC8\xE4\x02\0"
      "zzo\xED\x03\0\0\0",
      23);
  EXPECT_EQ(SniffContentType(gzip), "application/gzip");
}

TEST(IngestTest, UnlabelledBinaryIsRefusedByItsType) {
  const std::string png(
      "\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08"
      "\x06\0\0\0\x1f\x15\xc4\x89",
      33);
  auto ingested = Ingest(png, "", "", "document.content");
  EXPECT_EQ(ingested.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(ingested.status().message(),
              HasSubstr("document.content: the content looks like image/png"));
}

TEST(IngestTest, UnlabelledHtmlAndMarkdownAreConverted) {
  auto html = Ingest(
      "<!doctype html><title>Titre</title><p>Mistral AI publie un modèle.</p>",
      "", "", "document.content");
  ASSERT_TRUE(html.ok()) << html.status();
  EXPECT_EQ(html->content_type, "text/html");
  EXPECT_EQ(html->converted.text, "Mistral AI publie un modèle.");

  auto markdown = Ingest("# Modèles ouverts\n\nMistral AI publie *Devstral*.\n",
                         "", "", "document.content");
  ASSERT_TRUE(markdown.ok()) << markdown.status();
  EXPECT_EQ(markdown->content_type, "text/markdown");
  EXPECT_EQ(markdown->converted.title, "Modèles ouverts");
  EXPECT_THAT(markdown->converted.text,
              HasSubstr("Mistral AI publie Devstral."));
}

TEST(IngestTest, UnlabelledLatin1NamesTheOffsetAndTheCharsetToDeclare) {
  auto ingested =
      Ingest("Le mod\xE8le est ouvert.", "", "", "document.content");
  EXPECT_EQ(ingested.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(ingested.status().message(),
              HasSubstr("document.content: invalid UTF-8 at byte 6"));
  EXPECT_THAT(ingested.status().message(),
              HasSubstr("declare it in content_type (\"text/plain; "
                        "charset=windows-1252\")"));
}

}  // namespace
}  // namespace textlens::service::ingest
