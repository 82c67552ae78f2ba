#include "service/text/document_preparer.h"

#include <algorithm>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/ascii.h"
#include "plugins/sdk/tokens.h"
#include "service/text/language_detector.h"
#include "service/text/sentence_splitter.h"
#include "service/text/stopwords.h"
#include "service/text/token_forms.h"
#include "service/text/tokenizer.h"

namespace textlens::service::text {
namespace {

// Sentences at least this long (in code points) are identified on their own;
// below that, identification is unreliable.
constexpr size_t kMinIdentifiedChars = 40;
// Confidence a sentence needs to take a language other than the document's.
constexpr double kMinSwitchConfidence = 0.5;

size_t CodePointCount(std::string_view utf8) {
  size_t count = 0;
  for (char c : utf8) count += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return count;
}

// The languages the sentences long enough to be identified on their own
// show.
struct SentenceGuesses {
  // Per sentence; code "und" when too short or unidentified.
  std::vector<LanguageGuess> own;
  // Code points identified per language, and their confidence-weighted sum.
  std::map<std::string, double> chars;
  std::map<std::string, double> weighted_confidence;
  // The guess on the whole text (its first LanguageDetector::kMaxWords
  // words), from the same scoring as the sentences': the text is read once.
  LanguageGuess whole;
};

SentenceGuesses IdentifySentences(std::string_view text,
                                  const std::vector<RawToken>& tokens,
                                  const std::vector<SentenceSpan>& sentences,
                                  const LanguageDetector& detector) {
  SentenceGuesses out;
  out.own.reserve(sentences.size());
  LanguageDetector::Evidence whole;
  constexpr size_t kMaxWords = LanguageDetector::kMaxWords;
  for (const SentenceSpan& span : sentences) {
    const uint32_t begin = tokens[span.first_token].begin;
    const uint32_t end = tokens[span.first_token + span.token_count - 1].end;
    const std::string_view sentence = text.substr(begin, end - begin);
    const size_t length = CodePointCount(sentence);
    const size_t remaining = kMaxWords - std::min(kMaxWords, whole.words);
    if (length < kMinIdentifiedChars) {
      out.own.push_back({"und", 0.0});
      if (remaining > 0) whole.Add(detector.Score(sentence, remaining));
      continue;
    }
    const LanguageDetector::Evidence own = detector.Score(sentence, kMaxWords);
    if (remaining > 0) {
      whole.Add(own.words <= remaining ? own
                                       : detector.Score(sentence, remaining));
    }
    out.own.push_back(detector.Decide(own));
    const LanguageGuess& guess = out.own.back();
    if (guess.code == "und") continue;
    out.chars[guess.code] += length;
    out.weighted_confidence[guess.code] += length * guess.confidence;
  }
  out.whole = detector.Decide(whole);
  return out;
}

// The document's language: the guess on the whole text, unless its
// sentences show more of the text in another language (a long quotation
// can outweigh the article around it in the whole-text guess).
LanguageGuess DocumentLanguage(const LanguageGuess& whole,
                               const SentenceGuesses& sentences) {
  const auto& chars = sentences.chars;
  const auto top = std::max_element(
      chars.begin(), chars.end(),
      [](const auto& a, const auto& b) { return a.second < b.second; });
  if (top == chars.end() || top->first == whole.code) return whole;
  const auto whole_chars = chars.find(whole.code);
  if (whole_chars != chars.end() && whole_chars->second >= top->second) {
    return whole;
  }
  return {top->first,
          sentences.weighted_confidence.at(top->first) / top->second};
}

// Every sentence's language: its own when it was identified as the
// document's language, or confidently as another; otherwise that of the
// sentence before it in its paragraph, or the document's.
std::vector<LanguageGuess> SentenceLanguages(
    const SentenceGuesses& guesses, const std::vector<SentenceSpan>& sentences,
    const LanguageGuess& document) {
  std::vector<LanguageGuess> out;
  out.reserve(sentences.size());
  for (size_t s = 0; s < sentences.size(); ++s) {
    const bool follows =
        s > 0 && sentences[s - 1].paragraph == sentences[s].paragraph;
    const LanguageGuess& own = guesses.own[s];
    const bool usable =
        own.code != "und" &&
        (own.code == document.code || own.confidence >= kMinSwitchConfidence);
    out.push_back(usable ? own : follows ? out.back() : document);
  }
  return out;
}

}  // namespace

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
  absl::Status prepared = PrepareInto(normalized_text, language_hint, &doc);
  if (!prepared.ok()) return prepared;
  return doc;
}

