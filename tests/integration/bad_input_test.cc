// The bad-input matrix: malformed and hostile requests sent to the real
// server, each expecting its exact status and a message naming the problem;
// afterwards the server is SERVING and answers a normal request.
#include <grpcpp/grpcpp.h>

#include <functional>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "gtest/gtest.h"
#include "service/text/offset_map.h"
#include "tests/integration/process_usage.h"
#include "tests/integration/test_server.h"
#include "textlens/v1/service.grpc.pb.h"

namespace textlens::tests {
namespace {

using ::testing::HasSubstr;
using textlens::v1::AnalyzeRequest;
using textlens::v1::AnalyzeResponse;

struct BadInput {
  std::string name;
  std::function<void(AnalyzeRequest*)> build;
  grpc::StatusCode code;
  std::string message;  // a part of the expected message
};

AnalyzeRequest Text(const std::string& text) {
  AnalyzeRequest request;
  request.mutable_document()->set_text(text);
  return request;
}

std::string Repeat(const std::string& unit, size_t times) {
  std::string out;
  out.reserve(unit.size() * times);
  for (size_t i = 0; i < times; ++i) out += unit;
  return out;
}

void SetContent(AnalyzeRequest* r, const std::string& bytes,
                const std::string& type = "") {
  r->mutable_document()->set_content(bytes);
  r->mutable_document()->set_content_type(type);
}

void SetText(AnalyzeRequest* r, const std::string& text) {
  r->mutable_document()->set_text(text);
}

textlens::v1::AnalyzerSpec* Add(AnalyzeRequest* r, const std::string& name) {
  auto* spec = r->add_analyzers();
  spec->set_name(name);
  return spec;
}

// A short text for the entities analyzer with `custom` as its own entities.
void SetCustomEntities(AnalyzeRequest* r, std::string custom) {
  SetText(r, "Bonjour.");
  Add(r, "entities")
      ->mutable_entities()
      ->set_custom_entities(std::move(custom));
}

const std::vector<BadInput>& Matrix() {
  using grpc::StatusCode;
  static const auto* matrix = new std::vector<BadInput>{
      // The document itself.
      {"no document", [](AnalyzeRequest*) {}, StatusCode::INVALID_ARGUMENT,
       "document"},
      {"empty text", [](AnalyzeRequest* r) { SetText(r, ""); },
       StatusCode::INVALID_ARGUMENT, "document"},
      {"blank text", [](AnalyzeRequest* r) { SetText(r, " \n\t "); },
       StatusCode::INVALID_ARGUMENT, "document.text: no text to analyze"},
      {"empty content", [](AnalyzeRequest* r) { SetContent(r, ""); },
       StatusCode::INVALID_ARGUMENT, "document"},
      {"only control characters",
       [](AnalyzeRequest* r) { SetText(r, "\x01\x02\x03\x7f"); },
       StatusCode::INVALID_ARGUMENT, "no text to analyze"},
      {"NUL bytes only",
       [](AnalyzeRequest* r) { SetText(r, std::string(16, '\0')); },
       StatusCode::INVALID_ARGUMENT, "no text to analyze"},
      {"invalid UTF-8 in content",
       [](AnalyzeRequest* r) {
         SetContent(r, std::string("Bonjour \xC3\x28 monde", 16));
       },
       StatusCode::INVALID_ARGUMENT,
       "document.content: invalid UTF-8 at byte 8"},
      {"invalid UTF-8 in text",
       [](AnalyzeRequest* r) {
         SetText(r, std::string("Bonjour \xC3\x28 monde", 16));
       },
       StatusCode::INVALID_ARGUMENT, "document.text: invalid UTF-8 at byte 8"},
      {"overlong UTF-8",
       [](AnalyzeRequest* r) { SetContent(r, "abc\xC0\xAF", "text/plain"); },
       StatusCode::INVALID_ARGUMENT, "invalid UTF-8 at byte 3"},
      {"UTF-8 surrogate",
       [](AnalyzeRequest* r) { SetContent(r, "ab\xED\xA0\x80", "text/plain"); },
       StatusCode::INVALID_ARGUMENT, "invalid UTF-8 at byte 2"},
      {"truncated UTF-8 at the end",
       [](AnalyzeRequest* r) { SetContent(r, "caf\xC3", "text/plain"); },
       StatusCode::INVALID_ARGUMENT, "invalid UTF-8 at byte 3"},
      {"text over the document limit",
       [](AnalyzeRequest* r) { SetText(r, std::string(200001, 'a')); },
       StatusCode::RESOURCE_EXHAUSTED, "the limit is 200000 bytes"},
      {"content over the content limit",
       [](AnalyzeRequest* r) { SetContent(r, std::string(400001, 'a')); },
       StatusCode::RESOURCE_EXHAUSTED,
       "document.content is 400001 bytes; the limit is 400000 bytes as sent"},
      {"a 100 MB payload",
       [](AnalyzeRequest* r) { SetContent(r, std::string(100 << 20, 'a')); },
       StatusCode::RESOURCE_EXHAUSTED, "larger than max"},
      // Refused by the size limit before the text is split.
      {"a million sentences",
       [](AnalyzeRequest* r) { SetText(r, Repeat("A. ", 1000000)); },
       StatusCode::RESOURCE_EXHAUSTED,
       "document.text is 3000000 bytes; the limit is 400000 bytes as sent"},
      {"deeply nested HTML",
       [](AnalyzeRequest* r) {
         SetContent(r, Repeat("<div>", 5000), "text/html");
       },
       StatusCode::RESOURCE_EXHAUSTED,
       "document.content: the HTML nests elements 5000 deep; the limit is "
       "4000"},
      {"HTML with no text",
       [](AnalyzeRequest* r) {
         SetContent(r, "<nav>Accueil</nav><script>x()</script>", "text/html");
       },
       StatusCode::INVALID_ARGUMENT,
       "document.content: no text to analyze once the text/html content is "
       "read"},
      {"unknown content type",
       [](AnalyzeRequest* r) {
         SetContent(r, "<p>Bonjour</p>", "application/x-unknown");
       },
       StatusCode::INVALID_ARGUMENT, "document.content_type"},
      {"malformed content type",
       [](AnalyzeRequest* r) { SetContent(r, "Bonjour.", "text/"); },
       StatusCode::INVALID_ARGUMENT, "document.content_type"},
      {"content type on text",
       [](AnalyzeRequest* r) {
         SetText(r, "Bonjour.");
         r->mutable_document()->set_content_type("application/pdf");
       },
       StatusCode::INVALID_ARGUMENT, "document.content_type"},
      {"PDF declared, not a PDF",
       [](AnalyzeRequest* r) {
         SetContent(r, "Bonjour, ceci n'est pas un PDF.", "application/pdf");
       },
       StatusCode::INVALID_ARGUMENT, "document.content"},
      {"unsupported charset",
       [](AnalyzeRequest* r) {
         SetContent(r, "Bonjour.", "text/plain; charset=koi8-r");
       },
       StatusCode::INVALID_ARGUMENT, "unsupported charset 'koi8-r'"},
      {"image bytes",
       [](AnalyzeRequest* r) {
         SetContent(r, std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16));
       },
       StatusCode::INVALID_ARGUMENT, "image/png"},
      {"gzip bytes",
       [](AnalyzeRequest* r) {
         SetContent(r, std::string("\x1f\x8b\x08\0\0\0\0\0\0\x03", 10));
       },
       StatusCode::INVALID_ARGUMENT, "application/gzip"},
      {"malformed language tag",
       [](AnalyzeRequest* r) {
         SetText(r, "Bonjour.");
         r->mutable_document()->set_language("fr_FR!!");
       },
       StatusCode::INVALID_ARGUMENT, "document.language"},
      {"id over its limit",
       [](AnalyzeRequest* r) {
         SetText(r, "Bonjour.");
         r->mutable_document()->set_id(std::string(257, 'x'));
       },
       StatusCode::INVALID_ARGUMENT,
       "document.id is 257 bytes; the limit is 256"},
      {"too many metadata entries",
       [](AnalyzeRequest* r) {
         SetText(r, "Bonjour.");
         for (int i = 0; i < 65; ++i) {
           (*r->mutable_document()->mutable_metadata())[absl::StrCat("k", i)] =
               "v";
         }
       },
       StatusCode::INVALID_ARGUMENT,
       "document.metadata has 65 entries; the limit is 64"},
      {"metadata value over its limit",
       [](AnalyzeRequest* r) {
         SetText(r, "Bonjour.");
         (*r->mutable_document()->mutable_metadata())["source"] =
             std::string(1025, 'x');
       },
       StatusCode::INVALID_ARGUMENT,
       "document.metadata['source']: keys and values are limited to 1024"},
      {"NUL bytes within HTML",
       [](AnalyzeRequest* r) {
         SetContent(r, std::string("<p>\0\0\0</p>", 10), "text/html");
       },
       StatusCode::INVALID_ARGUMENT, "no text to analyze"},
      // The analyzers and their options.
      {"unknown analyzer",
       [](AnalyzeRequest* r) {
         SetText(r, "Bonjour.");
         Add(r, "translator");
       },
       StatusCode::NOT_FOUND, "translator"},
      {"empty analyzer name",
       [](AnalyzeRequest* r) {
         SetText(r, "Bonjour.");
         Add(r, "");
       },
       StatusCode::INVALID_ARGUMENT, "analyzers[0].name"},
      {"duplicate analyzer",
       [](AnalyzeRequest* r) {
         SetText(r, "Bonjour.");
         Add(r, "entities");
         Add(r, "entities");
       },
       StatusCode::INVALID_ARGUMENT, "analyzers[1]"},
      {"a refused plugin asked for",
       [](AnalyzeRequest* r) {
         SetText(r, "Bonjour.");
         Add(r, "bad_abi_major");
       },
       StatusCode::NOT_FOUND, "bad_abi_major"},
      {"option out of range",
       [](AnalyzeRequest* r) {
         SetText(r, "Bonjour.");
         Add(r, "summarizer")->mutable_summarizer()->set_max_sentences(500);
       },
       StatusCode::INVALID_ARGUMENT, "analyzers[0].summarizer.max_sentences"},
      {"ratio over 1",
       [](AnalyzeRequest* r) {
         SetText(r, "Bonjour.");
         Add(r, "summarizer")->mutable_summarizer()->set_ratio(1.5);
       },
       StatusCode::INVALID_ARGUMENT, "analyzers[0].summarizer.ratio"},
      {"another analyzer's options",
       [](AnalyzeRequest* r) {
         SetText(r, "Bonjour.");
         Add(r, "entities")->mutable_summarizer()->set_max_sentences(2);
       },
       StatusCode::INVALID_ARGUMENT, "analyzers[0]"},
      {"unknown generic option",
       [](AnalyzeRequest* r) {
         SetText(r, "Bonjour.");
         (*Add(r, "stance")->mutable_generic()->mutable_fields())["verbosity"]
             .set_number_value(3);
       },
       StatusCode::INVALID_ARGUMENT, "verbosity"},
      {"generic option of the wrong type",
       [](AnalyzeRequest* r) {
         SetText(r, "Bonjour.");
         (*Add(r, "summarizer")
               ->mutable_generic()
               ->mutable_fields())["max_sentences"]
             .set_string_value("three");
       },
       StatusCode::INVALID_ARGUMENT, "max_sentences"},
      {"fractional integer option",
       [](AnalyzeRequest* r) {
         SetText(r, "Bonjour.");
         (*Add(r, "summarizer")
               ->mutable_generic()
               ->mutable_fields())["max_sentences"]
             .set_number_value(2.5);
       },
       StatusCode::INVALID_ARGUMENT, "max_sentences"},
      // The size of what the options carry, refused before any work.
      {"request over max_request_bytes",
       [](AnalyzeRequest* r) {
         SetCustomEntities(r, std::string(21 << 20, ' '));
       },
       StatusCode::RESOURCE_EXHAUSTED,
       "the limit is 20971520 bytes (max_request_bytes)"},
      {"custom entities over 4 MiB",
       [](AnalyzeRequest* r) {
         SetCustomEntities(r, std::string(5 << 20, ' '));
       },
       StatusCode::RESOURCE_EXHAUSTED,
       "analyzers[0].entities.custom_entities has 5242880 bytes; the limit "
       "is 4194304 (max_bytes)"},
      {"thousands of entity types",
       [](AnalyzeRequest* r) {
         SetText(r, "Bonjour.");
         auto* options = Add(r, "entities")->mutable_entities();
         for (int i = 0; i < 5000; ++i) {
           options->add_types(textlens::v1::ENTITY_TYPE_PERSON);
         }
       },
       StatusCode::RESOURCE_EXHAUSTED,
       "analyzers[0].entities.types has 5000 values; the limit is 64 "
       "(max_items)"},
      {"a 2 MiB string for an option without a declared limit",
       [](AnalyzeRequest* r) {
         SetText(r, "Bonjour.");
         (*Add(r, "summarizer")->mutable_generic()->mutable_fields())["order"]
             .set_string_value(std::string(2 << 20, 'x'));
       },
       StatusCode::RESOURCE_EXHAUSTED,
       "order has 2097152 bytes; the limit is 1048576 (max_bytes)"},
      {"unknown offset unit",
       [](AnalyzeRequest* r) {
         SetText(r, "Bonjour.");
         r->set_offset_unit(static_cast<textlens::v1::OffsetUnit>(42));
       },
       StatusCode::INVALID_ARGUMENT, "offset_unit"},
  };
  return *matrix;
}

// The length of `text` in `unit`.
uint32_t Length(const std::string& text, textlens::v1::OffsetUnit unit) {
  const textlens::service::text::OffsetMap offsets(text);
  if (unit == textlens::v1::OFFSET_UNIT_UTF16_CODE_UNITS) {
    return offsets.utf16_length();
  }
  if (unit == textlens::v1::OFFSET_UNIT_CODE_POINTS) {
    return offsets.code_point_length();
  }
  return offsets.utf8_length();
}

class BadInputTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    server_ =
        new TestServer({"--max_document_bytes=200000",
                        "--max_content_bytes=400000", "--max_batch_size=4"});
  }
  static void TearDownTestSuite() {
    delete server_;
    server_ = nullptr;
  }
  void SetUp() override {
    channel_ = grpc::CreateChannel(server_->address(),
                                   grpc::InsecureChannelCredentials());
    stub_ = textlens::v1::AnalysisService::NewStub(channel_);
  }

  grpc::Status Analyze(const AnalyzeRequest& request,
                       AnalyzeResponse* response) {
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() +
                         std::chrono::seconds(60));
    return stub_->Analyze(&context, request, response);
  }

  // The server is SERVING and analyzes a normal document.
  void ExpectHealthy() {
    grpc::health::v1::HealthCheckResponse health;
    grpc::ClientContext context;
    ASSERT_TRUE(grpc::health::v1::Health::NewStub(channel_)
                    ->Check(&context, {}, &health)
                    .ok());
    EXPECT_EQ(health.status(), grpc::health::v1::HealthCheckResponse::SERVING);
    AnalyzeResponse response;
    ASSERT_TRUE(
        Analyze(Text("DeepSeek publie un modèle ouvert."), &response).ok());
    EXPECT_EQ(response.results_size(), 3);
    ExpectIdleAndWithinBudget(server_->process().pid());
  }

  static TestServer* server_;
  std::shared_ptr<grpc::Channel> channel_;
  std::unique_ptr<textlens::v1::AnalysisService::Stub> stub_;
};

