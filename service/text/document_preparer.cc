#include "service/text/document_preparer.h"

#include <string>
#include <utility>
#include <vector>

#include "absl/strings/ascii.h"
#include "service/text/language_detector.h"
#include "service/text/sentence_splitter.h"
#include "service/text/stopwords.h"
#include "service/text/token_forms.h"
#include "service/text/tokenizer.h"

namespace textlens::service::text {

struct DocumentPreparer::Impl {
  std::unique_ptr<LanguageDetector> detector;
  std::unique_ptr<Tokenizer> tokenizer;
  std::unique_ptr<Stopwords> stopwords;
};

DocumentPreparer::DocumentPreparer(std::unique_ptr<Impl> impl)
    : impl_(std::move(impl)) {}
DocumentPreparer::~DocumentPreparer() = default;

absl::StatusOr<std::unique_ptr<DocumentPreparer>> DocumentPreparer::Create() {
  auto impl = std::make_unique<Impl>();
  auto detector = LanguageDetector::Create();
  if (!detector.ok()) return detector.status();
  impl->detector = *std::move(detector);
  auto tokenizer = Tokenizer::Create();
  if (!tokenizer.ok()) return tokenizer.status();
  impl->tokenizer = *std::move(tokenizer);
  auto stopwords = Stopwords::Create();
  if (!stopwords.ok()) return stopwords.status();
  impl->stopwords = *std::move(stopwords);
  return std::unique_ptr<DocumentPreparer>(
      new DocumentPreparer(std::move(impl)));
}

absl::StatusOr<plugin::v1::PreparedDocument> DocumentPreparer::Prepare(
    std::string_view normalized_text, std::string_view language_hint) const {
  plugin::v1::PreparedDocument doc;
  doc.set_text(std::string(normalized_text));

  // "fr-CA" / "fr_CA" -> "fr".
  std::string_view primary =
      language_hint.substr(0, language_hint.find_first_of("-_"));
  if (!primary.empty()) {
    doc.set_language(absl::AsciiStrToLower(
        absl::string_view(primary.data(), primary.size())));
    doc.set_language_confidence(1.0);
  } else {
    LanguageGuess guess = impl_->detector->Detect(normalized_text);
    doc.set_language(guess.code);
    doc.set_language_confidence(guess.confidence);
  }
  const std::string& language = doc.language();

  auto tokens = impl_->tokenizer->Tokenize(normalized_text);
  if (!tokens.ok()) return tokens.status();
  const std::vector<SentenceSpan> sentences =
      SplitSentences(normalized_text, *tokens);

  doc.mutable_tokens()->Reserve(static_cast<int>(tokens->size()));
  for (const RawToken& raw : *tokens) {
    std::string_view text =
        normalized_text.substr(raw.begin, raw.end - raw.begin);
    plugin::v1::Token* token = doc.add_tokens();
    token->set_begin(raw.begin);
    token->set_end(raw.end);
    token->set_kind(raw.kind);
    std::string lower = LowerToken(text);
    if (raw.kind == plugin::v1::TOKEN_KIND_WORD) {
      token->set_stopword(impl_->stopwords->IsStopword(language, lower));
      token->set_stem(StemToken(language, lower));
      token->set_capitalized(IsCapitalized(text));
    } else {
      token->set_stem(lower);
    }
    token->set_lower(std::move(lower));
  }

  doc.mutable_sentences()->Reserve(static_cast<int>(sentences.size()));
  for (size_t s = 0; s < sentences.size(); ++s) {
    const SentenceSpan& span = sentences[s];
    plugin::v1::Sentence* sentence = doc.add_sentences();
    sentence->set_first_token(span.first_token);
    sentence->set_token_count(span.token_count);
    sentence->set_paragraph(span.paragraph);
    sentence->set_is_heading(span.is_heading);
    sentence->set_begin((*tokens)[span.first_token].begin);
    sentence->set_end((*tokens)[span.first_token + span.token_count - 1].end);
    for (uint32_t t = span.first_token; t < span.first_token + span.token_count;
         ++t) {
      doc.mutable_tokens(static_cast<int>(t))
          ->set_sentence(static_cast<uint32_t>(s));
    }
  }
  return doc;
}

}  // namespace textlens::service::text
