// Writes small, valid PDFs for tests: pages of text lines in Helvetica
// (WinAnsi encoding, so French accents work), an information dictionary,
// optionally Flate-compressed content streams.
#ifndef TEXTLENS_TESTS_TESTING_PDF_WRITER_H_
#define TEXTLENS_TESTS_TESTING_PDF_WRITER_H_

#include <zlib.h>

#include <cstdint>
#include <cstdio>
#include <map>
#include <string>
#include <vector>

namespace textlens::testing {

struct PdfSpec {
  // Each page's lines, top to bottom; an empty line leaves a blank line.
  std::vector<std::vector<std::string>> pages;
  std::string title;          // UTF-8; empty: no /Title
  std::string author;         // UTF-8; empty: no /Author
  std::string creation_date;  // PDF form "D:20250617205900+02'00'"
  bool compress = false;      // Flate-compress the content streams
  // MiB of spaces after the first page's text, compressed to about a
  // thousandth of that: a decompression bomb (needs `compress`).
  uint32_t padding_mib = 0;
  // Pages that share the first page's content (a many-pages PDF stays small).
  int extra_pages = 0;
};

// The code points of UTF-8 `text` (Basic Multilingual Plane; tests only).
inline std::vector<uint32_t> CodePoints(const std::string& text) {
  std::vector<uint32_t> out;
  for (size_t i = 0; i < text.size();) {
    const unsigned char c = text[i];
    if (c >= 0xE0) {
      out.push_back(((c & 0x0F) << 12) | ((text[i + 1] & 0x3F) << 6) |
                    (text[i + 2] & 0x3F));
      i += 3;
    } else if (c >= 0xC0) {
      out.push_back(((c & 0x1F) << 6) | (text[i + 1] & 0x3F));
      i += 2;
    } else {
      out.push_back(c);
      i += 1;
    }
  }
  return out;
}

// The WinAnsi (Windows-1252) bytes of UTF-8 `text`, as a PDF literal string.
inline std::string PdfLiteral(const std::string& text) {
  static const std::map<uint32_t, unsigned char> kWinAnsi = {{0x2019, 0x92},
                                                             {0x201C, 0x93},
                                                             {0x201D, 0x94},
                                                             {0x20AC, 0x80},
                                                             {0x2026, 0x85}};
  std::string out = "(";
  for (const uint32_t cp : CodePoints(text)) {
    const auto special = kWinAnsi.find(cp);
    const unsigned char byte = cp < 0x100                  ? cp
                               : special != kWinAnsi.end() ? special->second
                                                           : '?';
    if (byte == '(' || byte == ')' || byte == '\\') out.push_back('\\');
    out.push_back(static_cast<char>(byte));
  }
  return out + ")";
}

// UTF-8 `text` as a PDF text string in UTF-16BE (the encoding of
// document information entries beyond ASCII).
inline std::string PdfTextString(const std::string& text) {
  std::string out = "<FEFF";
  char hex[8];
  for (const uint32_t cp : CodePoints(text)) {
    std::snprintf(hex, sizeof(hex), "%04X", cp);
    out += hex;
  }
  return out + ">";
}

// `data` followed by `padding_mib` MiB of spaces, Flate-compressed without
// ever holding the padding in memory.
inline std::string Deflate(const std::string& data, uint32_t padding_mib = 0) {
  z_stream z{};
  deflateInit(&z, padding_mib > 0 ? 1 : 9);
  std::string out;
  const std::string spaces(1 << 20, ' ');
  char buffer[1 << 16];
  auto pump = [&](const std::string& in, int flush) {
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
    z.avail_in = static_cast<uInt>(in.size());
    do {
      z.next_out = reinterpret_cast<Bytef*>(buffer);
      z.avail_out = sizeof(buffer);
      deflate(&z, flush);
      out.append(buffer, sizeof(buffer) - z.avail_out);
    } while (z.avail_out == 0);
  };
  pump(data, Z_NO_FLUSH);
  for (uint32_t i = 0; i < padding_mib; ++i) pump(spaces, Z_NO_FLUSH);
  pump("", Z_FINISH);
  deflateEnd(&z);
  return out;
}

// The content stream drawing `lines` from the top of an A4 page.
inline std::string PageContent(const std::vector<std::string>& lines) {
  std::string content = "BT /F1 11 Tf 14 TL 56 780 Td\n";
  for (const auto& line : lines) content += PdfLiteral(line) + " Tj T*\n";
  return content + "ET\n";
}

inline std::string WritePdf(const PdfSpec& spec,
                            std::vector<std::string> contents = {}) {
  if (contents.empty()) {
    for (const auto& page : spec.pages) contents.push_back(PageContent(page));
  }
  std::vector<std::string> objects;  // object i+1
  const int pages_id = 2, font_id = 3;
  const int first_content = 4;
  const int first_page = first_content + static_cast<int>(contents.size());
  const int page_count = static_cast<int>(contents.size()) + spec.extra_pages;
  objects.push_back("<< /Type /Catalog /Pages 2 0 R >>");
  std::string kids;
  for (int i = 0; i < page_count; ++i) {
    kids += std::to_string(first_page + i) + " 0 R ";
  }
  objects.push_back("<< /Type /Pages /Count " + std::to_string(page_count) +
                    " /Kids [" + kids + "] >>");
  objects.push_back(
      "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica "
      "/Encoding /WinAnsiEncoding >>");
  for (size_t i = 0; i < contents.size(); ++i) {
    const std::string& content = contents[i];
    const std::string body =
        spec.compress ? Deflate(content, i == 0 ? spec.padding_mib : 0)
                      : content;
    objects.push_back("<< /Length " + std::to_string(body.size()) +
                      (spec.compress ? " /Filter /FlateDecode" : "") +
                      " >>\nstream\n" + body + "\nendstream");
  }
  for (int i = 0; i < page_count; ++i) {
    const int content =
        first_content + std::min(i, static_cast<int>(contents.size()) - 1);
    objects.push_back(
        "<< /Type /Page /Parent " + std::to_string(pages_id) +
        " 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 " +
        std::to_string(font_id) + " 0 R >> >> /Contents " +
        std::to_string(content) + " 0 R >>");
  }
  std::string info = "<< ";
  if (!spec.title.empty()) info += "/Title " + PdfTextString(spec.title) + " ";
  if (!spec.author.empty())
    info += "/Author " + PdfTextString(spec.author) + " ";
  if (!spec.creation_date.empty()) {
    info += "/CreationDate (" + spec.creation_date + ") ";
  }
  objects.push_back(info + ">>");
  const int info_id = static_cast<int>(objects.size());

  std::string pdf = "%PDF-1.4\n%\xE2\xE3\xCF\xD3\n";
  std::vector<size_t> offsets;
  for (size_t i = 0; i < objects.size(); ++i) {
    offsets.push_back(pdf.size());
    pdf += std::to_string(i + 1) + " 0 obj\n" + objects[i] + "\nendobj\n";
  }
  const size_t xref = pdf.size();
  pdf += "xref\n0 " + std::to_string(objects.size() + 1) +
         "\n0000000000 65535 f \n";
  for (size_t offset : offsets) {
    char entry[24];
    std::snprintf(entry, sizeof(entry), "%010zu 00000 n \n", offset);
    pdf += entry;
  }
  pdf += "trailer\n<< /Size " + std::to_string(objects.size() + 1) +
         " /Root 1 0 R /Info " + std::to_string(info_id) +
         " 0 R >>\nstartxref\n" + std::to_string(xref) + "\n%%EOF\n";
  return pdf;
}

// A one-page PDF whose content stream holds `padding_mib` MiB of spaces
// behind about a thousandth of that in Flate data: a decompression bomb.
inline std::string DecompressionBombPdf(uint32_t padding_mib) {
  PdfSpec bomb;
  bomb.compress = true;
  bomb.padding_mib = padding_mib;
  bomb.pages = {{"Titre"}};
  return WritePdf(bomb);
}

// A three-page French report: a running title and page numbers on every
// page, paragraphs wrapped at the margin, a heading, and a paragraph that
// goes on across the second page break.
inline PdfSpec FrenchReportPdf() {
  PdfSpec spec;
  spec.title = "L’IA ouverte gagne du terrain";
  spec.author = "Claire Dubois";
  spec.creation_date = "D:20250617205900+02'00'";
  spec.pages = {
      {"Rapport annuel 2025", "", "L’IA ouverte gagne du terrain", "",
       "Les modèles à poids ouverts, comme DeepSeek-R1 publié sous licence "
       "MIT, se",
       "rapprochent des modèles fermés. Le coût d’entraînement annoncé est "
       "de 6",
       "millions de dollars.", "",
       "Les entreprises européennes adoptent ces modèles pour garder la "
       "maîtrise",
       "de leurs données et de leurs coûts d’infrastructure, sans dépendre "
       "d’une",
       "seule API fermée comme celle d’OpenAI.", "1"},
      {"Rapport annuel 2025",
       "Mistral AI publie aussi ses poids sous "
       "licence Apache 2.0 et ses modèles",
       "sont utilisés par de nombreuses administrations qui veulent "
       "héberger leurs",
       "2"},
      {"Rapport annuel 2025", "propres assistants.", "", "Conclusion",
       "L’ouverture des poids est devenue un argument commercial.", "3"}};
  return spec;
}

}  // namespace textlens::testing

#endif  // TEXTLENS_TESTS_TESTING_PDF_WRITER_H_
