// Reading the tokens of a PreparedDocument.
//
// The host sends the tokens as a TokenTable, one column per property;
// `Tokens` shows them one token at a time:
//
//   const textlens::sdk::Tokens tokens(document);
//   for (int i = 0; i < tokens.size(); ++i) {
//     const textlens::sdk::Token token = tokens[i];
//     if (token.kind() == textlens::plugin::v1::TOKEN_KIND_WORD &&
//         !token.stopword()) Use(token.stem());
//   }
//
// Both are views: they hold no copy and stay valid while the document does.
// The SDK's helper runs CheckTokens on every input before the plugin's
// Analyze, so a plugin reads the table without bounds checks of its own.
#ifndef TEXTLENS_PLUGINS_SDK_TOKENS_H_
#define TEXTLENS_PLUGINS_SDK_TOKENS_H_

#include <cstddef>
#include <cstdint>
#include <iterator>
#include <string>
#include <string_view>

#include "textlens/plugin/v1/plugin.pb.h"

namespace textlens::sdk {

// One token of a TokenTable.
class Token {
 public:
  Token(const plugin::v1::TokenTable& table, int index)
      : table_(&table), index_(index) {}

  // Its row in the table.
  int index() const { return index_; }
  // First byte in PreparedDocument.text (inclusive), and one past its last.
  uint32_t begin() const { return table_->begin(index_); }
  uint32_t end() const { return table_->end(index_); }
  plugin::v1::TokenKind kind() const {
    return static_cast<plugin::v1::TokenKind>(table_->kind(index_));
  }
  // Index of its sentence.
  uint32_t sentence() const { return table_->sentence(index_); }
  bool stopword() const {
    return (table_->flags(index_) & plugin::v1::TOKEN_FLAG_STOPWORD) != 0;
  }
  bool capitalized() const {
    return (table_->flags(index_) & plugin::v1::TOKEN_FLAG_CAPITALIZED) != 0;
  }
  // Lowercased form, and stem.
  std::string_view lower() const {
    return Form(table_->lower(), table_->lower_end());
  }
  std::string_view stem() const {
    return Form(table_->stem(), table_->stem_end());
  }

 private:
  std::string_view Form(
      const std::string& forms,
      const google::protobuf::RepeatedField<uint32_t>& ends) const {
    const uint32_t from = index_ == 0 ? 0 : ends.Get(index_ - 1);
    return std::string_view(forms).substr(from, ends.Get(index_) - from);
  }

  const plugin::v1::TokenTable* table_;
  int index_;
};

// The tokens of a document, in order.
class Tokens {
 public:
  explicit Tokens(const plugin::v1::PreparedDocument& document)
      : Tokens(document.tokens()) {}
  explicit Tokens(const plugin::v1::TokenTable& table) : table_(&table) {}

  int size() const { return table_->begin_size(); }
  bool empty() const { return size() == 0; }
  Token operator[](int i) const { return Token(*table_, i); }

  // A random-access iterator (std::lower_bound over tokens works).
  class Iterator {
   public:
    using iterator_category = std::random_access_iterator_tag;
    using value_type = Token;
    using difference_type = std::ptrdiff_t;
    using pointer = void;
    using reference = Token;

    Iterator(const plugin::v1::TokenTable* table, int i)
        : table_(table), i_(i) {}
    Token operator*() const { return Token(*table_, i_); }
    Token operator[](difference_type n) const {
      return Token(*table_, i_ + static_cast<int>(n));
    }
    Iterator& operator++() {
      ++i_;
      return *this;
    }
    Iterator& operator--() {
      --i_;
      return *this;
    }
    Iterator& operator+=(difference_type n) {
      i_ += static_cast<int>(n);
      return *this;
    }
    Iterator& operator-=(difference_type n) {
      i_ -= static_cast<int>(n);
      return *this;
    }
    Iterator operator+(difference_type n) const {
      return Iterator(table_, i_ + static_cast<int>(n));
    }
    Iterator operator-(difference_type n) const {
      return Iterator(table_, i_ - static_cast<int>(n));
    }
    difference_type operator-(const Iterator& other) const {
      return i_ - other.i_;
    }
    bool operator==(const Iterator& other) const { return i_ == other.i_; }
    bool operator!=(const Iterator& other) const { return i_ != other.i_; }
    bool operator<(const Iterator& other) const { return i_ < other.i_; }

