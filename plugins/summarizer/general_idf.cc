#include "plugins/summarizer/general_idf.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "plugins/sdk/absl_view.h"

namespace textlens::embedded {
std::string_view summarizer_df_fr();
}  // namespace textlens::embedded

namespace textlens::plugins::summarizer {
namespace {

// Each stem's weight, computed once from its document frequency.
struct DfTable {
  absl::flat_hash_map<std::string, double> weight;
};

// Parses "#documents\tN" then "stem\tdf" lines; malformed lines are skipped
// (the file is built by tests/eval/summarizer_make_df.cc).
DfTable Parse(std::string_view data) {
  DfTable table;
  double documents = 0.0;
  std::vector<std::pair<std::string, double>> df;
  size_t pos = 0;
  while (pos < data.size()) {
    size_t end = data.find('\n', pos);
    if (end == std::string_view::npos) end = data.size();
    const std::string_view line = data.substr(pos, end - pos);
    pos = end + 1;
    const size_t tab = line.find('\t');
    if (tab == std::string_view::npos || tab == 0) continue;
    const double value =
        std::strtod(std::string(line.substr(tab + 1)).c_str(), nullptr);
    if (line.substr(0, tab) == "#documents") {
      documents = value;
    } else if (value > 0) {
      df.emplace_back(line.substr(0, tab), value);
    }
  }
  if (documents <= 0) return table;
  const double unseen = std::log(documents + 1.0) + 1.0;
  for (const auto& [stem, frequency] : df) {
    const double idf = std::log((documents + 1.0) / (frequency + 1.0)) + 1.0;
    // The first line of a stem wins.
    table.weight.emplace(stem, std::min(1.0, idf / unseen));
  }
  return table;
}

const DfTable& French() {
  static const DfTable* table =
      new DfTable(Parse(textlens::embedded::summarizer_df_fr()));
  return *table;
}

}  // namespace

double GeneralIdfWeight(std::string_view language, std::string_view stem) {
  if (language != "fr") return 1.0;
  const DfTable& table = French();
  auto it = table.weight.find(sdk::AbslView(stem));
  return it == table.weight.end() ? 1.0 : it->second;
}

}  // namespace textlens::plugins::summarizer
