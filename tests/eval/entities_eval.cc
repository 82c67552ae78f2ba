// Evaluates the entities analyzer (no server): DocumentPreparer + analyzer on
// (a) the five seed documents against domain/seeds_gold.jsonl, precision,
// recall and F1 over distinct (text, type) pairs, overall and per type; and
// (b) WikiNEuRal fr and en validation sentences, span-level P/R/F1 for
// PER/ORG/LOC. Reads $TEXTLENS_DATA_DIR (default <repo>/../shared/data);
// exits 77 when it is missing. `--verbose` lists the errors; `--dump PATH
// LANG` prints the entities of one file.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "nlohmann/json.hpp"
#include "plugins/entities/entities.h"
#include "service/text/document_preparer.h"
#include "service/text/normalizer.h"
#include "tests/eval/data_dir.h"

namespace {

using textlens::plugins::entities::EntityAnalyzer;
using textlens::service::text::DocumentPreparer;

struct Counts {
  int tp = 0, fp = 0, fn = 0;
  void Print(const std::string& name) const {
    const double p = tp + fp > 0 ? static_cast<double>(tp) / (tp + fp) : 0;
    const double r = tp + fn > 0 ? static_cast<double>(tp) / (tp + fn) : 0;
    const double f = p + r > 0 ? 2 * p * r / (p + r) : 0;
    std::printf("  %-14s P=%.3f R=%.3f F1=%.3f (tp=%d fp=%d fn=%d)\n",
                name.c_str(), p, r, f, tp, fp, fn);
  }
};

bool ReadFile(const std::string& path, std::string* out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::stringstream buffer;
  buffer << in.rdbuf();
  *out = buffer.str();
  return true;
}

std::string TypeName(textlens::v1::EntityType type) {
  std::string name = textlens::v1::EntityType_Name(type);
  return name.substr(std::string("ENTITY_TYPE_").size());
}

absl::StatusOr<textlens::v1::Entities> Run(const DocumentPreparer& preparer,
                                           const EntityAnalyzer& analyzer,
                                           const std::string& normalized,
                                           const std::string& language) {
  auto doc = preparer.Prepare(normalized, language);
  if (!doc.ok()) return doc.status();
  return analyzer.Analyze(*doc, textlens::v1::EntitiesOptions());
}

int EvalSeeds(const std::string& data_dir, const DocumentPreparer& preparer,
              const EntityAnalyzer& analyzer, bool verbose) {
  std::ifstream gold_file(data_dir + "/domain/seeds_gold.jsonl");
  if (!gold_file) {
    std::printf("seeds: no gold file, skipped\n");
    return 0;
  }
  Counts total;
  std::map<std::string, Counts> per_type;
  std::string line;
  while (std::getline(gold_file, line)) {
    if (line.empty()) continue;
    const auto gold = nlohmann::json::parse(line);
    std::string raw;
    const std::string doc_path =
        data_dir + "/../" + gold.at("doc").get<std::string>();
    if (!ReadFile(doc_path, &raw)) {
      std::printf("seeds: cannot read %s\n", doc_path.c_str());
      return 1;
    }
    auto normalized = textlens::service::text::NormalizeText(raw);
    if (!normalized.ok()) return 1;
    auto entities =
        Run(preparer, analyzer, *normalized, gold.value("lang", std::string()));
    if (!entities.ok()) {
      std::printf("seeds: %s\n",
                  std::string(entities.status().message()).c_str());
      return 1;
    }
    std::set<std::pair<std::string, std::string>> expected, found;
    for (const auto& entity : gold.at("entities")) {
      expected.emplace(entity.at("text").get<std::string>(),
                       entity.at("type").get<std::string>());
    }
    for (const auto& entity : entities->entities()) {
      for (const auto& mention : entity.mentions()) {
        found.emplace(mention.text(), TypeName(entity.type()));
      }
    }
    if (verbose) {
      std::printf("%s\n", gold.at("doc").get<std::string>().c_str());
      for (const auto& entity : entities->entities()) {
        std::printf("    %.3f %-28s %-12s x%d %s\n", entity.salience(),
                    entity.canonical_name().c_str(),
                    TypeName(entity.type()).c_str(), entity.mentions_size(),
                    entity.normalized_value().c_str());
      }
    }
    for (const auto& item : found) {
      const bool hit = expected.count(item) > 0;
      (hit ? total.tp : total.fp)++;
      (hit ? per_type[item.second].tp : per_type[item.second].fp)++;
      if (verbose && !hit) {
        std::printf("  FP %s [%s]\n", item.first.c_str(), item.second.c_str());
      }
    }
    for (const auto& item : expected) {
      if (found.count(item) > 0) continue;
      total.fn++;
      per_type[item.second].fn++;
      if (verbose) {
        std::printf("  FN %s [%s]\n", item.first.c_str(), item.second.c_str());
      }
    }
  }
  std::printf("seeds (distinct (text, type) pairs):\n");
  total.Print("all");
  for (const auto& [type, counts] : per_type) counts.Print(type);
  return 0;
}

int EvalWikiNeural(const std::string& path, const std::string& language,
                   const DocumentPreparer& preparer,
                   const EntityAnalyzer& analyzer, bool verbose) {
  int shown = 0;
  std::ifstream in(path);
  if (!in) {
    std::printf("wikineural %s: missing, skipped\n", language.c_str());
    return 0;
  }
  std::map<std::string, Counts> per_type;
  Counts total;  // PER, ORG and LOC
  int index = -1, sentences = 0, skipped = 0;
  long words = 0;
  double prepare_seconds = 0, analyze_seconds = 0;
  std::vector<std::pair<std::string, std::string>> tokens;  // text, tag
  const auto flush = [&]() -> int {
    if (tokens.empty()) return 0;
    // Sentence i is held out from the tagger's training when i % 10 == 9
    // (the trainer's rule); only those are scored.
    if (++index % 10 != 9) {
      tokens.clear();
      return 0;
    }
    std::string text;
    std::vector<size_t> begins;
    // The sentence as it was written: no space before closing punctuation
    // or after an elision ("d'", "l'") or an opening bracket.
    bool glue_next = true;
    for (const auto& [token, tag] : tokens) {
      static const std::set<std::string> kClosing = {",", ".", ")",
                                                     "]", "%", "'s"};
      if (!glue_next && kClosing.count(token) == 0) text.push_back(' ');
      begins.push_back(text.size());
      text += token;
      glue_next =
          token == "(" || token == "[" ||
          (token.size() >= 2 && token.back() == '\'' && token.size() <= 3);
    }
    // Gold spans: (begin, end, type).
    std::set<std::tuple<size_t, size_t, std::string>> gold, found;
    for (size_t i = 0; i < tokens.size(); ++i) {
      const std::string& tag = tokens[i].second;
      if (tag.size() < 3 || tag[0] != 'B') continue;
      const std::string type = tag.substr(2);
      size_t j = i;
      while (j + 1 < tokens.size() && tokens[j + 1].second == "I-" + type) ++j;
      gold.emplace(begins[i], begins[j] + tokens[j].first.size(), type);
    }
    const size_t sentence_words = tokens.size();
    tokens.clear();
    auto normalized = textlens::service::text::NormalizeText(text);
    if (!normalized.ok() || *normalized != text) {
      ++skipped;
      return 0;
    }
    // Text preparation (tokens, sentences) and the analyzer, timed apart.
    const auto start = std::chrono::steady_clock::now();
    auto doc = preparer.Prepare(text, language);
    const auto prepared = std::chrono::steady_clock::now();
    if (!doc.ok()) return 1;
    auto entities = analyzer.Analyze(*doc, textlens::v1::EntitiesOptions());
    const auto analyzed = std::chrono::steady_clock::now();
    prepare_seconds += std::chrono::duration<double>(prepared - start).count();
    analyze_seconds +=
        std::chrono::duration<double>(analyzed - prepared).count();
    words += static_cast<long>(sentence_words);
    if (!entities.ok()) return 1;
    for (const auto& entity : entities->entities()) {
      std::string type;
      switch (entity.type()) {
        case textlens::v1::ENTITY_TYPE_PERSON:
          type = "PER";
          break;
        case textlens::v1::ENTITY_TYPE_ORGANIZATION:
          type = "ORG";
          break;
        case textlens::v1::ENTITY_TYPE_LOCATION:
          type = "LOC";
          break;
        case textlens::v1::ENTITY_TYPE_MISC:
        case textlens::v1::ENTITY_TYPE_PRODUCT:
        case textlens::v1::ENTITY_TYPE_EVENT:
          type = "MISC";
          break;
        default:
          continue;
      }
      for (const auto& mention : entity.mentions()) {
        found.emplace(mention.span().begin(), mention.span().end(), type);
      }
    }
    const auto headline = [](const std::string& type) {
      return type != "MISC";
    };
    for (const auto& item : found) {
      const bool hit = gold.count(item) > 0;
      if (headline(std::get<2>(item))) (hit ? total.tp : total.fp)++;
      (hit ? per_type[std::get<2>(item)].tp : per_type[std::get<2>(item)].fp)++;
      if (verbose && !hit && shown++ < 60) {
        std::printf("  FP %s [%s]\n",
                    text.substr(std::get<0>(item),
                                std::get<1>(item) - std::get<0>(item))
                        .c_str(),
                    std::get<2>(item).c_str());
      }
    }
    for (const auto& item : gold) {
      if (found.count(item) > 0) continue;
      if (headline(std::get<2>(item))) total.fn++;
      per_type[std::get<2>(item)].fn++;
      if (verbose && shown++ < 60) {
        std::printf("  FN %s [%s]\n",
                    text.substr(std::get<0>(item),
                                std::get<1>(item) - std::get<0>(item))
                        .c_str(),
                    std::get<2>(item).c_str());
      }
    }
    ++sentences;
    return 0;
  };
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty()) {
      if (flush() != 0) return 1;
      continue;
    }
    std::istringstream fields(line);
    std::string index, token, tag;
    if (!(fields >> index >> token >> tag)) continue;
    tokens.emplace_back(token, tag);
  }
  if (flush() != 0) return 1;
  std::printf(
      "wikineural %s, held-out sentences (i %% 10 == 9): %d scored, %d "
      "skipped; exact spans; one thread: %.0f words/s for the analyzer "
      "(tagger, knowledge base, patterns), %.0f words/s with text "
      "preparation\n",
      language.c_str(), sentences, skipped,
      words / std::max(analyze_seconds, 1e-9),
      words / std::max(analyze_seconds + prepare_seconds, 1e-9));
  total.Print("PER/ORG/LOC");
  for (const auto& [type, counts] : per_type) counts.Print(type);
  return 0;
}

}  // namespace

