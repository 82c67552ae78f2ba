// The textlens CLI's inputs, options, formats, streams and commands against
// the real server.
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/integration/cli_fixture.h"

namespace textlens::tests {
namespace {

using ::testing::ContainsRegex;
using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;

// An HTML article (its markup, a navigation bar, a title and headings).
const std::string& HtmlPage() {
  static const std::string* page =
      new std::string(ReadTestData("article_en.html"));
  return *page;
}

class CliFormatsTest : public CliTest {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("textlens_cli_formats_" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  // Writes `content` to NAME in the test's folder; returns its path.
  std::string Write(const std::string& name, const std::string& content) {
    const std::filesystem::path path = dir_ / name;
    std::filesystem::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary) << content;
    return path.string();
  }

  std::filesystem::path dir_;
};

// The analyzer results of one JSON AnalyzeResponse, by analyzer name.
nlohmann::json Result(const std::string& json, const std::string& analyzer) {
  const nlohmann::json response = nlohmann::json::parse(json);
  for (const auto& result : response["results"]) {
    if (result["analyzer"] == analyzer) return result;
  }
  return nullptr;
}

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

TEST_F(CliFormatsTest, SendsFilesAsBytesForTheServerToSniff) {
  // No extension: the type comes from the bytes alone.
  auto result =
      Cli({"analyze", Write("page", HtmlPage()), "--analyzers=entities"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  auto response = nlohmann::json::parse(result.out);
  EXPECT_EQ(response["document_info"]["content_type"], "text/html");
  EXPECT_EQ(response["document_info"]["title"],
            "Mistral AI releases open weights for its new model");
  EXPECT_THAT(response["text"].get<std::string>(), Not(HasSubstr("<p>")));
  EXPECT_THAT(response["text"].get<std::string>(),
              HasSubstr("Critics argue that closed models are safer."));
}

TEST_F(CliFormatsTest, TypeFollowsTheExtensionUnlessContentTypeIsGiven) {
  const std::string markdown = Write("notes.md", "Plain words, *emphasis*.\n");
  auto by_extension = Cli({"analyze", markdown, "--analyzers=entities"});
  ASSERT_EQ(by_extension.exit_code, 0) << by_extension.err;
  EXPECT_EQ(
      nlohmann::json::parse(by_extension.out)["document_info"]["content_type"],
      "text/markdown");

  auto forced = Cli({"analyze", Write("page.html", HtmlPage()),
                     "--content-type=text/plain", "--analyzers=entities"});
  ASSERT_EQ(forced.exit_code, 0) << forced.err;
  auto response = nlohmann::json::parse(forced.out);
  EXPECT_EQ(response["document_info"]["content_type"], "text/plain");
  EXPECT_THAT(response["text"].get<std::string>(), HasSubstr("<p>"));
}

TEST_F(CliFormatsTest, SetReachesTheAnalyzerOptions) {
  const std::string page = Write("page.html", HtmlPage());
  for (int sentences : {1, 2}) {
    auto result =
        Cli({"analyze", page, "--set",
             "summarizer.max_sentences=" + std::to_string(sentences)});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    EXPECT_EQ(Result(result.out, "summarizer")["summary"]["sentences"].size(),
              sentences);
    // Without --analyzers, --set keeps every analyzer running.
    EXPECT_FALSE(Result(result.out, "stance").is_null());
  }
}

TEST_F(CliFormatsTest, EnumOptionsTakeValuesWithOrWithoutTheirPrefix) {
  const std::string page = Write("page.html", HtmlPage());
  for (const std::string types :
       {"person,ORGANIZATION", "ENTITY_TYPE_PERSON,ENTITY_TYPE_ORGANIZATION"}) {
    auto result = Cli({"analyze", page, "--analyzers=entities", "--set",
                       "entities.types=" + types});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    std::set<std::string> seen;
    const nlohmann::json entities = Result(result.out, "entities");
    for (const auto& entity : entities["entities"]["entities"]) {
      seen.insert(entity["type"].get<std::string>());
    }
    EXPECT_EQ(seen, (std::set<std::string>{"ENTITY_TYPE_PERSON",
                                           "ENTITY_TYPE_ORGANIZATION"}))
        << types;
  }
}

TEST_F(CliFormatsTest, ABadOptionValueGetsTheServersMessage) {
  auto result = Cli({"analyze", Write("page.html", HtmlPage()), "--set",
                     "summarizer.max_sentences=99"});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_THAT(result.err, HasSubstr("max_sentences: value 99 is out of range"));
  EXPECT_THAT(result.err, HasSubstr("(code 3)"));
  EXPECT_EQ(result.out, "");
}

TEST_F(CliFormatsTest, AnOptionThatCannotBeWrittenIsAUsageError) {
  const std::string page = Write("page.html", HtmlPage());
  auto no_option = Cli({"analyze", page, "--set", "summarizer.nope=1"});
  EXPECT_EQ(no_option.exit_code, 2);
  EXPECT_THAT(no_option.err, HasSubstr("no option 'nope'; one of"));
  auto no_value = Cli({"analyze", page, "--set", "entities.types=FOO"});
  EXPECT_EQ(no_value.exit_code, 2);
  EXPECT_THAT(no_value.err, HasSubstr("no value 'FOO'; one of PERSON"));
  auto left_out = Cli({"analyze", page, "--analyzers=stance", "--set",
                       "summarizer.max_sentences=1"});
  EXPECT_EQ(left_out.exit_code, 2);
  EXPECT_THAT(left_out.err, HasSubstr("summarizer is not among the analyzers"));
}

TEST_F(CliFormatsTest, HtmlFormatWritesOneSelfContainedReportPage) {
  auto result =
      Cli({"analyze", Write("page.html", HtmlPage()), "--format=html"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_THAT(result.out, StartsWith("<!doctype html>"));
  // The style and the script inline, the analysis embedded: nothing to
  // fetch from a server.
  EXPECT_THAT(result.out, HasSubstr("<style>"));
  EXPECT_THAT(result.out, HasSubstr("window.TEXTLENS_REPORT = {"));
  EXPECT_THAT(result.out, HasSubstr("function showReport("));
  EXPECT_THAT(result.out, Not(HasSubstr("src=\"/app.js\"")));
  EXPECT_THAT(result.out, Not(HasSubstr("href=\"/app.css\"")));
  // The text and UTF-16 offsets the page's script slices.
  EXPECT_THAT(result.out, HasSubstr("OFFSET_UNIT_UTF16_CODE_UNITS"));
  EXPECT_THAT(result.out, HasSubstr("Critics argue that closed models"));

  auto several = Cli({"analyze", Write("a.html", HtmlPage()),
                      Write("b.html", HtmlPage()), "--format=html"});
  EXPECT_EQ(several.exit_code, 2);
  EXPECT_THAT(several.err, HasSubstr("one document"));
}

TEST_F(CliFormatsTest, RequestFileGivesAWholeRequest) {
  const std::string request = Write(
      "request.json",
      R"({"document": {"text": "Mistral AI ships open weights. Meta agrees. )"
      R"(OpenAI does not. Critics object."},
          "analyzers": [{"name": "summarizer",
                         "summarizer": {"maxSentences": 1}}]})");
  auto result = Cli({"analyze", "--request", request});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(Result(result.out, "summarizer")["summary"]["sentences"].size(), 1);
  EXPECT_TRUE(Result(result.out, "stance").is_null());

  auto broken = Cli({"analyze", "--request", Write("bad.json", "{nope")});
  EXPECT_EQ(broken.exit_code, 2);
  EXPECT_THAT(broken.err, HasSubstr("not an AnalyzeRequest in JSON"));
}

TEST_F(CliFormatsTest, TextFormatShowsEachSectionWithoutColourWhenPiped) {
  auto result =
      Cli({"analyze", Write("page.html", HtmlPage()), "--format=text"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_THAT(result.out, HasSubstr("Title     Mistral AI releases open "
                                    "weights for its new model"));
  EXPECT_THAT(result.out, HasSubstr("Language  en"));
  EXPECT_THAT(result.out, ContainsRegex("Summary  [1-9] of 6 sentences"));
  EXPECT_THAT(result.out, HasSubstr("  1. "));
  EXPECT_THAT(result.out, HasSubstr("ORGANIZATION (4)"));
  EXPECT_THAT(result.out, HasSubstr("Mistral AI ×2"));
  EXPECT_THAT(result.out, HasSubstr("Stance  "));
  EXPECT_THAT(result.out, HasSubstr("confidence"));
  EXPECT_THAT(result.out, HasSubstr("Critics argue that closed models"));
  EXPECT_THAT(result.out, Not(HasSubstr("\x1b[")));

  auto colour = Cli({"analyze", Write("page.html", HtmlPage()), "--format=text",
                     "--color=always"});
  ASSERT_EQ(colour.exit_code, 0) << colour.err;
  EXPECT_THAT(colour.out, HasSubstr("\x1b[1;36mSummary\x1b[0m"));
}

TEST_F(CliFormatsTest, FolderGoesThroughTheStreamWithASummary) {
  for (int i = 0; i < 50; ++i) {
    Write("many/doc" + std::to_string(100 + i) + ".txt",
          "Document " + std::to_string(i) +
              ": Mistral AI published open weights. Researchers agreed.\n");
  }
  auto result = Cli({"analyze", (dir_ / "many").string(), "--format=jsonl",
                     "--analyzers=entities"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const std::vector<std::string> lines = Lines(result.out);
  ASSERT_EQ(lines.size(), 50);
  std::set<std::string> ids;
  for (const auto& line : lines) {
    ids.insert(nlohmann::json::parse(line)["document_id"].get<std::string>());
  }
  EXPECT_EQ(ids.size(), 50);
  EXPECT_THAT(result.err, HasSubstr("50 documents: 50 analyzed, 0 failed"));
  // Not a terminal: no progress line.
  EXPECT_THAT(result.err, Not(HasSubstr("\r")));
}

TEST_F(CliFormatsTest, OnATerminalShowsProgressAndColour) {
  if (!std::filesystem::exists("/usr/bin/script")) {
    GTEST_SKIP() << "util-linux's script gives the CLI a terminal";
  }
  for (int i = 0; i < 20; ++i) {
    Write("tty/doc" + std::to_string(100 + i) + ".txt",
          "Mistral AI published open weights. Researchers agreed.\n");
  }
  const std::string command =
      std::string(TEXTLENS_CLI_BINARY) + " analyze " + (dir_ / "tty").string() +
      " --format=text --analyzers=entities --server=" + server_->address();
  auto result = RunCommand({"/usr/bin/script", "-qec", command, "/dev/null"});
  ASSERT_EQ(result.exit_code, 0) << result.out;
  EXPECT_THAT(result.out, HasSubstr("\r\x1b[K20/20 documents"));
  EXPECT_THAT(result.out, HasSubstr("0 errors"));
  EXPECT_THAT(result.out, HasSubstr("\x1b[1;36mEntities\x1b[0m"));
  EXPECT_THAT(result.out, HasSubstr("20 documents: 20 analyzed, 0 failed"));
}

TEST_F(CliFormatsTest, AFailingDocumentSetsExitOneAndTheOthersArePrinted) {
  Write("mixed/a.txt", "Mistral AI published open weights.\n");
  Write("mixed/b.txt", "Meta welcomed the release.\n");
  const std::string png =
      Write("mixed/c.bin", std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16));
  Write("mixed/d.txt", "OpenAI keeps its models closed.\n");
  auto result =
      Cli({"analyze", (dir_ / "mixed").string(), "--analyzers=entities"});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_EQ(nlohmann::json::parse(result.out).size(), 3);
  EXPECT_THAT(result.err, HasSubstr(png + ": document.content"));
  EXPECT_THAT(result.err, HasSubstr("4 documents: 3 analyzed, 1 failed"));
}

TEST_F(CliFormatsTest, EveryCommandHasHelp) {
  for (const std::string command : {"analyze", "list", "info", "health"}) {
    auto flag = RunCommand({TEXTLENS_CLI_BINARY, command, "--help"});
    EXPECT_EQ(flag.exit_code, 0) << command;
    EXPECT_THAT(flag.out, HasSubstr("usage: textlens " + command));
    auto word = RunCommand({TEXTLENS_CLI_BINARY, "help", command});
    EXPECT_EQ(word.exit_code, 0) << command;
    EXPECT_EQ(word.out, flag.out);
  }
  auto overview = RunCommand({TEXTLENS_CLI_BINARY, "--help"});
  EXPECT_EQ(overview.exit_code, 0);
  EXPECT_THAT(overview.out, HasSubstr("  health "));
  EXPECT_EQ(RunCommand({TEXTLENS_CLI_BINARY, "help"}).out, overview.out);
}

TEST_F(CliFormatsTest, UnknownFlagsAndCommandsNameThemselves) {
  auto flag = RunCommand({TEXTLENS_CLI_BINARY, "analyze", "-", "--colour"});
  EXPECT_EQ(flag.exit_code, 2);
  EXPECT_THAT(flag.err, HasSubstr("unknown flag --colour"));
  auto misplaced = RunCommand({TEXTLENS_CLI_BINARY, "list", "--format=text"});
  EXPECT_EQ(misplaced.exit_code, 2);
  EXPECT_THAT(misplaced.err,
              HasSubstr("flag --format does not apply to 'list'"));
  auto command = RunCommand({TEXTLENS_CLI_BINARY, "analyse", "x"});
  EXPECT_EQ(command.exit_code, 2);
  EXPECT_THAT(command.err, HasSubstr("unknown command 'analyse'"));
}

TEST_F(CliFormatsTest, InfoDescribesTheServer) {
  auto result = Cli({"info"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  auto info = nlohmann::json::parse(result.out);
  auto list = Cli({"list"});
  ASSERT_EQ(list.exit_code, 0) << list.err;
  int loaded = 0;
  const nlohmann::json analyzers = nlohmann::json::parse(list.out);
  for (const auto& analyzer : analyzers["analyzers"]) {
    loaded += analyzer.value("load_status", nlohmann::json::object())
                  .value("code", 0) == 0;
  }
  EXPECT_GE(loaded, 3);
  EXPECT_EQ(info["analyzers_loaded"], loaded);
  EXPECT_FALSE(info["version"].get<std::string>().empty());
}

TEST_F(CliFormatsTest, HealthExitsZeroOnlyWhenServing) {
  auto serving = Cli({"health"});
  EXPECT_EQ(serving.exit_code, 0) << serving.err;
  EXPECT_EQ(serving.out, "SERVING\n");
  auto unknown = Cli({"health", "--service=no.such.Service"});
  EXPECT_EQ(unknown.exit_code, 1);
  EXPECT_THAT(unknown.err, HasSubstr("(code 5)"));
  // Nobody listens on port 1.
  auto down = RunCommand(
      {TEXTLENS_CLI_BINARY, "health", "--server=127.0.0.1:1", "--timeout=2"});
  EXPECT_EQ(down.exit_code, 1);
}

}  // namespace
}  // namespace textlens::tests
