#include "clients/cli/html_report.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"

// The web page's files, compiled in by textlens_embed_file
// (clients/cli/CMakeLists.txt).
namespace textlens::embedded {
std::string_view CliWebIndexHtml();
std::string_view CliWebAppJs();
std::string_view CliWebAppCss();
}  // namespace textlens::embedded

namespace textlens::clients::cli {
namespace {

absl::string_view View(std::string_view s) { return {s.data(), s.size()}; }

// `text` safe inside a <script> or <style> element: no "</" can close it.
std::string Inline(std::string_view text) {
  return absl::StrReplaceAll(View(text), {{"</", "<\\/"}});
}

}  // namespace

std::string HtmlReport(std::string_view response_json) {
  const std::string head_assets =
      absl::StrCat("<style>\n", Inline(embedded::CliWebAppCss()), "</style>");
  // The script runs once the page is read; it draws the embedded analysis
  // instead of asking a server.
  const std::string body_scripts =
      absl::StrCat("<script>window.TEXTLENS_REPORT = ", Inline(response_json),
                   ";</script>\n<script>\n", Inline(embedded::CliWebAppJs()),
                   "</script>\n</body>");
  return absl::StrReplaceAll(
      View(embedded::CliWebIndexHtml()),
      {{"<link rel=\"stylesheet\" href=\"/app.css\">", head_assets},
       {"<script src=\"/app.js\" defer></script>", ""},
       {"</body>", body_scripts}});
}

}  // namespace textlens::clients::cli
