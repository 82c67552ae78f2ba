#include "plugins/stance/frames.h"

#include <optional>
#include <string>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "plugins/sdk/absl_view.h"

namespace textlens::plugins::stance {
namespace {

constexpr std::array<std::string_view, kFrameCount> kNames = {
    "risk", "openness", "quality", "report", "argue", "balance"};

}  // namespace

std::string_view FrameName(Frame frame) {
  return kNames[static_cast<int>(frame)];
}

absl::StatusOr<Frames> Frames::Parse(std::string_view tsv) {
  // Each word's frames, in the order of first appearance (the first prefix
  // that matches wins, as in any WordTable).
  std::vector<std::string> words;
  absl::flat_hash_map<std::string, int> bits;
  int line_number = 0;
  for (std::string_view line : SplitFields(tsv, '\n')) {
    ++line_number;
    if (line.empty() || line.front() == '#') continue;
    const std::vector<std::string_view> fields = SplitFields(line, '\t');
    int frame = -1;
    for (int f = 0; f < kFrameCount && fields.size() == 2; ++f) {
      if (fields[0] == kNames[f]) frame = f;
    }
    if (frame < 0 || fields[1].empty()) {
      return absl::InvalidArgumentError(
          absl::StrCat("frames line ", line_number,
                       ": expected a known frame and a word: \"",
                       sdk::AbslView(line), "\""));
    }
    auto [it, added] = bits.try_emplace(std::string(fields[1]), 0);
    if (added) words.push_back(it->first);
    it->second |= 1 << frame;
  }
  std::string text;
  for (const std::string& word : words) {
    absl::StrAppend(&text, word, "\t", bits[word], "\n");
  }
  absl::StatusOr<WordTable> table =
      WordTable::Parse(text, {"french", "english"});
  if (!table.ok()) return table.status();
  return Frames(*std::move(table));
}

std::vector<uint16_t> Frames::Mark(const sdk::Tokens& tokens) const {
  std::vector<uint16_t> marks(tokens.size(), 0);
  for (int t = 0; t < static_cast<int>(tokens.size()); ++t) {
    const sdk::Token token = tokens[t];
    if (token.kind() != plugin::v1::TOKEN_KIND_WORD) continue;
    if (const std::optional<double> value = table_.Find(token)) {
      marks[t] = static_cast<uint16_t>(*value);
    }
  }
  return marks;
}

void Frames::Count(const std::vector<uint16_t>& marks, int begin, int end,
                   FrameCounts* counts) {
  for (int t = begin; t < end; ++t) {
    if (marks[t] == 0) continue;
    for (int f = 0; f < kFrameCount; ++f) (*counts)[f] += (marks[t] >> f) & 1;
  }
}

}  // namespace textlens::plugins::stance
