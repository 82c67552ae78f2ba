// Evaluates the stance analyzer on the labelled texts of ../shared/data/stance
// (dev.jsonl and more.jsonl, 170 French and English excerpts) by grouped,
// stratified 5-fold cross-validation: texts from one site or about one event
// (tools/stance_data.h) stay in one fold, labels and languages spread evenly.
// Each fold's model is trained by the trainer's own code on the other four
// folds, its L2 penalty chosen by a cross-validation inside them, so no
// choice sees the fold it is scored on. Prints, for the pooled held-out
// predictions: accuracy, macro-F1, per-label precision / recall and the
// confusion matrix, with the four labels and three-way (PRO_OPEN /
// PRO_CLOSED / OTHER, OTHER being MIXED or NEUTRAL); each fold's macro-F1;
// per language; calibration (accuracy by confidence); next to two baselines
// scored on the same folds: the training folds' majority label, and a naive
// lexicon count (in each sentence that names a side with the analyzer's
// side cues, positive minus negative words of the generic sentiment
// lexicons, added for the open side and subtracted for the closed one; the
// sign of the sum is the label, 0 is NEUTRAL). Then the shipped model on the
// five seed documents (domain/seeds_gold.jsonl), which it never saw.
//
// Data: $TEXTLENS_DATA_DIR (default <repo>/../shared/data). Exit 77 when it
// is missing. Usage: stance_eval [--verbose]
#include <algorithm>
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
#include "plugins/stance/features.h"
#include "plugins/stance/side_cues.h"
#include "plugins/stance/stance.h"
#include "plugins/stance/stance_trainer.h"
#include "plugins/stance/tools/stance_data.h"
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
using textlens::plugins::stance::AssignFolds;
using textlens::plugins::stance::ChoosePenalty;
using textlens::plugins::stance::FitStanceModel;
using textlens::plugins::stance::LabelledText;
using textlens::plugins::stance::MakeExamples;
using textlens::plugins::stance::ModelLabelName;
using textlens::plugins::stance::ReadLabelledTexts;
using textlens::plugins::stance::Side;
using textlens::plugins::stance::SideCues;
using textlens::plugins::stance::StanceAnalyzer;
using textlens::plugins::stance::StanceConfig;
using textlens::plugins::stance::StanceExample;
using textlens::plugins::stance::StanceFeatureNames;
using textlens::plugins::stance::StanceModel;
using textlens::plugins::stance::WordTable;
using textlens::service::text::DocumentPreparer;

const std::array<std::string, 4> kLabels = {"PRO_OPEN", "PRO_CLOSED", "MIXED",
                                            "NEUTRAL"};

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

// Prints the table of `labels` and returns the macro-F1.
double ReportLabels(const std::string& name,
                    const std::vector<std::string>& gold,
                    const std::vector<std::string>& predicted,
                    const std::vector<std::string>& labels, bool print = true) {
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
  if (print) {
    std::printf("  %-11s %9s %9s %9s %8s\n", "label", "precision", "recall",
                "f1", "support");
  }
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
    if (print) {
      std::printf("  %-11s %9.3f %9.3f %9.3f %8d\n", labels[l].c_str(), p, r,
                  f1, support);
    }
  }
  const double macro_f1 = f1_labels ? f1_sum / f1_labels : 0.0;
  if (!print) return macro_f1;
  std::printf("  %s: accuracy %.3f (%d/%zu), macro-F1 %.3f\n", name.c_str(),
              gold.empty() ? 0.0 : static_cast<double>(correct) / gold.size(),
              correct, gold.size(), macro_f1);
  std::printf("  confusion (rows gold, columns predicted in this order)\n");
  for (size_t g = 0; g < n; ++g) {
    std::printf("  %-11s", labels[g].c_str());
    for (size_t k = 0; k < n; ++k) std::printf(" %3d", confusion[g][k]);
    std::printf("\n");
  }
  return macro_f1;
}

std::vector<std::string> ThreeWay(const std::vector<std::string>& labels) {
  std::vector<std::string> out;
  for (const auto& label : labels) out.push_back(ThreeWay(label));
  return out;
}

const std::vector<std::string> kThreeWayLabels = {"PRO_OPEN", "PRO_CLOSED",
                                                  "OTHER"};

