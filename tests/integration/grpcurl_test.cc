// The real server through grpcurl, as a user at a shell would call it:
// no .proto files, everything through server reflection.
#include "absl/strings/escaping.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/integration/test_server.h"
#include "tests/testing/pdf_writer.h"

namespace textlens::tests {
namespace {

using ::testing::HasSubstr;

class GrpcurlTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    server_ = new TestServer(
        {"--pdf_max_cpu_seconds=1", "--max_document_bytes=100000"});
  }
  static void TearDownTestSuite() {
    delete server_;
    server_ = nullptr;
  }

  // Runs grpcurl (from PATH; `make test` installs it) with `args`.
  static CommandResult Grpcurl(std::vector<std::string> args,
                               const std::string& input = "") {
    std::vector<std::string> argv = {"grpcurl", "-plaintext"};
    argv.insert(argv.end(), args.begin(), args.end());
    return RunCommand(argv, input);
  }

  static TestServer* server_;
};

TestServer* GrpcurlTest::server_ = nullptr;

TEST_F(GrpcurlTest, ListsTheServicesThroughReflection) {
  auto result = Grpcurl({server_->address(), "list"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_THAT(result.out, HasSubstr("textlens.v1.AnalysisService"));
  EXPECT_THAT(result.out, HasSubstr("grpc.health.v1.Health"));
}

// The README's reload command; the server watches its folder too, but
// nothing changed in it: every plugin serves on as it was.
TEST_F(GrpcurlTest, ReloadsThePluginsAsTheReadmeShows) {
  auto result =
      Grpcurl({server_->address(), "textlens.v1.AdminService/ReloadPlugins"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_THAT(result.out, HasSubstr("\"analyzer\": \"entities\""));
  EXPECT_THAT(result.out, HasSubstr("\"action\": \"ACTION_UNCHANGED\""));
  // The test folder's broken file is tried again, and refused again.
  EXPECT_THAT(result.out, HasSubstr("\"action\": \"ACTION_FAILED\""));
  auto services = Grpcurl({server_->address(), "list"});
  EXPECT_THAT(services.out, HasSubstr("textlens.v1.AdminService"));
}

TEST_F(GrpcurlTest, DescribesTheServiceWithoutProtoFiles) {
  auto result =
      Grpcurl({server_->address(), "describe", "textlens.v1.AnalysisService"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_THAT(result.out,
              HasSubstr("rpc Analyze ( .textlens.v1.AnalyzeRequest )"));
  EXPECT_THAT(
      result.out,
      HasSubstr("rpc AnalyzeStream ( stream .textlens.v1.AnalyzeRequest )"));
  auto message =
      Grpcurl({server_->address(), "describe", "textlens.v1.Summary"});
  ASSERT_EQ(message.exit_code, 0) << message.err;
  EXPECT_THAT(message.out,
              HasSubstr("repeated .textlens.v1.SummarySentence sentences"));
}

TEST_F(GrpcurlTest, HealthIsServing) {
  auto result = Grpcurl({server_->address(), "grpc.health.v1.Health/Check"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_THAT(result.out, HasSubstr("\"status\": \"SERVING\""));
}

TEST_F(GrpcurlTest, AnalyzesJsonInputFromStdin) {
  const std::string request = R"({
    "document": {"text": "OpenAI et Anthropic gardent leurs modèles fermés, alors que DeepSeek publie R1 en open source.", "id": "shell-1"},
    "analyzers": [{"name": "entities"}, {"name": "summarizer", "summarizer": {"maxSentences": 1}}]
  })";
  auto result = Grpcurl(
      {"-d", "@", server_->address(), "textlens.v1.AnalysisService/Analyze"},
      request);
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_THAT(result.out, HasSubstr("\"document_id\": \"shell-1\""));
  EXPECT_THAT(result.out, HasSubstr("\"canonical_name\": \"OpenAI\""));
  EXPECT_THAT(result.out, HasSubstr("\"ENTITY_TYPE_ORGANIZATION\""));
  EXPECT_THAT(result.out, HasSubstr("\"summary\""));
}

TEST_F(GrpcurlTest, AnalyzesHtmlBytes) {
  const std::string page =
      "<!doctype html><html lang=fr><head><title>Site</title>"
      "<meta property=\"og:title\" content=\"Mistral AI publie un modèle "
      "ouvert\">"
      "<meta name=\"author\" content=\"Claire Martin\">"
      "<meta property=\"og:site_name\" content=\"Tech Hebdo\">"
      "</head><body><nav><a href=/>Accueil</a> <a href=/tech>Tech</a></nav>"
      "<article><h1>Mistral AI publie un modèle ouvert</h1>"
      "<p><time datetime=\"2025-03-04T10:15\">4 mars 2025</time></p>"
      "<p>La société <b>Mistral AI</b> a publié un modèle sous licence "
      "Apache 2.0.</p></article>"
      "<section class=\"comments\"><h2>Commentaires</h2><p>Bravo !</p>"
      "</section></body></html>";
  const std::string request = "{\"document\": {\"content\": \"" +
                              absl::Base64Escape(page) +
                              "\", \"content_type\": \"text/html\"}, "
                              "\"analyzers\": [{\"name\": \"entities\"}]}";
  auto result = Grpcurl(
      {"-d", "@", server_->address(), "textlens.v1.AnalysisService/Analyze"},
      request);
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_THAT(result.out, HasSubstr("\"content_type\": \"text/html\""));
  EXPECT_THAT(result.out, HasSubstr("\"published\": \"2025-03-04T10:15\""));
  EXPECT_THAT(result.out, HasSubstr("\"author\": \"Claire Martin\""));
  EXPECT_THAT(result.out, HasSubstr("\"source\": \"Tech Hebdo\""));
  EXPECT_THAT(result.out, HasSubstr("\"canonical_name\": \"Mistral AI\""));
  EXPECT_THAT(result.out, ::testing::Not(HasSubstr("Accueil")));
  EXPECT_THAT(result.out, ::testing::Not(HasSubstr("Bravo")));
}

// PDF bytes without a content type: the server detects the type and reads
// the text in its PDF reader process.
TEST_F(GrpcurlTest, AnalyzesUnlabelledPdfBytes) {
  const std::string request =
      "{\"document\": {\"content\": \"" +
      absl::Base64Escape(testing::WritePdf(testing::FrenchReportPdf())) +
      "\"}, \"analyzers\": [{\"name\": \"entities\"}]}";
  auto result = Grpcurl(
      {"-d", "@", server_->address(), "textlens.v1.AnalysisService/Analyze"},
      request);
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_THAT(result.out, HasSubstr("\"content_type\": \"application/pdf\""));
  EXPECT_THAT(result.out, HasSubstr("\"author\": \"Claire Dubois\""));
  EXPECT_THAT(result.out, HasSubstr("\"published\": \"2025-06-17T18:59:00Z\""));
  EXPECT_THAT(result.out, HasSubstr("\"canonical_name\": \"DeepSeek-R1\""));
  EXPECT_THAT(result.out, HasSubstr("\"text\": \"6 millions de dollars\""));
  EXPECT_THAT(result.out, ::testing::Not(HasSubstr("Rapport annuel")));
}

// A decompression bomb ends with RESOURCE_EXHAUSTED from the reader
// process, and the server goes on serving.
TEST_F(GrpcurlTest, APdfBombIsRefusedAndTheServerGoesOn) {
  const std::string request =
      "{\"document\": {\"content\": \"" +
      absl::Base64Escape(testing::DecompressionBombPdf(1024)) +
      "\", \"content_type\": \"application/pdf\"}}";
  auto result = Grpcurl(
      {"-d", "@", server_->address(), "textlens.v1.AnalysisService/Analyze"},
      request);
  EXPECT_NE(result.exit_code, 0);
  EXPECT_THAT(result.err, HasSubstr("Code: ResourceExhausted"));
  EXPECT_THAT(result.err, HasSubstr("s of CPU"));
  auto health = Grpcurl({server_->address(), "grpc.health.v1.Health/Check"});
  EXPECT_THAT(health.out, HasSubstr("\"status\": \"SERVING\""));
}

TEST_F(GrpcurlTest, InvalidRequestShowsItsCodeAndMessage) {
  auto result = Grpcurl(
      {"-d",
       R"({"document": {"text": "Bonjour."}, "analyzers": [{"name": "nope"}]})",
       server_->address(), "textlens.v1.AnalysisService/Analyze"});
  EXPECT_NE(result.exit_code, 0);
  EXPECT_THAT(result.err, HasSubstr("Code: NotFound"));
  EXPECT_THAT(result.err, HasSubstr("no analyzer named 'nope'"));

  auto empty = Grpcurl(
      {"-d", "{}", server_->address(), "textlens.v1.AnalysisService/Analyze"});
  EXPECT_NE(empty.exit_code, 0);
  EXPECT_THAT(empty.err, HasSubstr("Code: InvalidArgument"));
  EXPECT_THAT(empty.err, HasSubstr("document: a document is required"));

  // An unknown JSON field is refused by grpcurl itself, before any call.
  auto typo =
      Grpcurl({"-d", R"({"documnt": {"text": "Bonjour."}})", server_->address(),
               "textlens.v1.AnalysisService/Analyze"});
  EXPECT_NE(typo.exit_code, 0);
  EXPECT_THAT(typo.err, HasSubstr("documnt"));
}

TEST_F(GrpcurlTest, OversizedDocumentStatesTheLimit) {
  const std::string request =
      "{\"document\": {\"text\": \"" + std::string(150000, 'a') + "\"}}";
  auto result = Grpcurl(
      {"-d", "@", server_->address(), "textlens.v1.AnalysisService/Analyze"},
      request);
  EXPECT_NE(result.exit_code, 0);
  EXPECT_THAT(result.err, HasSubstr("Code: ResourceExhausted"));
  EXPECT_THAT(result.err, HasSubstr("the limit is 100000 bytes"));
}

TEST_F(GrpcurlTest, BatchAnalyzeGivesEachDocumentItsStatus) {
  auto result =
      Grpcurl({"-d",
               R"({"requests": [
         {"document": {"text": "Mistral AI publie un modèle ouvert."}, "analyzers": [{"name": "entities"}]},
         {"document": {"text": "Bonjour."}, "analyzers": [{"name": "nope"}]}]})",
               server_->address(), "textlens.v1.AnalysisService/BatchAnalyze"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_THAT(result.out, HasSubstr("\"canonical_name\": \"Mistral AI\""));
  EXPECT_THAT(result.out, HasSubstr("\"index\": 1"));
  EXPECT_THAT(result.out, HasSubstr("\"code\": 5"));
  EXPECT_THAT(result.out, HasSubstr("no analyzer named 'nope'"));
}

// grpcurl sends every JSON message of its input on the stream and prints
// every answer.
TEST_F(GrpcurlTest, AnalyzeStreamAnswersEveryMessage) {
  auto result = Grpcurl(
      {"-d", "@", server_->address(),
       "textlens.v1.AnalysisService/AnalyzeStream"},
      R"({"document": {"id": "a", "text": "OpenAI garde GPT-4 fermé."}, "analyzers": [{"name": "entities"}]}
         {"document": {"id": "b", "text": "Meta publie Llama 4."}, "analyzers": [{"name": "entities"}]}
         {"document": {"id": "c", "text": "Bonjour."}, "analyzers": [{"name": "nope"}]})");
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_THAT(result.out, HasSubstr("\"document_id\": \"a\""));
  EXPECT_THAT(result.out, HasSubstr("\"document_id\": \"b\""));
  EXPECT_THAT(result.out, HasSubstr("\"document_id\": \"c\""));
  EXPECT_THAT(result.out, HasSubstr("\"canonical_name\": \"OpenAI\""));
  EXPECT_THAT(result.out, HasSubstr("no analyzer named 'nope'"));
}

// The README's grpcurl commands are this script: it must run as printed.
TEST_F(GrpcurlTest, TheReadmeExamplesRun) {
  auto result = RunCommand({"env", "TEXTLENS_ADDRESS=" + server_->address(),
                            "sh", "clients/grpcurl/examples.sh"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_THAT(result.out,
              HasSubstr("textlens.v1.AnalysisService.AnalyzeStream"));
  EXPECT_THAT(result.out, HasSubstr("\"canonical_name\": \"Devstral\""));
  EXPECT_THAT(result.out, HasSubstr("\"canonical_name\": \"Meta\""));
  EXPECT_THAT(result.out, HasSubstr("\"document_id\": \"b\""));
  EXPECT_THAT(result.out, HasSubstr("\"canonical_name\": \"MIT License\""));
}

TEST_F(GrpcurlTest, GetServerInfoStatesTheLimits) {
  auto result = Grpcurl(
      {server_->address(), "textlens.v1.AnalysisService/GetServerInfo"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_THAT(result.out, HasSubstr("\"max_document_bytes\": \"100000\""));
  EXPECT_THAT(result.out, HasSubstr("\"plugin_abi\": \"2.1\""));
}

TEST_F(GrpcurlTest, ListAnalyzersShowsWhyAPluginWasRefused) {
  auto result = Grpcurl(
      {server_->address(), "textlens.v1.AnalysisService/ListAnalyzers"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_THAT(result.out, HasSubstr("\"name\": \"broken\""));
  EXPECT_THAT(result.out, HasSubstr("not a loadable shared library"));
}

}  // namespace
}  // namespace textlens::tests
