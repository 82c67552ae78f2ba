// Language identification for short and long texts.
//
// Thread-safe after Create(): Detect() is const and keeps no state.
#ifndef TEXTLENS_SERVICE_TEXT_LANGUAGE_DETECTOR_H_
#define TEXTLENS_SERVICE_TEXT_LANGUAGE_DETECTOR_H_

#include <memory>
#include <string>
#include <string_view>

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
  // Loads the language profiles built into the binary.
  static absl::StatusOr<std::unique_ptr<LanguageDetector>> Create();
  ~LanguageDetector();

  // Detects the language of NFC UTF-8 `text`. Supports at least fr and en.
  LanguageGuess Detect(std::string_view text) const;

 private:
  struct Profiles;
  explicit LanguageDetector(std::unique_ptr<Profiles> profiles);
  std::unique_ptr<Profiles> profiles_;
};

}  // namespace textlens::service::text

#endif  // TEXTLENS_SERVICE_TEXT_LANGUAGE_DETECTOR_H_
