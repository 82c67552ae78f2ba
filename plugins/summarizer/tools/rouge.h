// ROUGE for the summarizer's trainer and evaluation: one tokenizer and one
// scorer, so the labels the model learns from and the figures it is judged
// by are computed the same way.
//
// Thread-safety: RougeTokenizer holds a Snowball stemmer, which is not
// thread-safe: one tokenizer per thread. The free functions are pure.
#ifndef TEXTLENS_PLUGINS_SUMMARIZER_TOOLS_ROUGE_H_
#define TEXTLENS_PLUGINS_SUMMARIZER_TOOLS_ROUGE_H_

#include <string>
#include <vector>

struct sb_stemmer;

namespace textlens::plugins::summarizer {

// Splits text into maximal runs of letters and digits (any non-ASCII byte
// counts as a letter), lowercased (ASCII and Latin-1 capitals), each reduced
// to its Snowball French stem when `stem` is true ("plain" words otherwise).
class RougeTokenizer {
 public:
  explicit RougeTokenizer(bool stem);
  ~RougeTokenizer();
  RougeTokenizer(const RougeTokenizer&) = delete;
  RougeTokenizer& operator=(const RougeTokenizer&) = delete;

  std::vector<std::string> Tokens(const std::string& text) const;

 private:
  sb_stemmer* stemmer_ = nullptr;  // owned; null without stemming
};

// F1 scores in [0, 1] of a candidate against a reference (both tokenized).
struct RougeScores {
  double r1 = 0, r2 = 0, rl = 0;
};

// ROUGE-N F1 with clipped n-gram counts; 0 when either side is shorter
// than n.
double RougeN(const std::vector<std::string>& candidate,
              const std::vector<std::string>& reference, size_t n);
// ROUGE-L F1: the longest common subsequence of the whole token lists.
double RougeL(const std::vector<std::string>& candidate,
              const std::vector<std::string>& reference);
RougeScores Rouge(const std::vector<std::string>& candidate,
                  const std::vector<std::string>& reference);

// The greedy oracle: starting from nothing, adds the sentence (of
// `sentences`, tokenized) that most raises R-1 + R-2 F1 of the
// concatenation against `reference`, until none raises it or `max_sentences`
// are taken. Returns the picked indexes in document order.
std::vector<size_t> GreedyOracle(
    const std::vector<std::vector<std::string>>& sentences,
    const std::vector<std::string>& reference, size_t max_sentences);

}  // namespace textlens::plugins::summarizer

#endif  // TEXTLENS_PLUGINS_SUMMARIZER_TOOLS_ROUGE_H_
