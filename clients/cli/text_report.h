// The `--format text` view of an analysis: what a person reads in a
// terminal instead of nested JSON.
#ifndef TEXTLENS_CLIENTS_CLI_TEXT_REPORT_H_
#define TEXTLENS_CLIENTS_CLI_TEXT_REPORT_H_

#include <functional>
#include <string>

#include "textlens/v1/analysis.pb.h"

namespace textlens::clients::cli {

// The report of `response`: a heading with the document id and title, the
// document's type and language, then one section per analyzer result in
// response order (summary sentences and key phrases; entities grouped by
// type with counts; stance label, score, confidence and evidence
// sentences; a third-party result as the JSON `describe` gives for it; an
// analyzer's error or warnings). With `color`, headings and labels carry
// ANSI escapes; without, the text is plain.
std::string TextReport(
    const textlens::v1::AnalyzeResponse& response, bool color,
    const std::function<std::string(const google::protobuf::Any&)>& describe);

}  // namespace textlens::clients::cli

#endif  // TEXTLENS_CLIENTS_CLI_TEXT_REPORT_H_
