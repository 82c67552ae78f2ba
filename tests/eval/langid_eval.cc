// Evaluates LanguageDetector on Wikipedia sentences (shared evaluation data,
// CC BY-NC-SA: read at run time, never copied into the project).
//
// Usage: langid_eval [path/to/wikipedia_sentences.jsonl]
// Default: $TEXTLENS_DATA_DIR/langid/wikipedia_sentences.jsonl, with
// TEXTLENS_DATA_DIR defaulting to ../shared/data beside the repository.
// Exit code 77 (skipped) when the file is missing.
#include <array>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <string>

#include "nlohmann/json.hpp"
#include "service/text/language_detector.h"
#include "tests/eval/data_dir.h"

namespace {

struct Counts {
  int total = 0;
  int correct = 0;
  int called_fr = 0;
  int called_en = 0;
  int und = 0;
};

}  // namespace

int main(int argc, char** argv) {
  const std::string path = argc > 1 ? argv[1]
                                    : textlens::eval::DataDir() +
                                          "/langid/wikipedia_sentences.jsonl";
  std::ifstream in(path);
  if (!in) {
    std::fprintf(stderr, "langid_eval: %s not found, skipping\n", path.c_str());
    return 77;
  }
  auto detector = textlens::service::text::LanguageDetector::Create();
  if (!detector.ok()) {
    std::fprintf(stderr, "langid_eval: %s\n",
                 std::string(detector.status().message()).c_str());
    return 1;
  }

  std::map<std::string, Counts> by_lang;
  constexpr std::array<size_t, 3> kMinLengths = {0, 40, 100};
  std::array<Counts, 3> by_length{};
  std::map<std::string, std::array<Counts, 3>> by_lang_length;
  std::string line;
  double seconds = 0;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    nlohmann::json record = nlohmann::json::parse(line, nullptr, false);
    if (record.is_discarded() || !record.contains("lang") ||
        !record.contains("text")) {
      std::fprintf(stderr, "langid_eval: skipping a malformed line\n");
      continue;
    }
    const std::string lang = record["lang"].get<std::string>();
    const std::string text = record["text"].get<std::string>();
    const auto start = std::chrono::steady_clock::now();
    const auto guess = (*detector)->Detect(text);
    seconds +=
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
            .count();
    // Accuracy by length, in characters (code points): all, 40+, 100+.
    size_t chars = 0;
    for (unsigned char byte : text) chars += (byte & 0xC0) != 0x80;
    for (size_t bucket = 0; bucket < kMinLengths.size(); ++bucket) {
      if (chars < kMinLengths[bucket]) continue;
      ++by_length[bucket].total;
      by_length[bucket].correct += guess.code == lang;
      ++by_lang_length[lang][bucket].total;
      by_lang_length[lang][bucket].correct += guess.code == lang;
    }
    Counts& c = by_lang[lang];
    ++c.total;
    c.correct += guess.code == lang;
    c.called_fr += guess.code == "fr";
    c.called_en += guess.code == "en";
    c.und += guess.code == "und";
  }

  Counts all;
  std::printf("%-5s %6s %9s %9s %9s %7s\n", "lang", "n", "accuracy", "as_fr",
              "as_en", "und");
  for (const auto& [lang, c] : by_lang) {
    std::printf("%-5s %6d %8.2f%% %8.2f%% %8.2f%% %6.2f%%\n", lang.c_str(),
                c.total, 100.0 * c.correct / c.total,
                lang == "fr" ? 0.0 : 100.0 * c.called_fr / c.total,
                lang == "en" ? 0.0 : 100.0 * c.called_en / c.total,
                100.0 * c.und / c.total);
    all.total += c.total;
    all.correct += c.correct;
  }
  if (all.total == 0) {
    std::fprintf(stderr, "langid_eval: no sentences in %s\n", path.c_str());
    return 1;
  }
  std::printf("overall %d sentences: accuracy %.2f%%, %.1f us/sentence\n",
              all.total, 100.0 * all.correct / all.total,
              1e6 * seconds / all.total);
  std::printf("by length (characters): %-6s", "lang");
  for (size_t min : kMinLengths)
    std::printf(" %9s", (std::to_string(min) + "+").c_str());
  std::printf("\n");
  for (const auto& [lang, buckets] : by_lang_length) {
    std::printf("                        %-6s", lang.c_str());
    for (const Counts& b : buckets) {
      std::printf(" %8.2f%%", b.total ? 100.0 * b.correct / b.total : 0.0);
    }
    std::printf("\n");
  }
  std::printf("                        %-6s", "all");
  for (const Counts& b : by_length) {
    std::printf(" %8.2f%%", b.total ? 100.0 * b.correct / b.total : 0.0);
  }
  std::printf("   (n = %d / %d / %d)\n", by_length[0].total, by_length[1].total,
              by_length[2].total);
  return 0;
}
