// textlens-train-stance: trains the stance analyzer's model from labelled
// texts (jsonl: id, lang, url, text, stance). The L2 penalty is chosen by a
// grouped, stratified 5-fold cross-validation over the same texts (lowest
// log-loss), then the model is fitted on all of them. Deterministic: the
// same texts give the same file, byte for byte.
//
// Usage (one command line):
//   textlens-train-stance
//       --data=../shared/data/stance/dev.jsonl,../shared/data/stance/more.jsonl
//       --out=plugins/stance/data/stance_model.tsv
#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "plugins/stance/features.h"
#include "plugins/stance/stance_trainer.h"
#include "plugins/stance/tools/stance_data.h"

ABSL_FLAG(std::string, data, "", "labelled texts, comma-separated jsonl files");
ABSL_FLAG(std::string, out, "", "model file to write");
ABSL_FLAG(int, folds, 5, "folds of the cross-validation choosing the penalty");
ABSL_FLAG(std::string, features_out, "",
          "also write each text's features, label and group as TSV here");

namespace stance = textlens::plugins::stance;

int main(int argc, char** argv) {
  absl::ParseCommandLine(argc, argv);
  const std::string out_path = absl::GetFlag(FLAGS_out);
  const std::vector<std::string> paths =
      absl::StrSplit(absl::GetFlag(FLAGS_data), ',', absl::SkipEmpty());
  if (paths.empty() || out_path.empty()) {
    std::fprintf(stderr,
                 "usage: textlens-train-stance --data=A.jsonl[,B.jsonl] "
                 "--out=MODEL.tsv\n");
    return 2;
  }
  auto texts = stance::ReadLabelledTexts(paths);
  if (!texts.ok()) {
    std::fprintf(stderr, "%s\n", std::string(texts.status().message()).c_str());
    return 1;
  }
  auto examples = stance::MakeExamples(*texts);
  if (!examples.ok()) {
    std::fprintf(stderr, "%s\n",
                 std::string(examples.status().message()).c_str());
    return 1;
  }
  const std::vector<std::string>& names = stance::StanceFeatureNames();
  if (const std::string path = absl::GetFlag(FLAGS_features_out);
      !path.empty()) {
    std::ofstream table(path, std::ios::binary | std::ios::trunc);
    table << "id\tlabel\tgroup\tstratum";
    for (const std::string& name : names) table << "\t" << name;
    table << "\n";
    for (size_t i = 0; i < examples->size(); ++i) {
      const stance::StanceExample& e = (*examples)[i];
      table << (*texts)[i].id << "\t" << (*texts)[i].label << "\t" << e.group
            << "\t" << e.stratum;
      for (double x : e.features) table << "\t" << x;
      table << "\n";
    }
  }
  const double l2 =
      stance::ChoosePenalty(*examples, names, absl::GetFlag(FLAGS_folds));
  const stance::StanceModel model =
      stance::FitStanceModel(*examples, names, l2);
  std::string header =
      "# The stance analyzer's model: multinomial logistic regression over\n"
      "# the features of plugins/stance/features.h. Written by\n"
      "# textlens-train-stance (plugins/stance/tools/train_stance.cc), see\n"
      "# plugins/stance/data/README.md; do not edit.\n";
  absl::StrAppend(&header, "# ", examples->size(), " labelled texts; L2 ", l2,
                  " chosen by grouped ", absl::GetFlag(FLAGS_folds),
                  "-fold cross-validation\n");
  std::ofstream out(out_path, std::ios::binary | std::ios::trunc);
  out << model.Serialize(header);
  if (!out.flush()) {
    std::fprintf(stderr, "%s: cannot write\n", out_path.c_str());
    return 1;
  }
  std::printf("%zu texts, %zu features, L2 %g: wrote %s\n", examples->size(),
              names.size(), l2, out_path.c_str());
  return 0;
}
