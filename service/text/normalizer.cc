#include "service/text/normalizer.h"

#include <cstdint>
#include <string>

#include "absl/strings/str_cat.h"
#include "unicode/bytestream.h"
#include "unicode/normalizer2.h"
#include "unicode/utypes.h"

namespace textlens::service::text {
namespace {

// Returns the length of the well-formed UTF-8 sequence at `pos`, or 0 when
// the bytes there are not well-formed (RFC 3629 / Unicode Table 3-7).
size_t SequenceLength(std::string_view s, size_t pos) {
  const auto byte = [&](size_t i) { return static_cast<uint8_t>(s[i]); };
  const uint8_t b0 = byte(pos);
  if (b0 < 0x80) return 1;
  size_t len;
  uint8_t lo = 0x80, hi = 0xBF;  // Allowed range of the second byte.
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    len = 2;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    len = 3;
    if (b0 == 0xE0) lo = 0xA0;  // Overlong.
    if (b0 == 0xED) hi = 0x9F;  // Surrogates.
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    len = 4;
    if (b0 == 0xF0) lo = 0x90;  // Overlong.
    if (b0 == 0xF4) hi = 0x8F;  // Above U+10FFFF.
  } else {
    return 0;  // Stray continuation byte, C0/C1 overlong lead, F5..FF.
  }
  if (pos + len > s.size()) return 0;  // Truncated.
  const uint8_t b1 = byte(pos + 1);
  if (b1 < lo || b1 > hi) return 0;
  for (size_t i = 2; i < len; ++i) {
    const uint8_t b = byte(pos + i);
    if (b < 0x80 || b > 0xBF) return 0;
  }
  return len;
}

}  // namespace

absl::Status ValidateUtf8(std::string_view bytes, std::string_view field) {
  size_t pos = 0;
  while (pos < bytes.size()) {
    const size_t len = SequenceLength(bytes, pos);
    if (len == 0) {
      return absl::InvalidArgumentError(
          absl::StrCat(absl::string_view(field.data(), field.size()),
                       ": invalid UTF-8 at byte ", pos));
    }
    pos += len;
  }
  return absl::OkStatus();
}

absl::StatusOr<std::string> NormalizeText(std::string_view utf8) {
  absl::Status valid = ValidateUtf8(utf8, "document.text");
  if (!valid.ok()) return valid;

  // Newlines and control characters (C0 and DEL) first: they are ASCII, so
  // removing them cannot break a multi-byte sequence.
  std::string cleaned;
  cleaned.reserve(utf8.size());
  for (size_t i = 0; i < utf8.size(); ++i) {
    const char c = utf8[i];
    if (c == '\r') {
      cleaned.push_back('\n');
      if (i + 1 < utf8.size() && utf8[i + 1] == '\n') ++i;
    } else if ((static_cast<uint8_t>(c) < 0x20 && c != '\t' && c != '\n') ||
               c == '\x7f') {
      continue;
    } else {
      cleaned.push_back(c);
    }
  }

  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  if (U_FAILURE(status)) {
    return absl::InternalError(
        absl::StrCat("ICU NFC unavailable: ", u_errorName(status)));
  }
  // Most texts are already NFC: skip the copy then.
  if (nfc->isNormalizedUTF8(cleaned, status) && U_SUCCESS(status)) {
    return cleaned;
  }
  status = U_ZERO_ERROR;
  std::string out;
  out.reserve(cleaned.size());
  icu::StringByteSink<std::string> sink(&out);
  nfc->normalizeUTF8(0, cleaned, sink, nullptr, status);
  if (U_FAILURE(status)) {
    return absl::InternalError(
        absl::StrCat("ICU NFC failed: ", u_errorName(status)));
  }
  return out;
}

}  // namespace textlens::service::text
