#include "service/server/request_validator.h"

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "service/common/status_macros.h"
#include "service/ingest/charset.h"
#include "service/ingest/ingester.h"

namespace textlens::service::server {
namespace {

constexpr size_t kMaxIdBytes = 256;
constexpr size_t kMaxMetadataEntries = 64;
constexpr size_t kMaxMetadataBytes = 1024;

// Fills content_type and charset from a MIME type such as
// "text/html; charset=windows-1252" (any case). An empty type leaves
// content_type empty (detect it) for bytes, and means text/plain for text.
absl::Status ParseContentType(const textlens::v1::Document& document,
                              absl::string_view field, ValidatedDocument* out) {
  const bool is_text = document.source_case() == textlens::v1::Document::kText;
  const std::string& content_type = document.content_type();
  out->content_type = is_text ? "text/plain" : "";
  out->charset = "";
  if (content_type.empty()) return absl::OkStatus();
  std::vector<absl::string_view> parts = absl::StrSplit(content_type, ';');
  const absl::string_view type = absl::StripAsciiWhitespace(parts[0]);
  out->content_type =
      ingest::CanonicalContentType(std::string_view(type.data(), type.size()));
  if (out->content_type.empty()) {
    return absl::InvalidArgumentError(
        absl::StrCat(field, ".content_type: unsupported type '", content_type,
                     "' (supported: ", ingest::kSupportedTypes, ")"));
  }
  if (is_text && out->content_type == "application/pdf") {
    return absl::InvalidArgumentError(
        absl::StrCat(field, ".content_type: a PDF is binary; send it in ",
                     field, ".content, not ", field, ".text"));
  }
  for (size_t i = 1; i < parts.size(); ++i) {
    std::pair<absl::string_view, absl::string_view> kv =
        absl::StrSplit(parts[i], absl::MaxSplits('=', 1));
    const std::string key =
        absl::AsciiStrToLower(absl::StripAsciiWhitespace(kv.first));
    absl::string_view value = absl::StripAsciiWhitespace(kv.second);
    absl::ConsumePrefix(&value, "\"");
    absl::ConsumeSuffix(&value, "\"");
    if (key != "charset") continue;
    out->charset =
        ingest::CanonicalCharset(std::string_view(value.data(), value.size()));
    if (out->charset.empty()) {
      return absl::InvalidArgumentError(absl::StrCat(
          field, ".content_type: unsupported charset '", value,
          "' (supported: utf-8, us-ascii, iso-8859-1, iso-8859-15, "
          "windows-1252)"));
    }
  }
  return absl::OkStatus();
}

}  // namespace

bool IsWellFormedLanguageTag(absl::string_view tag) {
  if (tag.empty()) return true;
  if (tag.size() > 35) return false;
  std::vector<absl::string_view> subtags =
      absl::StrSplit(tag, absl::ByAnyChar("-_"));
  for (size_t i = 0; i < subtags.size(); ++i) {
    const absl::string_view s = subtags[i];
    if (s.empty() || s.size() > 8) return false;
    for (char c : s) {
      if (!absl::ascii_isalnum(static_cast<unsigned char>(c))) return false;
      if (i == 0 && !absl::ascii_isalpha(static_cast<unsigned char>(c)))
        return false;
    }
    if (i == 0 && (s.size() < 2 || s.size() > 3)) return false;
  }
  return true;
}

absl::StatusOr<ValidatedDocument> ValidateDocument(
    const textlens::v1::Document& document, const config::ServerConfig& config,
    absl::string_view field) {
  ValidatedDocument out;
  absl::string_view content;
  std::string source_field;
  switch (document.source_case()) {
    case textlens::v1::Document::kText:
      content = document.text();
      source_field = absl::StrCat(field, ".text");
      break;
    case textlens::v1::Document::kContent:
      content = document.content();
      source_field = absl::StrCat(field, ".content");
      break;
    default:
      return absl::InvalidArgumentError(absl::StrCat(
          field, ": set either text or content (the document is empty)"));
  }
  if (content.size() > config.max_content_bytes) {
    return absl::ResourceExhaustedError(absl::StrCat(
        source_field, " is ", content.size(), " bytes; the limit is ",
        config.max_content_bytes, " bytes as sent"));
  }
  RETURN_IF_ERROR(ParseContentType(document, field, &out));
  // `text` is a protobuf string: UTF-8 whatever the declared charset.
  if (document.source_case() == textlens::v1::Document::kText) {
    out.charset = "utf-8";
  }
  if (document.id().size() > kMaxIdBytes) {
    return absl::InvalidArgumentError(
        absl::StrCat(field, ".id is ", document.id().size(),
                     " bytes; the limit is ", kMaxIdBytes));
  }
  if (!IsWellFormedLanguageTag(document.language())) {
    return absl::InvalidArgumentError(
        absl::StrCat(field, ".language: '", document.language(),
                     "' is not a BCP-47 tag such as 'fr' or 'en-US'"));
  }
  if (document.metadata_size() > static_cast<int>(kMaxMetadataEntries)) {
    return absl::InvalidArgumentError(
        absl::StrCat(field, ".metadata has ", document.metadata_size(),
                     " entries; the limit is ", kMaxMetadataEntries));
  }
  for (const auto& [key, value] : document.metadata()) {
    if (key.size() > kMaxMetadataBytes || value.size() > kMaxMetadataBytes) {
      return absl::InvalidArgumentError(absl::StrCat(
          field, ".metadata['", key.substr(0, 64),
          "']: keys and values are limited to ", kMaxMetadataBytes, " bytes"));
    }
  }
  out.content = content;
  out.content_field = std::move(source_field);
  return out;
}

}  // namespace textlens::service::server
