#include "plugins/stance/word_table.h"

#include <libstemmer.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <memory>

#include "absl/algorithm/container.h"
#include "absl/status/status.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "plugins/sdk/absl_view.h"
#include "plugins/sdk/tokens.h"

namespace textlens::plugins::stance {
namespace {

struct StemmerDeleter {
  void operator()(sb_stemmer* stemmer) const { sb_stemmer_delete(stemmer); }
};
using StemmerPtr = std::unique_ptr<sb_stemmer, StemmerDeleter>;

// The first `bytes` (at most 4) bytes of `word`, which has at least that
// many, as one integer.
uint32_t Start(std::string_view word, size_t bytes) {
  uint32_t start = 0;
  std::memcpy(&start, word.data(), bytes);
  return start;
}

std::string Stem(sb_stemmer* stemmer, const std::string& word) {
  const sb_symbol* out =
      sb_stemmer_stem(stemmer, reinterpret_cast<const sb_symbol*>(word.data()),
                      static_cast<int>(word.size()));
  if (out == nullptr) return word;
  return std::string(reinterpret_cast<const char*>(out),
                     static_cast<size_t>(sb_stemmer_length(stemmer)));
}

}  // namespace

std::vector<std::string_view> SplitFields(std::string_view line, char separator,
                                          bool skip_empty) {
  std::vector<std::string_view> fields;
  size_t start = 0;
  while (true) {
    const size_t at = line.find(separator, start);
    std::string_view field =
        line.substr(start, at == std::string_view::npos ? std::string_view::npos
                                                        : at - start);
    if (!skip_empty || !field.empty()) fields.push_back(field);
    if (at == std::string_view::npos) break;
    start = at + 1;
  }
  return fields;
}

bool ParseDouble(std::string_view field, double* value) {
  return absl::SimpleAtod(sdk::AbslView(field), value);
}

std::vector<std::string_view> DataLines(std::string_view text) {
  std::vector<std::string_view> lines;
  for (std::string_view line : SplitFields(text, '\n')) {
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty() || line.front() == '#') continue;
    lines.push_back(line);
  }
  return lines;
}

absl::StatusOr<WordTable> WordTable::Parse(
    std::string_view tsv, const std::vector<std::string>& stem_languages) {
  std::vector<StemmerPtr> stemmers;
  for (const std::string& language : stem_languages) {
    StemmerPtr stemmer(sb_stemmer_new(language.c_str(), "UTF_8"));
    if (stemmer == nullptr) {
      return absl::InternalError(absl::StrCat("no stemmer for ", language));
    }
    stemmers.push_back(std::move(stemmer));
  }
  WordTable table;
  for (std::string_view line : DataLines(tsv)) {
    std::vector<std::string_view> fields = SplitFields(line, '\t');
    double value = 0;
    if (fields.size() < 2 || fields[0].empty() ||
        !ParseDouble(fields[1], &value)) {
      return absl::InvalidArgumentError(
          absl::StrCat("bad lexicon line: \"", std::string(line), "\""));
    }
    std::string word(fields[0]);
    if (word.back() == '*') {
      word.pop_back();
      const size_t order = table.prefixes_.size();
      if (table.prefixes_.try_emplace(word, Prefix{order, value}).second &&
          !absl::c_linear_search(table.prefix_lengths_, word.size())) {
        table.prefix_lengths_.push_back(word.size());
      }
      continue;
    }
    table.exact_[word] = value;
    // A word's own exact entry wins over a stem shared with another word;
    // among stems the first entry wins (files are sorted, so it is stable).
    for (const StemmerPtr& stemmer : stemmers) {
      table.stems_.emplace(Stem(stemmer.get(), word), value);
    }
  }
  absl::c_sort(table.prefix_lengths_);
  for (const auto& [prefix, unused] : table.prefixes_) {
    table.prefix_starts_.insert(Start(prefix, table.StartBytes()));
  }
  return table;
}

size_t WordTable::StartBytes() const {
  return prefix_lengths_.empty() ? 0 : std::min<size_t>(prefix_lengths_[0], 4);
}

std::optional<double> WordTable::Find(const sdk::Token& token) const {
  const std::string_view lower = token.lower();
  if (auto it = exact_.find(sdk::AbslView(lower)); it != exact_.end())
    return it->second;
  const size_t start_bytes = StartBytes();
  if (!prefix_lengths_.empty() &&
      (start_bytes == 0 ||  // a bare "*": every word
       (lower.size() >= start_bytes &&
        prefix_starts_.contains(Start(lower, start_bytes))))) {
    const Prefix* first = nullptr;
    for (const size_t length : prefix_lengths_) {
      if (length > lower.size()) break;
      auto it = prefixes_.find(absl::string_view(lower.data(), length));
      if (it != prefixes_.end() &&
          (first == nullptr || it->second.order < first->order)) {
        first = &it->second;
      }
    }
    if (first != nullptr) return first->value;
  }
  // Stems shorter than 4 bytes collide too often ("mal", "bon" are fine as
  // exact forms, but a stem "pri" would match unrelated words).
  if (const std::string_view stem = token.stem(); stem.size() >= 4) {
    if (auto it = stems_.find(sdk::AbslView(stem)); it != stems_.end()) {
      return it->second;
    }
  }
  return std::nullopt;
}

}  // namespace textlens::plugins::stance
