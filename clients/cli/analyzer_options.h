// Analyzer options from "--set ANALYZER.OPTION=VALUE".
//
// The option is found by protobuf reflection: ANALYZER names the field of
// AnalyzerSpec's `options` oneof ("summarizer" -> SummarizerOptions) and
// OPTION a field of that message, so a new option or analyzer needs no code
// here. An analyzer without a typed field (a third-party plugin) gets its
// options in AnalyzerSpec.generic. Whether a value is allowed (ranges,
// combinations) is the server's to say; only what cannot be written into
// the message at all (no such field, "abc" for a number, an enum value that
// does not exist) is refused here.
#ifndef TEXTLENS_CLIENTS_CLI_ANALYZER_OPTIONS_H_
#define TEXTLENS_CLIENTS_CLI_ANALYZER_OPTIONS_H_

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "textlens/v1/analysis.pb.h"

namespace textlens::clients::cli {

// Applies `setting` ("summarizer.max_sentences=2",
// "entities.types=PERSON,ORGANIZATION") to the AnalyzerSpec of its analyzer
// in `request`, adding the spec when the request has none for it. Repeated
// fields take a comma-separated list; enum values are accepted with or
// without their prefix, in any case ("person", "ENTITY_TYPE_PERSON").
// INVALID_ARGUMENT, naming the setting, when it cannot be applied.
absl::Status ApplySetting(absl::string_view setting,
                          textlens::v1::AnalyzeRequest* request);

}  // namespace textlens::clients::cli

#endif  // TEXTLENS_CLIENTS_CLI_ANALYZER_OPTIONS_H_