// Prints the entities of one file: `--dump PATH LANG`, for checking by eye.
int Dump(const std::string& path, const std::string& language) {
  std::string raw;
  if (!ReadFile(path, &raw)) return 1;
  auto normalized = textlens::service::text::NormalizeText(raw);
  auto preparer = DocumentPreparer::Create();
  auto analyzer = EntityAnalyzer::Create();
  if (!normalized.ok() || !preparer.ok() || !analyzer.ok()) return 1;
  auto entities = Run(**preparer, **analyzer, *normalized, language);
  if (!entities.ok()) return 1;
  for (const auto& entity : entities->entities()) {
    std::printf("%.3f %-26s %-12s %s:", entity.salience(),
                entity.canonical_name().c_str(),
                TypeName(entity.type()).c_str(),
                entity.normalized_value().c_str());
    for (const auto& mention : entity.mentions()) {
      std::printf(" [%s %.2f]", mention.text().c_str(), mention.confidence());
    }
    std::printf("\n");
  }
  return 0;
}

int main(int argc, char** argv) {
  bool verbose = false;
  for (int i = 1; i < argc; ++i) {
    if (std::string(argv[i]) == "--verbose") verbose = true;
    if (std::string(argv[i]) == "--dump" && i + 2 < argc) {
      return Dump(argv[i + 1], argv[i + 2]);
    }
  }
  const std::string data_dir = textlens::eval::DataDir();
  std::ifstream probe(data_dir + "/README.md");
  if (!probe) {
    std::printf("entities_eval: data dir %s missing; skipping\n",
                data_dir.c_str());
    return 77;
  }
  auto preparer = DocumentPreparer::Create();
  auto analyzer = EntityAnalyzer::Create();
  if (!preparer.ok() || !analyzer.ok()) {
    std::printf("entities_eval: setup failed\n");
    return 1;
  }
  if (EvalSeeds(data_dir, **preparer, **analyzer, verbose) != 0) return 1;
  for (const char* language : {"fr", "en"}) {
    const std::string path =
        data_dir + "/ner/wikineural_" + language + "_val.conllu";
    if (EvalWikiNeural(path, language, **preparer, **analyzer, verbose) != 0) {
      return 1;
    }
  }
  return 0;
}
