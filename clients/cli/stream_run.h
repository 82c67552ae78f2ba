// Many documents through one AnalyzeStream: a thread reads the files and
// writes requests (gRPC's flow control keeps it only a little ahead of the
// server) while the caller's thread prints the answers as they come.
#ifndef TEXTLENS_CLIENTS_CLI_STREAM_RUN_H_
#define TEXTLENS_CLIENTS_CLI_STREAM_RUN_H_

#include <string>
#include <vector>

#include "clients/cli/output.h"
#include "textlens/v1/service.grpc.pb.h"

namespace textlens::clients::cli {

// Sends `paths` (each a file or "-") as `base` with their content, prints
// each answer with `printer`, and reports failures as they come. With
// `progress`, keeps a line on standard error: documents done / total, rate
// and errors. Prints a summary line on standard error at the end. Returns 0
// when every document was analyzed, else 1.
int RunStream(textlens::v1::AnalysisService::Stub& stub,
              const textlens::v1::AnalyzeRequest& base,
              const std::vector<std::string>& paths,
              const std::string& content_type, ResultPrinter& printer,
              bool progress);

}  // namespace textlens::clients::cli

#endif  // TEXTLENS_CLIENTS_CLI_STREAM_RUN_H_
