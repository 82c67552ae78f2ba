#include "plugins/entities/text_keys.h"

#include <cstdint>

namespace textlens::plugins::entities {
namespace {

// Decodes one UTF-8 sequence at `text[*pos]`; advances `*pos`. Returns
// 0xFFFFFFFF for an invalid byte (consumed alone).
uint32_t Decode(std::string_view text, size_t* pos) {
  const auto byte = [&](size_t i) {
    return static_cast<unsigned char>(text[i]);
  };
  const unsigned char lead = byte(*pos);
  int length = 0;
  uint32_t code = 0;
  if (lead < 0x80) {
    ++*pos;
    return lead;
  } else if ((lead & 0xE0) == 0xC0) {
    length = 2;
    code = lead & 0x1F;
  } else if ((lead & 0xF0) == 0xE0) {
    length = 3;
    code = lead & 0x0F;
  } else if ((lead & 0xF8) == 0xF0) {
    length = 4;
    code = lead & 0x07;
  } else {
    ++*pos;
    return 0xFFFFFFFF;
  }
  if (*pos + length > text.size()) {
    ++*pos;
    return 0xFFFFFFFF;
  }
  for (int i = 1; i < length; ++i) {
    const unsigned char next = byte(*pos + i);
    if ((next & 0xC0) != 0x80) {
      ++*pos;
      return 0xFFFFFFFF;
    }
    code = (code << 6) | (next & 0x3F);
  }
  *pos += length;
  return code;
}

void Encode(uint32_t code, std::string* out) {
  if (code < 0x80) {
    out->push_back(static_cast<char>(code));
  } else if (code < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (code >> 6)));
    out->push_back(static_cast<char>(0x80 | (code & 0x3F)));
  } else if (code < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (code >> 12)));
    out->push_back(static_cast<char>(0x80 | ((code >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (code & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (code >> 18)));
    out->push_back(static_cast<char>(0x80 | ((code >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((code >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (code & 0x3F)));
  }
}

// The ASCII base of a Latin-1 / Latin Extended-A letter, or nullptr.
const char* BaseOf(uint32_t code) {
  // U+00C0..U+00FF, one entry each ("" keeps the letter as it is).
  static const char* const kLatin1[64] = {
      "A", "A", "A", "A", "A", "A",  "AE", "C", "E", "E", "E", "E", "I",
      "I", "I", "I", "D", "N", "O",  "O",  "O", "O", "O", "",  "O", "U",
      "U", "U", "U", "Y", "",  "ss", "a",  "a", "a", "a", "a", "a", "ae",
      "c", "e", "e", "e", "e", "i",  "i",  "i", "i", "d", "n", "o", "o",
      "o", "o", "o", "",  "o", "u",  "u",  "u", "u", "y", "",  "y"};
  if (code >= 0xC0 && code <= 0xFF) {
    const char* base = kLatin1[code - 0xC0];
    return base[0] == '\0' ? nullptr : base;
  }
  switch (code) {
    case 0x152:
      return "OE";
    case 0x153:
      return "oe";
    case 0x178:
      return "Y";
    default:
      return nullptr;
  }
}

bool IsSkipped(uint32_t code) {
  return code == ' ' || code == '\t' || code == '\n' || code == 0xA0 ||
         code == 0x202F || code == '-' || (code >= 0x2010 && code <= 0x2013);
}

}  // namespace

std::string NameKey(std::string_view text, bool fold_case) {
  std::string out;
  out.reserve(text.size());
  size_t pos = 0;
  while (pos < text.size()) {
    // ASCII, most of the text: no base letter, no typographic quote.
    if (const auto byte = static_cast<unsigned char>(text[pos]); byte < 0x80) {
      ++pos;
      if (IsSkipped(byte)) continue;
      out.push_back(fold_case && byte >= 'A' && byte <= 'Z'
                        ? static_cast<char>(byte - 'A' + 'a')
                        : static_cast<char>(byte));
      continue;
    }
    const size_t start = pos;
    const uint32_t code = Decode(text, &pos);
    if (code == 0xFFFFFFFF) {
      out.append(text.substr(start, pos - start));
      continue;
    }
    if (IsSkipped(code)) continue;
    if (code == 0x2019 || code == 0x2018) {
      out.push_back('\'');
      continue;
    }
    if (const char* base = BaseOf(code)) {
      for (const char* c = base; *c != '\0'; ++c) {
        out.push_back(fold_case && *c >= 'A' && *c <= 'Z'
                          ? static_cast<char>(*c - 'A' + 'a')
                          : *c);
      }
      continue;
    }
    if (code < 0x80) {
      out.push_back(fold_case && code >= 'A' && code <= 'Z'
                        ? static_cast<char>(code - 'A' + 'a')
                        : static_cast<char>(code));
      continue;
    }
    Encode(code, &out);
  }
  return out;
}

bool IsAllCaps(std::string_view text) {
  bool letter = false;
  size_t pos = 0;
  while (pos < text.size()) {
    const uint32_t code = Decode(text, &pos);
    if ((code >= 'a' && code <= 'z') || (code >= 0xDF && code <= 0xFF) ||
        code == 0x153) {
      return false;
    }
    if ((code >= 'A' && code <= 'Z') || (code >= 0xC0 && code <= 0xDE) ||
        code == 0x152) {
      letter = true;
    }
  }
  return letter;
}

}  // namespace textlens::plugins::entities
