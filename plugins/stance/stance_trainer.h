// Trains the stance model (stance_model.h): a multinomial logistic
// regression with an L2 penalty, fitted by full-batch gradient descent on
// standardized features, and the grouped, stratified folds that choose its
// penalty and that the evaluation cross-validates with. Everything is
// deterministic: the same examples give the same model, bit for bit.
//
// Thread-compatible: plain functions.
#ifndef TEXTLENS_PLUGINS_STANCE_STANCE_TRAINER_H_
#define TEXTLENS_PLUGINS_STANCE_STANCE_TRAINER_H_

#include <string>
#include <vector>

#include "plugins/stance/stance_model.h"

namespace textlens::plugins::stance {

// One labelled text, as features.
struct StanceExample {
  std::vector<double> features;  // StanceFeatureNames() order
  int label = 0;                 // index in kModelLabels
  int group = 0;                 // texts of one group share a fold
  std::string stratum;           // label and language, spread over folds
};

// The penalties the trainer chooses from, weakest first.
const std::vector<double>& PenaltyGrid();

// Fits the model on `examples` with penalty `l2` (on the standardized
// weights, not the biases). `names` are the features' names.
StanceModel FitStanceModel(const std::vector<StanceExample>& examples,
                           const std::vector<std::string>& names, double l2);

// Assigns each example a fold in [0, k): the groups, largest first, each go
// to the fold where it leaves the strata most even (ties to the smaller
// fold, then the lower index).
std::vector<int> AssignFolds(const std::vector<StanceExample>& examples, int k);

// The penalty of PenaltyGrid() with the lowest mean log-loss over a grouped
// k-fold cross-validation of `examples` (ties to the stronger penalty).
double ChoosePenalty(const std::vector<StanceExample>& examples,
                     const std::vector<std::string>& names, int k);

// Texts from the same site, or sharing over `kSameEventJaccard` of their
// words of four bytes or more, fall in one group: returns a group per text.
// `sites` and `words` have one entry per text.
inline constexpr double kSameEventJaccard = 0.15;
std::vector<int> GroupTexts(const std::vector<std::string>& sites,
                            const std::vector<std::vector<std::string>>& words);

}  // namespace textlens::plugins::stance

#endif  // TEXTLENS_PLUGINS_STANCE_STANCE_TRAINER_H_
