// The HTTP/JSON endpoint of the real textlensd (--http_listen), called with
// the real curl: every endpoint, every error the gateway can produce with
// its HTTP status, bearer tokens, admission, TLS, metrics and the request
// log.
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"
#include "tests/integration/server_process.h"

namespace textlens::tests {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;

constexpr char kText[] =
    "Mistral AI publie un nouveau modèle ouvert à Paris. Le laboratoire "
    "défend l'open source face à OpenAI, qui garde ses poids fermés.";

// What curl saw: the status, the headers and the body as JSON.
struct HttpAnswer {
  int status = 0;
  std::string headers;
  nlohmann::json body;
  std::string raw;  // the body as sent
};

// Runs curl with `args` (a URL among them) and reads its answer.
HttpAnswer Curl(std::vector<std::string> args) {
  args.insert(args.begin(),
              {"curl", "-sS", "--max-time", "60", "-D", "/dev/stdout"});
  const CommandResult result = RunCommand(args);
  HttpAnswer answer;
  std::string out = result.out;
  // Skip interim answers ("HTTP/1.1 100 Continue").
  size_t end = out.find("\r\n\r\n");
  while (end != std::string::npos && out.rfind("HTTP/1.1 100", 0) == 0) {
    out = out.substr(end + 4);
    end = out.find("\r\n\r\n");
  }
  if (end == std::string::npos) return answer;
  answer.headers = out.substr(0, end);
  answer.raw = out.substr(end + 4);
  answer.status = std::atoi(answer.headers.c_str() + answer.headers.find(' '));
  answer.body = nlohmann::json::parse(answer.raw, nullptr, false);
  return answer;
}

std::filesystem::path TempPath(const std::string& name) {
  return std::filesystem::temp_directory_path() /
         ("textlens_http_" + std::to_string(::getpid()) + "_" + name);
}

// Writes `json` to a file for `curl -d @FILE`; its path.
std::string RequestFile(const std::string& name, const nlohmann::json& json) {
  const std::filesystem::path path = TempPath(name);
  std::ofstream(path) << json.dump();
  return path.string();
}

nlohmann::json AnalyzeRequest(const std::string& analyzer) {
  return {{"document", {{"text", kText}}},
          {"analyzers", {{{"name", analyzer}}}}};
}

// A server with the bundled analyzers and HTTP on a free port.
class HttpTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    server_ = new ServerProcess({"--http_listen=127.0.0.1:0",
                                 "--plugin_dir=" BUNDLED_PLUGIN_DIR,
                                 "--log_level=info", "--max_batch_size=2"});
    url_ = "http://127.0.0.1:" + std::to_string(server_->AnnouncedPort("http"));
  }
  static void TearDownTestSuite() {
    delete server_;
    server_ = nullptr;
  }

  static ServerProcess* server_;
  static std::string url_;
};
ServerProcess* HttpTest::server_ = nullptr;
std::string HttpTest::url_;

TEST_F(HttpTest, AnalyzeAnswersTheResponseWithProtoFieldNames) {
  const std::string file = RequestFile("analyze", AnalyzeRequest("entities"));
  const HttpAnswer answer = Curl({url_ + "/v1/analyze", "-d", "@" + file, "-H",
                                  "X-Request-Id: http-test-42"});
  ASSERT_EQ(answer.status, 200) << answer.raw;
  EXPECT_THAT(answer.headers, HasSubstr("Content-Type: application/json"));
  EXPECT_THAT(answer.headers, HasSubstr("X-Request-Id: http-test-42"));
  EXPECT_EQ(answer.body["language"]["code"], "fr");
  EXPECT_EQ(answer.body["text_sha256"].get<std::string>().size(), 64u);
  const nlohmann::json& result = answer.body["results"][0];
  EXPECT_EQ(result["analyzer"], "entities");
  std::vector<std::string> names;
  for (const auto& entity : result["entities"]["entities"]) {
    names.push_back(entity["canonical_name"]);
  }
  EXPECT_THAT(names, ::testing::Contains("Mistral AI"));
  std::filesystem::remove(file);
}

