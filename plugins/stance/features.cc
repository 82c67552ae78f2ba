#include "plugins/stance/features.h"

#include <algorithm>
#include <cmath>

#include "absl/strings/str_cat.h"
#include "plugins/sdk/absl_view.h"

namespace textlens::plugins::stance {
namespace {

// Scale of the tanh that squashes net evidence (as the score does).
constexpr double kNetScale = 1.5;

double Rate(double count, double per) { return per > 0 ? count / per : 0; }

}  // namespace

const std::vector<std::string>& StanceFeatureNames() {
  static const std::vector<std::string>* const names = [] {
    auto* out = new std::vector<std::string>{
        "on_topic",       "log_sentences",    "quoted_share",
        "pro_open",       "pro_closed",       "net",
        "balance",        "weaker_side",      "log_evidence",
        "open_sentences", "closed_sentences", "both_sentences",
        "open_sentiment", "closed_sentiment", "open_entities",
        "closed_entities"};
    for (const char* where : {"text", "open", "closed"}) {
      for (int f = 0; f < kFrameCount; ++f) {
        out->push_back(absl::StrCat(
            sdk::AbslView(FrameName(static_cast<Frame>(f))), "_", where));
      }
    }
    return out;
  }();
  return *names;
}

std::vector<double> StanceFeatures(const DocumentEvidence& e) {
  const double sentences = std::max(e.sentences, 1);
  const double total = e.pro_open + e.pro_closed;
  const double net = e.pro_open - e.pro_closed;
  std::vector<double> x = {e.on_topic ? 1.0 : 0.0,
                           std::log1p(e.sentences),
                           Rate(e.quoted, sentences),
                           e.pro_open,
                           e.pro_closed,
                           std::tanh(net / kNetScale),
                           total > 0 ? net / total : 0,
                           std::min(e.pro_open, e.pro_closed),
                           std::log1p(total),
                           Rate(e.open_sentences, sentences),
                           Rate(e.closed_sentences, sentences),
                           Rate(e.both_sentences, sentences),
                           e.open_sentiment,
                           e.closed_sentiment,
                           Rate(e.open_entities, sentences),
                           Rate(e.closed_entities, sentences)};
  // Frame words per 100 words of the text.
  const double per = e.words / 100.0;
  for (const FrameCounts* counts :
       {&e.frames, &e.open_frames, &e.closed_frames}) {
    for (int count : *counts) x.push_back(Rate(count, per));
  }
  return x;
}

}  // namespace textlens::plugins::stance
