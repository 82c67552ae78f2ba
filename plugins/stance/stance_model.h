// StanceModel: the document-level decision of the stance analyzer, a
// multinomial logistic regression over the named features of features.h,
// read from a model file that textlens-train-stance writes
// (data/stance_model.tsv). It turns a feature vector into a probability for
// each of the four labels.
//
// Model file: '#' comment lines, then tab-separated lines
//   labels   NEUTRAL PRO_OPEN PRO_CLOSED MIXED
//   bias     <one weight per label>
//   feature  <name> <mean> <scale> <one weight per label>
// Features are standardized ((x - mean) / scale) before the weights apply.
//
// Thread-safety: immutable after Parse(); Probabilities() may run on many
// threads.
#ifndef TEXTLENS_PLUGINS_STANCE_STANCE_MODEL_H_
#define TEXTLENS_PLUGINS_STANCE_STANCE_MODEL_H_

#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "textlens/v1/stance.pb.h"

namespace textlens::plugins::stance {

inline constexpr int kModelLabelCount = 4;
// The labels in the model's order.
inline constexpr std::array<v1::StanceLabel, kModelLabelCount> kModelLabels = {
    v1::STANCE_LABEL_NEUTRAL, v1::STANCE_LABEL_PRO_OPEN,
    v1::STANCE_LABEL_PRO_CLOSED, v1::STANCE_LABEL_MIXED};

// Where PRO_OPEN and PRO_CLOSED stand in kModelLabels.
inline constexpr int kProOpenLabel = 1;
inline constexpr int kProClosedLabel = 2;

// A label's name without its prefix ("PRO_OPEN").
std::string_view ModelLabelName(int label);

using LabelProbabilities = std::array<double, kModelLabelCount>;

struct StanceModel {
  std::vector<std::string> features;  // names, in feature-vector order
  std::vector<double> mean;           // per feature
  std::vector<double> scale;          // per feature, > 0
  // weights[label][feature], and one bias per label.
  std::array<std::vector<double>, kModelLabelCount> weights;
  LabelProbabilities bias{};

  // Parses a model file whose features are exactly `expected_features`, in
  // that order. INVALID_ARGUMENT names the first bad line or the first
  // feature that differs.
  static absl::StatusOr<StanceModel> Parse(
      std::string_view text, const std::vector<std::string>& expected_features);

  // The model file, after `header` (comment lines, each starting with "#").
  // Numbers are printed with enough digits to read back the same doubles.
  std::string Serialize(std::string_view header) const;

  // The probability of each label (kModelLabels order) for `x`, which has
  // one value per feature.
  LabelProbabilities Probabilities(const std::vector<double>& x) const;
};

}  // namespace textlens::plugins::stance

#endif  // TEXTLENS_PLUGINS_STANCE_STANCE_MODEL_H_
