// The real server through the generated C++ stub.
#include <grpcpp/grpcpp.h>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "plugins/sdk/textlens_plugin.h"
#include "tests/integration/test_server.h"
#include "textlens/v1/service.grpc.pb.h"

namespace textlens::tests {
namespace {

using ::testing::HasSubstr;
using textlens::v1::AnalyzeRequest;
using textlens::v1::AnalyzeResponse;

class ServerTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    server_ = new TestServer(
        {"--max_document_bytes=200000", "--max_content_bytes=400000",
         "--max_batch_size=4",
         "--plugin_options=entities.kb_file=" TESTDATA_DIR "/extra_kb.json"});
  }
  static void TearDownTestSuite() {
    delete server_;
    server_ = nullptr;
  }
  void SetUp() override {
    stub_ = textlens::v1::AnalysisService::NewStub(grpc::CreateChannel(
        server_->address(), grpc::InsecureChannelCredentials()));
  }

  grpc::Status Analyze(const AnalyzeRequest& request,
                       AnalyzeResponse* response) {
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() +
                         std::chrono::seconds(30));
    return stub_->Analyze(&context, request, response);
  }

  static const textlens::v1::AnalyzerResult* Find(const AnalyzeResponse& r,
                                                  const std::string& name) {
    for (const auto& result : r.results()) {
      if (result.analyzer() == name) return &result;
    }
    return nullptr;
  }

  static const textlens::v1::Entity* FindEntity(const textlens::v1::Entities& e,
                                                const std::string& canonical) {
    for (const auto& entity : e.entities()) {
      if (entity.canonical_name() == canonical) return &entity;
    }
    return nullptr;
  }

  static TestServer* server_;
  std::unique_ptr<textlens::v1::AnalysisService::Stub> stub_;
};

TestServer* ServerTest::server_ = nullptr;

