// The labelled stance texts (jsonl lines with id, lang, url, text and stance,
// as in ../shared/data/stance/) turned into training examples the way the
// service sees a document: normalized, prepared with its language detected,
// tagged by the entities analyzer, then the stance analyzer's features.
// Shared by textlens-train-stance and the evaluation.
//
// Thread-compatible.
#ifndef TEXTLENS_PLUGINS_STANCE_TOOLS_STANCE_DATA_H_
#define TEXTLENS_PLUGINS_STANCE_TOOLS_STANCE_DATA_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "plugins/stance/stance_trainer.h"

namespace textlens::plugins::stance {

struct LabelledText {
  std::string id;
  std::string lang;  // "fr" or "en"
  std::string url;
  std::string text;
  std::string label;  // NEUTRAL, PRO_OPEN, PRO_CLOSED or MIXED
};

// Reads the texts of each file in `paths`, in order. NOT_FOUND if a file
// cannot be read; INVALID_ARGUMENT names a line that does not parse or has
// an unknown label.
absl::StatusOr<std::vector<LabelledText>> ReadLabelledTexts(
    const std::vector<std::string>& paths);

// The examples of `texts` (same order): features as the service computes
// them, label, stratum (label and language) and group (GroupTexts over the
// URLs' hosts and the prepared words). INTERNAL if a stage fails.
absl::StatusOr<std::vector<StanceExample>> MakeExamples(
    const std::vector<LabelledText>& texts);

// The index of `label` in kModelLabels, or -1.
int ModelLabelIndex(std::string_view label);

}  // namespace textlens::plugins::stance

#endif  // TEXTLENS_PLUGINS_STANCE_TOOLS_STANCE_DATA_H_