// Four labels, then three-way.
void Report(const std::string& name, const std::vector<std::string>& gold,
            const std::vector<std::string>& predicted) {
  ReportLabels(name, gold, predicted,
               std::vector<std::string>(kLabels.begin(), kLabels.end()));
  ReportLabels(name + ", three-way", ThreeWay(gold), ThreeWay(predicted),
               kThreeWayLabels);
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

// The held-out predictions of a cross-validation.
struct CrossValidated {
  std::vector<std::string> predicted;  // the model's label per text
  std::vector<double> confidence;      // its probability
  std::vector<std::string> majority;   // the training folds' majority label
};

CrossValidated CrossValidate(const std::vector<StanceExample>& examples,
                             const std::vector<int>& fold, int k) {
  const std::vector<std::string>& names = StanceFeatureNames();
  CrossValidated out;
  out.predicted.resize(examples.size());
  out.confidence.resize(examples.size());
  out.majority.resize(examples.size());
  for (int f = 0; f < k; ++f) {
    std::vector<StanceExample> train;
    std::array<int, textlens::plugins::stance::kModelLabelCount> counts{};
    for (size_t i = 0; i < examples.size(); ++i) {
      if (fold[i] == f) continue;
      train.push_back(examples[i]);
      ++counts[examples[i].label];
    }
    const double l2 = ChoosePenalty(train, names, k);
    const StanceModel model = FitStanceModel(train, names, l2);
    const int majority = static_cast<int>(
        std::max_element(counts.begin(), counts.end()) - counts.begin());
    std::printf("  fold %d: %zu held out, L2 %g chosen on the other %zu\n", f,
                examples.size() - train.size(), l2, train.size());
    for (size_t i = 0; i < examples.size(); ++i) {
      if (fold[i] != f) continue;
      const auto p = model.Probabilities(examples[i].features);
      const int best =
          static_cast<int>(std::max_element(p.begin(), p.end()) - p.begin());
      out.predicted[i] = std::string(ModelLabelName(best));
      out.confidence[i] = p[best];
      out.majority[i] = std::string(ModelLabelName(majority));
    }
  }
  return out;
}

// The entries of `values` at the indexes where `keep` holds.
template <typename T, typename Keep>
std::vector<T> Select(const std::vector<T>& values, Keep keep) {
  std::vector<T> out;
  for (size_t i = 0; i < values.size(); ++i) {
    if (keep(i)) out.push_back(values[i]);
  }
  return out;
}

// Accuracy of the four labels by confidence.
void ReportCalibration(const std::vector<std::string>& gold,
                       const CrossValidated& cv) {
  std::printf("  calibration: held-out accuracy (four labels) by confidence\n");
  const double edges[] = {0.0, 0.4, 0.5, 0.6, 0.7, 0.8, 1.01};
  for (int b = 0; b + 1 < 7; ++b) {
    int n = 0, right = 0;
    for (size_t i = 0; i < gold.size(); ++i) {
      if (cv.confidence[i] < edges[b] || cv.confidence[i] >= edges[b + 1]) {
        continue;
      }
      ++n;
      right += cv.predicted[i] == gold[i];
    }
    std::printf("    [%.1f, %.1f): %3d texts, accuracy %.3f\n", edges[b],
                std::min(edges[b + 1], 1.0), n, n ? double(right) / n : 0.0);
  }
  int n = 0, right = 0;
  for (size_t i = 0; i < gold.size(); ++i) {
    if (cv.confidence[i] < 0.7) continue;
    ++n;
    right += cv.predicted[i] == gold[i];
  }
  std::printf("  confidence >= 0.7: %d of %zu texts, accuracy %.3f\n", n,
              gold.size(), n ? double(right) / n : 0.0);
}

// The naive baseline's label for each text.
std::vector<std::string> NaiveLabels(const std::vector<LabelledText>& texts,
                                     const DocumentPreparer& preparer) {
  const LexiconCount naive;
  std::vector<std::string> labels;
  for (const LabelledText& text : texts) {
    auto normalized = textlens::service::text::NormalizeText(text.text);
    auto document = normalized.ok() ? preparer.Prepare(*normalized, "")
                                    : normalized.status();
    labels.push_back(document.ok() ? naive.Label(*document) : "NEUTRAL");
  }
  return labels;
}

int EvaluateCrossValidated(const std::vector<LabelledText>& texts,
                           const DocumentPreparer& preparer, bool verbose) {
  constexpr int kFolds = 5;
  auto examples = MakeExamples(texts);
  if (!examples.ok()) {
    std::cerr << examples.status() << "\n";
    return 1;
  }
  const std::vector<int> fold = AssignFolds(*examples, kFolds);
  std::printf(
      "== stance/dev.jsonl + stance/more.jsonl (%zu texts): grouped, "
      "stratified %d-fold cross-validation\n",
      texts.size(), kFolds);
  const CrossValidated cv = CrossValidate(*examples, fold, kFolds);
  std::vector<std::string> gold;
  for (const LabelledText& text : texts) gold.push_back(text.label);
  const std::vector<std::string> naive = NaiveLabels(texts, preparer);
  if (verbose) {
    for (size_t i = 0; i < texts.size(); ++i) {
      std::printf("  %-5s %s fold %d gold %-10s got %-10s conf %.2f\n",
                  texts[i].id.c_str(), texts[i].lang.c_str(), fold[i],
                  gold[i].c_str(), cv.predicted[i].c_str(), cv.confidence[i]);
    }
  }
  Report("stance analyzer (held out)", gold, cv.predicted);
  std::printf("  per fold, three-way / four-label macro-F1:");
  for (int f = 0; f < kFolds; ++f) {
    const auto in_fold = [&](size_t i) { return fold[i] == f; };
    const auto g = Select(gold, in_fold);
    const auto p = Select(cv.predicted, in_fold);
    std::printf(
        " %.3f/%.3f",
        ReportLabels("", ThreeWay(g), ThreeWay(p), kThreeWayLabels, false),
        ReportLabels("", g, p,
                     std::vector<std::string>(kLabels.begin(), kLabels.end()),
                     false));
  }
  std::printf("\n");
  for (const char* lang : {"fr", "en"}) {
    const auto in_lang = [&](size_t i) { return texts[i].lang == lang; };
    std::printf("-- %s only\n", lang);
    Report(std::string("stance analyzer, ") + lang, Select(gold, in_lang),
           Select(cv.predicted, in_lang));
  }
  ReportCalibration(gold, cv);
  std::printf("-- baseline: the training folds' majority label\n");
  Report("majority baseline", gold, cv.majority);
  std::printf(
      "-- baseline: lexicon words counted in sentences naming a side\n");
  Report("naive lexicon baseline", gold, naive);
  return 0;
}

// The shipped model on the seed documents.
int EvaluateSeeds(const std::vector<LabelledText>& seeds,
                  const DocumentPreparer& preparer,
                  const EntityAnalyzer& tagger,
                  const StanceAnalyzer& analyzer) {
  std::vector<std::string> gold, predicted;
  for (const LabelledText& seed : seeds) {
    auto normalized = textlens::service::text::NormalizeText(seed.text);
    auto document = normalized.ok() ? preparer.Prepare(*normalized, "")
                                    : normalized.status();
    if (!document.ok()) {
      std::cerr << seed.id << ": " << document.status() << "\n";
      return 1;
    }
    auto entities = tagger.Analyze(*document, textlens::v1::EntitiesOptions());
    if (!entities.ok()) {
      std::cerr << seed.id << ": " << entities.status() << "\n";
      return 1;
    }
    auto stance = analyzer.Analyze(*document, &*entities, StanceConfig{});
    if (!stance.ok()) {
      std::cerr << seed.id << ": " << stance.status() << "\n";
      return 1;
    }
    gold.push_back(seed.label);
    predicted.push_back(LabelName(stance->label()));
    std::printf("  %s: gold %s, got %s (confidence %.2f, score %+.2f)\n",
                seed.id.c_str(), seed.label.c_str(), predicted.back().c_str(),
                stance->confidence(), stance->score());
  }
  std::printf(
      "== seeds (domain/seeds_gold.jsonl, %zu documents), the shipped "
      "model\n",
      seeds.size());
  Report("stance analyzer", gold, predicted);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  const bool verbose = argc > 1 && std::string(argv[1]) == "--verbose";
  const std::string data_dir = textlens::eval::DataDir();
  auto texts = ReadLabelledTexts(
      {data_dir + "/stance/dev.jsonl", data_dir + "/stance/more.jsonl"});
  if (!texts.ok() && absl::IsNotFound(texts.status())) {
    std::fprintf(stderr, "stance_eval: %s; skipped\n",
                 std::string(texts.status().message()).c_str());
    return 77;
  }
  if (!texts.ok()) {
    std::cerr << texts.status() << "\n";
    return 1;
  }
  auto preparer = DocumentPreparer::Create();
  auto analyzer = StanceAnalyzer::Create();
  auto tagger = EntityAnalyzer::Create();
  if (!preparer.ok() || !analyzer.ok() || !tagger.ok()) {
    std::cerr << "setup failed: " << preparer.status() << " "
              << analyzer.status() << " " << tagger.status() << "\n";
    return 1;
  }
  if (EvaluateCrossValidated(*texts, **preparer, verbose) != 0) return 1;

  std::vector<LabelledText> seeds;
  std::ifstream gold_file(data_dir + "/domain/seeds_gold.jsonl");
  std::string line;
  while (std::getline(gold_file, line)) {
    if (line.empty()) continue;
    auto row = nlohmann::json::parse(line, nullptr, false);
    if (row.is_discarded()) continue;
    LabelledText seed{row.value("doc", ""), row.value("lang", ""), "", "",
                      row.value("stance", "")};
    // "doc" is relative to the folder that holds data/ and corpus/.
    if (!ReadFile(data_dir + "/../" + seed.id, &seed.text)) {
      std::fprintf(stderr, "stance_eval: cannot read %s\n", seed.id.c_str());
      continue;
    }
    seeds.push_back(std::move(seed));
  }
  if (!seeds.empty()) {
    return EvaluateSeeds(seeds, **preparer, **tagger, **analyzer);
  }
  return 0;
}
