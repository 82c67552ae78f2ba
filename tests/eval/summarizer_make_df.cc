// Builds plugins/summarizer/data/df_fr.tsv: the document frequency of every
// content stem over a corpus of French news (OrangeSum's training
// articles), so key phrases can tell general words ("bien", "voir") from
// topical ones. Stems come from the same DocumentPreparer the service uses.
//
// Usage: summarizer_make_df <orangesum jsonl> <out tsv> [min_df]
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <set>
#include <string>

#include "nlohmann/json.hpp"
#include "plugins/sdk/tokens.h"
#include "service/text/document_preparer.h"
#include "service/text/normalizer.h"

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: %s <jsonl> <out.tsv> [min_df]\n", argv[0]);
    return 2;
  }
  const int min_df = argc > 3 ? std::atoi(argv[3]) : 3;
  std::ifstream in(argv[1]);
  if (!in) {
    std::fprintf(stderr, "cannot read %s\n", argv[1]);
    return 1;
  }
  auto preparer = textlens::service::text::DocumentPreparer::Create();
  if (!preparer.ok()) return 1;
  std::map<std::string, int> df;
  int documents = 0;
  std::string line;
  while (std::getline(in, line)) {
    const auto record = nlohmann::json::parse(line, nullptr, false);
    if (record.is_discarded() || !record.contains("document")) continue;
    auto text = textlens::service::text::NormalizeText(
        record["document"].get<std::string>());
    if (!text.ok()) continue;
    auto document = (*preparer)->Prepare(*text, "fr");
    if (!document.ok()) continue;
    std::set<std::string> stems;
    for (const auto& token : textlens::sdk::Tokens(*document)) {
      if (token.kind() == textlens::plugin::v1::TOKEN_KIND_WORD &&
          !token.stopword() && !token.stem().empty()) {
        stems.emplace(token.stem());
      }
    }
    for (const auto& stem : stems) ++df[stem];
    ++documents;
  }
  std::ofstream out(argv[2]);
  out << "#documents\t" << documents << "\n";
  for (const auto& [stem, count] : df) {
    if (count >= min_df) out << stem << "\t" << count << "\n";
  }
  std::fprintf(stderr, "%d documents, %zu stems\n", documents, df.size());
  return 0;
}
