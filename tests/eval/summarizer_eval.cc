// Evaluates the summarizer on OrangeSum's validation split against its
// abstracts: ROUGE-1, ROUGE-2 and ROUGE-L F1 (averaged over documents) of
// the summarizer with 1, 2 and 3 sentences, Lead-1, Lead-3 and a plain
// LexRank/TextRank (same graph, no lead prior, no candidate filter, no
// duplicate removal).
//
// ROUGE tokens: maximal runs of letters/digits (any non-ASCII byte counts as
// a letter), lowercased (ASCII and Latin-1 accented capitals), not stemmed.
//
// Usage: summarizer_eval [--limit=N] [--lead_bias=X] [--lead_boost=X]
//     [--full_length=X] [--dup=X] [--min_words=N]
// (the others override the summarizer's tuning knobs, for tuning runs).
// Data: $TEXTLENS_DATA_DIR/summarization/orangesum_abstract_valid.jsonl,
// default <repo>/../shared/data. Exit 77 when it is missing.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "nlohmann/json.hpp"
#include "plugins/summarizer/summarizer.h"
#include "service/text/document_preparer.h"
#include "service/text/normalizer.h"
#include "tests/eval/data_dir.h"

namespace {

using textlens::plugin::v1::PreparedDocument;
using textlens::plugins::summarizer::SummarizerConfig;

std::vector<std::string> RougeTokens(const std::string& text) {
  std::vector<std::string> tokens;
  std::string current;
  for (size_t i = 0; i < text.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c >= 0x80) {
      // Latin-1 supplement capitals (U+00C0..U+00DE except U+00D7) are
      // 0xC3 0x80..0x9E in UTF-8; their lowercase is +0x20.
      if (c == 0xC3 && i + 1 < text.size()) {
        unsigned char next = static_cast<unsigned char>(text[i + 1]);
        if (next >= 0x80 && next <= 0x9E && next != 0x97) next += 0x20;
        current += static_cast<char>(c);
        current += static_cast<char>(next);
        ++i;
        continue;
      }
      current += static_cast<char>(c);
    } else if (std::isalnum(c)) {
      current += static_cast<char>(std::tolower(c));
    } else if (!current.empty()) {
      tokens.push_back(std::move(current));
      current.clear();
    }
  }
  if (!current.empty()) tokens.push_back(std::move(current));
  return tokens;
}

double F1(double overlap, double candidate, double reference) {
  if (overlap <= 0 || candidate <= 0 || reference <= 0) return 0.0;
  const double p = overlap / candidate, r = overlap / reference;
  return 2 * p * r / (p + r);
}

double RougeN(const std::vector<std::string>& cand,
              const std::vector<std::string>& ref, size_t n) {
  if (cand.size() < n || ref.size() < n) return 0.0;
  std::map<std::string, int> ref_counts;
  for (size_t i = 0; i + n <= ref.size(); ++i) {
    std::string key;
    for (size_t k = 0; k < n; ++k) key += ref[i + k] + '\x1f';
    ++ref_counts[key];
  }
  int overlap = 0;
  for (size_t i = 0; i + n <= cand.size(); ++i) {
    std::string key;
    for (size_t k = 0; k < n; ++k) key += cand[i + k] + '\x1f';
    auto it = ref_counts.find(key);
    if (it != ref_counts.end() && it->second > 0) {
      --it->second;
      ++overlap;
    }
  }
  return F1(overlap, cand.size() - n + 1, ref.size() - n + 1);
}

double RougeL(const std::vector<std::string>& cand,
              const std::vector<std::string>& ref) {
  if (cand.empty() || ref.empty()) return 0.0;
  std::vector<int> prev(ref.size() + 1, 0), cur(ref.size() + 1, 0);
  for (size_t i = 1; i <= cand.size(); ++i) {
    for (size_t j = 1; j <= ref.size(); ++j) {
      cur[j] = cand[i - 1] == ref[j - 1] ? prev[j - 1] + 1
                                         : std::max(prev[j], cur[j - 1]);
    }
    std::swap(prev, cur);
  }
  return F1(prev[ref.size()], cand.size(), ref.size());
}

struct Scores {
  double r1 = 0, r2 = 0, rl = 0;
  int count = 0;
  void Add(const std::string& candidate, const std::vector<std::string>& ref) {
    const auto cand = RougeTokens(candidate);
    r1 += RougeN(cand, ref, 1);
    r2 += RougeN(cand, ref, 2);
    rl += RougeL(cand, ref);
    ++count;
  }
};

