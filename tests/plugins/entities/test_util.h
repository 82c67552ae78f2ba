// Helpers shared by the entities tests: prepare a text with the real text
// layer and find entities or mentions in a result.
//
// Thread-safe: no shared state besides a lazily built, const preparer.
#ifndef TEXTLENS_TESTS_PLUGINS_ENTITIES_TEST_UTIL_H_
#define TEXTLENS_TESTS_PLUGINS_ENTITIES_TEST_UTIL_H_

#include <memory>
#include <string>

#include "gtest/gtest.h"
#include "plugins/entities/entities.h"
#include "tests/testing/prepare_text.h"

namespace textlens::plugins::entities::testing {

inline plugin::v1::PreparedDocument Prepare(const std::string& text,
                                            const std::string& language) {
  return textlens::testing::PrepareText(text, language);
}

inline const EntityAnalyzer& Analyzer() {
  static const auto* const analyzer = EntityAnalyzer::Create()->release();
  return *analyzer;
}

inline v1::Entities Analyze(const std::string& text,
                            const std::string& language,
                            const v1::EntitiesOptions& options = {}) {
  auto result = Analyzer().Analyze(Prepare(text, language), options);
  EXPECT_TRUE(result.ok()) << result.status();
  return *result;
}

// `sentences` times "Jean Dupont et Marie Curie de Mistral AI. ": a name
// every two words.
inline std::string NameDenseText(int sentences) {
  std::string text;
  for (int i = 0; i < sentences; ++i) {
    text += "Jean Dupont et Marie Curie de Mistral AI. ";
  }
  return text;
}

// The entity named `canonical`, or nullptr.
inline const v1::Entity* Find(const v1::Entities& entities,
                              const std::string& canonical) {
  for (const auto& entity : entities.entities()) {
    if (entity.canonical_name() == canonical) return &entity;
  }
  return nullptr;
}

// The entity having a mention whose text is `text`, or nullptr.
inline const v1::Entity* FindByMention(const v1::Entities& entities,
                                       const std::string& text) {
  for (const auto& entity : entities.entities()) {
    for (const auto& mention : entity.mentions()) {
      if (mention.text() == text) return &entity;
    }
  }
  return nullptr;
}

}  // namespace textlens::plugins::entities::testing

#endif  // TEXTLENS_TESTS_PLUGINS_ENTITIES_TEST_UTIL_H_
