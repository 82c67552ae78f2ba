// Test helper: prepares texts with the text layer, as the host does.
// Thread-safety: the shared preparer is immutable after creation.
#ifndef TEXTLENS_TESTS_PLUGINS_STANCE_TEST_DOCUMENTS_H_
#define TEXTLENS_TESTS_PLUGINS_STANCE_TEST_DOCUMENTS_H_

#include <string_view>

#include "tests/testing/prepare_text.h"
#include "textlens/plugin/v1/plugin.pb.h"

namespace textlens::plugins::stance {

// Normalizes and prepares `text` in `language`; fails the test on error.
inline plugin::v1::PreparedDocument Prepare(std::string_view text,
                                            std::string_view language) {
  return textlens::testing::PrepareText(text, language);
}

}  // namespace textlens::plugins::stance

#endif  // TEXTLENS_TESTS_PLUGINS_STANCE_TEST_DOCUMENTS_H_