TestServer* BadInputTest::server_ = nullptr;

TEST_F(BadInputTest, EachBadRequestGetsItsStatusAndAMessageNamingTheProblem) {
  for (const BadInput& bad : Matrix()) {
    SCOPED_TRACE(bad.name);
    AnalyzeRequest request;
    bad.build(&request);
    AnalyzeResponse response;
    const grpc::Status status = Analyze(request, &response);
    EXPECT_EQ(status.error_code(), bad.code) << status.error_message();
    EXPECT_THAT(status.error_message(), HasSubstr(bad.message));
  }
  std::printf("bad inputs tried through Analyze: %zu\n", Matrix().size());
  ExpectHealthy();
}

// Valid but awkward text: offsets stay on character boundaries in every
// unit, whatever sits at them.
TEST_F(BadInputTest, AwkwardTextKeepsOffsetsOnCharacterBoundaries) {
  const std::vector<std::string> texts = {
      "🤖 OpenAI 👩‍💻 publie. Le modèle 🇫🇷 de Mistral AI est "
      "ouvert.",
      "Cafe\xCC\x81 de Mistral AI. Le mode\xCC\x80le est ouvert.",
      "شركة OpenAI تنشر نموذجا جديدا. النموذج مفتوح المصدر.",
      "Line\r\nbreaks\rof\nevery\u2028kind. Zero\u200bwidth.",
  };
  for (const auto unit : {textlens::v1::OFFSET_UNIT_UTF8_BYTES,
                          textlens::v1::OFFSET_UNIT_UTF16_CODE_UNITS,
                          textlens::v1::OFFSET_UNIT_CODE_POINTS}) {
    for (const std::string& text : texts) {
      SCOPED_TRACE(absl::StrCat(text, " unit ", unit));
      AnalyzeRequest request = Text(text);
      request.set_offset_unit(unit);
      AnalyzeResponse response;
      const grpc::Status status = Analyze(request, &response);
      ASSERT_TRUE(status.ok()) << status.error_message();
      for (const auto& result : response.results()) {
        EXPECT_EQ(result.status().code(), 0) << result.analyzer();
      }
      const uint32_t length = Length(response.text(), unit);
      ASSERT_GT(response.language_segments_size(), 0);
      for (const auto& segment : response.language_segments()) {
        EXPECT_LT(segment.span().begin(), segment.span().end());
        EXPECT_LE(segment.span().end(), length);
      }
    }
  }
  ExpectHealthy();
}