   private:
    const plugin::v1::TokenTable* table_;
    int i_;
  };
  Iterator begin() const { return Iterator(table_, 0); }
  Iterator end() const { return Iterator(table_, size()); }

 private:
  const plugin::v1::TokenTable* table_;
};

// Appends one token to `table`, as the host does.
inline void AddToken(uint32_t begin, uint32_t end, plugin::v1::TokenKind kind,
                     uint32_t sentence, bool stopword, bool capitalized,
                     std::string_view lower, std::string_view stem,
                     plugin::v1::TokenTable* table) {
  table->add_begin(begin);
  table->add_end(end);
  table->add_kind(kind);
  table->add_sentence(sentence);
  table->add_flags((stopword ? plugin::v1::TOKEN_FLAG_STOPWORD : 0) |
                   (capitalized ? plugin::v1::TOKEN_FLAG_CAPITALIZED : 0));
  table->mutable_lower()->append(lower.data(), lower.size());
  table->add_lower_end(static_cast<uint32_t>(table->lower().size()));
  table->mutable_stem()->append(stem.data(), stem.size());
  table->add_stem_end(static_cast<uint32_t>(table->stem().size()));
}

namespace internal {

inline bool IsUtf8Continuation(const std::string& s, uint32_t at) {
  return at < s.size() && (static_cast<unsigned char>(s[at]) & 0xC0) == 0x80;
}

// "" if `ends` cut `forms` into one form per token, else why not.
inline std::string CheckForms(
    const char* name, const std::string& forms,
    const google::protobuf::RepeatedField<uint32_t>& ends, int count) {
  if (ends.size() != count) {
    return std::string(name) + "_end has " + std::to_string(ends.size()) +
           " rows for " + std::to_string(count) + " tokens";
  }
  uint32_t previous = 0;
  for (int i = 0; i < count; ++i) {
    const uint32_t end = ends.Get(i);
    if (end < previous || end > forms.size() ||
        IsUtf8Continuation(forms, end)) {
      return std::string(name) + "_end[" + std::to_string(i) +
             "] does not end a form";
    }
    previous = end;
  }
  return "";
}

}  // namespace internal

// "" if `document`'s token table is consistent (see TokenTable in
// plugin.proto), else the first problem found.
inline std::string CheckTokens(const plugin::v1::PreparedDocument& document) {
  const plugin::v1::TokenTable& table = document.tokens();
  const int count = table.begin_size();
  if (table.end_size() != count || table.kind_size() != count ||
      table.sentence_size() != count || table.flags_size() != count) {
    return "the token table's columns differ in length";
  }
  for (int i = 0; i < count; ++i) {
    if (table.begin(i) > table.end(i) ||
        table.end(i) > document.text().size()) {
      return "token " + std::to_string(i) + " is outside the text";
    }
    if (i > 0 && table.begin(i) < table.end(i - 1)) {
      return "token " + std::to_string(i) + " starts before the previous ends";
    }
    if (table.sentence(i) >= static_cast<uint32_t>(document.sentences_size())) {
      return "token " + std::to_string(i) + " names a sentence past the list";
    }
  }
  for (int s = 0; s < document.sentences_size(); ++s) {
    const auto& sentence = document.sentences(s);
    if (uint64_t{sentence.first_token()} + sentence.token_count() >
        static_cast<uint64_t>(count)) {
      return "sentence " + std::to_string(s) + " has tokens past the table";
    }
    if (sentence.begin() > sentence.end() ||
        sentence.end() > document.text().size()) {
      return "sentence " + std::to_string(s) + " is outside the text";
    }
    for (uint32_t t = sentence.first_token();
         t < sentence.first_token() + sentence.token_count(); ++t) {
      if (table.sentence(static_cast<int>(t)) != static_cast<uint32_t>(s)) {
        return "token " + std::to_string(t) + " names another sentence than " +
               std::to_string(s);
      }
    }
  }
  std::string problem =
      internal::CheckForms("lower", table.lower(), table.lower_end(), count);
  if (problem.empty()) {
    problem =
        internal::CheckForms("stem", table.stem(), table.stem_end(), count);
  }
  return problem;
}

}  // namespace textlens::sdk

#endif  // TEXTLENS_PLUGINS_SDK_TOKENS_H_
