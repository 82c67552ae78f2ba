#include "service/ingest/charset.h"

#include <memory>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "service/text/normalizer.h"
#include "unicode/ucnv.h"
#include "unicode/unistr.h"

namespace textlens::service::ingest {
namespace {

struct Alias {
  const char* label;
  const char* canonical;
};

constexpr Alias kAliases[] = {
    {"utf-8", "utf-8"},
    {"utf8", "utf-8"},
    {"us-ascii", "utf-8"},  // ASCII is a subset of UTF-8
    {"ascii", "utf-8"},
    {"iso-8859-1", "iso-8859-1"},
    {"iso8859-1", "iso-8859-1"},
    {"latin1", "iso-8859-1"},
    {"latin-1", "iso-8859-1"},
    {"l1", "iso-8859-1"},
    {"iso-8859-15", "iso-8859-15"},
    {"latin9", "iso-8859-15"},
    {"windows-1252", "windows-1252"},
    {"cp1252", "windows-1252"},
    {"x-cp1252", "windows-1252"},
};

}  // namespace

std::string CanonicalCharset(std::string_view label) {
  const std::string lower =
      absl::AsciiStrToLower(absl::string_view(label.data(), label.size()));
  for (const auto& alias : kAliases) {
    if (lower == alias.label) return alias.canonical;
  }
  return "";
}

absl::StatusOr<std::string> DecodeToUtf8(std::string_view bytes,
                                         std::string_view charset,
                                         std::string_view field) {
  if (charset == "utf-8") {
    absl::Status valid = text::ValidateUtf8(bytes, field);
    if (!valid.ok()) return valid;
    return std::string(bytes);
  }
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<UConverter, void (*)(UConverter*)> converter(
      ucnv_open(std::string(charset).c_str(), &status), &ucnv_close);
  if (U_FAILURE(status)) {
    return absl::InternalError(absl::StrCat("ICU cannot open charset ",
                                            std::string(charset), ": ",
                                            u_errorName(status)));
  }
  icu::UnicodeString decoded(bytes.data(), static_cast<int32_t>(bytes.size()),
                             converter.get(), status);
  if (U_FAILURE(status)) {
    return absl::InvalidArgumentError(
        absl::StrCat(std::string(field), ": cannot decode as ",
                     std::string(charset), ": ", u_errorName(status)));
  }
  std::string out;
  decoded.toUTF8String(out);
  return out;
}

}  // namespace textlens::service::ingest
