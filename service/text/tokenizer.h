// Splits normalized text into tokens (words, numbers, punctuation, symbols)
// with byte offsets: ICU word boundaries, then French elisions split off
// ("l'", "qu'"), hyphenated names and versions joined ("DeepSeek-R1",
// "Llama-3.1-8B"), and numbers with thousands separators joined ("1 000").
//
// Thread-safe after Create(): Tokenize() clones the prototype iterator.
#ifndef TEXTLENS_SERVICE_TEXT_TOKENIZER_H_
#define TEXTLENS_SERVICE_TEXT_TOKENIZER_H_

#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "textlens/plugin/v1/plugin.pb.h"
#include "unicode/uversion.h"

U_NAMESPACE_BEGIN
class BreakIterator;
U_NAMESPACE_END

namespace textlens::service::text {

struct RawToken {
  // Byte span [begin, end) in the text.
  uint32_t begin = 0;
  uint32_t end = 0;
  plugin::v1::TokenKind kind = plugin::v1::TOKEN_KIND_UNSPECIFIED;
};

class Tokenizer {
 public:
  // INTERNAL if ICU's word break rules cannot be loaded.
  static absl::StatusOr<std::unique_ptr<Tokenizer>> Create();
  ~Tokenizer();

  // Tokens of valid UTF-8 `text` in order; whitespace is never a token.
  // INTERNAL only if ICU fails.
  absl::StatusOr<std::vector<RawToken>> Tokenize(std::string_view text) const;

 private:
  explicit Tokenizer(std::unique_ptr<icu::BreakIterator> prototype);
  std::unique_ptr<icu::BreakIterator> prototype_;
};

}  // namespace textlens::service::text

#endif  // TEXTLENS_SERVICE_TEXT_TOKENIZER_H_
