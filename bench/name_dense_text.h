// The entity-dense document of the growth benchmarks: a name every two
// words, so that tagged names, heuristic names and knowledge-base matches
// all grow with its length.
#ifndef TEXTLENS_BENCH_NAME_DENSE_TEXT_H_
#define TEXTLENS_BENCH_NAME_DENSE_TEXT_H_

#include <cstdint>
#include <string>

namespace textlens::bench {

// `sentences` times "Jean Dupont et Marie Curie de Mistral AI. ".
inline std::string NameDenseText(int64_t sentences) {
  static constexpr char kSentence[] =
      "Jean Dupont et Marie Curie de Mistral AI. ";
  std::string text;
  text.reserve(static_cast<size_t>(sentences) * (sizeof(kSentence) - 1));
  for (int64_t i = 0; i < sentences; ++i) text += kSentence;
  return text;
}

}  // namespace textlens::bench

#endif  // TEXTLENS_BENCH_NAME_DENSE_TEXT_H_
