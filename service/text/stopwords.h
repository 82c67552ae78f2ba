// Stopword lists per language: French from stopwords-iso (data/), English
// written for the project, other languages from the detector's function words.
//
// Thread-safe after Create(): IsStopword() is const.
#ifndef TEXTLENS_SERVICE_TEXT_STOPWORDS_H_
#define TEXTLENS_SERVICE_TEXT_STOPWORDS_H_

#include <memory>
#include <string>
#include <string_view>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/status/statusor.h"

namespace textlens::service::text {

class Stopwords {
 public:
  // Loads the lists built into the binary.
  static absl::StatusOr<std::unique_ptr<Stopwords>> Create();

  // Whether `lower` (lowercased, "'" apostrophes) is a stopword of `language`
  // (primary tag). False for languages without a list.
  bool IsStopword(std::string_view language, std::string_view lower) const;

 private:
  Stopwords() = default;
  absl::flat_hash_map<std::string, absl::flat_hash_set<std::string>> lists_;
};

}  // namespace textlens::service::text

#endif  // TEXTLENS_SERVICE_TEXT_STOPWORDS_H_
