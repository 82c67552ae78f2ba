// The document features the stance model decides on: what the sentence-level
// analysis found (evidence for each side, the sides named, their sentiment,
// quotation) and the argument frames' words in the whole text and in the
// sentences that name each side. Counts are rates (per sentence or per 100
// words) so that a long article and a short post compare.
//
// Thread-safety: plain functions and values.
#ifndef TEXTLENS_PLUGINS_STANCE_FEATURES_H_
#define TEXTLENS_PLUGINS_STANCE_FEATURES_H_

#include <cstdint>
#include <string>
#include <vector>

#include "plugins/stance/frames.h"

namespace textlens::plugins::stance {

// What the analyzer gathered from one document.
struct DocumentEvidence {
  bool on_topic = false;   // some sentence names a side surely
  int sentences = 0;       // all sentences of the document
  int words = 0;           // word tokens
  int quoted = 0;          // sentences inside a quotation
  double pro_open = 0;     // summed pro-open evidence of the sentences
  double pro_closed = 0;   // summed pro-closed evidence
  int open_sentences = 0;  // sentences that name the open side themselves
  int closed_sentences = 0;
  int both_sentences = 0;     // sentences that name both
  double open_sentiment = 0;  // mean polarity toward each side, (-1, 1)
  double closed_sentiment = 0;
  int open_entities = 0;        // mentions of entities publishing open weights
  int closed_entities = 0;      // mentions of closed ones
  FrameCounts frames{};         // frame words in the whole text
  FrameCounts open_frames{};    // in the sentences naming the open side
  FrameCounts closed_frames{};  // in those naming the closed side
};

// The features' names, in the order of StanceFeatures().
const std::vector<std::string>& StanceFeatureNames();

// The feature vector of `evidence`.
std::vector<double> StanceFeatures(const DocumentEvidence& evidence);

}  // namespace textlens::plugins::stance

#endif  // TEXTLENS_PLUGINS_STANCE_FEATURES_H_
