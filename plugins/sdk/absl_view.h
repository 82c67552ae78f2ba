// AbslView: a std::string_view as Abseil's own string_view.
//
// Debian's Abseil (20220623) defines absl::string_view as its own type, not
// as std::string_view. Its hash tables keyed by std::string or
// absl::string_view look a std::string_view up only after a conversion,
// and tables keyed by std::string_view fall back to std::hash, which is
// slower: lookups convert with AbslView.
#ifndef TEXTLENS_PLUGINS_SDK_ABSL_VIEW_H_
#define TEXTLENS_PLUGINS_SDK_ABSL_VIEW_H_

#include <string_view>

#include "absl/strings/string_view.h"

namespace textlens::sdk {

inline absl::string_view AbslView(std::string_view s) {
  return absl::string_view(s.data(), s.size());
}

}  // namespace textlens::sdk

#endif  // TEXTLENS_PLUGINS_SDK_ABSL_VIEW_H_
