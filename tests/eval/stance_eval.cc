// Evaluates the stance analyzer (without entities) on
//   - stance/dev.jsonl: short excerpts with a stance label;
//   - domain/seeds_gold.jsonl: the five seed documents and their stance;
// printing accuracy, macro-F1 (over the labels present in the gold set),
// per-label precision / recall and the confusion matrix, next to a
// majority-class baseline (the most frequent gold label of the same set).
//
// Data: $TEXTLENS_DATA_DIR (default <repo>/../shared/data). Exit 77 when it
// is missing. Usage: stance_eval [--verbose]
#include <array>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "plugins/stance/stance.h"
#include "service/text/document_preparer.h"
#include "service/text/normalizer.h"
#include "tests/eval/data_dir.h"

namespace {

using textlens::plugins::stance::StanceAnalyzer;
using textlens::plugins::stance::StanceConfig;
using textlens::service::text::DocumentPreparer;

const std::array<std::string, 4> kLabels = {"PRO_OPEN", "PRO_CLOSED", "MIXED",
                                            "NEUTRAL"};

struct Example {
  std::string id;
  std::string lang;
  std::string text;
  std::string gold;
};

std::string LabelName(textlens::v1::StanceLabel label) {
  switch (label) {
    case textlens::v1::STANCE_LABEL_PRO_OPEN:
      return "PRO_OPEN";
    case textlens::v1::STANCE_LABEL_PRO_CLOSED:
      return "PRO_CLOSED";
    case textlens::v1::STANCE_LABEL_MIXED:
      return "MIXED";
    default:
      return "NEUTRAL";
  }
}

bool ReadFile(const std::string& path, std::string* out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream buffer;
  buffer << in.rdbuf();
  *out = buffer.str();
  return true;
}

int Index(const std::string& label) {
  for (size_t i = 0; i < kLabels.size(); ++i) {
    if (kLabels[i] == label) return static_cast<int>(i);
  }
  return 3;
}

void Report(const std::string& name, const std::vector<std::string>& gold,
            const std::vector<std::string>& predicted) {
  int confusion[4][4] = {};
  int correct = 0;
  for (size_t i = 0; i < gold.size(); ++i) {
    ++confusion[Index(gold[i])][Index(predicted[i])];
    correct += gold[i] == predicted[i];
  }
  double f1_sum = 0;
  int f1_labels = 0;
  std::printf("  %-11s %9s %9s %9s %8s\n", "label", "precision", "recall", "f1",
              "support");
  for (int l = 0; l < 4; ++l) {
    int tp = confusion[l][l], predicted_l = 0, support = 0;
    for (int k = 0; k < 4; ++k) {
      predicted_l += confusion[k][l];
      support += confusion[l][k];
    }
    const double p = predicted_l ? static_cast<double>(tp) / predicted_l : 0;
    const double r = support ? static_cast<double>(tp) / support : 0;
    const double f1 = p + r > 0 ? 2 * p * r / (p + r) : 0;
    if (support > 0) {
      f1_sum += f1;
      ++f1_labels;
    }
    std::printf("  %-11s %9.3f %9.3f %9.3f %8d\n", kLabels[l].c_str(), p, r, f1,
                support);
  }
  std::printf("  %s: accuracy %.3f (%d/%zu), macro-F1 %.3f\n", name.c_str(),
              gold.empty() ? 0.0 : static_cast<double>(correct) / gold.size(),
              correct, gold.size(), f1_labels ? f1_sum / f1_labels : 0.0);
  std::printf("  confusion (rows gold, columns predicted: PO PC MX NE)\n");
  for (int g = 0; g < 4; ++g) {
    std::printf("  %-11s %3d %3d %3d %3d\n", kLabels[g].c_str(),
                confusion[g][0], confusion[g][1], confusion[g][2],
                confusion[g][3]);
  }
}

int Evaluate(const std::string& set_name, const std::vector<Example>& examples,
             const DocumentPreparer& preparer, const StanceAnalyzer& analyzer,
             bool verbose) {
  std::vector<std::string> gold, predicted;
  std::map<std::string, int> counts;
  for (const Example& example : examples) {
    auto normalized = textlens::service::text::NormalizeText(example.text);
    if (!normalized.ok()) {
      std::cerr << example.id << ": " << normalized.status() << "\n";
      return 1;
    }
    auto document = preparer.Prepare(*normalized, example.lang);
    if (!document.ok()) {
      std::cerr << example.id << ": " << document.status() << "\n";
      return 1;
    }
    auto stance = analyzer.Analyze(*document, nullptr, StanceConfig{});
    if (!stance.ok()) {
      std::cerr << example.id << ": " << stance.status() << "\n";
      return 1;
    }
    gold.push_back(example.gold);
    predicted.push_back(LabelName(stance->label()));
    ++counts[example.gold];
    if (verbose) {
      std::printf(
          "  %-8s gold %-10s got %-10s score %+.2f conf %.2f open %+.2f/%u "
          "closed %+.2f/%u\n",
          example.id.c_str(), example.gold.c_str(), predicted.back().c_str(),
          stance->score(), stance->confidence(), stance->open().sentiment(),
          stance->open().mentions(), stance->closed().sentiment(),
          stance->closed().mentions());
      for (const auto& evidence : stance->evidence()) {
        std::printf("      %+.2f %s%s  %.110s\n", evidence.weight(),
                    textlens::v1::Side_Name(evidence.target()).c_str() + 5,
                    evidence.negated() ? " (negated)" : "",
                    evidence.text().c_str());
      }
    }
  }
  std::string majority;
  int best = -1;
  for (const std::string& label : kLabels) {
    if (counts[label] > best) {
      best = counts[label];
      majority = label;
    }
  }
  std::printf("== %s (%zu examples)\n", set_name.c_str(), examples.size());
  Report("stance analyzer", gold, predicted);
  std::printf("-- baseline: always %s\n", majority.c_str());
  Report("majority baseline", gold,
         std::vector<std::string>(gold.size(), majority));
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  const bool verbose = argc > 1 && std::string(argv[1]) == "--verbose";
  const std::string data_dir = textlens::eval::DataDir();
  std::ifstream dev(data_dir + "/stance/dev.jsonl");
  if (!dev) {
    std::fprintf(stderr,
                 "stance_eval: %s/stance/dev.jsonl not found; skipped\n",
                 data_dir.c_str());
    return 77;
  }
  auto preparer = DocumentPreparer::Create();
  auto analyzer = StanceAnalyzer::Create();
  if (!preparer.ok() || !analyzer.ok()) {
    std::cerr << "setup failed: " << preparer.status() << " "
              << analyzer.status() << "\n";
    return 1;
  }

  std::vector<Example> dev_examples;
  std::string line;
  while (std::getline(dev, line)) {
    if (line.empty()) continue;
    auto row = nlohmann::json::parse(line, nullptr, false);
    if (row.is_discarded()) continue;
    dev_examples.push_back({row.value("id", ""), row.value("lang", ""),
                            row.value("text", ""), row.value("stance", "")});
  }

  std::vector<Example> seeds;
  std::ifstream gold_file(data_dir + "/domain/seeds_gold.jsonl");
  while (std::getline(gold_file, line)) {
    if (line.empty()) continue;
    auto row = nlohmann::json::parse(line, nullptr, false);
    if (row.is_discarded()) continue;
    Example example{row.value("doc", ""), row.value("lang", ""), "",
                    row.value("stance", "")};
    // "doc" is relative to the folder that holds data/ and corpus/.
    if (!ReadFile(data_dir + "/../" + example.id, &example.text)) {
      std::fprintf(stderr, "stance_eval: cannot read %s\n", example.id.c_str());
      continue;
    }
    seeds.push_back(std::move(example));
  }

  if (Evaluate("stance/dev.jsonl", dev_examples, **preparer, **analyzer,
               verbose) != 0) {
    return 1;
  }
  if (!seeds.empty() && Evaluate("seeds (domain/seeds_gold.jsonl)", seeds,
                                 **preparer, **analyzer, verbose) != 0) {
    return 1;
  }
  return 0;
}
