#include "plugins/stance/tools/stance_data.h"

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "plugins/entities/entities.h"
#include "plugins/sdk/tokens.h"
#include "plugins/stance/stance.h"
#include "service/text/document_preparer.h"
#include "service/text/normalizer.h"

namespace textlens::plugins::stance {
namespace {

// "https://www.example.org/a/b" -> "www.example.org".
std::string Host(const std::string& url) {
  size_t start = url.find("://");
  start = start == std::string::npos ? 0 : start + 3;
  const size_t end = url.find('/', start);
  return url.substr(start,
                    end == std::string::npos ? std::string::npos : end - start);
}

}  // namespace

int ModelLabelIndex(std::string_view label) {
  for (int l = 0; l < kModelLabelCount; ++l) {
    if (ModelLabelName(l) == label) return l;
  }
  return -1;
}

absl::StatusOr<std::vector<LabelledText>> ReadLabelledTexts(
    const std::vector<std::string>& paths) {
  std::vector<LabelledText> texts;
  for (const std::string& path : paths) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return absl::NotFoundError(absl::StrCat(path, ": cannot read"));
    std::string line;
    int line_number = 0;
    while (std::getline(in, line)) {
      ++line_number;
      if (line.empty()) continue;
      const auto row = nlohmann::json::parse(line, nullptr, false);
      if (row.is_discarded() || !row.is_object()) {
        return absl::InvalidArgumentError(
            absl::StrCat(path, ":", line_number, ": not a JSON object"));
      }
      LabelledText text{row.value("id", ""), row.value("lang", ""),
                        row.value("url", ""), row.value("text", ""),
                        row.value("stance", "")};
      if (ModelLabelIndex(text.label) < 0) {
        return absl::InvalidArgumentError(absl::StrCat(
            path, ":", line_number, ": unknown stance \"", text.label, "\""));
      }
      texts.push_back(std::move(text));
    }
  }
  return texts;
}

absl::StatusOr<std::vector<StanceExample>> MakeExamples(
    const std::vector<LabelledText>& texts) {
  auto preparer = service::text::DocumentPreparer::Create();
  if (!preparer.ok()) return preparer.status();
  auto tagger = entities::EntityAnalyzer::Create();
  if (!tagger.ok()) return tagger.status();
  // Features need no model: an analyzer built without one.
  LexiconTexts lexicons = StanceAnalyzer::EmbeddedTexts();
  lexicons.model = {};
  auto analyzer = StanceAnalyzer::FromLexicons(lexicons);
  if (!analyzer.ok()) return analyzer.status();

  std::vector<StanceExample> examples;
  std::vector<std::string> sites;
  std::vector<std::vector<std::string>> words;
  for (const LabelledText& text : texts) {
    const auto failed = [&text](const absl::Status& status) {
      return absl::InternalError(absl::StrCat(text.id, ": ", status.message()));
    };
    auto normalized = service::text::NormalizeText(text.text);
    if (!normalized.ok()) return failed(normalized.status());
    auto document = (*preparer)->Prepare(*normalized, "");
    if (!document.ok()) return failed(document.status());
    auto tagged = (*tagger)->Analyze(*document, v1::EntitiesOptions());
    if (!tagged.ok()) return failed(tagged.status());
    auto features = (*analyzer)->Features(*document, &*tagged);
    if (!features.ok()) return failed(features.status());
    StanceExample example;
    example.features = *std::move(features);
    example.label = ModelLabelIndex(text.label);
    example.stratum = absl::StrCat(text.label, "/", text.lang);
    examples.push_back(std::move(example));
    sites.push_back(Host(text.url));
    std::vector<std::string> lower;
    for (const sdk::Token& token : sdk::Tokens(*document)) {
      lower.emplace_back(token.lower());
    }
    words.push_back(std::move(lower));
  }
  const std::vector<int> groups = GroupTexts(sites, words);
  for (size_t i = 0; i < examples.size(); ++i) examples[i].group = groups[i];
  return examples;
}

}  // namespace textlens::plugins::stance
