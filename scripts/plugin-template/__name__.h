// __Name__: counts a prepared document's words and sentences and finds its
// longest sentence. The starting point of a new analyzer: replace the logic,
// keep the shape (pure logic here, the ABI in plugin.cc, tests in tests/).
//
// Thread-safety: plain functions.
#ifndef TEXTLENS_PLUGINS___NAME_____NAME___H_
#define TEXTLENS_PLUGINS___NAME_____NAME___H_

#include "absl/status/statusor.h"
#include "plugins/__name__/__name__.pb.h"
#include "textlens/plugin/v1/plugin.pb.h"

namespace textlens::plugins::__name__ {

// Counts the words of `document` that have at least `min_word_length` bytes.
// INVALID_ARGUMENT if `min_word_length` is below 1.
absl::StatusOr<v1::__Name__Result> Analyze(
    const plugin::v1::PreparedDocument& document, int min_word_length);

}  // namespace textlens::plugins::__name__

#endif  // TEXTLENS_PLUGINS___NAME_____NAME___H_
