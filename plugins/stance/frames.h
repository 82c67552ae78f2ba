// Frames: the argument frames of the open vs closed AI debate (data/frames.tsv)
// — risk, openness, quality, report, argue, balance — and how many words of
// each a run of tokens holds. The stance model reads these counts as
// features; it learns what each frame weighs from labelled texts.
//
// Thread-safety: immutable after Parse(); Count() may run on many threads.
#ifndef TEXTLENS_PLUGINS_STANCE_FRAMES_H_
#define TEXTLENS_PLUGINS_STANCE_FRAMES_H_

#include <array>
#include <cstdint>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "plugins/sdk/tokens.h"
#include "plugins/stance/word_table.h"

namespace textlens::plugins::stance {

enum class Frame { kRisk, kOpenness, kQuality, kReport, kArgue, kBalance };
inline constexpr int kFrameCount = 6;  // at most 16: a bit each

// The frame's name as data/frames.tsv and the model's features spell it.
std::string_view FrameName(Frame frame);

// Words of each frame, indexed by static_cast<int>(Frame).
using FrameCounts = std::array<int, kFrameCount>;

class Frames {
 public:
  // Parses "frame<TAB>word" lines ('#' starts a comment line; a word ending
  // in '*' is a prefix; words also match by French and English stem). A
  // word listed by several frames counts for each of them.
  // INVALID_ARGUMENT names the first bad line or an unknown frame.
  static absl::StatusOr<Frames> Parse(std::string_view tsv);

  // The frames of each token of `tokens`, one bit per frame
  // (1 << static_cast<int>(Frame)); 0 for tokens that are not words. A token
  // takes the frames of its most specific entry: its form, then the first
  // prefix, then its stem.
  std::vector<uint16_t> Mark(const sdk::Tokens& tokens) const;

  // Adds the frames of tokens [begin, end) of `marks` to `counts`.
  static void Count(const std::vector<uint16_t>& marks, int begin, int end,
                    FrameCounts* counts);

 private:
  explicit Frames(WordTable table) : table_(std::move(table)) {}

  WordTable table_;  // word -> its frames' bits
};

}  // namespace textlens::plugins::stance

#endif  // TEXTLENS_PLUGINS_STANCE_FRAMES_H_
