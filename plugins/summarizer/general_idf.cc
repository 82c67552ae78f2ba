#include "plugins/summarizer/general_idf.h"

#include <cmath>
#include <cstdlib>
#include <unordered_map>

namespace textlens::embedded {
std::string_view summarizer_df_fr();
}  // namespace textlens::embedded

namespace textlens::plugins::summarizer {
namespace {

struct DfTable {
  double documents = 0.0;
  std::unordered_map<std::string, double> df;
};

// Parses "#documents\tN" then "stem\tdf" lines; malformed lines are skipped
// (the file is built by tests/eval/summarizer_make_df.cc).
DfTable Parse(std::string_view data) {
  DfTable table;
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
      table.documents = value;
    } else if (value > 0) {
      table.df.emplace(std::string(line.substr(0, tab)), value);
    }
  }
  return table;
}

const DfTable& French() {
  static const DfTable* table =
      new DfTable(Parse(textlens::embedded::summarizer_df_fr()));
  return *table;
}

}  // namespace

double GeneralIdfWeight(std::string_view language, const std::string& stem) {
  if (language != "fr") return 1.0;
  const DfTable& table = French();
  if (table.documents <= 0) return 1.0;
  auto it = table.df.find(stem);
  if (it == table.df.end()) return 1.0;
  const double unseen = std::log(table.documents + 1.0) + 1.0;
  const double idf =
      std::log((table.documents + 1.0) / (it->second + 1.0)) + 1.0;
  return std::min(1.0, idf / unseen);
}

}  // namespace textlens::plugins::summarizer
