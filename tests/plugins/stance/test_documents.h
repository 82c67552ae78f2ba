// Test helper: prepares texts with the text layer, as the host does.
// Thread-safety: the shared preparer is immutable after creation.
#ifndef TEXTLENS_TESTS_PLUGINS_STANCE_TEST_DOCUMENTS_H_
#define TEXTLENS_TESTS_PLUGINS_STANCE_TEST_DOCUMENTS_H_

#include <memory>
#include <string>
#include <string_view>

#include "gtest/gtest.h"
#include "service/text/document_preparer.h"
#include "service/text/normalizer.h"
#include "textlens/plugin/v1/plugin.pb.h"

namespace textlens::plugins::stance {

// Normalizes and prepares `text` in `language`; fails the test on error.
inline plugin::v1::PreparedDocument Prepare(std::string_view text,
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

}  // namespace textlens::plugins::stance

#endif  // TEXTLENS_TESTS_PLUGINS_STANCE_TEST_DOCUMENTS_H_
