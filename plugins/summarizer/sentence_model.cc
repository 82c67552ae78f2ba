#include "plugins/summarizer/sentence_model.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "plugins/sdk/absl_view.h"
#include "plugins/sdk/tokens.h"
#include "plugins/summarizer/sentence_features.h"

namespace textlens::embedded {
std::string_view summarizer_sentence_model();
}  // namespace textlens::embedded

namespace textlens::plugins::summarizer {

absl::StatusOr<SentenceModel> SentenceModel::FromWeights(
    std::vector<double> weights) {
  if (weights.size() != FeatureNames().size()) {
    return absl::InvalidArgumentError(
        absl::StrCat("sentence model has ", weights.size(), " weights, ",
                     FeatureNames().size(), " features expected"));
  }
  return SentenceModel(std::move(weights));
}

void SentenceModel::SetLexicon(std::string language,
                               absl::flat_hash_map<std::string, double> words,
                               std::vector<double> feature_weights) {
  language_ = std::move(language);
  words_ = std::move(words);
  language_weights_ = std::move(feature_weights);
}

namespace {

// "name<TAB>value" split; false when the value is no number.
bool SplitLine(std::string_view line, std::string_view* name,
               std::string* value, double* number) {
  const size_t tab = line.find('\t');
  *name = tab == std::string_view::npos ? line : line.substr(0, tab);
  *value = std::string(tab == std::string_view::npos ? std::string_view()
                                                     : line.substr(tab + 1));
  char* parsed_end = nullptr;
  *number = std::strtod(value->c_str(), &parsed_end);
  return !value->empty() && parsed_end == value->c_str() + value->size();
}

}  // namespace

absl::StatusOr<SentenceModel> SentenceModel::Parse(std::string_view text) {
  const auto names = FeatureNames();
  std::vector<double> weights;
  std::string language;
  absl::flat_hash_map<std::string, double> words;
  std::vector<double> language_weights;
  size_t pos = 0;
  for (int line_number = 1; pos < text.size(); ++line_number) {
    size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view line = text.substr(pos, end - pos);
    pos = end + 1;
    if (line.empty() || line[0] == '#') continue;
    std::string_view name;
    std::string value;
    double number = 0;
    const bool is_number = SplitLine(line, &name, &value, &number);
    const auto error = [line_number](std::string_view what) {
      return absl::InvalidArgumentError(absl::StrCat(
          "sentence model line ", line_number, ": ", std::string(what)));
    };
    if (weights.size() == names.size() && name == "lexicon_language") {
      language = value;
      continue;
    }
    if (weights.size() == names.size() && name.substr(0, 11) == "with_words:") {
      if (language_weights.size() >= names.size() ||
          name.substr(11) != names[language_weights.size()]) {
        return error("with_words feature out of order");
      }
      if (!is_number) return error("weight is not a number");
      language_weights.push_back(number);
      continue;
    }
    if (weights.size() == names.size() && name.substr(0, 5) == "word:") {
      if (!is_number) return error("weight is not a number");
      words.emplace(name.substr(5), number);
      continue;
    }
    if (weights.size() >= names.size() || name != names[weights.size()]) {
      return error(absl::StrCat("feature '", std::string(name), "' where '",
                                weights.size() < names.size()
                                    ? std::string(names[weights.size()])
                                    : "word:<form>",
                                "' was expected"));
    }
    if (!is_number) return error("weight is not a number");
    weights.push_back(number);
  }
  if (!language_weights.empty() && language_weights.size() != names.size()) {
    return absl::InvalidArgumentError(
        "sentence model: with_words weights do not cover every feature");
  }
  auto model = FromWeights(std::move(weights));
  if (!model.ok()) return model;
  if (language_weights.empty()) language_weights = model->weights();
  model->SetLexicon(std::move(language), std::move(words),
                    std::move(language_weights));
  return model;
}

std::string SentenceModel::Serialize(
    absl::Span<const std::string> comment) const {
  std::string out;
  for (const std::string& line : comment)
    absl::StrAppend(&out, "# ", line, "\n");
  const auto names = FeatureNames();
  for (size_t i = 0; i < weights_.size(); ++i) {
    char number[32];
    std::snprintf(number, sizeof(number), "%.9g", weights_[i]);
    absl::StrAppend(&out, std::string(names[i]), "\t", number, "\n");
  }
  if (words_.empty()) return out;
  absl::StrAppend(&out, "lexicon_language\t", language_, "\n");
  for (size_t i = 0; i < language_weights_.size(); ++i) {
    char number[32];
    std::snprintf(number, sizeof(number), "%.9g", language_weights_[i]);
    absl::StrAppend(&out, "with_words:", std::string(names[i]), "\t", number,
                    "\n");
  }
  std::vector<std::pair<std::string, double>> sorted(words_.begin(),
                                                     words_.end());
  std::sort(sorted.begin(), sorted.end());
  for (const auto& [form, weight] : sorted) {
    char number[32];
    std::snprintf(number, sizeof(number), "%.9g", weight);
    absl::StrAppend(&out, "word:", form, "\t", number, "\n");
  }
  return out;
}

double SentenceModel::Score(
    absl::Span<const double> features,
    const textlens::plugin::v1::PreparedDocument& document,
    const textlens::plugin::v1::Sentence& sentence) const {
  if (words_.empty() || Language(document, sentence) != language_) {
    return Score(features);
  }
  double score = LexicalScore(document, sentence);
  const size_t n = std::min(features.size(), language_weights_.size());
  for (size_t i = 0; i < n; ++i) score += features[i] * language_weights_[i];
  return score;
}

double SentenceModel::Score(absl::Span<const double> features) const {
  double score = 0.0;
  const size_t n = std::min(features.size(), weights_.size());
  for (size_t i = 0; i < n; ++i) score += features[i] * weights_[i];
  return score;
}

const std::string& SentenceModel::Language(
    const textlens::plugin::v1::PreparedDocument& document,
    const textlens::plugin::v1::Sentence& sentence) {
  return sentence.language().empty() ? document.language()
                                     : sentence.language();
}

double SentenceModel::LexicalScore(
    const textlens::plugin::v1::PreparedDocument& document,
    const textlens::plugin::v1::Sentence& sentence) const {
  const textlens::sdk::Tokens tokens(document);
  // Distinct forms count once: most sentences have a few dozen words, so a
  // short list of the weights already added beats a set.
  std::vector<const double*> seen;
  double score = 0.0;
  const uint32_t end = sentence.first_token() + sentence.token_count();
  for (uint32_t t = sentence.first_token(); t < end; ++t) {
    const textlens::sdk::Token token = tokens[t];
    if (token.kind() != textlens::plugin::v1::TOKEN_KIND_WORD) continue;
    auto it = words_.find(sdk::AbslView(token.lower()));
    if (it == words_.end()) continue;
    if (std::find(seen.begin(), seen.end(), &it->second) != seen.end()) {
      continue;
    }
    seen.push_back(&it->second);
    score += it->second;
  }
  return score;
}

const absl::StatusOr<SentenceModel>& EmbeddedModel() {
  static const auto* model = new absl::StatusOr<SentenceModel>(
      SentenceModel::Parse(textlens::embedded::summarizer_sentence_model()));
  return *model;
}

}  // namespace textlens::plugins::summarizer
