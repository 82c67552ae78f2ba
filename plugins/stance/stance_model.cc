#include "plugins/stance/stance_model.h"

#include <algorithm>
#include <cmath>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "plugins/sdk/absl_view.h"
#include "plugins/stance/word_table.h"

namespace textlens::plugins::stance {
namespace {

absl::Status LineError(int line_number, std::string_view what) {
  return absl::InvalidArgumentError(absl::StrCat(
      "stance model line ", line_number, ": ", sdk::AbslView(what)));
}

// Parses fields[first..] as exactly kModelLabelCount doubles.
bool ParseLabelValues(const std::vector<std::string_view>& fields, size_t first,
                      LabelProbabilities* values) {
  if (fields.size() != first + kModelLabelCount) return false;
  for (int l = 0; l < kModelLabelCount; ++l) {
    if (!ParseDouble(fields[first + l], &(*values)[l])) return false;
  }
  return true;
}

}  // namespace

std::string_view ModelLabelName(int label) {
  static constexpr std::array<std::string_view, kModelLabelCount> kNames = {
      "NEUTRAL", "PRO_OPEN", "PRO_CLOSED", "MIXED"};
  return kNames[label];
}

absl::StatusOr<StanceModel> StanceModel::Parse(
    std::string_view text, const std::vector<std::string>& expected_features) {
  StanceModel model;
  bool has_labels = false, has_bias = false;
  int line_number = 0;
  for (std::string_view line : SplitFields(text, '\n')) {
    ++line_number;
    if (line.empty() || line.front() == '#') continue;
    const std::vector<std::string_view> fields = SplitFields(line, '\t');
    if (fields[0] == "labels") {
      if (fields.size() != 1 + kModelLabelCount) {
        return LineError(line_number, "expected the four labels");
      }
      for (int l = 0; l < kModelLabelCount; ++l) {
        if (fields[1 + l] != ModelLabelName(l)) {
          return LineError(line_number,
                           "labels must be NEUTRAL PRO_OPEN PRO_CLOSED MIXED");
        }
      }
      has_labels = true;
    } else if (fields[0] == "bias") {
      if (!ParseLabelValues(fields, 1, &model.bias)) {
        return LineError(line_number, "expected one bias per label");
      }
      has_bias = true;
    } else if (fields[0] == "feature") {
      LabelProbabilities w{};
      double mean = 0, scale = 0;
      if (fields.size() < 4 || !ParseDouble(fields[2], &mean) ||
          !ParseDouble(fields[3], &scale) || !(scale > 0) ||
          !ParseLabelValues(fields, 4, &w)) {
        return LineError(line_number,
                         "expected name, mean, scale > 0 and one weight per "
                         "label");
      }
      const size_t index = model.features.size();
      if (index >= expected_features.size() ||
          fields[1] != expected_features[index]) {
        return LineError(line_number,
                         absl::StrCat("feature \"", sdk::AbslView(fields[1]),
                                      "\" where the analyzer has \"",
                                      index < expected_features.size()
                                          ? expected_features[index]
                                          : std::string("(none)"),
                                      "\""));
      }
      model.features.emplace_back(fields[1]);
      model.mean.push_back(mean);
      model.scale.push_back(scale);
      for (int l = 0; l < kModelLabelCount; ++l) {
        model.weights[l].push_back(w[l]);
      }
    } else {
      return LineError(
          line_number,
          absl::StrCat("unknown line kind \"", sdk::AbslView(fields[0]), "\""));
    }
  }
  if (!has_labels || !has_bias ||
      model.features.size() != expected_features.size()) {
    return absl::InvalidArgumentError(absl::StrCat(
        "stance model: needs a labels line, a bias line and the ",
        expected_features.size(), " features; has ", model.features.size()));
  }
  return model;
}

std::string StanceModel::Serialize(std::string_view header) const {
  std::string out(header);
  out += "labels";
  for (int l = 0; l < kModelLabelCount; ++l) {
    absl::StrAppend(&out, "\t", sdk::AbslView(ModelLabelName(l)));
  }
  out += "\nbias";
  for (double b : bias) absl::StrAppendFormat(&out, "\t%.17g", b);
  out += "\n";
  for (size_t f = 0; f < features.size(); ++f) {
    absl::StrAppendFormat(&out, "feature\t%s\t%.17g\t%.17g", features[f],
                          mean[f], scale[f]);
    for (int l = 0; l < kModelLabelCount; ++l) {
      absl::StrAppendFormat(&out, "\t%.17g", weights[l][f]);
    }
    out += "\n";
  }
  return out;
}

LabelProbabilities StanceModel::Probabilities(
    const std::vector<double>& x) const {
  LabelProbabilities z = bias;
  for (size_t f = 0; f < features.size() && f < x.size(); ++f) {
    const double standardized = (x[f] - mean[f]) / scale[f];
    for (int l = 0; l < kModelLabelCount; ++l) {
      z[l] += weights[l][f] * standardized;
    }
  }
  const double top = *std::max_element(z.begin(), z.end());
  double sum = 0;
  for (double& v : z) {
    v = std::exp(v - top);
    sum += v;
  }
  for (double& v : z) v /= sum;
  return z;
}

}  // namespace textlens::plugins::stance