TEST_F(HttpTest, BatchMatchesResultsToRequestsByIndex) {
  nlohmann::json batch = {
      {"requests", {AnalyzeRequest("summarizer"), AnalyzeRequest("nosuch")}}};
  const std::string file = RequestFile("batch", batch);
  const HttpAnswer answer =
      Curl({url_ + "/v1/analyze:batch", "-d", "@" + file});
  ASSERT_EQ(answer.status, 200) << answer.raw;
  ASSERT_EQ(answer.body["results"].size(), 2u);
  EXPECT_EQ(answer.body["results"][0]["response"]["results"][0]["analyzer"],
            "summarizer");
  EXPECT_EQ(answer.body["results"][1]["index"], 1);
  EXPECT_EQ(answer.body["results"][1]["status"]["code"], 5);  // NOT_FOUND
  EXPECT_THAT(answer.body["results"][1]["status"]["message"].get<std::string>(),
              StartsWith("requests[1]."));

  // Over max_batch_size (2): RESOURCE_EXHAUSTED, 429, stating the limit.
  batch["requests"].push_back(AnalyzeRequest("stance"));
  const std::string over = RequestFile("batch3", batch);
  const HttpAnswer refused =
      Curl({url_ + "/v1/analyze:batch", "-d", "@" + over});
  EXPECT_EQ(refused.status, 429);
  EXPECT_EQ(refused.body["code"], "RESOURCE_EXHAUSTED");
  EXPECT_THAT(refused.body["message"].get<std::string>(),
              HasSubstr("the limit is 2"));
  std::filesystem::remove(file);
  std::filesystem::remove(over);
}

TEST_F(HttpTest, ListsAnalyzersAndServerInfo) {
  const HttpAnswer analyzers = Curl({url_ + "/v1/analyzers"});
  ASSERT_EQ(analyzers.status, 200) << analyzers.raw;
  std::vector<std::string> names;
  for (const auto& analyzer : analyzers.body["analyzers"]) {
    names.push_back(analyzer["name"]);
  }
  EXPECT_THAT(names,
              ::testing::IsSupersetOf({"entities", "stance", "summarizer"}));
  const HttpAnswer info = Curl({url_ + "/v1/info"});
  ASSERT_EQ(info.status, 200) << info.raw;
  EXPECT_EQ(info.body["max_batch_size"], 2);
  EXPECT_EQ(info.body["analyzers_loaded"], 3);
}

TEST_F(HttpTest, ServesTheWebPageAndItsFiles) {
  const HttpAnswer page = Curl({url_ + "/"});
  EXPECT_EQ(page.status, 200);
  EXPECT_THAT(page.headers, HasSubstr("Content-Type: text/html"));
  EXPECT_THAT(page.headers,
              HasSubstr("Content-Security-Policy: default-src 'self'"));
  EXPECT_THAT(page.raw, HasSubstr("<title>textlens</title>"));
  EXPECT_THAT(page.raw, HasSubstr(R"(<script src="/app.js")"));
  const HttpAnswer script = Curl({url_ + "/app.js"});
  EXPECT_EQ(script.status, 200);
  EXPECT_THAT(script.raw, HasSubstr("/v1/analyze"));
  EXPECT_EQ(Curl({url_ + "/app.css"}).status, 200);
  const HttpAnswer posted = Curl({url_ + "/", "-d", "{}"});
  EXPECT_EQ(posted.status, 405);
  EXPECT_THAT(posted.headers, HasSubstr("Allow: GET"));
}

TEST_F(HttpTest, ErrorsAreJsonWithTheirHttpStatus) {
  struct Case {
    std::vector<std::string> args;
    int status;
    std::string code;
    std::string message;  // a part of it
  };
  const std::string analyze = url_ + "/v1/analyze";
  const std::vector<Case> cases = {
      {{url_ + "/v2/analyze"}, 404, "NOT_FOUND", "no such endpoint"},
      {{analyze}, 405, "UNIMPLEMENTED", "takes POST, not GET"},
      {{url_ + "/v1/info", "-d", "{}"}, 405, "UNIMPLEMENTED", "takes GET"},
      {{analyze, "-d", R"({"document": {"text": "x"})"},
       400,
       "INVALID_ARGUMENT",
       "not a valid AnalyzeRequest in JSON"},
      {{analyze, "-d", R"({"document": {"txt": "x"}})"},
       400,
       "INVALID_ARGUMENT",
       "txt"},
      {{analyze, "-d", ""}, 400, "INVALID_ARGUMENT", "body is empty"},
      {{analyze, "-d", R"({"document": {"text": ""}})"},
       400,
       "INVALID_ARGUMENT",
       "document"},
      {{analyze, "-d", R"({"document": {"text": "x"}, "analyzers":
         [{"name": "nosuch"}]})"},
       404,
       "NOT_FOUND",
       "nosuch"},
      {{analyze, "-H", "X-Timeout-Ms: soon", "-d",
        R"({"document": {"text": "x"}})"},
       400,
       "INVALID_ARGUMENT",
       "X-Timeout-Ms"},
      {{analyze, "-H", "X-Timeout-Ms: 0", "-d",
        R"({"document": {"text": "x"}})"},
       504,
       "DEADLINE_EXCEEDED",
       "deadline"},
  };
  for (const Case& c : cases) {
    const HttpAnswer answer = Curl(c.args);
    SCOPED_TRACE(c.args.back());
    EXPECT_EQ(answer.status, c.status) << answer.raw;
    EXPECT_EQ(answer.body["code"], c.code) << answer.raw;
    EXPECT_THAT(answer.body["message"].get<std::string>(),
                HasSubstr(c.message));
  }
  EXPECT_THAT(Curl({analyze}).headers, HasSubstr("Allow: POST"));
}