std::string Lead(const PreparedDocument& document, int k) {
  std::string out;
  for (int i = 0; i < document.sentences_size() && i < k; ++i) {
    const auto& s = document.sentences(i);
    out += document.text().substr(s.begin(), s.end() - s.begin()) + " ";
  }
  return out;
}

std::string Summarize(const PreparedDocument& document, SummarizerConfig config,
                      int k) {
  config.options.set_max_sentences(k);
  config.options.set_max_key_phrases(0);
  auto summary =
      textlens::plugins::summarizer::Summarize(document, config, nullptr);
  if (!summary.ok()) return "";
  std::string out;
  for (const auto& s : summary->sentences()) out += s.text() + " ";
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  long limit = -1;
  SummarizerConfig ours;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    const auto value = [&arg](const char* flag) -> const char* {
      const size_t n = std::strlen(flag);
      return arg.compare(0, n, flag) == 0 ? arg.c_str() + n : nullptr;
    };
    if (const char* v = value("--limit=")) limit = std::atol(v);
    if (const char* v = value("--lead_bias=")) ours.lead_bias = std::atof(v);
    if (const char* v = value("--lead_boost=")) ours.lead_boost = std::atof(v);
    if (const char* v = value("--full_length="))
      ours.full_length_words = std::atof(v);
    if (const char* v = value("--dup="))
      ours.duplicate_threshold = std::atof(v);
    if (const char* v = value("--min_words=")) ours.min_words = std::atoi(v);
  }
  const std::string data_dir = textlens::eval::DataDir();
  const std::string path =
      data_dir + "/summarization/orangesum_abstract_valid.jsonl";
  std::ifstream in(path);
  if (!in) {
    std::fprintf(stderr, "summarizer_eval: %s not found; skipping\n",
                 path.c_str());
    return 77;
  }
  auto preparer = textlens::service::text::DocumentPreparer::Create();
  if (!preparer.ok()) {
    std::fprintf(stderr, "summarizer_eval: %s\n",
                 preparer.status().ToString().c_str());
    return 1;
  }

  SummarizerConfig plain;
  plain.lead_bias = 0.0;
  plain.lead_boost = 0.0;
  plain.full_length_words = 0.0;
  plain.filter_candidates = false;
  plain.duplicate_threshold = 2.0;

  const std::vector<std::string> names = {
      "summarizer-1", "summarizer-2", "summarizer-3", "lead-1",
      "lead-3",       "textrank-1",   "textrank-3"};
  std::vector<Scores> scores(names.size());
  const auto start = std::chrono::steady_clock::now();
  std::string line;
  long documents = 0;
  while (std::getline(in, line) && (limit < 0 || documents < limit)) {
    if (line.empty()) continue;
    const auto record = nlohmann::json::parse(line, nullptr, false);
    if (record.is_discarded() || !record.contains("document")) continue;
    auto normalized = textlens::service::text::NormalizeText(
        record["document"].get<std::string>());
    if (!normalized.ok()) continue;
    auto document = (*preparer)->Prepare(*normalized, "fr");
    if (!document.ok()) continue;
    const auto ref = RougeTokens(record["summary"].get<std::string>());
    scores[0].Add(Summarize(*document, ours, 1), ref);
    scores[1].Add(Summarize(*document, ours, 2), ref);
    scores[2].Add(Summarize(*document, ours, 3), ref);
    scores[3].Add(Lead(*document, 1), ref);
    scores[4].Add(Lead(*document, 3), ref);
    scores[5].Add(Summarize(*document, plain, 1), ref);
    scores[6].Add(Summarize(*document, plain, 3), ref);
    ++documents;
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
          .count();
  std::printf(
      "OrangeSum abstract (valid): %ld documents, %.1f s; ROUGE F1 x100 "
      "(lowercased, unstemmed)\n",
      documents, seconds);
  std::printf("%-14s %7s %7s %7s\n", "system", "R-1", "R-2", "R-L");
  for (size_t i = 0; i < names.size(); ++i) {
    const double n = std::max(1, scores[i].count);
    std::printf("%-14s %7.2f %7.2f %7.2f\n", names[i].c_str(),
                100 * scores[i].r1 / n, 100 * scores[i].r2 / n,
                100 * scores[i].rl / n);
  }
  return documents > 0 ? 0 : 1;
}
