#include "clients/cli/analyze_command.h"

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include "clients/cli/documents.h"
#include "clients/cli/output.h"
#include "clients/cli/stream_run.h"

namespace textlens::clients::cli {
namespace {

std::chrono::system_clock::time_point Deadline(const CommandLine& line) {
  return std::chrono::system_clock::now() +
         std::chrono::seconds(line.timeout_seconds);
}

// The loaded analyzers' names, needed only when --set must keep "every
// analyzer" meaning every analyzer.
absl::StatusOr<std::vector<std::string>> AllAnalyzers(
    const CommandLine& line, textlens::v1::AnalysisService::Stub& stub) {
  std::vector<std::string> names;
  if (line.settings.empty() || !line.analyzers.empty()) return names;
  grpc::ClientContext context;
  context.set_deadline(Deadline(line));
  textlens::v1::ListAnalyzersResponse response;
  grpc::Status status = stub.ListAnalyzers(
      &context, textlens::v1::ListAnalyzersRequest(), &response);
  if (!status.ok()) {
    return absl::UnavailableError("list analyzers: " + status.error_message());
  }
  for (const auto& analyzer : response.analyzers()) {
    if (analyzer.load_status().code() == 0) names.push_back(analyzer.name());
  }
  return names;
}

int AnalyzeOne(const CommandLine& line,
               textlens::v1::AnalysisService::Stub& stub,
               const textlens::v1::AnalyzeRequest& request,
               ResultPrinter& printer) {
  grpc::ClientContext context;
  context.set_deadline(Deadline(line));
  textlens::v1::AnalyzeResponse response;
  grpc::Status status = stub.Analyze(&context, request, &response);
  const std::string& id = request.document().id();
  if (!status.ok()) return ReportFailure(id.empty() ? "analyze" : id, status);
  printer.Print(response);
  return 0;
}

}  // namespace

int RunAnalyze(const CommandLine& line,
               const std::shared_ptr<grpc::Channel>& channel) {
  auto stub_owner = textlens::v1::AnalysisService::NewStub(channel);
  textlens::v1::AnalysisService::Stub& stub = *stub_owner;
  absl::StatusOr<std::vector<std::string>> all = AllAnalyzers(line, stub);
  if (!all.ok()) {
    return ReportFailure("analyze", static_cast<int>(all.status().code()),
                         std::string(all.status().message()));
  }
  absl::StatusOr<textlens::v1::AnalyzeRequest> base =
      RequestTemplate(line, *all);
  if (!base.ok()) {
    std::fprintf(stderr, "textlens: %s\n",
                 std::string(base.status().message()).c_str());
    return 2;
  }
  const std::vector<std::string> paths = ExpandPaths(line.paths);
  if (paths.empty() && !line.paths.empty()) {
    std::fprintf(stderr, "textlens: no file to analyze in %s\n",
                 line.paths.front().c_str());
    return 1;
  }
  if (line.format == Format::kHtml && paths.size() > 1) {
    std::fprintf(stderr,
                 "textlens: --format=html writes the report page of one "
                 "document; %zu were given\n",
                 paths.size());
    return 2;
  }
  ExtensionTypes types(channel);
  ResultPrinter printer(line.format, WantsColor(line.color), paths.size() > 1,
                        types);
  if (paths.size() > 1) {
    return RunStream(stub, *base, paths, line.content_type, printer,
                     ::isatty(STDERR_FILENO) == 1);
  }
  if (paths.empty()) return AnalyzeOne(line, stub, *base, printer);
  absl::StatusOr<textlens::v1::AnalyzeRequest> request =
      RequestForPath(*base, paths.front(), line.content_type);
  if (!request.ok()) {
    std::fprintf(stderr, "textlens: %s\n",
                 std::string(request.status().message()).c_str());
    return 1;
  }
  return AnalyzeOne(line, stub, *request, printer);
}

}  // namespace textlens::clients::cli