TEST_F(ServerTest, ListsBundledAnalyzersAndTheRefusedPlugins) {
  grpc::ClientContext context;
  textlens::v1::ListAnalyzersResponse response;
  ASSERT_TRUE(stub_->ListAnalyzers(&context, {}, &response).ok());
  std::map<std::string, textlens::v1::AnalyzerInfo> by_name;
  for (const auto& info : response.analyzers()) by_name[info.name()] = info;
  for (const char* name : {"summarizer", "entities", "stance"}) {
    ASSERT_EQ(by_name.count(name), 1u) << name;
    EXPECT_EQ(by_name[name].load_status().code(), 0) << name;
    EXPECT_FALSE(by_name[name].version().empty());
    EXPECT_FALSE(by_name[name].result_type().empty());
  }
  EXPECT_EQ(by_name["summarizer"].result_type(), "textlens.v1.Summary");
  EXPECT_THAT(by_name["stance"].needs(), ::testing::Contains("entities"));
  ASSERT_EQ(by_name.count("broken"), 1u);
  EXPECT_EQ(by_name["broken"].load_status().code(),
            grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_THAT(by_name["broken"].load_status().message(),
              HasSubstr("not a loadable shared library"));
  ASSERT_EQ(by_name.count("bad_abi_major"), 1u);
  EXPECT_THAT(by_name["bad_abi_major"].load_status().message(),
              HasSubstr("ABI 99." + std::to_string(TEXTLENS_PLUGIN_ABI_MINOR)));
}

// A knowledge-base file that cannot be read refuses the entities plugin,
// with the reason; the server serves the rest.
TEST(PluginOptionTest, AnUnreadableKnowledgeBaseFileRefusesThePlugin) {
  TestServer server({"--plugin_options=entities.kb_file=/nonexistent/kb.json"});
  auto stub = textlens::v1::AnalysisService::NewStub(grpc::CreateChannel(
      server.address(), grpc::InsecureChannelCredentials()));
  grpc::ClientContext context;
  textlens::v1::ListAnalyzersResponse response;
  ASSERT_TRUE(stub->ListAnalyzers(&context, {}, &response).ok());
  std::map<std::string, textlens::v1::AnalyzerInfo> by_name;
  for (const auto& info : response.analyzers()) by_name[info.name()] = info;
  ASSERT_EQ(by_name.count("entities"), 1u);
  EXPECT_EQ(by_name["entities"].load_status().code(),
            grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(by_name["entities"].load_status().message(),
              HasSubstr("kb_file /nonexistent/kb.json: cannot be read"));
  EXPECT_EQ(by_name["summarizer"].load_status().code(), 0);
}

TEST_F(ServerTest, AnalyzesAFrenchArticleWithEveryAnalyzer) {
  AnalyzeRequest request;
  request.mutable_document()->set_text(ReadTestData("article_fr.txt"));
  request.mutable_document()->set_id("article-fr");
  AnalyzeResponse response;
  grpc::Status status = Analyze(request, &response);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(response.document_id(), "article-fr");
  EXPECT_EQ(response.language().code(), "fr");
  EXPECT_EQ(response.language().source(),
            textlens::v1::Language::SOURCE_DETECTED);
  EXPECT_EQ(response.text_sha256().size(), 64u);
  ASSERT_EQ(response.results_size(), 3);
  for (const auto& result : response.results()) {
    EXPECT_EQ(result.status().code(), 0)
        << result.analyzer() << ": " << result.status().message();
    EXPECT_TRUE(result.language_supported());
  }

  EXPECT_EQ(response.document_info().content_type(), "text/plain");
  EXPECT_EQ(response.document_info().charset(), "utf-8");
  EXPECT_EQ(response.document_info().title(),
            "Le modèle ouvert DeepSeek-R1 bouscule les laboratoires fermés");
  EXPECT_EQ(response.document_info().published(), "2025-06-17T09:30");

  const auto& summary = Find(response, "summarizer")->summary();
  ASSERT_EQ(summary.sentences_size(), 2);  // the default
  for (const auto& sentence : summary.sentences()) {
    EXPECT_EQ(
        response.text().substr(sentence.span().begin(),
                               sentence.span().end() - sentence.span().begin()),
        sentence.text());
  }

  const auto& entities = Find(response, "entities")->entities();
  const auto* deepseek = FindEntity(entities, "DeepSeek");
  ASSERT_NE(deepseek, nullptr);
  EXPECT_EQ(deepseek->type(), textlens::v1::ENTITY_TYPE_ORGANIZATION);
  const auto* r1 = FindEntity(entities, "DeepSeek-R1");
  ASSERT_NE(r1, nullptr);
  EXPECT_EQ(r1->type(), textlens::v1::ENTITY_TYPE_PRODUCT);
  std::set<std::string> r1_forms;
  for (const auto& mention : r1->mentions()) r1_forms.insert(mention.text());
  EXPECT_THAT(r1_forms, ::testing::IsSupersetOf({"DeepSeek-R1", "R1"}));
  EXPECT_NE(FindEntity(entities, "OpenAI"), nullptr);
  EXPECT_NE(FindEntity(entities, "Anthropic"), nullptr);
  bool money = false, date = false, license = false;
  for (const auto& entity : entities.entities()) {
    for (const auto& mention : entity.mentions()) {
      money |= entity.type() == textlens::v1::ENTITY_TYPE_MONEY &&
               mention.text() == "6 millions de dollars";
      date |= entity.type() == textlens::v1::ENTITY_TYPE_DATE &&
              mention.text().find("17 juin 2025") != std::string::npos;
      license |= entity.type() == textlens::v1::ENTITY_TYPE_LICENSE &&
                 mention.text() == "MIT";
    }
  }
  EXPECT_TRUE(money);
  EXPECT_TRUE(date);
  EXPECT_TRUE(license);

  const auto& stance = Find(response, "stance")->stance();
  EXPECT_EQ(stance.label(), textlens::v1::STANCE_LABEL_PRO_OPEN);
  EXPECT_GT(stance.score(), 0.0);
  EXPECT_GT(stance.evidence_size(), 0);
}

TEST_F(ServerTest, OffsetsComeInTheUnitAsked) {
  AnalyzeRequest request;
  request.mutable_document()->set_text(
      "Ça été l’été. DeepSeek publie R1 à Paris 🚀. OpenAI répond.");
  request.add_analyzers()->set_name("entities");
  request.set_offset_unit(textlens::v1::OFFSET_UNIT_CODE_POINTS);
  AnalyzeResponse response;
  ASSERT_TRUE(Analyze(request, &response).ok());
  EXPECT_EQ(response.offset_unit(), textlens::v1::OFFSET_UNIT_CODE_POINTS);
  const auto* openai =
      FindEntity(Find(response, "entities")->entities(), "OpenAI");
  ASSERT_NE(openai, nullptr);
  // "OpenAI" starts at code point 44 (é, ’, à and the emoji count one each).
  EXPECT_EQ(openai->mentions(0).span().begin(), 44u);
  EXPECT_EQ(openai->mentions(0).span().end(), 50u);

  request.set_offset_unit(textlens::v1::OFFSET_UNIT_UTF16_CODE_UNITS);
  ASSERT_TRUE(Analyze(request, &response).ok());
  openai = FindEntity(Find(response, "entities")->entities(), "OpenAI");
  ASSERT_NE(openai, nullptr);
  EXPECT_EQ(openai->mentions(0).span().begin(), 45u);  // the emoji is two units
}

TEST_F(ServerTest, TypedOptionsReachTheAnalyzer) {
  AnalyzeRequest request;
  request.mutable_document()->set_text(ReadTestData("article_fr.txt"));
  auto* spec = request.add_analyzers();
  spec->set_name("summarizer");
  spec->mutable_summarizer()->set_max_sentences(1);
  AnalyzeResponse response;
  ASSERT_TRUE(Analyze(request, &response).ok());
  ASSERT_EQ(response.results_size(), 1);
  EXPECT_EQ(response.results(0).summary().sentences_size(), 1);
}

TEST_F(ServerTest, SummaryLimitsByRatioAndCharactersAndTheMarkupsHeadings) {
  // An HTML article whose <h1> ends with a question mark: the markup says
  // it is a heading, so it is never a summary sentence.
  const std::string html =
      "<html><head><title>Pourquoi les modèles ouverts gagnent-ils du "
      "terrain ?</title></head><body><h1>Pourquoi les modèles ouverts "
      "gagnent-ils du terrain ?</h1>"
      "<p>Les modèles ouverts gagnent du terrain dans les entreprises "
      "européennes depuis un an.</p>"
      "<p>Plusieurs laboratoires publient les poids de leurs modèles ouverts "
      "sous licence libre.</p>"
      "<p>Les entreprises adaptent ces modèles ouverts à leurs propres "
      "données sans dépendre d'un fournisseur.</p>"
      "<p>Le prix du café a légèrement augmenté à Lyon cette semaine.</p>"
      "</body></html>";
  AnalyzeRequest request;
  request.mutable_document()->set_text(html);
  request.mutable_document()->set_content_type("text/html");
  auto* spec = request.add_analyzers();
  spec->set_name("summarizer");
  spec->mutable_summarizer()->set_ratio(1.0);
  AnalyzeResponse response;
  ASSERT_TRUE(Analyze(request, &response).ok());
  const auto& all = Find(response, "summarizer")->summary();
  EXPECT_EQ(all.document_sentence_count(), 5u);
  ASSERT_EQ(all.sentences_size(), 4);
  for (const auto& sentence : all.sentences()) {
    EXPECT_NE(sentence.position(), 0u) << sentence.text();
  }

  spec->mutable_summarizer()->set_max_chars(100);
  ASSERT_TRUE(Analyze(request, &response).ok());
  const auto& short_summary = Find(response, "summarizer")->summary();
  ASSERT_EQ(short_summary.sentences_size(), 1);
  EXPECT_LE(short_summary.sentences(0).text().size(), 100u);

  spec->mutable_summarizer()->set_ratio(1.5);
  const grpc::Status s = Analyze(request, &response);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(s.error_message(), HasSubstr("analyzers[0].summarizer.ratio"));
}

// Malformed and hostile requests: bad_input_test.cc.

// The document limit counts the text that remains once the markup is
// read: a page heavy with markup passes when its text is within the limit.
TEST_F(ServerTest, TheDocumentLimitCountsTextNotMarkup) {
  std::string page =
      "<html><body><article><p>La start-up Mistral AI publie un "
      "modèle ouvert.</p>";
  while (page.size() < 300000) {
    page += "<div class=\"ad\"><span></span><span></span></div>";
  }
  page += "</article></body></html>";
  AnalyzeRequest request;
  request.mutable_document()->set_content(page);
  request.mutable_document()->set_content_type("text/html");
  AnalyzeResponse response;
  grpc::Status s = Analyze(request, &response);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(response.text(), "La start-up Mistral AI publie un modèle ouvert.");

  AnalyzeRequest long_text;
  std::string text;
  while (text.size() <= 250000) text += "Un paragraphe de texte. ";
  long_text.mutable_document()->set_content("<p>" + text + "</p>");
  long_text.mutable_document()->set_content_type("text/html");
  s = Analyze(long_text, &response);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED);
  EXPECT_THAT(s.error_message(),
              HasSubstr("bytes once decoded and normalized; the limit is "
                        "200000 bytes"));
}

TEST_F(ServerTest, ReturnsTheLanguageSegmentsOfAMixedText) {
  AnalyzeRequest request;
  request.mutable_document()->set_text(
      "L’entreprise a publié un modèle ouvert et a détaillé ses résultats "
      "mardi.\n\n"
      "\"We think open weights will win in the long run,\" its founder told "
      "reporters on Tuesday.");
  request.set_offset_unit(textlens::v1::OFFSET_UNIT_UTF16_CODE_UNITS);
  request.add_analyzers()->set_name("summarizer");
  AnalyzeResponse response;
  grpc::Status s = Analyze(request, &response);
  ASSERT_TRUE(s.ok()) << s.error_message();
  ASSERT_EQ(response.language_segments_size(), 2);
  const auto& french = response.language_segments(0);
  const auto& english = response.language_segments(1);
  EXPECT_EQ(french.language().code(), "fr");
  EXPECT_EQ(english.language().code(), "en");
  EXPECT_EQ(english.language().source(),
            textlens::v1::Language::SOURCE_DETECTED);
  EXPECT_GT(english.language().confidence(), 0.5);
  // Spans in UTF-16 code units: "’" and "é" are one unit each.
  EXPECT_EQ(french.span().begin(), 0u);
  EXPECT_EQ(french.span().end(), 73u);
  EXPECT_EQ(english.span().begin(), 75u);
  EXPECT_EQ(english.span().end(), response.text_length());

  request.mutable_document()->set_language("fr");
  s = Analyze(request, &response);
  ASSERT_TRUE(s.ok()) << s.error_message();
  ASSERT_EQ(response.language_segments_size(), 1);
  EXPECT_EQ(response.language_segments(0).language().source(),
            textlens::v1::Language::SOURCE_PROVIDED);
}

// An HTML page in windows-1252: the source map leads from a span of the
// normalized text (in UTF-16 units) back to the bytes as sent.
TEST_F(ServerTest, SourceMapLeadsBackToTheBytesAsSent) {
  const std::string page =
      "<html><body><nav>Accueil</nav><article><p>Le mod\xE8le de <b>Mistral "
      "AI</b> est ouvert.</p></article></body></html>";
  AnalyzeRequest request;
  request.mutable_document()->set_content(page);
  request.mutable_document()->set_content_type(
      "text/html; charset=windows-1252");
  request.set_offset_unit(textlens::v1::OFFSET_UNIT_UTF16_CODE_UNITS);
  request.set_include_source_map(true);
  request.add_analyzers()->set_name("entities");
  AnalyzeResponse response;
  grpc::Status s = Analyze(request, &response);
  ASSERT_TRUE(s.ok()) << s.error_message();
  ASSERT_EQ(response.text(), "Le modèle de Mistral AI est ouvert.");
  ASSERT_EQ(response.source_map_size(), 3);
  const auto& name = response.source_map(1);
  EXPECT_EQ(name.text().begin(), 13u);  // UTF-16 units: "è" is one
  EXPECT_EQ(name.text().end(), 23u);
  EXPECT_EQ(
      page.substr(name.source_begin(), name.source_end() - name.source_begin()),
      "Mistral AI");
  const auto& first = response.source_map(0);
  EXPECT_EQ(page.substr(first.source_begin(),
                        first.source_end() - first.source_begin()),
            "Le mod\xE8le de ");

  request.set_include_source_map(false);
  s = Analyze(request, &response);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(response.source_map_size(), 0);
}

// A deployment's own knowledge-base file (--plugin_options) and a request's
// own entities (EntitiesOptions.custom_entities) both name entities.
TEST_F(ServerTest, FindsTheDeploymentsAndTheRequestsOwnEntities) {
  AnalyzeRequest request;
  request.mutable_document()->set_text(
      "La start-up Velmora a publié Orbit 7 sous licence Apache 2.0.");
  auto* spec = request.add_analyzers();
  spec->set_name("entities");
  spec->mutable_entities()->set_custom_entities(
      R"([{"id": "crm.velmora", "canonical": "Velmora Systems",
           "type": "ORGANIZATION", "aliases": ["Velmora"]}])");
  AnalyzeResponse response;
  grpc::Status s = Analyze(request, &response);
  ASSERT_TRUE(s.ok()) << s.error_message();
  const auto* result = Find(response, "entities");
  ASSERT_NE(result, nullptr);
  ASSERT_EQ(result->status().code(), 0) << result->status().message();
  const auto* orbit = FindEntity(result->entities(), "Orbit-7");
  ASSERT_NE(orbit, nullptr);
  EXPECT_EQ(orbit->kb_id(), "acme.orbit");
  EXPECT_EQ(orbit->owner(), "Acme Robotics");
  EXPECT_EQ(orbit->openness(), textlens::v1::OPENNESS_OPEN_WEIGHTS);
  const auto* velmora = FindEntity(result->entities(), "Velmora Systems");
  ASSERT_NE(velmora, nullptr);
  EXPECT_EQ(velmora->kb_id(), "crm.velmora");
  EXPECT_EQ(velmora->type(), textlens::v1::ENTITY_TYPE_ORGANIZATION);
  // The built-in knowledge base still answers.
  EXPECT_NE(FindEntity(result->entities(), "Apache 2.0"), nullptr);

  spec->mutable_entities()->set_custom_entities("[{\"id\": 3}]");
  s = Analyze(request, &response);
  ASSERT_TRUE(s.ok()) << s.error_message();
  result = Find(response, "entities");
  EXPECT_EQ(result->status().code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(result->status().message(),
              HasSubstr("custom_entities: kb: entity #0 needs string id"));
}

