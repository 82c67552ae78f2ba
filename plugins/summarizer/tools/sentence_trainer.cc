#include "plugins/summarizer/tools/sentence_trainer.h"

#include <algorithm>
#include <cmath>
#include <random>
#include <string>
#include <vector>

#include "plugins/sdk/tokens.h"
#include "plugins/summarizer/sentence_features.h"

namespace textlens::plugins::summarizer {

using textlens::plugin::v1::PreparedDocument;

void Vocabulary::Add(const PreparedDocument& document, int sentence,
                     const std::string& language, Example* example) {
  const auto& s = document.sentences(sentence);
  const size_t first = example->word_ids.size();
  if (SentenceModel::Language(document, s) == language) {
    const textlens::sdk::Tokens tokens(document);
    for (uint32_t t = s.first_token(); t < s.first_token() + s.token_count();
         ++t) {
      if (tokens[t].kind() != textlens::plugin::v1::TOKEN_KIND_WORD) continue;
      const std::string form(tokens[t].lower());
      auto [it, added] = ids.emplace(form, forms.size());
      if (added) {
        forms.push_back(form);
        candidates.push_back(0);
      }
      if (std::find(example->word_ids.begin() + first, example->word_ids.end(),
                    it->second) == example->word_ids.end()) {
        example->word_ids.push_back(it->second);
        ++candidates[it->second];
      }
    }
  }
  example->word_begin.push_back(
      static_cast<uint32_t>(example->word_ids.size()));
}

namespace {

// Per-feature mean and standard deviation over the training rows (the bias
// and constant features keep mean 0 and deviation 1).
struct Scaling {
  std::vector<double> mean, deviation;
};

Scaling Standardize(const std::vector<Example>& examples, size_t width) {
  Scaling scaling{std::vector<double>(width, 0.0),
                  std::vector<double>(width, 0.0)};
  double rows = 0;
  for (const Example& e : examples) {
    for (size_t i = 0; i < e.features.size(); ++i) {
      scaling.mean[i % width] += e.features[i];
      scaling.deviation[i % width] += double{e.features[i]} * e.features[i];
    }
    rows += e.labels.size();
  }
  for (size_t j = 0; j < width; ++j) {
    const double mean = scaling.mean[j] / std::max(1.0, rows);
    const double variance =
        scaling.deviation[j] / std::max(1.0, rows) - mean * mean;
    const bool constant = j == 0 || variance < 1e-12;
    scaling.mean[j] = constant ? 0.0 : mean;
    scaling.deviation[j] = constant ? 1.0 : std::sqrt(variance);
  }
  return scaling;
}

// Listwise gradient of one article at `scores` into `weight` (softmax of
// the scores minus the target distribution of its labels).
void ListwiseResidual(const Example& e, const std::vector<double>& scores,
                      double temperature, std::vector<double>* weight) {
  // d/ds of cross-entropy(softmax(s), target) = softmax(s) - target.
  const size_t n = scores.size();
  const double top = *std::max_element(scores.begin(), scores.end());
  double z = 0;
  for (size_t k = 0; k < n; ++k) z += std::exp(scores[k] - top);
  std::vector<double> target(n, 0.0);
  const float best = *std::max_element(e.labels.begin(), e.labels.end());
  if (temperature <= 0) {
    target[std::max_element(e.labels.begin(), e.labels.end()) -
           e.labels.begin()] = 1.0;
  } else {
    double t = 0;
    for (size_t k = 0; k < n; ++k) {
      target[k] = std::exp((e.labels[k] - best) / temperature);
      t += target[k];
    }
    for (double& v : target) v /= t;
  }
  weight->resize(n);
  for (size_t k = 0; k < n; ++k) {
    (*weight)[k] = std::exp(scores[k] - top) / z - target[k];
  }
}

// The gradient of one article's loss at `w` (standardized features) into
// `gradient`.
void ArticleGradient(const Example& e, const Scaling& scaling,
                     const std::vector<double>& w, bool listwise,
                     double temperature, std::vector<double>* gradient,
                     std::vector<double>* row) {
  const size_t width = w.size();
  const size_t n = e.labels.size();
  std::vector<double> scores(n), weight(n);
  for (size_t k = 0; k < n; ++k) {
    double s = 0;
    for (size_t j = 0; j < width; ++j) {
      s += w[j] * (e.features[k * width + j] - scaling.mean[j]) /
           scaling.deviation[j];
    }
    scores[k] = s;
  }
  if (listwise) {
    ListwiseResidual(e, scores, temperature, &weight);
  } else {
    for (size_t k = 0; k < n; ++k) {
      weight[k] = (scores[k] - e.labels[k]) / n;
    }
  }
  for (size_t k = 0; k < n; ++k) {
    for (size_t j = 0; j < width; ++j) {
      (*row)[j] =
          (e.features[k * width + j] - scaling.mean[j]) / scaling.deviation[j];
      (*gradient)[j] += weight[k] * (*row)[j];
    }
  }
}

}  // namespace

std::vector<double> FitFeatures(const std::vector<Example>& examples,
                                const TrainingOptions& options) {
  const size_t width = FeatureNames().size();
  const Scaling scaling = Standardize(examples, width);
  const bool listwise = options.listwise;
  const double temperature = options.temperature;
  const double rate = options.learning_rate;
  const double l2 = options.l2;
  const int epochs = options.epochs;
  std::vector<double> w(width, 0.0), squares(width, 1e-8), sum(width, 0.0),
      gradient(width), row(width);
  std::vector<size_t> order(examples.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::mt19937 random(options.seed);
  double averaged = 0;
  for (int epoch = 0; epoch < epochs; ++epoch) {
    std::shuffle(order.begin(), order.end(), random);
    for (size_t i : order) {
      std::fill(gradient.begin(), gradient.end(), 0.0);
      ArticleGradient(examples[i], scaling, w, listwise, temperature, &gradient,
                      &row);
      for (size_t j = 0; j < width; ++j) {
        const double g = gradient[j] + l2 * w[j];
        squares[j] += g * g;
        w[j] -= rate * g / std::sqrt(squares[j]);
      }
      if (epoch == epochs - 1) {
        for (size_t j = 0; j < width; ++j) sum[j] += w[j];
        ++averaged;
      }
    }
  }
  std::vector<double> raw(width);
  for (size_t j = 0; j < width; ++j) {
    raw[j] = sum[j] / std::max(1.0, averaged) / scaling.deviation[j];
  }
  for (size_t j = 1; j < width; ++j) raw[0] -= raw[j] * scaling.mean[j];
  return raw;
}

WithWords FitWords(const std::vector<Example>& examples,
                   const Vocabulary& vocabulary, const SentenceModel& model,
                   const TrainingOptions& options) {
  const size_t width = FeatureNames().size();
  WithWords out{{}, model.weights()};
  const int min_count = options.lexicon_min_count;
  if (min_count <= 0) return out;
  std::vector<int> slot(vocabulary.forms.size(), -1);
  int slots = 0;
  for (size_t id = 0; id < slot.size(); ++id) {
    if (vocabulary.candidates[id] >= min_count) slot[id] = slots++;
  }
  const double temperature = options.temperature;
  const double l2 = options.lexicon_l2;
  const double rate = options.lexicon_rate;
  const double joint_rate = options.joint_rate;
  std::vector<double> w(slots, 0.0), squares(slots, 1e-8), gradient(slots);
  std::vector<double>& dense = out.features;
  std::vector<double> dense_squares(width, 1e-8), dense_gradient(width);
  std::vector<double> scores, residual;
  for (int step = 0; step < options.lexicon_iterations; ++step) {
    for (int i = 0; i < slots; ++i) gradient[i] = 2 * l2 * w[i];
    std::fill(dense_gradient.begin(), dense_gradient.end(), 0.0);
    for (const Example& e : examples) {
      const size_t n = e.labels.size();
      scores.assign(n, 0.0);
      for (size_t k = 0; k < n; ++k) {
        for (size_t j = 0; j < width; ++j) {
          scores[k] += dense[j] * e.features[k * width + j];
        }
        for (uint32_t p = e.word_begin[k]; p < e.word_begin[k + 1]; ++p) {
          if (slot[e.word_ids[p]] >= 0) scores[k] += w[slot[e.word_ids[p]]];
        }
      }
      ListwiseResidual(e, scores, temperature, &residual);
      for (size_t k = 0; k < n; ++k) {
        for (size_t j = 0; j < width; ++j) {
          dense_gradient[j] += residual[k] * e.features[k * width + j];
        }
        for (uint32_t p = e.word_begin[k]; p < e.word_begin[k + 1]; ++p) {
          if (slot[e.word_ids[p]] >= 0) {
            gradient[slot[e.word_ids[p]]] += residual[k];
          }
        }
      }
    }
    for (int i = 0; i < slots; ++i) {
      squares[i] += gradient[i] * gradient[i];
      w[i] -= rate * gradient[i] / std::sqrt(squares[i]);
    }
    if (joint_rate > 0) {
      for (size_t j = 0; j < width; ++j) {
        dense_squares[j] += dense_gradient[j] * dense_gradient[j];
        dense[j] -=
            joint_rate * dense_gradient[j] / std::sqrt(dense_squares[j]);
      }
    }
  }
  for (size_t id = 0; id < slot.size(); ++id) {
    if (slot[id] >= 0 && w[slot[id]] != 0.0) {
      out.words.emplace(vocabulary.forms[id], w[slot[id]]);
    }
  }
  return out;
}

}  // namespace textlens::plugins::summarizer
