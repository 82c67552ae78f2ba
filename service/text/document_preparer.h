// Prepares a normalized text once for every analyzer: language, sentences,
// tokens with byte offsets, lowercased and stemmed forms, stopword flags.
//
// Thread-safe after Create(): Prepare() may run on many threads at once.
#ifndef TEXTLENS_SERVICE_TEXT_DOCUMENT_PREPARER_H_
#define TEXTLENS_SERVICE_TEXT_DOCUMENT_PREPARER_H_

#include <memory>
#include <string_view>

#include "absl/status/statusor.h"
#include "textlens/plugin/v1/plugin.pb.h"

namespace textlens::service::text {

class DocumentPreparer {
 public:
  // Loads ICU break rules, stopword lists and language profiles.
  static absl::StatusOr<std::unique_ptr<DocumentPreparer>> Create();
  ~DocumentPreparer();

  // Prepares `normalized_text` (the output of NormalizeText). When
  // `language_hint` is non-empty its primary subtag is used as the language
  // with confidence 1; otherwise the language is detected. Sentences follow
  // French and English conventions: abbreviations ("M.", "etc.", "Dr.") do
  // not end a sentence, a line without final punctuation followed by a line
  // break is a sentence of its own (is_heading), blank lines start
  // paragraphs. Tokens keep decimals ("5,6", "1408,84"), split French
  // elisions ("l'", "qu'") from their word, and keep inner hyphens and digits
  // of names ("DeepSeek-R1", "o1", "GPT-4o").
  // INTERNAL only if ICU fails.
  absl::StatusOr<plugin::v1::PreparedDocument> Prepare(
      std::string_view normalized_text, std::string_view language_hint) const;
  // The same into `doc` (cleared first), which may live on an arena.
  absl::Status PrepareInto(std::string_view normalized_text,
                           std::string_view language_hint,
                           plugin::v1::PreparedDocument* doc) const;

 private:
  struct Impl;
  explicit DocumentPreparer(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace textlens::service::text

#endif  // TEXTLENS_SERVICE_TEXT_DOCUMENT_PREPARER_H_
