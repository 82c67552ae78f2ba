// Evaluates language identification inside mixed documents, built from the
// shared Wikipedia sentences (CC BY-NC-SA: read at run time, never copied
// into the project): a paragraph of 4 sentences in a main language (fr or
// en), a quoted paragraph of 2 sentences in another language, a paragraph
// of 3 sentences in the main language again. Prints the document-language
// accuracy and the accuracy of every sentence's language, all sentences and
// those of 40+ characters (the ones identified on their own).
//
// Usage: langid_mixed_eval [path/to/wikipedia_sentences.jsonl]
// Exit code 77 (skipped) when the file is missing.
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "nlohmann/json.hpp"
#include "service/text/document_preparer.h"
#include "service/text/normalizer.h"
#include "tests/eval/data_dir.h"

namespace {

constexpr int kDocumentsPerPair = 40;

struct Score {
  int documents = 0;
  int document_correct = 0;
  int quotes_found = 0;  // the quoted paragraph has a sentence in its language
  int sentences = 0;
  int sentences_correct = 0;
  int long_sentences = 0;
  int long_correct = 0;
  void Add(const Score& o) {
    documents += o.documents;
    document_correct += o.document_correct;
    quotes_found += o.quotes_found;
    sentences += o.sentences;
    sentences_correct += o.sentences_correct;
    long_sentences += o.long_sentences;
    long_correct += o.long_correct;
  }
};

double Percent(int part, int whole) {
  return whole == 0 ? 0.0 : 100.0 * part / whole;
}

void Print(const std::string& name, const Score& s) {
  std::printf("%-8s %5d  %8.2f%%  %8.2f%%  %9.2f%%  %9.2f%%\n", name.c_str(),
              s.documents, Percent(s.document_correct, s.documents),
              Percent(s.quotes_found, s.documents),
              Percent(s.sentences_correct, s.sentences),
              Percent(s.long_correct, s.long_sentences));
}

}  // namespace

int main(int argc, char** argv) {
  const std::string path = argc > 1 ? argv[1]
                                    : textlens::eval::DataDir() +
                                          "/langid/wikipedia_sentences.jsonl";
  std::ifstream in(path);
  if (!in) {
    std::fprintf(stderr, "langid_mixed_eval: %s not found, skipping\n",
                 path.c_str());
    return 77;
  }
  std::map<std::string, std::vector<std::string>> pools;
  for (std::string line; std::getline(in, line);) {
    auto record = nlohmann::json::parse(line, nullptr, false);
    if (record.is_discarded() || !record.contains("lang")) continue;
    pools[record["lang"].get<std::string>()].push_back(
        record["text"].get<std::string>());
  }
  auto preparer = textlens::service::text::DocumentPreparer::Create();
  if (!preparer.ok()) {
    std::fprintf(stderr, "langid_mixed_eval: %s\n",
                 std::string(preparer.status().message()).c_str());
    return 1;
  }
  std::map<std::string, size_t> next;  // next unused sentence per language
  auto take = [&](const std::string& lang, int n) {
    std::string paragraph;
    auto& pool = pools[lang];
    for (int i = 0; i < n; ++i) {
      paragraph += (i ? " " : "") + pool[next[lang]++ % pool.size()];
    }
    return paragraph;
  };

  std::printf(
      "mixed documents: %d per language pair; paragraphs main(4) / "
      "quote(2) / main(3)\n",
      kDocumentsPerPair);
  std::printf("%-8s %5s  %9s  %9s  %10s  %10s\n", "pair", "docs", "doc lang",
              "quote", "sentences", "40+ chars");
  Score overall;
  for (const std::string main_lang : {"fr", "en"}) {
    for (const auto& [quote_lang, pool] : pools) {
      if (quote_lang == main_lang) continue;
      Score pair;
      for (int d = 0; d < kDocumentsPerPair; ++d) {
        const std::string raw = take(main_lang, 4) + "\n\n" +
                                take(quote_lang, 2) + "\n\n" +
                                take(main_lang, 3);
        auto text = textlens::service::text::NormalizeText(raw);
        if (!text.ok()) continue;
        auto doc = (*preparer)->Prepare(*text, "");
        if (!doc.ok()) continue;
        ++pair.documents;
        pair.document_correct += doc->language() == main_lang;
        bool quote_found = false;
        for (const auto& sentence : doc->sentences()) {
          const std::string& truth =
              sentence.paragraph() == 1 ? quote_lang : main_lang;
          const bool correct = sentence.language() == truth;
          quote_found |= sentence.paragraph() == 1 && correct;
          ++pair.sentences;
          pair.sentences_correct += correct;
          size_t chars = 0;
          for (size_t i = sentence.begin(); i < sentence.end(); ++i) {
            chars +=
                (static_cast<unsigned char>(doc->text()[i]) & 0xC0) != 0x80;
          }
          if (chars >= 40) {
            ++pair.long_sentences;
            pair.long_correct += correct;
          }
        }
        pair.quotes_found += quote_found;
      }
      Print(main_lang + "+" + quote_lang, pair);
      overall.Add(pair);
    }
  }
  Print("all", overall);
  return 0;
}
