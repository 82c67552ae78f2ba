// How `textlens` writes results and errors: JSON, JSON lines or the text
// report on standard output; failures and progress on standard error.
//
// Not thread-safe: one thread prints.
#ifndef TEXTLENS_CLIENTS_CLI_OUTPUT_H_
#define TEXTLENS_CLIENTS_CLI_OUTPUT_H_

#include <google/protobuf/util/json_util.h>
#include <grpcpp/grpcpp.h>

#include <string>

#include "clients/cli/cli_flags.h"
#include "clients/cli/extension_types.h"
#include "google/protobuf/message.h"
#include "textlens/v1/analysis.pb.h"

namespace textlens::clients::cli {

// `message` in protobuf's JSON mapping with proto field names (as grpcurl
// prints them); indented unless `compact`.
std::string ToJson(const google::protobuf::Message& message,
                   bool compact = false);

// The JSON options of every textlens output: proto field names (as grpcurl
// prints them), indented unless `compact`.
google::protobuf::util::JsonPrintOptions JsonOptions(bool compact);

// Prints "textlens: WHAT: MESSAGE (code N)" on standard error; returns 1,
// the exit status of a failed call.
int ReportFailure(const std::string& what, int code,
                  const std::string& message);
int ReportFailure(const std::string& what, const grpc::Status& status);

// Whether --color (auto: standard output is a terminal, NO_COLOR unset and
// TERM not "dumb") asks for colour.
bool WantsColor(ColorMode mode);

// Writes analyses in the chosen format. Several documents in JSON form one
// array, opened at the first and closed by Finish. Third-party results are
// printed with the schemas `types` gets from the server (borrowed).
class ResultPrinter {
 public:
  ResultPrinter(Format format, bool color, bool several, ExtensionTypes& types);
  void Print(const textlens::v1::AnalyzeResponse& response);
  // Closes the JSON array when there is one; call once, at the end.
  void Finish();

 private:
  Format format_;
  bool color_;
  bool several_;
  ExtensionTypes& types_;
  int printed_ = 0;
};

}  // namespace textlens::clients::cli

#endif  // TEXTLENS_CLIENTS_CLI_OUTPUT_H_