TEST_F(BadInputTest, BatchesAndStreamsRefuseWhatIsBadAndGoOn) {
  textlens::v1::BatchAnalyzeResponse batch_response;
  textlens::v1::BatchAnalyzeRequest too_many;
  for (int i = 0; i < 5; ++i) *too_many.add_requests() = Text("Bonjour.");
  grpc::ClientContext context1;
  grpc::Status s = stub_->BatchAnalyze(&context1, too_many, &batch_response);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED);
  EXPECT_THAT(s.error_message(), HasSubstr("the limit is 4"));

  // An empty batch is nothing to do, not an error.
  textlens::v1::BatchAnalyzeRequest empty;
  grpc::ClientContext context2;
  s = stub_->BatchAnalyze(&context2, empty, &batch_response);
  EXPECT_TRUE(s.ok());
  EXPECT_EQ(batch_response.results_size(), 0);

  // A stream whose client never half-closes: every document is answered as
  // it comes, and the client's deadline ends the stream, not the server.
  grpc::ClientContext context3;
  context3.set_deadline(std::chrono::system_clock::now() +
                        std::chrono::seconds(3));
  auto stream = stub_->AnalyzeStream(&context3);
  for (int i = 0; i < 3; ++i) {
    AnalyzeRequest request = Text("Anthropic publie Claude.");
    request.mutable_document()->set_id(absl::StrCat("open-", i));
    ASSERT_TRUE(stream->Write(request));
    textlens::v1::AnalyzeStreamResponse answer;
    ASSERT_TRUE(stream->Read(&answer));
    EXPECT_EQ(answer.document_id(), absl::StrCat("open-", i));
    EXPECT_EQ(answer.status().code(), 0);
  }
  textlens::v1::AnalyzeStreamResponse none;
  EXPECT_FALSE(stream->Read(&none));  // until the deadline
  EXPECT_EQ(stream->Finish().error_code(), grpc::StatusCode::DEADLINE_EXCEEDED);

  // A deadline that passed before the call reached the server.
  grpc::ClientContext context4;
  context4.set_deadline(std::chrono::system_clock::now() -
                        std::chrono::milliseconds(1));
  AnalyzeResponse response;
  s = stub_->Analyze(&context4, Text("Bonjour."), &response);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::DEADLINE_EXCEEDED);
  std::printf("bad inputs tried through BatchAnalyze and AnalyzeStream: 4\n");
  ExpectHealthy();
}

}  // namespace
}  // namespace textlens::tests
