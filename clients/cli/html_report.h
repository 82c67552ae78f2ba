// The report page of one analysis as a single HTML file: the server's web
// page (service/server/web/, compiled into the CLI too) with its style and
// script inline and the analysis embedded, so it opens from disk in any
// browser, with no server and nothing fetched.
//
// Thread-safe: a plain function.
#ifndef TEXTLENS_CLIENTS_CLI_HTML_REPORT_H_
#define TEXTLENS_CLIENTS_CLI_HTML_REPORT_H_

#include <string>
#include <string_view>

namespace textlens::clients::cli {

// The page for `response_json` (an AnalyzeResponse in protobuf's JSON
// mapping, proto field names, with its text and UTF-16 offsets).
std::string HtmlReport(std::string_view response_json);

}  // namespace textlens::clients::cli

#endif  // TEXTLENS_CLIENTS_CLI_HTML_REPORT_H_
