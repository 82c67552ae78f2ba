#include "plugins/summarizer/tools/rouge.h"

#include <libstemmer.h>

#include <algorithm>
#include <cctype>
#include <string>
#include <unordered_map>
#include <vector>

namespace textlens::plugins::summarizer {

RougeTokenizer::RougeTokenizer(bool stem)
    : stemmer_(stem ? sb_stemmer_new("french", "UTF_8") : nullptr) {}

RougeTokenizer::~RougeTokenizer() {
  if (stemmer_ != nullptr) sb_stemmer_delete(stemmer_);
}

std::vector<std::string> RougeTokenizer::Tokens(const std::string& text) const {
  std::vector<std::string> tokens;
  std::string current;
  const auto flush = [&] {
    if (current.empty()) return;
    if (stemmer_ == nullptr) {
      tokens.push_back(current);
    } else {
      const sb_symbol* stem = sb_stemmer_stem(
          stemmer_, reinterpret_cast<const sb_symbol*>(current.data()),
          static_cast<int>(current.size()));
      tokens.emplace_back(reinterpret_cast<const char*>(stem),
                          sb_stemmer_length(stemmer_));
    }
    current.clear();
  };
  for (size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c >= 0x80) {
      // Latin-1 supplement capitals (U+00C0..U+00DE except U+00D7) are
      // 0xC3 0x80..0x9E in UTF-8; their lowercase is +0x20.
      if (c == 0xC3 && i + 1 < text.size()) {
        auto next = static_cast<unsigned char>(text[i + 1]);
        if (next >= 0x80 && next <= 0x9E && next != 0x97) next += 0x20;
        current += static_cast<char>(c);
        current += static_cast<char>(next);
        ++i;
        continue;
      }
      current += static_cast<char>(c);
    } else if (std::isalnum(c)) {
      current += static_cast<char>(std::tolower(c));
    } else {
      flush();
    }
  }
  flush();
  return tokens;
}

namespace {

double F1(double overlap, double candidate, double reference) {
  if (overlap <= 0 || candidate <= 0 || reference <= 0) return 0.0;
  const double p = overlap / candidate, r = overlap / reference;
  return 2 * p * r / (p + r);
}

}  // namespace

double RougeN(const std::vector<std::string>& candidate,
              const std::vector<std::string>& reference, size_t n) {
  if (candidate.size() < n || reference.size() < n) return 0.0;
  const auto key = [n](const std::vector<std::string>& tokens, size_t i) {
    std::string out;
    for (size_t k = 0; k < n; ++k) out += tokens[i + k] + '\x1f';
    return out;
  };
  std::unordered_map<std::string, int> reference_counts;
  for (size_t i = 0; i + n <= reference.size(); ++i) {
    ++reference_counts[key(reference, i)];
  }
  int overlap = 0;
  for (size_t i = 0; i + n <= candidate.size(); ++i) {
    auto it = reference_counts.find(key(candidate, i));
    if (it != reference_counts.end() && it->second > 0) {
      --it->second;
      ++overlap;
    }
  }
  return F1(overlap, candidate.size() - n + 1, reference.size() - n + 1);
}

double RougeL(const std::vector<std::string>& candidate,
              const std::vector<std::string>& reference) {
  if (candidate.empty() || reference.empty()) return 0.0;
  std::vector<int> prev(reference.size() + 1, 0), cur(reference.size() + 1, 0);
  for (size_t i = 1; i <= candidate.size(); ++i) {
    for (size_t j = 1; j <= reference.size(); ++j) {
      cur[j] = candidate[i - 1] == reference[j - 1]
                   ? prev[j - 1] + 1
                   : std::max(prev[j], cur[j - 1]);
    }
    std::swap(prev, cur);
  }
  return F1(prev[reference.size()], candidate.size(), reference.size());
}

RougeScores Rouge(const std::vector<std::string>& candidate,
                  const std::vector<std::string>& reference) {
  return {RougeN(candidate, reference, 1), RougeN(candidate, reference, 2),
          RougeL(candidate, reference)};
}

std::vector<size_t> GreedyOracle(
    const std::vector<std::vector<std::string>>& sentences,
    const std::vector<std::string>& reference, size_t max_sentences) {
  std::vector<size_t> picked;
  double best = 0.0;
  while (picked.size() < max_sentences) {
    size_t best_index = sentences.size();
    for (size_t i = 0; i < sentences.size(); ++i) {
      if (std::find(picked.begin(), picked.end(), i) != picked.end()) continue;
      std::vector<size_t> trial = picked;
      trial.push_back(i);
      std::sort(trial.begin(), trial.end());
      std::vector<std::string> tokens;
      for (size_t k : trial) {
        tokens.insert(tokens.end(), sentences[k].begin(), sentences[k].end());
      }
      const double value =
          RougeN(tokens, reference, 1) + RougeN(tokens, reference, 2);
      if (value > best) {
        best = value;
        best_index = i;
      }
    }
    if (best_index == sentences.size()) break;
    picked.push_back(best_index);
  }
  std::sort(picked.begin(), picked.end());
  return picked;
}

}  // namespace textlens::plugins::summarizer
