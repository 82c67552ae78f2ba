#include "plugins/stance/frames.h"

#include <string>
#include <utility>

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
  // Each frame's words as a WordTable text ("word<TAB>1" lines).
  std::array<std::string, kFrameCount> texts;
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
    absl::StrAppend(&texts[frame], sdk::AbslView(fields[1]), "\t1\n");
  }
  std::array<WordTable, kFrameCount> tables;
  for (int f = 0; f < kFrameCount; ++f) {
    absl::StatusOr<WordTable> table =
        WordTable::Parse(texts[f], {"french", "english"});
    if (!table.ok()) return table.status();
    tables[f] = *std::move(table);
  }
  return Frames(std::move(tables));
}

FrameCounts Frames::Count(const sdk::Tokens& tokens, int begin, int end) const {
  FrameCounts counts{};
  for (int t = begin; t < end; ++t) {
    const sdk::Token token = tokens[t];
    if (token.kind() != plugin::v1::TOKEN_KIND_WORD) continue;
    for (int f = 0; f < kFrameCount; ++f) {
      counts[f] += tables_[f].Find(token).has_value();
    }
  }
  return counts;
}

}  // namespace textlens::plugins::stance
