#include "service/ingest/pdf_converter.h"

#include <algorithm>
#include <climits>
#include <ctime>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"
#include "poppler/cpp/poppler-document.h"
#include "poppler/cpp/poppler-global.h"
#include "poppler/cpp/poppler-page.h"
#include "unicode/uchar.h"
#include "unicode/utf8.h"

namespace textlens::service::ingest {
namespace {

// Poppler reports every syntax problem of a damaged file on stderr; the
// outcome is what matters, so its messages are dropped.
void QuietPoppler() {
  static std::once_flag once;
  std::call_once(once, [] {
    poppler::set_debug_error_function([](const std::string&, void*) {},
                                      nullptr);
  });
}

std::string ToUtf8(const poppler::ustring& text) {
  const poppler::byte_array bytes = text.to_utf8();
  return std::string(bytes.begin(), bytes.end());
}

// Typographic ligatures and soft hyphens of PDF fonts, as plain letters.
std::string Unligature(std::string text) {
  return absl::StrReplaceAll(text, {{"\xEF\xAC\x80", "ff"},
                                    {"\xEF\xAC\x81", "fi"},
                                    {"\xEF\xAC\x82", "fl"},
                                    {"\xEF\xAC\x83", "ffi"},
                                    {"\xEF\xAC\x84", "ffl"},
                                    {"\xC2\xAD", ""}});
}

UChar32 FirstCodePoint(std::string_view s) {
  int32_t i = 0;
  UChar32 c = U_SENTINEL;
  if (!s.empty()) U8_NEXT(s.data(), i, static_cast<int32_t>(s.size()), c);
  return c;
}

UChar32 LastCodePoint(std::string_view s) {
  int32_t i = static_cast<int32_t>(s.size());
  UChar32 c = U_SENTINEL;
  if (i > 0) U8_PREV(s.data(), 0, i, c);
  return c;
}

size_t CodePoints(std::string_view s) {
  return std::count_if(s.begin(), s.end(),
                       [](char b) { return (b & 0xC0) != 0x80; });
}

bool EndsSentence(std::string_view line) {
  const UChar32 c = LastCodePoint(line);
  return c == '.' || c == '!' || c == '?' || c == ':' || c == 0x2026 ||
         c == 0xBB || c == '"' || c == 0x201D || c == ')';
}

// The line with every digit as '#': "Page 3 / 12" and "Page 4 / 12" match.
std::string Shape(std::string_view line) {
  std::string shape(line);
  for (char& c : shape) {
    if (absl::ascii_isdigit(static_cast<unsigned char>(c))) c = '#';
  }
  return shape;
}

// A line that is only a page number: "7", "- 7 -", "Page 7", "7 / 12".
bool IsPageNumber(std::string_view line) {
  std::string rest = absl::AsciiStrToLower(Shape(line));
  absl::StrReplaceAll({{"page", ""},
                       {"#", ""},
                       {"/", ""},
                       {"-", ""},
                       {"sur", ""},
                       {"of", ""},
                       {" ", ""}},
                      &rest);
  return rest.empty() && line.find_first_of("0123456789") != line.npos;
}

std::vector<std::string> PageLines(const std::string& page_text) {
  std::vector<std::string> lines;
  for (absl::string_view line : absl::StrSplit(page_text, '\n')) {
    lines.emplace_back(absl::StripAsciiWhitespace(line));
  }
  return lines;
}

// The shapes of lines that open or close most pages: running titles,
// footers and numbers.
std::map<std::string, int> RunningLines(
    const std::vector<std::vector<std::string>>& pages) {
  std::map<std::string, int> counts;
  for (const auto& lines : pages) {
    const auto first = std::find_if(lines.begin(), lines.end(),
                                    [](const auto& l) { return !l.empty(); });
    const auto last = std::find_if(lines.rbegin(), lines.rend(),
                                   [](const auto& l) { return !l.empty(); });
    if (first == lines.end()) continue;
    ++counts[Shape(*first)];
    if (&*last != &*first) ++counts[Shape(*last)];
  }
  std::map<std::string, int> running;
  for (const auto& [shape, count] : counts) {
    if (pages.size() >= 3 && count * 2 > static_cast<int>(pages.size())) {
      running[shape] = count;
    }
  }
  return running;
}

// Length under which a line ending a sentence ends its paragraph: most
// lines of a page run to the right margin, a paragraph's last line stops
// short.
size_t FullLineLength(const std::vector<std::string>& lines) {
  std::vector<size_t> lengths;
  for (const auto& line : lines) {
    if (!line.empty()) lengths.push_back(CodePoints(line));
  }
  if (lengths.empty()) return 0;
  std::sort(lengths.begin(), lengths.end());
  return lengths[lengths.size() * 4 / 5];
}

// Appends `line` to the paragraph `block`, joining a word split by a
// hyphen at the end of the previous line.
void AppendLine(std::string_view line, std::string* block) {
  if (block->empty()) {
    block->assign(line);
    return;
  }
  if (block->back() != '-') block->push_back(' ');
  block->append(line);
}

// The paragraphs and headings of one page's lines, running lines removed.
std::vector<std::string> PageBlocks(const std::vector<std::string>& lines,
                                    const std::map<std::string, int>& running) {
  std::vector<std::string> kept;
  for (size_t i = 0; i < lines.size(); ++i) {
    const std::string& line = lines[i];
    if (!line.empty() &&
        (IsPageNumber(line) || running.count(Shape(line)) > 0)) {
      continue;
    }
    kept.push_back(line);
  }
  const size_t full = FullLineLength(kept);
  std::vector<std::string> blocks;
  std::string block;
  for (size_t i = 0; i < kept.size(); ++i) {
    const std::string& line = kept[i];
    if (line.empty()) {
      if (!block.empty()) blocks.push_back(std::move(block));
      block.clear();
      continue;
    }
    AppendLine(line, &block);
    const size_t length = CodePoints(line);
    const bool next_starts_upper =
        i + 1 < kept.size() && u_isupper(FirstCodePoint(kept[i + 1]));
    const bool paragraph_end = EndsSentence(line) && length * 5 < full * 4;
    const bool heading_end =
        !EndsSentence(line) && length * 5 < full * 3 && next_starts_upper;
    if (paragraph_end || heading_end) {
      blocks.push_back(std::move(block));
      block.clear();
    }
  }
  if (!block.empty()) blocks.push_back(std::move(block));
  return blocks;
}

std::string IsoUtc(time_t t) {
  std::tm tm{};
  if (gmtime_r(&t, &tm) == nullptr) return "";
  char buffer[32];
  std::strftime(buffer, sizeof(buffer), "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buffer;
}

}  // namespace

absl::StatusOr<ConvertedText> PdfToText(std::string_view pdf,
                                        const PdfLimits& limits,
                                        std::string_view field) {
  QuietPoppler();
  const std::string where(field);
  if (pdf.size() > INT_MAX) {
    return absl::ResourceExhaustedError(
        absl::StrCat(where, ": a PDF is read up to 2 GiB"));
  }
  std::unique_ptr<poppler::document> document(
      poppler::document::load_from_raw_data(pdf.data(),
                                            static_cast<int>(pdf.size())));
  if (document == nullptr) {
    return absl::InvalidArgumentError(absl::StrCat(
        where, ": not a readable PDF (damaged, truncated or not a PDF)"));
  }
  if (document->is_locked()) {
    return absl::InvalidArgumentError(absl::StrCat(
        where, ": the PDF is encrypted with a password; send it unlocked"));
  }
  const int page_count = document->pages();
  if (page_count < 0 || static_cast<uint32_t>(page_count) > limits.max_pages) {
    return absl::ResourceExhaustedError(
        absl::StrCat(where, ": the PDF has ", page_count,
                     " pages; the limit is ", limits.max_pages));
  }
  std::vector<std::vector<std::string>> pages;
  uint64_t text_bytes = 0;
  for (int i = 0; i < page_count; ++i) {
    std::unique_ptr<poppler::page> page(document->create_page(i));
    if (page == nullptr) continue;
    std::string text = Unligature(ToUtf8(page->text(
        poppler::rectf(), poppler::page::non_raw_non_physical_layout)));
    text_bytes += text.size();
    if (text_bytes > limits.max_text_bytes) {
      return absl::ResourceExhaustedError(absl::StrCat(
          where, ": the PDF's text is over ", limits.max_text_bytes,
          " bytes by page ", i + 1, " (the limit of a document's text)"));
    }
    pages.push_back(PageLines(text));
  }
  const auto running = RunningLines(pages);
  ConvertedText out;
  for (const auto& lines : pages) {
    bool first_of_page = true;
    for (auto& block : PageBlocks(lines, running)) {
      // A paragraph cut by the page break goes on with a lowercase word.
      const bool continues = first_of_page && !out.text.empty() &&
                             !EndsSentence(out.text) &&
                             u_islower(FirstCodePoint(block));
      if (continues) {
        AppendLine(block, &out.text);
      } else {
        absl::StrAppend(&out.text, out.text.empty() ? "" : "\n\n", block);
      }
      first_of_page = false;
    }
  }
  if (absl::StripAsciiWhitespace(out.text).empty()) {
    return absl::InvalidArgumentError(absl::StrCat(
        where,
        ": the PDF has no text layer (scanned pages?); textlens does "
        "not run OCR"));
  }
  out.title =
      std::string(absl::StripAsciiWhitespace(ToUtf8(document->get_title())));
  out.author =
      std::string(absl::StripAsciiWhitespace(ToUtf8(document->get_author())));
  const time_t created = document->info_date_t("CreationDate");
  if (created > 0) out.published = IsoUtc(created);
  return out;
}

}  // namespace textlens::service::ingest