TEST_F(ServerTest, DecodesTheDeclaredCharset) {
  AnalyzeRequest request;
  request.mutable_document()->set_content(
      "Le co\xFBt d\x92"
      "entra\xEEnement : 6 millions de dollars.");
  request.mutable_document()->set_content_type(
      "text/plain; charset=windows-1252");
  request.add_analyzers()->set_name("entities");
  AnalyzeResponse response;
  grpc::Status s = Analyze(request, &response);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(response.text(), "Le coût d’entraînement : 6 millions de dollars.");
  EXPECT_EQ(response.document_info().charset(), "windows-1252");

  request.mutable_document()->set_content_type("text/plain; charset=koi8-r");
  s = Analyze(request, &response);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(s.error_message(), HasSubstr("unsupported charset 'koi8-r'"));
}

TEST_F(ServerTest, ServerKeepsServingAfterBadRequests) {
  AnalyzeRequest request;
  request.mutable_document()->set_text("DeepSeek publie un modèle ouvert.");
  AnalyzeResponse response;
  EXPECT_TRUE(Analyze(request, &response).ok());
}

TEST_F(ServerTest, BatchGivesEachDocumentItsOwnStatus) {
  textlens::v1::BatchAnalyzeRequest batch;
  auto* good = batch.add_requests();
  good->mutable_document()->set_text("OpenAI publie un nouveau modèle.");
  good->add_analyzers()->set_name("entities");
  batch.add_requests();  // no document
  grpc::ClientContext context;
  textlens::v1::BatchAnalyzeResponse response;
  ASSERT_TRUE(stub_->BatchAnalyze(&context, batch, &response).ok());
  ASSERT_EQ(response.results_size(), 2);
  EXPECT_EQ(response.results(0).status().code(), 0);
  EXPECT_EQ(response.results(0).response().results_size(), 1);
  EXPECT_EQ(response.results(1).index(), 1u);
  EXPECT_EQ(response.results(1).status().code(),
            grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(response.results(1).status().message(),
              HasSubstr("requests[1].document"));

  textlens::v1::BatchAnalyzeRequest bad_utf8;
  bad_utf8.add_requests()->mutable_document()->set_text("Bonjour.");
  bad_utf8.add_requests()->mutable_document()->set_text(
      std::string("ab\xFF", 3));
  grpc::ClientContext context3;
  grpc::Status bad = stub_->BatchAnalyze(&context3, bad_utf8, &response);
  EXPECT_EQ(bad.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(bad.error_message(),
              HasSubstr("requests[1].document.text: invalid UTF-8 at byte 2"));
}

TEST_F(ServerTest, StreamAnswersEveryDocumentByItsId) {
  grpc::ClientContext context;
  auto stream = stub_->AnalyzeStream(&context);
  for (int i = 0; i < 3; ++i) {
    AnalyzeRequest request;
    request.mutable_document()->set_id(absl::StrCat("doc-", i));
    if (i != 1)
      request.mutable_document()->set_text("Anthropic publie Claude.");
    request.add_analyzers()->set_name("entities");
    ASSERT_TRUE(stream->Write(request));
  }
  stream->WritesDone();
  std::map<std::string, int> codes;
  textlens::v1::AnalyzeStreamResponse answer;
  while (stream->Read(&answer))
    codes[answer.document_id()] = answer.status().code();
  EXPECT_TRUE(stream->Finish().ok());
  EXPECT_EQ(codes.size(), 3u);
  EXPECT_EQ(codes["doc-0"], 0);
  EXPECT_EQ(codes["doc-1"], grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(codes["doc-2"], 0);
}

TEST_F(ServerTest, StreamEndsWithTheReasonWhenAMessageDoesNotParse) {
  grpc::ClientContext context;
  auto stream = stub_->AnalyzeStream(&context);
  AnalyzeRequest good;
  good.mutable_document()->set_id("good");
  good.mutable_document()->set_text("Anthropic publie Claude.");
  good.add_analyzers()->set_name("entities");
  ASSERT_TRUE(stream->Write(good));
  textlens::v1::AnalyzeStreamResponse answer;
  ASSERT_TRUE(stream->Read(&answer));
  EXPECT_EQ(answer.document_id(), "good");
  AnalyzeRequest bad;
  bad.mutable_document()->set_id("bad");
  bad.mutable_document()->set_text(std::string("caf\xC3", 4));
  stream->Write(bad);
  stream->WritesDone();
  while (stream->Read(&answer)) {
  }
  grpc::Status status = stream->Finish();
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(status.error_message(),
              HasSubstr("document.text: invalid UTF-8 at byte 3"));
}

TEST_F(ServerTest, ServerInfoStatesTheLimits) {
  grpc::ClientContext context;
  textlens::v1::ServerInfo info;
  ASSERT_TRUE(stub_->GetServerInfo(&context, {}, &info).ok());
  EXPECT_EQ(info.max_document_bytes(), 200000u);
  EXPECT_EQ(info.max_content_bytes(), 400000u);
  EXPECT_EQ(info.max_batch_size(), 4u);
  EXPECT_EQ(info.plugin_abi(), "2.1");
  EXPECT_EQ(info.analyzers_loaded(), 3u);
  EXPECT_FALSE(info.version().empty());
}

TEST_F(ServerTest, ShutsDownCleanlyOnSigterm) {
  TestServer own;
  EXPECT_EQ(own.process().Stop(), 0);
}

}  // namespace
}  // namespace textlens::tests
