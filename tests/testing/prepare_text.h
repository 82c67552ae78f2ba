// PrepareText: the prepared document the host would hand an analyzer, for
// the analyzers' tests (normalization and preparation by the real text
// layer).
//
// Thread-safe: one shared preparer, immutable after creation.
#ifndef TEXTLENS_TESTS_TESTING_PREPARE_TEXT_H_
#define TEXTLENS_TESTS_TESTING_PREPARE_TEXT_H_

#include <string_view>

#include "gtest/gtest.h"
#include "service/text/document_preparer.h"
#include "service/text/normalizer.h"
#include "textlens/plugin/v1/plugin.pb.h"

namespace textlens::testing {

// Normalizes and prepares `text`; `language` may be empty (detect it).
// Fails the current test and returns an empty document on error.
inline plugin::v1::PreparedDocument PrepareText(std::string_view text,
                                                std::string_view language) {
  static const auto* preparer = [] {
    auto created = service::text::DocumentPreparer::Create();
    EXPECT_TRUE(created.ok()) << created.status();
    return created.ok() ? created->release() : nullptr;
  }();
  if (preparer == nullptr) return {};
  auto normalized = service::text::NormalizeText(text);
  EXPECT_TRUE(normalized.ok()) << normalized.status();
  if (!normalized.ok()) return {};
  auto document = preparer->Prepare(*normalized, language);
  EXPECT_TRUE(document.ok()) << document.status();
  return document.ok() ? *std::move(document) : plugin::v1::PreparedDocument();
}

}  // namespace textlens::testing

#endif  // TEXTLENS_TESTS_TESTING_PREPARE_TEXT_H_
