// textlens: analyze documents from the shell with a textlens server.
//
//   textlens analyze PATH... [--analyzers=a,b] [--set A.OPTION=VALUE]...
//                            [--format=json|jsonl|text] [--request=FILE]
//   textlens list | info | health [--service=NAME]
//   textlens help [COMMAND]
//
// `textlens help` and `textlens COMMAND --help` tell the rest. Results go to
// standard output; errors, progress and summaries to standard error. Exit
// status: 0 ok, 1 a call or a document failed, 2 usage error.
#include <grpcpp/grpcpp.h>

#include <chrono>
#include <cstdio>
#include <functional>
#include <memory>
#include <string>

#include "clients/cli/analyze_command.h"
#include "clients/cli/cli_flags.h"
#include "clients/cli/output.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "textlens/v1/service.grpc.pb.h"

namespace textlens::clients::cli {
namespace {

void SetDeadline(const CommandLine& line, grpc::ClientContext* context) {
  context->set_deadline(std::chrono::system_clock::now() +
                        std::chrono::seconds(line.timeout_seconds));
}

// Makes one metadata call (`call` fills `response`) and prints the answer
// as JSON; exit 0, or 1 with the status on standard error.
int PrintCall(const CommandLine& line, const std::string& what,
              const std::function<grpc::Status(grpc::ClientContext*)>& call,
              const google::protobuf::Message& response) {
  grpc::ClientContext context;
  SetDeadline(line, &context);
  grpc::Status status = call(&context);
  if (!status.ok()) return ReportFailure(what, status);
  std::printf("%s", ToJson(response).c_str());
  return 0;
}

int RunList(const CommandLine& line,
            textlens::v1::AnalysisService::Stub& stub) {
  textlens::v1::ListAnalyzersResponse response;
  return PrintCall(
      line, "list",
      [&](grpc::ClientContext* context) {
        return stub.ListAnalyzers(context, textlens::v1::ListAnalyzersRequest(),
                                  &response);
      },
      response);
}

int RunInfo(const CommandLine& line,
            textlens::v1::AnalysisService::Stub& stub) {
  textlens::v1::ServerInfo response;
  return PrintCall(
      line, "info",
      [&](grpc::ClientContext* context) {
        return stub.GetServerInfo(context, textlens::v1::GetServerInfoRequest(),
                                  &response);
      },
      response);
}

// Prints the serving status; exit 0 only when SERVING.
int RunHealth(const CommandLine& line,
              const std::shared_ptr<grpc::Channel>& channel) {
  auto stub = grpc::health::v1::Health::NewStub(channel);
  grpc::ClientContext context;
  SetDeadline(line, &context);
  grpc::health::v1::HealthCheckRequest request;
  request.set_service(line.service);
  grpc::health::v1::HealthCheckResponse response;
  grpc::Status status = stub->Check(&context, request, &response);
  if (!status.ok()) return ReportFailure("health", status);
  std::printf("%s\n", grpc::health::v1::HealthCheckResponse::ServingStatus_Name(
                          response.status())
                          .c_str());
  return response.status() == grpc::health::v1::HealthCheckResponse::SERVING
             ? 0
             : 1;
}

int Run(const CommandLine& line) {
  auto channel =
      grpc::CreateChannel(line.server, grpc::InsecureChannelCredentials());
  if (line.command == "health") return RunHealth(line, channel);
  if (line.command == "analyze") return RunAnalyze(line, channel);
  auto stub = textlens::v1::AnalysisService::NewStub(channel);
  if (line.command == "list") return RunList(line, *stub);
  return RunInfo(line, *stub);
}

}  // namespace
}  // namespace textlens::clients::cli

int main(int argc, char** argv) {
  namespace cli = textlens::clients::cli;
  absl::StatusOr<cli::CommandLine> line = cli::ParseCommandLine(argc, argv);
  if (!line.ok()) {
    const std::string command = argc > 1 ? argv[1] : "";
    const std::string help = cli::HelpText(command);
    std::fprintf(stderr, "textlens: %s\n%s\nRun 'textlens help%s' for more.\n",
                 std::string(line.status().message()).c_str(),
                 help.substr(0, help.find("\n\n")).c_str(),
                 help == cli::HelpText("") ? "" : (" " + command).c_str());
    return 2;
  }
  if (line->help) {
    std::fputs(cli::HelpText(line->command).c_str(), stdout);
    return 0;
  }
  return cli::Run(*line);
}
