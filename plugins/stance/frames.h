// Frames: the argument frames of the open vs closed AI debate (data/frames.tsv)
// — risk, openness, quality, report, argue, balance — and how many words of
// each a run of tokens holds. The stance model reads these counts as
// features; it learns what each frame weighs from labelled texts.
//
// Thread-safety: immutable after Parse(); Count() may run on many threads.
#ifndef TEXTLENS_PLUGINS_STANCE_FRAMES_H_
#define TEXTLENS_PLUGINS_STANCE_FRAMES_H_

#include <array>
#include <string_view>

#include "absl/status/statusor.h"
#include "plugins/sdk/tokens.h"
#include "plugins/stance/word_table.h"

namespace textlens::plugins::stance {

enum class Frame { kRisk, kOpenness, kQuality, kReport, kArgue, kBalance };
inline constexpr int kFrameCount = 6;

// The frame's name as data/frames.tsv and the model's features spell it.
std::string_view FrameName(Frame frame);

// Words of each frame, indexed by static_cast<int>(Frame).
using FrameCounts = std::array<int, kFrameCount>;

class Frames {
 public:
  // Parses "frame<TAB>word" lines ('#' starts a comment line; a word ending
  // in '*' is a prefix; words also match by French and English stem).
  // INVALID_ARGUMENT names the first bad line or an unknown frame.
  static absl::StatusOr<Frames> Parse(std::string_view tsv);

  // The words of each frame among tokens [begin, end); a word counts for
  // every frame that lists it.
  FrameCounts Count(const sdk::Tokens& tokens, int begin, int end) const;

 private:
  explicit Frames(std::array<WordTable, kFrameCount> tables)
      : tables_(std::move(tables)) {}

  std::array<WordTable, kFrameCount> tables_;
};

}  // namespace textlens::plugins::stance

#endif  // TEXTLENS_PLUGINS_STANCE_FRAMES_H_
