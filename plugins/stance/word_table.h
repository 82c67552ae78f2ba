// WordTable: a lookup from a token to a value, by exact lowercased form, by
// prefix ("surpass*") or by Snowball stem, so one lexicon entry covers the
// inflections of a word ("menace" also finds "menacent").
//
// Thread-safety: immutable after Create(); Find() may run on many threads.
#ifndef TEXTLENS_PLUGINS_STANCE_WORD_TABLE_H_
#define TEXTLENS_PLUGINS_STANCE_WORD_TABLE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/status/statusor.h"
#include "plugins/sdk/tokens.h"
#include "textlens/plugin/v1/plugin.pb.h"

namespace textlens::plugins::stance {

class WordTable {
 public:
  // Parses "word<TAB>value" lines ('#' starts a comment line). A word ending
  // in '*' is a prefix. Each word is also stemmed with the Snowball stemmers
  // of `stem_languages` ("french", "english") so tokens match by stem.
  // INVALID_ARGUMENT names the first bad line.
  static absl::StatusOr<WordTable> Parse(
      std::string_view tsv, const std::vector<std::string>& stem_languages);

  // The value of `token`: exact form first, then prefixes, then stem.
  std::optional<double> Find(const sdk::Token& token) const;

  size_t size() const { return exact_.size() + prefixes_.size(); }

 private:
  // A prefix's value and its place in the file (the first match wins).
  struct Prefix {
    size_t order = 0;
    double value = 0;
  };

  absl::flat_hash_map<std::string, double> exact_;
  absl::flat_hash_map<std::string, Prefix> prefixes_;
  std::vector<size_t> prefix_lengths_;  // the lengths of prefixes_, ascending
  // The first StartBytes() bytes of every prefix: a word that does not
  // start with one of them has no prefix, whatever its length (most words).
  // StartBytes() is 0 with a bare "*" (every word has that prefix).
  absl::flat_hash_set<uint32_t> prefix_starts_;
  size_t StartBytes() const;
  absl::flat_hash_map<std::string, double> stems_;
};

// Splits `text` into non-empty, non-comment lines.
std::vector<std::string_view> DataLines(std::string_view text);
// Splits `line` at every `separator`; with `skip_empty`, drops empty fields.
std::vector<std::string_view> SplitFields(std::string_view line, char separator,
                                          bool skip_empty = false);
// Parses a whole field as a double.
bool ParseDouble(std::string_view field, double* value);

}  // namespace textlens::plugins::stance

#endif  // TEXTLENS_PLUGINS_STANCE_WORD_TABLE_H_
