#include "service/ingest/ingester.h"

#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "service/ingest/charset.h"
#include "service/ingest/content_sniffer.h"
#include "service/ingest/html_converter.h"
#include "service/ingest/markdown_converter.h"
#include "service/ingest/plain_text_converter.h"
#include "service/ingest/source_map.h"

namespace textlens::service::ingest {

std::string CanonicalContentType(std::string_view type) {
  const std::string lower =
      absl::AsciiStrToLower(absl::string_view(type.data(), type.size()));
  if (lower == "text/plain") return lower;
  if (lower == "text/html" || lower == "application/xhtml+xml") {
    return "text/html";
  }
  if (lower == "text/markdown" || lower == "text/x-markdown") {
    return "text/markdown";
  }
  if (lower == "application/pdf" || lower == "application/x-pdf") {
    return "application/pdf";
  }
  return "";
}

absl::StatusOr<IngestedDocument> Ingest(std::string_view content,
                                        std::string_view content_type,
                                        std::string_view charset,
                                        std::string_view field,
                                        const IngestOptions& options) {
  IngestedDocument out;
  out.content_type = content_type.empty() ? SniffContentType(content)
                                          : std::string(content_type);
  if (out.content_type == "application/pdf") {
    auto converted =
        ReadPdfInSandbox(content, options.pdf, options.deadline, field);
    if (!converted.ok()) return converted.status();
    out.converted = std::move(*converted);
    return out;
  }
  if (CanonicalContentType(out.content_type).empty()) {
    return absl::InvalidArgumentError(absl::StrCat(
        std::string(field), ": the content looks like ", out.content_type,
        ", which textlens cannot read (it reads ", kSupportedTypes,
        "); set content_type if it is one of these"));
  }
  out.charset = charset.empty() ? "utf-8" : std::string(charset);
  auto text = DecodeToUtf8(content, out.charset, field);
  if (!text.ok() && charset.empty()) {
    return absl::InvalidArgumentError(absl::StrCat(
        text.status().message(),
        "; if the content is in another charset, declare it in content_type "
        "(\"text/plain; charset=windows-1252\")"));
  }
  if (!text.ok()) return text.status();
  if (out.content_type == "text/plain") {
    out.converted = PlainTextToText(*text);
  } else {
    auto converted = out.content_type == "text/html" ? HtmlToText(*text)
                                                     : MarkdownToText(*text);
    if (!converted.ok()) {
      // The converters do not know the field; the caller needs it.
      return absl::Status(
          converted.status().code(),
          absl::StrCat(std::string(field), ": ", converted.status().message()));
    }
    out.converted = std::move(*converted);
  }
  MapToSentBytes(*text, out.charset, &out.converted.source_map);
  return out;
}

}  // namespace textlens::service::ingest
