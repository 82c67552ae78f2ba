// Evaluates the stance analyzer on
//   - stance/dev.jsonl: short excerpts with a stance label;
//   - domain/seeds_gold.jsonl: the five seed documents and their stance;
// with the entities analyzer's result as the service gives it (stance needs
// entities, so the pipeline always runs both), printing accuracy, macro-F1
// (over the labels present in the gold set), per-label precision / recall and
// the confusion matrix, with the four labels and three-way (PRO_OPEN /
// PRO_CLOSED / OTHER, OTHER being MIXED or NEUTRAL), next to two baselines of
// the same run: the majority label, and a naive lexicon count (in each sentence
// that names a side with the analyzer's side cues, positive minus negative
// words of the generic sentiment lexicons, added for the open side and
// subtracted for the closed one; the sign of the sum is the label, 0 is
// NEUTRAL).
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

#include "plugins/entities/entities.h"
#include "plugins/sdk/tokens.h"
#include "plugins/stance/side_cues.h"
#include "plugins/stance/stance.h"
#include "plugins/stance/word_table.h"
#include "service/text/document_preparer.h"
#include "service/text/normalizer.h"
#include "tests/eval/data_dir.h"

namespace textlens::embedded {
std::string_view stance_side_cues();
std::string_view stance_polarity_en();
std::string_view stance_polarity_fr();
}  // namespace textlens::embedded

namespace {

using textlens::sdk::Tokens;

using textlens::plugins::entities::EntityAnalyzer;
using textlens::plugins::stance::Side;
using textlens::plugins::stance::SideCues;
using textlens::plugins::stance::StanceAnalyzer;
using textlens::plugins::stance::StanceConfig;
using textlens::plugins::stance::WordTable;
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

// The three-way label: MIXED and NEUTRAL are OTHER.
std::string ThreeWay(const std::string& label) {
  return label == "PRO_OPEN" || label == "PRO_CLOSED" ? label : "OTHER";
}

void ReportLabels(const std::string& name, const std::vector<std::string>& gold,
                  const std::vector<std::string>& predicted,
                  const std::vector<std::string>& labels) {
  const size_t n = labels.size();
  std::vector<std::vector<int>> confusion(n, std::vector<int>(n, 0));
  const auto index = [&labels](const std::string& label) {
    for (size_t i = 0; i < labels.size(); ++i) {
      if (labels[i] == label) return i;
    }
    return labels.size() - 1;
  };
  int correct = 0;
  for (size_t i = 0; i < gold.size(); ++i) {
    ++confusion[index(gold[i])][index(predicted[i])];
    correct += gold[i] == predicted[i];
  }
  double f1_sum = 0;
  int f1_labels = 0;
  std::printf("  %-11s %9s %9s %9s %8s\n", "label", "precision", "recall", "f1",
              "support");
  for (size_t l = 0; l < n; ++l) {
    int tp = confusion[l][l], predicted_l = 0, support = 0;
    for (size_t k = 0; k < n; ++k) {
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
    std::printf("  %-11s %9.3f %9.3f %9.3f %8d\n", labels[l].c_str(), p, r, f1,
                support);
  }
  std::printf("  %s: accuracy %.3f (%d/%zu), macro-F1 %.3f\n", name.c_str(),
              gold.empty() ? 0.0 : static_cast<double>(correct) / gold.size(),
              correct, gold.size(), f1_labels ? f1_sum / f1_labels : 0.0);
  std::printf("  confusion (rows gold, columns predicted in this order)\n");
  for (size_t g = 0; g < n; ++g) {
    std::printf("  %-11s", labels[g].c_str());
    for (size_t k = 0; k < n; ++k) std::printf(" %3d", confusion[g][k]);
    std::printf("\n");
  }
}

// Four labels, then three-way.
void Report(const std::string& name, const std::vector<std::string>& gold,
            const std::vector<std::string>& predicted) {
  ReportLabels(name, gold, predicted,
               std::vector<std::string>(kLabels.begin(), kLabels.end()));
  std::vector<std::string> gold3, predicted3;
  for (const auto& label : gold) gold3.push_back(ThreeWay(label));
  for (const auto& label : predicted) predicted3.push_back(ThreeWay(label));
  ReportLabels(name + ", three-way", gold3, predicted3,
               {"PRO_OPEN", "PRO_CLOSED", "OTHER"});
}

// The naive baseline of the file comment.
class LexiconCount {
 public:
  LexiconCount()
      : cues_(*SideCues::Parse(textlens::embedded::stance_side_cues())),
        en_(*WordTable::Parse(textlens::embedded::stance_polarity_en(),
                              {"english"})),
        fr_(*WordTable::Parse(textlens::embedded::stance_polarity_fr(),
                              {"french"})) {}

  std::string Label(const textlens::plugin::v1::PreparedDocument& doc) const {
    const WordTable& table = doc.language() == "en" ? en_ : fr_;
    double sum = 0;
    for (const auto& sentence : doc.sentences()) {
      const int begin = static_cast<int>(sentence.first_token());
      const int end = begin + static_cast<int>(sentence.token_count());
      bool open = false, closed = false;
      for (const auto& cue : cues_.Match(Tokens(doc), begin, end)) {
        (cue.side == Side::kOpen ? open : closed) = true;
      }
      if (!open && !closed) continue;
      int words = 0;
      for (int t = begin; t < end; ++t) {
        if (Tokens(doc)[t].stopword()) continue;
        if (auto value = table.Find(Tokens(doc)[t])) {
          words += *value > 0 ? 1 : *value < 0 ? -1 : 0;
        }
      }
      sum += (open ? words : 0) - (closed ? words : 0);
    }
    return sum > 0 ? "PRO_OPEN" : sum < 0 ? "PRO_CLOSED" : "NEUTRAL";
  }

 private:
  SideCues cues_;
  WordTable en_;
  WordTable fr_;
};

int Evaluate(const std::string& set_name, const std::vector<Example>& examples,
             const DocumentPreparer& preparer, const EntityAnalyzer& tagger,
             const StanceAnalyzer& analyzer, const LexiconCount& naive,
             bool verbose) {
  std::vector<std::string> gold, predicted, naive_predicted;
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
    auto entities = tagger.Analyze(*document, textlens::v1::EntitiesOptions());
    if (!entities.ok()) {
      std::cerr << example.id << ": " << entities.status() << "\n";
      return 1;
    }
    auto stance = analyzer.Analyze(*document, &*entities, StanceConfig{});
    if (!stance.ok()) {
      std::cerr << example.id << ": " << stance.status() << "\n";
      return 1;
    }
    gold.push_back(example.gold);
    predicted.push_back(LabelName(stance->label()));
    naive_predicted.push_back(naive.Label(*document));
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
  std::printf(
      "-- baseline: lexicon words counted in sentences naming a side\n");
  Report("naive lexicon baseline", gold, naive_predicted);
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
  auto tagger = EntityAnalyzer::Create();
  if (!preparer.ok() || !analyzer.ok() || !tagger.ok()) {
    std::cerr << "setup failed: " << preparer.status() << " "
              << analyzer.status() << " " << tagger.status() << "\n";
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

  const LexiconCount naive;
  if (Evaluate("stance/dev.jsonl", dev_examples, **preparer, **tagger,
               **analyzer, naive, verbose) != 0) {
    return 1;
  }
  if (!seeds.empty() &&
      Evaluate("seeds (domain/seeds_gold.jsonl)", seeds, **preparer, **tagger,
               **analyzer, naive, verbose) != 0) {
    return 1;
  }
  return 0;
}
