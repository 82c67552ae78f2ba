#include <string>

#include "absl/time/clock.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "service/ingest/ingester.h"
#include "service/ingest/pdf_converter.h"
#include "service/ingest/pdf_sandbox.h"
#include "tests/testing/pdf_writer.h"

namespace textlens::service::ingest {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using ::textlens::testing::DecompressionBombPdf;
using ::textlens::testing::FrenchReportPdf;
using ::textlens::testing::PdfSpec;
using ::textlens::testing::WritePdf;

PdfSandbox Sandbox() {
  PdfSandbox sandbox;
  sandbox.helper_path = PDF_HELPER;
  return sandbox;
}

TEST(PdfToTextTest, JoinsWrappedLinesAndDropsRunningHeadersAndPageNumbers) {
  auto converted =
      PdfToText(WritePdf(FrenchReportPdf()), {}, "document.content");
  ASSERT_TRUE(converted.ok()) << converted.status();
  EXPECT_EQ(
      converted->text,
      "L’IA ouverte gagne du terrain\n\n"
      "Les modèles à poids ouverts, comme DeepSeek-R1 publié sous licence "
      "MIT, se rapprochent des modèles fermés. Le coût d’entraînement "
      "annoncé est de 6 millions de dollars.\n\n"
      "Les entreprises européennes adoptent ces modèles pour garder la "
      "maîtrise de leurs données et de leurs coûts d’infrastructure, "
      "sans dépendre d’une seule API fermée comme celle d’OpenAI.\n\n"
      "Mistral AI publie aussi ses poids sous licence Apache 2.0 et ses "
      "modèles sont utilisés par de nombreuses administrations qui "
      "veulent héberger leurs propres assistants.\n\n"
      "Conclusion\n\n"
      "L’ouverture des poids est devenue un argument commercial.");
}

TEST(PdfToTextTest, ReadsTheDocumentInformation) {
  auto converted =
      PdfToText(WritePdf(FrenchReportPdf()), {}, "document.content");
  ASSERT_TRUE(converted.ok()) << converted.status();
  EXPECT_EQ(converted->title, "L’IA ouverte gagne du terrain");
  EXPECT_EQ(converted->author, "Claire Dubois");
  EXPECT_EQ(converted->published, "2025-06-17T18:59:00Z");  // 20:59 at +02:00
}

TEST(PdfToTextTest, ReadsAnEnglishPdfWithCompressedStreams) {
  PdfSpec spec;
  spec.compress = true;
  spec.pages = {{"Open weights in 2025", "",
                 "Meta released Llama 4 under its own license, and the "
                 "model was downloaded",
                 "millions of times in its first week.", "",
                 "Analysts said the release put pressure on closed "
                 "vendors."}};
  auto converted = PdfToText(WritePdf(spec), {}, "document.content");
  ASSERT_TRUE(converted.ok()) << converted.status();
  EXPECT_EQ(converted->text,
            "Open weights in 2025\n\n"
            "Meta released Llama 4 under its own license, and the model was "
            "downloaded millions of times in its first week.\n\n"
            "Analysts said the release put pressure on closed vendors.");
  EXPECT_EQ(converted->title, "");
  EXPECT_EQ(converted->published, "");
}

TEST(PdfToTextTest, RefusesWhatIsNotAReadablePdf) {
  for (const std::string& bytes :
       {std::string("%PDF-1.4\nnothing else"), std::string("hello"),
        WritePdf(FrenchReportPdf()).substr(0, 200)}) {
    auto converted = PdfToText(bytes, {}, "document.content");
    EXPECT_EQ(converted.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_THAT(converted.status().message(),
                HasSubstr("document.content: not a readable PDF"));
  }
}

TEST(PdfToTextTest, APdfWithoutTextSaysSo) {
  PdfSpec spec;
  spec.pages = {{}};
  auto converted = PdfToText(WritePdf(spec), {}, "document.content");
  EXPECT_EQ(converted.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(converted.status().message(), HasSubstr("no text layer"));
}

TEST(PdfToTextTest, PageAndTextLimits) {
  PdfSpec pages_bomb = FrenchReportPdf();
  pages_bomb.extra_pages = 100000;  // every page shares one content stream
  auto converted = PdfToText(WritePdf(pages_bomb), {}, "document.content");
  EXPECT_EQ(converted.status().code(), absl::StatusCode::kResourceExhausted);
  EXPECT_THAT(converted.status().message(),
              HasSubstr("100003 pages; the limit is 2000"));

  PdfLimits small;
  small.max_text_bytes = 600;
  converted = PdfToText(WritePdf(FrenchReportPdf()), small, "document.content");
  EXPECT_EQ(converted.status().code(), absl::StatusCode::kResourceExhausted);
  EXPECT_THAT(converted.status().message(),
              HasSubstr("text is over 600 bytes by page 2"));
}

TEST(PdfAnswerTest, RoundTripsAndRefusesAMalformedAnswer) {
  ConvertedText text;
  text.text = "Un texte\n\nen deux blocs.";
  text.title = "Titre";
  text.published = "2025-01";
  auto decoded = DecodePdfAnswer(EncodePdfAnswer(text), "f");
  ASSERT_TRUE(decoded.ok()) << decoded.status();
  EXPECT_EQ(decoded->text, text.text);
  EXPECT_EQ(decoded->title, "Titre");
  EXPECT_EQ(decoded->published, "2025-01");

  decoded = DecodePdfAnswer(
      EncodePdfAnswer(absl::InvalidArgumentError("f: damaged")), "f");
  EXPECT_EQ(decoded.status(), absl::InvalidArgumentError("f: damaged"));

  const std::string whole = EncodePdfAnswer(text);
  for (size_t cut : {size_t{0}, size_t{5}, whole.size() - 1}) {
    decoded = DecodePdfAnswer(whole.substr(0, cut), "f");
    EXPECT_EQ(decoded.status().code(), absl::StatusCode::kInternal) << cut;
  }
}

TEST(PdfSandboxTest, ReadsThePdfInTheHelperProcess) {
  auto converted = ReadPdfInSandbox(WritePdf(FrenchReportPdf()), Sandbox(),
                                    absl::InfiniteFuture(), "document.content");
  ASSERT_TRUE(converted.ok()) << converted.status();
  EXPECT_THAT(converted->text, HasSubstr("6 millions de dollars."));
  EXPECT_EQ(converted->author, "Claire Dubois");
}

TEST(PdfSandboxTest, PassesTheReadersErrorsOn) {
  auto converted =
      ReadPdfInSandbox("%PDF-1.7 broken", Sandbox(), absl::InfiniteFuture(),
                       "requests[1].document.content");
  EXPECT_EQ(converted.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(converted.status().message(),
              HasSubstr("requests[1].document.content: not a readable PDF"));
}

// 1 GiB of content behind 1 MiB of Flate: the helper's CPU limit ends it.
TEST(PdfSandboxTest, ADecompressionBombRunsOutOfCpuTimeInTheHelper) {
  PdfSandbox sandbox = Sandbox();
  sandbox.max_cpu_seconds = 1;
  auto converted = ReadPdfInSandbox(DecompressionBombPdf(1024), sandbox,
                                    absl::InfiniteFuture(), "document.content");
  EXPECT_EQ(converted.status().code(), absl::StatusCode::kResourceExhausted);
  EXPECT_THAT(converted.status().message(),
              HasSubstr("took more than 1 s of CPU"));
}

TEST(PdfSandboxTest, TheDeadlineKillsTheHelper) {
  auto converted = ReadPdfInSandbox(DecompressionBombPdf(1024), Sandbox(),
                                    absl::Now() + absl::Milliseconds(100),
                                    "document.content");
  EXPECT_EQ(converted.status().code(), absl::StatusCode::kDeadlineExceeded);
  EXPECT_THAT(converted.status().message(), HasSubstr("before the deadline"));
}

TEST(PdfSandboxTest, AMissingHelperIsAnInternalErrorNamingIt) {
  PdfSandbox sandbox;
  sandbox.helper_path = "/nonexistent/textlens-pdf";
  auto converted = ReadPdfInSandbox(WritePdf(FrenchReportPdf()), sandbox,
                                    absl::InfiniteFuture(), "document.content");
  EXPECT_EQ(converted.status().code(), absl::StatusCode::kInternal);
  EXPECT_THAT(converted.status().message(),
              HasSubstr("/nonexistent/textlens-pdf cannot start"));
}

TEST(PdfSandboxTest, WaitsForAFreeSlotUntilTheDeadline) {
  ProcessSlots slots(1);
  ASSERT_TRUE(slots.Acquire(absl::InfiniteFuture()));
  PdfSandbox sandbox = Sandbox();
  sandbox.slots = &slots;
  auto converted = ReadPdfInSandbox(WritePdf(FrenchReportPdf()), sandbox,
                                    absl::Now() + absl::Milliseconds(50),
                                    "document.content");
  EXPECT_EQ(converted.status().code(), absl::StatusCode::kDeadlineExceeded);
  EXPECT_THAT(converted.status().message(), HasSubstr("stayed busy"));

  slots.Release();
  converted = ReadPdfInSandbox(WritePdf(FrenchReportPdf()), sandbox,
                               absl::InfiniteFuture(), "document.content");
  ASSERT_TRUE(converted.ok()) << converted.status();
  // The slot came back: a second reading gets it too.
  EXPECT_TRUE(slots.Acquire(absl::Now()));
}

TEST(IngestPdfTest, DetectsAnUnlabelledPdfAndReadsIt) {
  IngestOptions options;
  options.pdf = Sandbox();
  auto ingested =
      Ingest(WritePdf(FrenchReportPdf()), "", "", "document.content", options);
  ASSERT_TRUE(ingested.ok()) << ingested.status();
  EXPECT_EQ(ingested->content_type, "application/pdf");
  EXPECT_EQ(ingested->charset, "");
  EXPECT_THAT(ingested->converted.text, Not(HasSubstr("Rapport annuel")));
  EXPECT_EQ(ingested->converted.title, "L’IA ouverte gagne du terrain");
}

}  // namespace
}  // namespace textlens::service::ingest
