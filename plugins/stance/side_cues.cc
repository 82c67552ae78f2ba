#include "plugins/stance/side_cues.h"

#include <algorithm>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "plugins/stance/word_table.h"

namespace textlens::plugins::stance {

absl::StatusOr<SideCues> SideCues::Parse(std::string_view tsv) {
  SideCues cues;
  for (std::string_view line : DataLines(tsv)) {
    std::vector<std::string_view> fields = SplitFields(line, '\t');
    Cue cue;
    if (fields.size() != 4 || (fields[0] != "open" && fields[0] != "closed") ||
        !ParseDouble(fields[2], &cue.weight) ||
        !ParseDouble(fields[3], &cue.valence) || cue.weight <= 0 ||
        cue.weight > 1) {
      return absl::InvalidArgumentError(
          absl::StrCat("bad side cue line: \"", std::string(line), "\""));
    }
    cue.side = fields[0] == "open" ? Side::kOpen : Side::kClosed;
    for (std::string_view word : SplitFields(fields[1], ' ', true)) {
      cue.words.emplace_back(word);
    }
    if (cue.words.empty()) {
      return absl::InvalidArgumentError(
          absl::StrCat("empty cue: \"", std::string(line), "\""));
    }
    cues.cues_.push_back(std::move(cue));
  }
  for (int i = 0; i < static_cast<int>(cues.cues_.size()); ++i) {
    const std::string& first = cues.cues_[i].words.front();
    if (first.back() == '*') {
      cues.prefix_first_.push_back(i);
    } else {
      cues.by_first_[first].push_back(i);
    }
  }
  auto longer = [&cues](int a, int b) {
    return cues.cues_[a].words.size() > cues.cues_[b].words.size();
  };
  // Exact-first cues and prefix cues compete on length: each word's list
  // holds both, longest first (in file order among equals), so that
  // matching tries them in that order without merging them per token.
  std::stable_sort(cues.prefix_first_.begin(), cues.prefix_first_.end(),
                   longer);
  for (auto& [word, indexes] : cues.by_first_) {
    std::stable_sort(indexes.begin(), indexes.end(), longer);
    indexes.insert(indexes.end(), cues.prefix_first_.begin(),
                   cues.prefix_first_.end());
    std::stable_sort(indexes.begin(), indexes.end(), longer);
  }
  return cues;
}

bool SideCues::WordMatches(const std::string& pattern, std::string_view lower) {
  if (!pattern.empty() && pattern.back() == '*') {
    const size_t n = pattern.size() - 1;
    return lower.size() >= n && lower.compare(0, n, pattern, 0, n) == 0;
  }
  return pattern == lower;
}

std::vector<CueMatch> SideCues::Match(const sdk::Tokens& tokens, int begin,
                                      int end) const {
  std::vector<CueMatch> matches;
  auto try_cue = [&](int cue_index, int at) -> bool {
    const Cue& cue = cues_[cue_index];
    const int n = static_cast<int>(cue.words.size());
    if (at + n > end) return false;
    for (int k = 0; k < n; ++k) {
      if (!WordMatches(cue.words[k], tokens[at + k].lower())) return false;
    }
    matches.push_back({cue.side, at, n, cue.weight, cue.valence});
    return true;
  };
  int i = begin;
  while (i < end) {
    bool found = false;
    const std::vector<int>* candidates = &prefix_first_;
    const std::string_view first = tokens[i].lower();
    if (auto it = by_first_.find(absl::string_view(first.data(), first.size()));
        it != by_first_.end()) {
      candidates = &it->second;
    }
    for (int cue_index : *candidates) {
      if (try_cue(cue_index, i)) {
        found = true;
        break;
      }
    }
    i += found ? matches.back().token_count : 1;
  }
  return matches;
}

}  // namespace textlens::plugins::stance
