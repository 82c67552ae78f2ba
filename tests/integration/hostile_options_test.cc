// Options a careless or hostile client could send to the real server, that
// only the analyzer can judge (what a JSON string holds): each is refused
// at once with its analyzer's status naming the limit, the call and the
// other analyzers go on, and the server keeps serving. The limits are the
// ones GetServerInfo and ListAnalyzers report.
#include <grpcpp/grpcpp.h>

#include <string>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/integration/process_usage.h"
#include "tests/integration/test_server.h"
#include "textlens/v1/service.grpc.pb.h"

namespace textlens::tests {
namespace {

using ::testing::HasSubstr;
using textlens::v1::AnalyzeRequest;
using textlens::v1::AnalyzeResponse;

// `count` entities, each with `aliases` aliases of `alias_bytes` bytes or
// more.
std::string CustomEntities(int count, int aliases = 2, size_t alias_bytes = 0) {
  std::string json = "[";
  for (int i = 0; i < count; ++i) {
    const std::string n = std::to_string(i);
    std::string list;
    for (int a = 0; a < aliases; ++a) {
      std::string alias = "Zentrix " + n + " " + std::to_string(a);
      if (alias.size() < alias_bytes) alias.append(alias_bytes, 'x');
      absl::StrAppend(&list, a > 0 ? "," : "", "\"", alias, "\"");
    }
    absl::StrAppend(&json, i > 0 ? "," : "", R"({"id":"c)", n,
                    R"(","canonical":"Zentrix )", n,
                    R"(","type":"ORGANIZATION","aliases":[)", list, "]}");
  }
  return json + "]";
}

class HostileOptionsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    stub_ = textlens::v1::AnalysisService::NewStub(grpc::CreateChannel(
        server_.address(), grpc::InsecureChannelCredentials()));
  }

  // Analyzes a short text with `custom_entities` for the entities analyzer
  // and the stance analyzer beside it; the entities' result.
  textlens::v1::AnalyzerResult AnalyzeWith(const std::string& custom) {
    AnalyzeRequest request;
    request.mutable_document()->set_text(
        "Zentrix 7 0 publie un modèle ouvert avec Mistral AI.");
    auto* entities = request.add_analyzers();
    entities->set_name("entities");
    entities->mutable_entities()->set_custom_entities(custom);
    request.add_analyzers()->set_name("stance");
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() +
                         std::chrono::seconds(60));
    AnalyzeResponse response;
    const grpc::Status status = stub_->Analyze(&context, request, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    EXPECT_EQ(response.results_size(), 2);
    for (const auto& result : response.results()) {
      if (result.analyzer() == "stance") {
        EXPECT_EQ(result.status().code(), 0);
      }
      if (result.analyzer() == "entities") return result;
    }
    ADD_FAILURE() << "no entities result";
    return {};
  }

  TestServer server_;
  std::unique_ptr<textlens::v1::AnalysisService::Stub> stub_;
};

TEST_F(HostileOptionsTest, CustomEntitiesOverALimitAreRefusedNamingIt) {
  struct Case {
    const char* name;
    std::string custom;
    grpc::StatusCode code;
    std::string message;
  };
  const Case cases[] = {
      {"20,001 entities", CustomEntities(20001),
       grpc::StatusCode::RESOURCE_EXHAUSTED,
       "custom_entities: 20001 entities; the limit is 20000 (entities)"},
      {"100 aliases", CustomEntities(3, 100),
       grpc::StatusCode::RESOURCE_EXHAUSTED,
       "entity #0, 'aliases': 100 values; the limit is 64 "
       "(aliases_per_entity)"},
      {"a 10 KB alias", CustomEntities(1, 1, 10000),
       grpc::StatusCode::RESOURCE_EXHAUSTED,
       "entity #0, 'aliases': a value of 10011 bytes; the limit is 256 "
       "(text_bytes)"},
      {"a million nested arrays",
       std::string(1 << 20, '[') + std::string(1 << 20, ']'),
       grpc::StatusCode::INVALID_ARGUMENT, "custom_entities: "},
      {"a flag that is no bool",
       R"([{"id":"a","canonical":"A","type":"MISC","aliases":["Aaa"],)"
       R"("anti_cues":"yes"}])",
       grpc::StatusCode::INVALID_ARGUMENT, "'anti_cues' not a bool"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    const textlens::v1::AnalyzerResult result = AnalyzeWith(c.custom);
    EXPECT_EQ(result.status().code(), static_cast<int>(c.code))
        << result.status().message();
    EXPECT_THAT(result.status().message(), HasSubstr(c.message));
    ExpectIdleAndWithinBudget(server_.process().pid());
  }
}

TEST_F(HostileOptionsTest, TwentyThousandCustomEntitiesWithinTheLimitsAnswer) {
  const textlens::v1::AnalyzerResult result =
      AnalyzeWith(CustomEntities(20000));
  ASSERT_EQ(result.status().code(), 0) << result.status().message();
  bool found = false;
  for (const auto& entity : result.entities().entities()) {
    found = found || entity.kb_id() == "c7";
  }
  EXPECT_TRUE(found);
  ExpectIdleAndWithinBudget(server_.process().pid());
}

TEST_F(HostileOptionsTest, ServerInfoAndListAnalyzersReportTheLimits) {
  grpc::ClientContext context;
  textlens::v1::ServerInfo info;
  ASSERT_TRUE(stub_->GetServerInfo(&context, {}, &info).ok());
  EXPECT_EQ(info.max_request_bytes(), 20u << 20);
  ASSERT_EQ(info.analyzer_limits().count("entities"), 1u);
  const auto& options = info.analyzer_limits().at("entities").options();
  ASSERT_EQ(options.count("custom_entities"), 1u);
  const textlens::v1::OptionLimits& custom = options.at("custom_entities");
  EXPECT_EQ(custom.max_bytes(), 4u << 20);
  EXPECT_EQ(custom.content_limits().at("entities"), 20000u);
  EXPECT_EQ(custom.content_limits().at("aliases_per_entity"), 64u);
  EXPECT_EQ(custom.content_limits().at("text_bytes"), 256u);
  EXPECT_EQ(options.at("types").max_items(), 64u);

  grpc::ClientContext list_context;
  textlens::v1::ListAnalyzersResponse analyzers;
  ASSERT_TRUE(stub_->ListAnalyzers(&list_context, {}, &analyzers).ok());
  for (const auto& analyzer : analyzers.analyzers()) {
    for (const auto& option : analyzer.options()) {
      if (analyzer.name() == "entities" && option.name() == "types") {
        EXPECT_EQ(option.limits().max_items(), 64u);
      }
    }
  }
}

}  // namespace
}  // namespace textlens::tests