TEST(HttpServerTest, BodyOverMaxRequestBytesIs413) {
  ServerProcess server({"--http_listen=127.0.0.1:0",
                        "--plugin_dir=" BUNDLED_PLUGIN_DIR,
                        "--max_document_bytes=1000", "--max_content_bytes=1000",
                        "--max_request_bytes=2000"});
  const std::string url =
      "http://127.0.0.1:" + std::to_string(server.AnnouncedPort("http")) +
      "/v1/analyze";
  const std::string file =
      RequestFile("large", {{"document", {{"text", std::string(5000, 'a')}}}});
  const HttpAnswer answer = Curl({url, "-d", "@" + file});
  EXPECT_EQ(answer.status, 413) << answer.raw;
  EXPECT_EQ(answer.body["code"], "RESOURCE_EXHAUSTED");
  EXPECT_THAT(answer.body["message"].get<std::string>(),
              HasSubstr("2000 bytes (max_request_bytes)"));
  std::filesystem::remove(file);
}

TEST(HttpServerTest, BearerTokensGuardTheEndpoints) {
  const std::filesystem::path tokens = TempPath("tokens");
  std::ofstream(tokens) << "good-token\n";
  ::chmod(tokens.c_str(), 0600);
  ServerProcess server({"--http_listen=127.0.0.1:0",
                        "--plugin_dir=" BUNDLED_PLUGIN_DIR,
                        "--auth_token_file=" + tokens.string()});
  const std::string url =
      "http://127.0.0.1:" + std::to_string(server.AnnouncedPort("http"));
  for (const std::string path : {"/v1/info", "/v1/analyzers"}) {
    const HttpAnswer missing = Curl({url + path});
    EXPECT_EQ(missing.status, 401) << missing.raw;
    EXPECT_EQ(missing.body["code"], "UNAUTHENTICATED");
    EXPECT_THAT(missing.body["message"].get<std::string>(),
                HasSubstr("header 'authorization: Bearer TOKEN'"));
  }
  const HttpAnswer wrong =
      Curl({url + "/v1/analyze", "-H", "Authorization: Bearer bad-token", "-d",
            AnalyzeRequest("entities").dump()});
  EXPECT_EQ(wrong.status, 401) << wrong.raw;
  EXPECT_THAT(wrong.body["message"].get<std::string>(), HasSubstr("not valid"));
  const HttpAnswer good =
      Curl({url + "/v1/analyze", "-H", "Authorization: Bearer good-token", "-d",
            AnalyzeRequest("entities").dump()});
  EXPECT_EQ(good.status, 200) << good.raw;
  std::filesystem::remove(tokens);
}

TEST(HttpServerTest, AdmissionRefusesCallsOverTheLimitWith429) {
  ServerProcess server({"--http_listen=127.0.0.1:0",
                        "--plugin_dir=" TEST_PLUGIN_DIR "/faulty",
                        "--max_concurrent_calls=1"});
  const std::string url =
      "http://127.0.0.1:" + std::to_string(server.AnnouncedPort("http")) +
      "/v1/analyze";
  const nlohmann::json slow = {
      {"document", {{"text", kText}}},
      {"analyzers", {{{"name", "steady"}, {"generic", {{"sleep_ms", 3000}}}}}}};
  // The second call is refused while the first holds the only slot (if a
  // probe took the slot first, the slow call is refused: try again).
  HttpAnswer first;
  HttpAnswer refused;
  for (int round = 0; round < 5 && first.status != 200; ++round) {
    std::thread holder([&] { first = Curl({url, "-d", slow.dump()}); });
    refused = {};
    for (int attempt = 0; attempt < 200 && refused.status != 429; ++attempt) {
      refused = Curl({url, "-d", AnalyzeRequest("steady").dump()});
    }
    holder.join();
  }
  EXPECT_EQ(first.status, 200) << first.raw;
  EXPECT_EQ(refused.status, 429) << refused.raw;
  EXPECT_EQ(refused.body["code"], "RESOURCE_EXHAUSTED");
  EXPECT_THAT(refused.body["message"].get<std::string>(),
              HasSubstr("max_concurrent_calls"));
}

