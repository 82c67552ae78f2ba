#include "service/ingest/content_sniffer.h"

#include <magic.h>

#include <algorithm>
#include <memory>

#include "absl/strings/match.h"
#include "absl/strings/strip.h"
#include "service/text/normalizer.h"

namespace textlens::service::ingest {
namespace {

constexpr size_t kSniffBytes = 64 << 10;

struct MagicCloser {
  void operator()(magic_t cookie) const { magic_close(cookie); }
};
using Magic = std::unique_ptr<std::remove_pointer_t<magic_t>, MagicCloser>;

// This thread's libmagic handle on the system database; null if it cannot
// be loaded.
magic_t ThreadMagic() {
  thread_local Magic magic = [] {
    Magic cookie(magic_open(MAGIC_MIME_TYPE | MAGIC_NO_CHECK_COMPRESS |
                            MAGIC_NO_CHECK_ELF | MAGIC_ERROR));
    if (cookie == nullptr || magic_load(cookie.get(), nullptr) != 0) {
      return Magic();
    }
    const size_t bytes_max = kSniffBytes;
    magic_setparam(cookie.get(), MAGIC_PARAM_BYTES_MAX, &bytes_max);
    return cookie;
  }();
  return magic.get();
}

// Markdown has no signature: a front matter or an opening "# " heading.
bool LooksLikeMarkdown(absl::string_view head) {
  return absl::StartsWith(head, "---\n") || absl::StartsWith(head, "# ") ||
         absl::StartsWith(head, "## ");
}

}  // namespace

std::string SniffContentType(std::string_view bytes) {
  absl::string_view head(bytes.data(), std::min(bytes.size(), kSniffBytes));
  absl::ConsumePrefix(&head, "\xEF\xBB\xBF");  // UTF-8 byte order mark
  const absl::string_view start = absl::StripLeadingAsciiWhitespace(head);
  if (absl::StartsWith(start, "%PDF-")) return "application/pdf";
  for (const char* tag : {"<!doctype html", "<html", "<head", "<body"}) {
    if (absl::StartsWithIgnoreCase(start, tag)) return "text/html";
  }
  if (LooksLikeMarkdown(start)) return "text/markdown";
  if (magic_t magic = ThreadMagic()) {
    if (const char* type = magic_buffer(magic, head.data(), head.size())) {
      const absl::string_view found(type);
      if (found == "text/html" || found == "application/pdf") {
        return std::string(found);
      }
      // Text of any kind (source code, CSV, JSON, e-mail...) is read as
      // plain; a NUL byte or invalid UTF-8 keeps libmagic's binary type. A
      // character cut at the sniffing limit does not count.
      const absl::string_view checked =
          bytes.size() > kSniffBytes ? head.substr(0, head.size() - 3) : head;
      const bool textual =
          absl::StartsWith(found, "text/") ||
          (head.find('\0') == absl::string_view::npos &&
           text::ValidateUtf8(std::string_view(checked.data(), checked.size()),
                              "")
               .ok());
      if (textual) return "text/plain";
      return std::string(found);
    }
  }
  return head.find('\0') != absl::string_view::npos ? "application/octet-stream"
                                                    : "text/plain";
}

}  // namespace textlens::service::ingest
