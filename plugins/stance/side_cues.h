// SideCues: finds the phrases that say a passage is about open or closed AI
// ("open source", "poids ouverts", "boîte noire", "closed-source"), matched
// on the tokens of the prepared document, longest phrase first.
//
// Thread-safety: immutable after Parse(); Match() may run on many threads.
#ifndef TEXTLENS_PLUGINS_STANCE_SIDE_CUES_H_
#define TEXTLENS_PLUGINS_STANCE_SIDE_CUES_H_

#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "google/protobuf/repeated_field.h"
#include "plugins/sdk/tokens.h"
#include "textlens/plugin/v1/plugin.pb.h"

namespace textlens::plugins::stance {

// The two sides of the debate.
enum class Side { kOpen, kClosed };

// One cue found in a sentence.
struct CueMatch {
  Side side = Side::kOpen;
  int first_token = 0;  // document token index
  int token_count = 0;
  double weight = 0;   // how surely it names the side, (0, 1]
  double valence = 0;  // judgement the phrase carries itself, [-1, 1]
};

class SideCues {
 public:
  // Parses "side<TAB>phrase<TAB>weight<TAB>valence" lines (see
  // data/side_cues.tsv). INVALID_ARGUMENT names the first bad line.
  static absl::StatusOr<SideCues> Parse(std::string_view tsv);

  // Cues among tokens [begin, end), in order, without overlaps; at each
  // position the longest phrase wins.
  std::vector<CueMatch> Match(const sdk::Tokens& tokens, int begin,
                              int end) const;

  size_t size() const { return cues_.size(); }

 private:
  struct Cue {
    Side side;
    std::vector<std::string> words;  // a trailing '*' marks a prefix
    double weight;
    double valence;
  };
  static bool WordMatches(const std::string& pattern, std::string_view lower);

  std::vector<Cue> cues_;
  // First word (without '*') -> the indexes of its cues and of the prefix
  // cues whose first word it matches, longest phrase first.
  absl::flat_hash_map<std::string, std::vector<int>> by_first_;
  // For any other word, by its first byte: the prefix cues whose first word
  // may match it, longest phrase first.
  std::array<std::vector<int>, 256> prefix_first_;
};

}  // namespace textlens::plugins::stance

#endif  // TEXTLENS_PLUGINS_STANCE_SIDE_CUES_H_
