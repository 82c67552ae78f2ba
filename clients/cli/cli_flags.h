// The textlens command line: commands, their flags and their help.
//
// ParseCommandLine only reads argv; it never touches the network or files.
#ifndef TEXTLENS_CLIENTS_CLI_CLI_FLAGS_H_
#define TEXTLENS_CLIENTS_CLI_CLI_FLAGS_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "textlens/v1/document.pb.h"

namespace textlens::clients::cli {

// How analyze prints its results.
enum class Format { kJson, kJsonLines, kText, kHtml };

// When analyze colours its text output.
enum class ColorMode { kAuto, kAlways, kNever };

// Everything the command line asked for.
struct CommandLine {
  // "analyze", "list", "info", "health" or "help".
  std::string command;
  // With --help or "help COMMAND": the command whose help to print.
  bool help = false;
  // analyze: files, folders or "-" for standard input.
  std::vector<std::string> paths;
  // analyze --analyzers: the analyzers to run; empty means all.
  std::vector<std::string> analyzers;
  // analyze --set: "ANALYZER.OPTION=VALUE", in the order given.
  std::vector<std::string> settings;
  // analyze --request: a JSON AnalyzeRequest to start from.
  std::string request_file;
  // analyze --content-type: overrides the type found from the extension.
  std::string content_type;
  std::string language;
  // --offsets; UNSPECIFIED leaves the request's (or the server's) choice.
  textlens::v1::OffsetUnit offsets = textlens::v1::OFFSET_UNIT_UNSPECIFIED;
  Format format = Format::kJson;
  ColorMode color = ColorMode::kAuto;
  // health --service: the service name to check; empty means the server.
  std::string service;
  std::string server = "127.0.0.1:50051";
  // Deadline of each unary call, in seconds.
  int timeout_seconds = 60;
};

// Reads argv. A usage error is INVALID_ARGUMENT with a message naming the
// flag or command at fault (the caller prints it with the usage and exits 2).
absl::StatusOr<CommandLine> ParseCommandLine(int argc, char** argv);

// The help of `command` ("" or unknown: the overview of every command).
std::string HelpText(const std::string& command);

}  // namespace textlens::clients::cli

#endif  // TEXTLENS_CLIENTS_CLI_CLI_FLAGS_H_