absl::Status DocumentPreparer::PrepareInto(
    std::string_view normalized_text, std::string_view language_hint,
    plugin::v1::PreparedDocument* out) const {
  plugin::v1::PreparedDocument& doc = *out;
  doc.Clear();
  doc.set_text(std::string(normalized_text));

  auto tokens = impl_->tokenizer->Tokenize(normalized_text);
  if (!tokens.ok()) return tokens.status();
  const std::vector<SentenceSpan> sentences =
      SplitSentences(normalized_text, *tokens);

  // "fr-CA" / "fr_CA" -> "fr".
  std::string_view primary =
      language_hint.substr(0, language_hint.find_first_of("-_"));
  std::vector<LanguageGuess> sentence_languages;
  if (!primary.empty()) {
    doc.set_language(absl::AsciiStrToLower(
        absl::string_view(primary.data(), primary.size())));
    doc.set_language_confidence(1.0);
    sentence_languages.assign(sentences.size(), {doc.language(), 1.0});
  } else {
    const SentenceGuesses guesses = IdentifySentences(
        normalized_text, *tokens, sentences, *impl_->detector);
    const LanguageGuess document = DocumentLanguage(guesses.whole, guesses);
    doc.set_language(document.code);
    doc.set_language_confidence(document.confidence);
    sentence_languages = SentenceLanguages(guesses, sentences, document);
  }
  // The sentence of each token, and its language: its sentence's.
  std::vector<uint32_t> token_sentence(tokens->size(), 0);
  std::vector<const std::string*> token_language(tokens->size(),
                                                 &doc.language());
  for (size_t s = 0; s < sentences.size(); ++s) {
    for (uint32_t t = 0; t < sentences[s].token_count; ++t) {
      token_sentence[sentences[s].first_token + t] = static_cast<uint32_t>(s);
      token_language[sentences[s].first_token + t] =
          &sentence_languages[s].code;
    }
  }

  plugin::v1::TokenTable* table = doc.mutable_tokens();
  const int count = static_cast<int>(tokens->size());
  table->mutable_begin()->Reserve(count);
  table->mutable_end()->Reserve(count);
  table->mutable_kind()->Reserve(count);
  table->mutable_sentence()->Reserve(count);
  table->mutable_flags()->Reserve(count);
  table->mutable_lower_end()->Reserve(count);
  table->mutable_stem_end()->Reserve(count);
  table->mutable_lower()->reserve(normalized_text.size() + 64);
  table->mutable_stem()->reserve(normalized_text.size() + 64);
  for (size_t t = 0; t < tokens->size(); ++t) {
    const RawToken& raw = (*tokens)[t];
    const std::string& language = *token_language[t];
    std::string_view text =
        normalized_text.substr(raw.begin, raw.end - raw.begin);
    const std::string lower = LowerToken(text);
    if (raw.kind == plugin::v1::TOKEN_KIND_WORD) {
      sdk::AddToken(raw.begin, raw.end, raw.kind, token_sentence[t],
                    impl_->stopwords->IsStopword(language, lower),
                    IsCapitalized(text), lower, StemToken(language, lower),
                    table);
    } else {
      sdk::AddToken(raw.begin, raw.end, raw.kind, token_sentence[t], false,
                    false, lower, lower, table);
    }
  }

  doc.mutable_sentences()->Reserve(static_cast<int>(sentences.size()));
  for (size_t s = 0; s < sentences.size(); ++s) {
    const SentenceSpan& span = sentences[s];
    plugin::v1::Sentence* sentence = doc.add_sentences();
    sentence->set_first_token(span.first_token);
    sentence->set_token_count(span.token_count);
    sentence->set_paragraph(span.paragraph);
    sentence->set_is_heading(span.is_heading);
    sentence->set_language(sentence_languages[s].code);
    sentence->set_language_confidence(sentence_languages[s].confidence);
    sentence->set_begin((*tokens)[span.first_token].begin);
    sentence->set_end((*tokens)[span.first_token + span.token_count - 1].end);
  }
  return absl::OkStatus();
}

}  // namespace textlens::service::text