TEST(HttpServerTest, ServesTlsWithTheServersCertificate) {
  const std::filesystem::path dir = TempPath("tls");
  std::filesystem::create_directories(dir);
  const std::string cert = dir / "server.pem";
  const std::string key = dir / "server.key";
  const CommandResult made =
      RunCommand({"openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
                  "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", key,
                  "-out", cert, "-days", "2", "-subj", "/CN=localhost",
                  "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost"});
  ASSERT_EQ(made.exit_code, 0) << made.err;
  ServerProcess server({"--http_listen=127.0.0.1:0",
                        "--plugin_dir=" BUNDLED_PLUGIN_DIR,
                        "--tls_cert_file=" + cert, "--tls_key_file=" + key});
  const std::string port = std::to_string(server.AnnouncedPort("http"));
  const HttpAnswer secure =
      Curl({"--cacert", cert, "https://127.0.0.1:" + port + "/v1/info"});
  EXPECT_EQ(secure.status, 200) << secure.raw;
  EXPECT_EQ(secure.body["analyzers_loaded"], 3);
  // Plain HTTP on the TLS port gets no answer.
  EXPECT_EQ(Curl({"http://127.0.0.1:" + port + "/v1/info"}).status, 0);
  std::filesystem::remove_all(dir);
}

TEST(HttpServerTest, CallsAreCountedAndLoggedLikeGrpcCalls) {
  ServerProcess server({"--http_listen=127.0.0.1:0",
                        "--plugin_dir=" BUNDLED_PLUGIN_DIR,
                        "--metrics_listen=127.0.0.1:0", "--log_level=info"});
  const std::string url =
      "http://127.0.0.1:" + std::to_string(server.AnnouncedPort("http"));
  EXPECT_EQ(
      Curl({url + "/v1/analyze", "-d", AnalyzeRequest("stance").dump()}).status,
      200);
  EXPECT_EQ(Curl({url + "/v1/analyze", "-d", "{"}).status, 400);
  const CommandResult metrics = RunCommand(
      {"curl", "-sS",
       "http://127.0.0.1:" + std::to_string(server.AnnouncedPort("metrics")) +
           "/metrics"});
  EXPECT_THAT(
      metrics.out,
      HasSubstr(R"(textlens_requests_total{code="OK",rpc="Analyze"} 1)"));
  EXPECT_THAT(
      metrics.out,
      HasSubstr(
          R"(textlens_requests_total{code="INVALID_ARGUMENT",rpc="Analyze"} 1)"));
  EXPECT_THAT(metrics.out,
              HasSubstr(R"(textlens_documents_total{outcome="analyzed"} 1)"));
  // The log line is written once the answer is sent.
  std::string log;
  for (int attempt = 0; attempt < 250; ++attempt) {
    log = server.Output();
    if (log.find("code=INVALID_ARGUMENT") != std::string::npos) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  EXPECT_THAT(log, HasSubstr("rpc=Analyze code=OK"));
  EXPECT_THAT(log, HasSubstr("analyzers=stance peer=http:127.0.0.1:"));
  EXPECT_THAT(log, HasSubstr("rpc=Analyze code=INVALID_ARGUMENT"));
}

TEST(HttpServerTest, OffUnlessHttpListenIsSetAndKnownToEveryConfigSource) {
  ServerProcess plain({"--plugin_dir=" BUNDLED_PLUGIN_DIR});
  EXPECT_THAT(plain.Output(), ::testing::Not(HasSubstr("http on port")));
  const CommandResult printed =
      RunCommand({"env", "TEXTLENS_HTTP_LISTEN=127.0.0.1:8080",
                  TEXTLENSD_BINARY, "--print-config"});
  EXPECT_THAT(printed.out, HasSubstr("http_listen: 127.0.0.1:8080  # "
                                     "environment TEXTLENS_HTTP_LISTEN"));
}

}  // namespace
}  // namespace textlens::tests
