#include "plugins/stance/stance_trainer.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>
#include <set>

namespace textlens::plugins::stance {
namespace {

// Gradient descent: a fixed number of steps of a fixed size, so that a run
// is reproducible; the problem is small and convex.
constexpr int kSteps = 3000;
constexpr double kStepSize = 0.5;

int Find(std::vector<int>& parent, int i) {
  while (parent[i] != i) i = parent[i] = parent[parent[i]];
  return i;
}

}  // namespace

const std::vector<double>& PenaltyGrid() {
  static const std::vector<double> grid = {0.003, 0.01, 0.03, 0.1, 0.3, 1.0};
  return grid;
}

StanceModel FitStanceModel(const std::vector<StanceExample>& examples,
                           const std::vector<std::string>& names, double l2) {
  const size_t n = examples.size(), d = names.size();
  StanceModel model;
  model.features = names;
  model.mean.assign(d, 0);
  model.scale.assign(d, 1);
  for (size_t f = 0; f < d; ++f) {
    double sum = 0, squares = 0;
    for (const StanceExample& e : examples) sum += e.features[f];
    const double mean = n ? sum / n : 0;
    for (const StanceExample& e : examples) {
      squares += (e.features[f] - mean) * (e.features[f] - mean);
    }
    const double sd = n ? std::sqrt(squares / n) : 0;
    model.mean[f] = mean;
    model.scale[f] = sd > 1e-9 ? sd : 1;
  }
  std::vector<std::vector<double>> x(n, std::vector<double>(d));
  for (size_t i = 0; i < n; ++i) {
    for (size_t f = 0; f < d; ++f) {
      x[i][f] = (examples[i].features[f] - model.mean[f]) / model.scale[f];
    }
  }
  for (auto& w : model.weights) w.assign(d, 0);
  model.bias.fill(0);
  // The identity scale: the model predicts on standardized inputs while it
  // trains; the file keeps mean and scale for raw ones.
  StanceModel standardized = model;
  std::fill(standardized.mean.begin(), standardized.mean.end(), 0);
  std::fill(standardized.scale.begin(), standardized.scale.end(), 1);
  for (int step = 0; step < kSteps; ++step) {
    std::array<std::vector<double>, kModelLabelCount> gradient;
    for (auto& g : gradient) g.assign(d, 0);
    LabelProbabilities bias_gradient{};
    for (size_t i = 0; i < n; ++i) {
      const LabelProbabilities p = standardized.Probabilities(x[i]);
      for (int l = 0; l < kModelLabelCount; ++l) {
        const double error = p[l] - (examples[i].label == l ? 1 : 0);
        bias_gradient[l] += error / n;
        for (size_t f = 0; f < d; ++f) gradient[l][f] += error * x[i][f] / n;
      }
    }
    for (int l = 0; l < kModelLabelCount; ++l) {
      standardized.bias[l] -= kStepSize * bias_gradient[l];
      for (size_t f = 0; f < d; ++f) {
        standardized.weights[l][f] -=
            kStepSize * (gradient[l][f] + l2 * standardized.weights[l][f]);
      }
    }
  }
  model.weights = standardized.weights;
  model.bias = standardized.bias;
  return model;
}

std::vector<int> AssignFolds(const std::vector<StanceExample>& examples,
                             int k) {
  std::map<int, std::vector<int>> members;
  std::vector<std::string> strata;
  for (size_t i = 0; i < examples.size(); ++i) {
    members[examples[i].group].push_back(static_cast<int>(i));
    strata.push_back(examples[i].stratum);
  }
  std::sort(strata.begin(), strata.end());
  strata.erase(std::unique(strata.begin(), strata.end()), strata.end());
  const auto stratum_of = [&strata](const std::string& s) {
    return std::lower_bound(strata.begin(), strata.end(), s) - strata.begin();
  };
  std::vector<std::vector<int>> groups;
  for (auto& [group, indexes] : members) groups.push_back(indexes);
  std::stable_sort(groups.begin(), groups.end(),
                   [](const std::vector<int>& a, const std::vector<int>& b) {
                     return a.size() > b.size();
                   });
  // counts[fold][stratum]
  std::vector<std::vector<double>> counts(k,
                                          std::vector<double>(strata.size()));
  std::vector<int> sizes(k, 0), fold(examples.size(), 0);
  for (const std::vector<int>& group : groups) {
    int best = 0;
    double best_spread = 0;
    for (int f = 0; f < k; ++f) {
      for (int i : group) ++counts[f][stratum_of(examples[i].stratum)];
      // The spread: per stratum, the variance of its counts over folds.
      double spread = 0;
      for (size_t s = 0; s < strata.size(); ++s) {
        double mean = 0, var = 0;
        for (int g = 0; g < k; ++g) mean += counts[g][s] / k;
        for (int g = 0; g < k; ++g) {
          var += (counts[g][s] - mean) * (counts[g][s] - mean);
        }
        spread += var;
      }
      for (int i : group) --counts[f][stratum_of(examples[i].stratum)];
      if (f == 0 || spread < best_spread - 1e-12 ||
          (std::abs(spread - best_spread) <= 1e-12 && sizes[f] < sizes[best])) {
        best = f;
        best_spread = spread;
      }
    }
    for (int i : group) {
      ++counts[best][stratum_of(examples[i].stratum)];
      fold[i] = best;
    }
    sizes[best] += static_cast<int>(group.size());
  }
  return fold;
}

double ChoosePenalty(const std::vector<StanceExample>& examples,
                     const std::vector<std::string>& names, int k) {
  const std::vector<int> fold = AssignFolds(examples, k);
  double best = PenaltyGrid().back(), best_loss = INFINITY;
  for (auto it = PenaltyGrid().rbegin(); it != PenaltyGrid().rend(); ++it) {
    double loss = 0;
    for (int f = 0; f < k; ++f) {
      std::vector<StanceExample> train;
      for (size_t i = 0; i < examples.size(); ++i) {
        if (fold[i] != f) train.push_back(examples[i]);
      }
      const StanceModel model = FitStanceModel(train, names, *it);
      for (size_t i = 0; i < examples.size(); ++i) {
        if (fold[i] != f) continue;
        const LabelProbabilities p = model.Probabilities(examples[i].features);
        loss -= std::log(std::max(p[examples[i].label], 1e-12));
      }
    }
    if (loss < best_loss - 1e-9) {
      best_loss = loss;
      best = *it;
    }
  }
  return best;
}

std::vector<int> GroupTexts(
    const std::vector<std::string>& sites,
    const std::vector<std::vector<std::string>>& words) {
  const int n = static_cast<int>(sites.size());
  std::vector<int> parent(n);
  std::iota(parent.begin(), parent.end(), 0);
  std::vector<std::set<std::string>> sets(n);
  for (int i = 0; i < n; ++i) {
    for (const std::string& w : words[i]) {
      if (w.size() >= 4) sets[i].insert(w);
    }
  }
  for (int i = 0; i < n; ++i) {
    for (int j = i + 1; j < n; ++j) {
      size_t shared = 0;
      for (const std::string& w : sets[i]) shared += sets[j].count(w);
      const size_t all = sets[i].size() + sets[j].size() - shared;
      const bool same_event =
          all > 0 && static_cast<double>(shared) / all > kSameEventJaccard;
      if (sites[i] == sites[j] || same_event) {
        parent[Find(parent, i)] = Find(parent, j);
      }
    }
  }
  std::vector<int> group(n);
  for (int i = 0; i < n; ++i) group[i] = Find(parent, i);
  return group;
}

}  // namespace textlens::plugins::stance
