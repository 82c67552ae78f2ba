// `textlens analyze`: one document through Analyze, several through
// AnalyzeStream with progress on standard error.
#ifndef TEXTLENS_CLIENTS_CLI_ANALYZE_COMMAND_H_
#define TEXTLENS_CLIENTS_CLI_ANALYZE_COMMAND_H_

#include <grpcpp/grpcpp.h>

#include <memory>

#include "clients/cli/cli_flags.h"
#include "textlens/v1/service.grpc.pb.h"

namespace textlens::clients::cli {

// Analyzes what `line` names and prints the results. Returns the exit
// status: 0 when every document was analyzed, 1 when a call or a document
// failed (the others are still printed), 2 when the flags cannot make a
// request (a bad --set or --request).
int RunAnalyze(const CommandLine& line,
               const std::shared_ptr<grpc::Channel>& channel);

}  // namespace textlens::clients::cli

#endif  // TEXTLENS_CLIENTS_CLI_ANALYZE_COMMAND_H_
