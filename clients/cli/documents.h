// The requests `textlens analyze` sends: one per input, built on a template
// that the flags (and --request FILE.json) describe.
#ifndef TEXTLENS_CLIENTS_CLI_DOCUMENTS_H_
#define TEXTLENS_CLIENTS_CLI_DOCUMENTS_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "clients/cli/cli_flags.h"
#include "textlens/v1/analysis.pb.h"

namespace textlens::clients::cli {

// The inputs named by `paths`: folders are replaced by the regular files
// below them, sorted by path; "-" (standard input) and files stay as given.
std::vector<std::string> ExpandPaths(const std::vector<std::string>& paths);

// The content type that the extension of `path` names (".html" ->
// "text/html", ".md" -> "text/markdown", ".pdf", ".txt"), or "" to let the
// server detect it from the bytes.
std::string ContentTypeForPath(const std::string& path);

// The request every input starts from: --request's AnalyzeRequest (if any),
// then --language, --offsets, --analyzers and --set applied to it.
// `all_analyzers` is what "every analyzer" means when --set is given without
// --analyzers (a spec for one analyzer would otherwise run only that one).
// INVALID_ARGUMENT for an unreadable or malformed --request file or a --set
// that cannot be applied.
absl::StatusOr<textlens::v1::AnalyzeRequest> RequestTemplate(
    const CommandLine& line, const std::vector<std::string>& all_analyzers);

// `base` with the content of `path` ("-": standard input) as bytes, its
// content type (--content-type, else from the extension, else unset) and
// the path as document id. NOT_FOUND when the file cannot be read.
absl::StatusOr<textlens::v1::AnalyzeRequest> RequestForPath(
    const textlens::v1::AnalyzeRequest& base, const std::string& path,
    const std::string& content_type);

}  // namespace textlens::clients::cli

#endif  // TEXTLENS_CLIENTS_CLI_DOCUMENTS_H_
