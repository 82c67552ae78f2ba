#include "plugins/entities/ner_trainer.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>
#include <string_view>

#include "absl/strings/str_split.h"

namespace textlens::plugins::entities {
namespace {

template <typename T>
void Put(std::string* out, T value) {
  out->append(reinterpret_cast<const char*>(&value), sizeof(value));
}

}  // namespace

std::vector<NerExample> ReadConll(const std::string& text, int* skipped) {
  std::vector<NerExample> examples;
  NerExample current;
  const auto flush = [&] {
    if (!current.words.empty()) examples.push_back(std::move(current));
    current = NerExample();
  };
  for (absl::string_view line : absl::StrSplit(text, '\n')) {
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty()) {
      flush();
      continue;
    }
    const std::vector<absl::string_view> fields = absl::StrSplit(line, '\t');
    NerLabel label;
    if (fields.size() != 3 || fields[1].empty() ||
        !ParseNerLabel(std::string_view(fields[2].data(), fields[2].size()),
                       &label)) {
      if (skipped != nullptr) ++*skipped;
      continue;
    }
    current.words.emplace_back(fields[1]);
    current.labels.push_back(label);
  }
  flush();
  return examples;
}

void NerTrainer::Update(uint64_t feature, NerLabel label, float delta) {
  Weights& w = weights_[feature];
  w.total[label] +=
      static_cast<double>(clock_ - w.stamp[label]) * w.current[label];
  w.stamp[label] = clock_;
  w.current[label] += delta;
}

void NerTrainer::Epoch(const std::vector<NerExample>& examples, uint32_t seed) {
  std::vector<size_t> order(examples.size());
  std::iota(order.begin(), order.end(), 0);
  std::mt19937 random(seed);
  std::shuffle(order.begin(), order.end(), random);
  tokens_ = mistakes_ = 0;
  std::vector<uint64_t> features;
  for (const size_t e : order) {
    const NerExample& example = examples[e];
    const std::vector<std::string_view> views(example.words.begin(),
                                              example.words.end());
    const std::vector<NerWord> words = NerWords(views);
    NerLabel previous = kNerO, before_previous = kNerO;
    for (size_t i = 0; i < words.size(); ++i) {
      ++clock_;
      ++tokens_;
      NerFeatures(words, i, previous, before_previous, &features);
      std::array<float, kNerLabels> scores{};
      for (const uint64_t f : features) {
        const auto it = weights_.find(f);
        if (it == weights_.end()) continue;
        for (int l = 0; l < kNerLabels; ++l) scores[l] += it->second.current[l];
      }
      NerLabel guess = kNerO;
      for (int l = 1; l < kNerLabels; ++l) {
        const auto label = static_cast<NerLabel>(l);
        if (NerTransitionAllowed(previous, label) &&
            scores[l] > scores[guess]) {
          guess = label;
        }
      }
      const NerLabel gold = example.labels[i];
      if (guess != gold) {
        ++mistakes_;
        for (const uint64_t f : features) {
          Update(f, gold, 1.0f);
          Update(f, guess, -1.0f);
        }
      }
      before_previous = previous;
      previous = guess;
    }
  }
}

std::string NerTrainer::Serialize() const {
  // Averaged weights, then one scale so the largest fits an int16.
  std::vector<std::pair<uint64_t, std::array<float, kNerLabels>>> averaged;
  averaged.reserve(weights_.size());
  float largest = 0;
  for (const auto& [feature, w] : weights_) {
    std::array<float, kNerLabels> average{};
    for (int l = 0; l < kNerLabels; ++l) {
      const double total =
          w.total[l] + static_cast<double>(clock_ - w.stamp[l]) * w.current[l];
      average[l] = static_cast<float>(total / std::max<int64_t>(1, clock_));
      largest = std::max(largest, std::fabs(average[l]));
    }
    averaged.emplace_back(feature, average);
  }
  const float scale = largest > 0 ? largest / 32767.0f : 1.0f;
  std::sort(averaged.begin(), averaged.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  std::string body;
  uint32_t count = 0;
  for (const auto& [feature, average] : averaged) {
    std::array<int16_t, kNerLabels> quantized{};
    bool any = false;
    for (int l = 0; l < kNerLabels; ++l) {
      quantized[l] = static_cast<int16_t>(std::lround(average[l] / scale));
      any |= quantized[l] != 0;
    }
    if (!any) continue;
    Put(&body, feature);
    for (const int16_t q : quantized) Put(&body, q);
    ++count;
  }
  std::string out = "TLNER1";
  Put(&out, count);
  Put(&out, scale);
  return out + body;
}

}  // namespace textlens::plugins::entities
