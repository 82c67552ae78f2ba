// Language identification for short and long texts.
//
// Thread-safe after Create(): Detect() is const and keeps no state.
#ifndef TEXTLENS_SERVICE_TEXT_LANGUAGE_DETECTOR_H_
#define TEXTLENS_SERVICE_TEXT_LANGUAGE_DETECTOR_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"

namespace textlens::service::text {

struct LanguageGuess {
  // BCP-47 primary tag ("fr", "en", ...), or "und" when no language wins.
  std::string code;
  // In [0, 1].
  double confidence = 0.0;
};

class LanguageDetector {
 public:
  // What a text shows of each language; evidence of consecutive pieces of a
  // text adds up to the evidence of the whole (Add).
  struct Evidence {
    std::vector<double> scores;  // per language, in the detector's order
    int latin = 0;               // letters in the Latin script
    int cyrillic = 0;            // letters in the Cyrillic script
    size_t words = 0;            // words scored
    void Add(const Evidence& other);
  };

  // Words of a text scored at most: beyond them the answer no longer
  // changes, and detection stays well under a millisecond on long articles.
  static constexpr size_t kMaxWords = 400;

  // Loads the language profiles built into the binary.
  static absl::StatusOr<std::unique_ptr<LanguageDetector>> Create();
  ~LanguageDetector();

  // Detects the language of NFC UTF-8 `text` (its first kMaxWords words).
  // Supports at least fr and en.
  LanguageGuess Detect(std::string_view text) const;

  // The evidence of the first `max_words` words of `text`, and the guess it
  // makes: Detect(text) == Decide(Score(text, kMaxWords)).
  Evidence Score(std::string_view text, size_t max_words) const;
  LanguageGuess Decide(const Evidence& evidence) const;

 private:
  struct Profiles;
  explicit LanguageDetector(std::unique_ptr<Profiles> profiles);
  std::unique_ptr<Profiles> profiles_;
  // Distinct for every detector made: keys the per-thread word cache.
  const uint64_t id_;
};

}  // namespace textlens::service::text

#endif  // TEXTLENS_SERVICE_TEXT_LANGUAGE_DETECTOR_H_
