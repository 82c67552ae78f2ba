#include "plugins/stance/side_cues.h"

#include <algorithm>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "plugins/sdk/absl_view.h"
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
  auto longer = [&cues](int a, int b) {
    return cues.cues_[a].words.size() > cues.cues_[b].words.size();
  };
  std::vector<int> prefix_cues;
  for (int i = 0; i < static_cast<int>(cues.cues_.size()); ++i) {
    const std::string& first = cues.cues_[i].words.front();
    if (first.back() == '*') {
      prefix_cues.push_back(i);
    } else {
      cues.by_first_[first].push_back(i);
    }
  }
  // Exact-first cues and prefix cues compete on length: each list holds
  // both, longest first (among equals exact first words ahead of prefixes,
  // then file order), so that matching tries them in that order without
  // merging them per token. A list keeps only the prefix cues that can
  // match its words: the first word itself for by_first_, the first byte
  // for the others.
  std::stable_sort(prefix_cues.begin(), prefix_cues.end(), longer);
  for (auto& [word, indexes] : cues.by_first_) {
    for (int i : prefix_cues) {
      if (WordMatches(cues.cues_[i].words.front(), word)) indexes.push_back(i);
    }
    std::stable_sort(indexes.begin(), indexes.end(), longer);
  }
  for (int i : prefix_cues) {
    const std::string& first = cues.cues_[i].words.front();
    if (first.size() > 1) {  // "abc*": words starting with 'a'
      cues.prefix_first_[static_cast<unsigned char>(first[0])].push_back(i);
    } else {  // "*": every word
      for (auto& list : cues.prefix_first_) list.push_back(i);
    }
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
    const std::string_view first = tokens[i].lower();
    const std::vector<int>* candidates =
        &prefix_first_[first.empty() ? 0
                                     : static_cast<unsigned char>(first[0])];
    if (auto it = by_first_.find(sdk::AbslView(first)); it != by_first_.end()) {
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
