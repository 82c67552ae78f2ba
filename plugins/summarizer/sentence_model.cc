#include "plugins/summarizer/sentence_model.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
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

absl::StatusOr<SentenceModel> SentenceModel::Parse(std::string_view text) {
  const auto names = FeatureNames();
  std::vector<double> weights;
  size_t pos = 0;
  for (int line_number = 1; pos < text.size(); ++line_number) {
    size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view line = text.substr(pos, end - pos);
    pos = end + 1;
    if (line.empty() || line[0] == '#') continue;
    const size_t tab = line.find('\t');
    const std::string_view name =
        tab == std::string_view::npos ? line : line.substr(0, tab);
    if (weights.size() >= names.size() || name != names[weights.size()]) {
      return absl::InvalidArgumentError(absl::StrCat(
          "sentence model line ", line_number, ": feature '", std::string(name),
          "' where '",
          weights.size() < names.size() ? std::string(names[weights.size()])
                                        : "<end>",
          "' was expected"));
    }
    const std::string number(
        tab == std::string_view::npos ? "" : line.substr(tab + 1));
    char* parsed_end = nullptr;
    const double weight = std::strtod(number.c_str(), &parsed_end);
    if (number.empty() || parsed_end != number.c_str() + number.size()) {
      return absl::InvalidArgumentError(absl::StrCat(
          "sentence model line ", line_number, ": weight is not a number"));
    }
    weights.push_back(weight);
  }
  return FromWeights(std::move(weights));
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
  return out;
}

double SentenceModel::Score(absl::Span<const double> features) const {
  double score = 0.0;
  const size_t n = std::min(features.size(), weights_.size());
  for (size_t i = 0; i < n; ++i) score += features[i] * weights_[i];
  return score;
}

const absl::StatusOr<SentenceModel>& EmbeddedModel() {
  static const auto* model = new absl::StatusOr<SentenceModel>(
      SentenceModel::Parse(textlens::embedded::summarizer_sentence_model()));
  return *model;
}

}  // namespace textlens::plugins::summarizer
