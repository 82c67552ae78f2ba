#include "clients/cli/cli_flags.h"

#include <cstdlib>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"

namespace textlens::clients::cli {
namespace {

constexpr char kOverview[] =
    "usage: textlens COMMAND [FLAGS]\n"
    "\n"
    "commands:\n"
    "  analyze PATH...   analyze files, folders or '-' (standard input)\n"
    "  list              list the server's analyzers and their options\n"
    "  info              the server's version and limits\n"
    "  health            whether the server is serving (exit 0 only then)\n"
    "  help [COMMAND]    this help, or a command's\n"
    "\n"
    "flags of every command:\n"
    "  --server=ADDR     the textlensd address (default 127.0.0.1:50051)\n"
    "  --timeout=SECONDS deadline of each call (default 60)\n"
    "\n"
    "Run 'textlens help COMMAND' or 'textlens COMMAND --help' for more.\n"
    "Exit status: 0 ok, 1 a call or a document failed, 2 usage error.\n";

constexpr char kAnalyzeHelp[] =
    "usage: textlens analyze PATH... [FLAGS]\n"
    "\n"
    "PATH is a file, a folder (every file below it, in name order) or '-'\n"
    "for standard input. One document goes through Analyze; several go\n"
    "through AnalyzeStream, with progress on standard error when it is a\n"
    "terminal and a summary line at the end. Files are sent as bytes: the\n"
    "type follows the extension (.html .htm .md .markdown .pdf .txt), else\n"
    "the server detects it.\n"
    "\n"
    "flags:\n"
    "  --analyzers=a,b          analyzers to run (default: all)\n"
    "  --set ANALYZER.OPTION=VALUE\n"
    "                           an analyzer option, repeatable; lists are\n"
    "                           comma-separated, enum values with or without\n"
    "                           their prefix (entities.types=PERSON,LICENSE);\n"
    "                           'textlens list' shows every option\n"
    "  --request=FILE.json      an AnalyzeRequest in protobuf JSON; with no\n"
    "                           PATH its own document is sent\n"
    "  --content-type=TYPE      send every file as TYPE (text/html...)\n"
    "  --language=TAG           BCP-47 tag instead of detection\n"
    "  --offsets=utf8|utf16|codepoints\n"
    "  --format=json|jsonl|text|html\n"
    "                           json (default): pretty, an array for several\n"
    "                           documents; jsonl: one response per line;\n"
    "                           text: a report for people; html: the web\n"
    "                           page's report of one document, in one\n"
    "                           self-contained file\n"
    "  --color=auto|always|never colour in text format (auto: on a terminal)\n"
    "  --server=ADDR  --timeout=SECONDS (per call; a stream has none)\n"
    "\n"
    "Exit status: 0 every document analyzed, 1 a document failed (the\n"
    "others are still printed), 2 usage error.\n";

constexpr char kListHelp[] =
    "usage: textlens list [--server=ADDR] [--timeout=SECONDS]\n"
    "\n"
    "Prints ListAnalyzersResponse as JSON: each analyzer's version, result\n"
    "type, languages, options (name, type, default, range) and load status.\n";

constexpr char kInfoHelp[] =
    "usage: textlens info [--server=ADDR] [--timeout=SECONDS]\n"
    "\n"
    "Prints the server's ServerInfo as JSON: version, limits, workers.\n";

constexpr char kHealthHelp[] =
    "usage: textlens health [--service=NAME] [--server=ADDR]\n"
    "                       [--timeout=SECONDS]\n"
    "\n"
    "Asks grpc.health.v1 and prints the status (SERVING, NOT_SERVING...).\n"
    "--service names one service (textlens.v1.AnalysisService,\n"
    "textlens.analyzer.NAME); default: the whole server.\n"
    "Exit status: 0 only when SERVING, 1 otherwise.\n";

bool IsCommand(absl::string_view name) {
  return name == "analyze" || name == "list" || name == "info" ||
         name == "health" || name == "help";
}

// Flags only `analyze` takes; --server and --timeout go with every command.
bool IsAnalyzeFlag(absl::string_view name) {
  return name == "analyzers" || name == "set" || name == "request" ||
         name == "content-type" || name == "language" || name == "offsets" ||
         name == "format" || name == "color";
}

absl::Status FlagAllowed(absl::string_view command, absl::string_view name) {
  if (name == "server" || name == "timeout" || name == "help") {
    return absl::OkStatus();
  }
  if (command == "analyze" && IsAnalyzeFlag(name)) return absl::OkStatus();
  if (command == "health" && name == "service") return absl::OkStatus();
  if (IsAnalyzeFlag(name) || name == "service") {
    return absl::InvalidArgumentError(
        absl::StrCat("flag --", name, " does not apply to '", command, "'"));
  }
  return absl::InvalidArgumentError(absl::StrCat("unknown flag --", name));
}

absl::Status SetOffsets(absl::string_view value, CommandLine* line) {
  if (value == "utf8") {
    line->offsets = textlens::v1::OFFSET_UNIT_UTF8_BYTES;
  } else if (value == "utf16") {
    line->offsets = textlens::v1::OFFSET_UNIT_UTF16_CODE_UNITS;
  } else if (value == "codepoints") {
    line->offsets = textlens::v1::OFFSET_UNIT_CODE_POINTS;
  } else {
    return absl::InvalidArgumentError(
        "--offsets must be utf8, utf16 or codepoints");
  }
  return absl::OkStatus();
}

absl::Status SetFormat(absl::string_view value, CommandLine* line) {
  if (value == "json") {
    line->format = Format::kJson;
  } else if (value == "jsonl") {
    line->format = Format::kJsonLines;
  } else if (value == "text") {
    line->format = Format::kText;
  } else if (value == "html") {
    line->format = Format::kHtml;
  } else {
    return absl::InvalidArgumentError(absl::StrCat(
        "--format must be json, jsonl, text or html, not '", value, "'"));
  }
  return absl::OkStatus();
}

absl::Status SetColor(absl::string_view value, CommandLine* line) {
  if (value == "auto") {
    line->color = ColorMode::kAuto;
  } else if (value == "always" || value.empty()) {
    line->color = ColorMode::kAlways;
  } else if (value == "never") {
    line->color = ColorMode::kNever;
  } else {
    return absl::InvalidArgumentError("--color must be auto, always or never");
  }
  return absl::OkStatus();
}

absl::Status SetTimeout(absl::string_view value, CommandLine* line) {
  if (!absl::SimpleAtoi(value, &line->timeout_seconds) ||
      line->timeout_seconds <= 0) {
    return absl::InvalidArgumentError(absl::StrCat(
        "--timeout must be a positive number of seconds, not '", value, "'"));
  }
  return absl::OkStatus();
}

// Stores one flag's value; FlagAllowed has checked the name.
absl::Status ApplyFlag(absl::string_view name, absl::string_view value,
                       CommandLine* line) {
  if (name == "help") {
    line->help = true;
  } else if (name == "analyzers") {
    for (absl::string_view analyzer : absl::StrSplit(value, ',')) {
      if (!analyzer.empty()) line->analyzers.emplace_back(analyzer);
    }
  } else if (name == "set") {
    line->settings.emplace_back(value);
  } else if (name == "request") {
    line->request_file = std::string(value);
  } else if (name == "content-type") {
    line->content_type = std::string(value);
  } else if (name == "language") {
    line->language = std::string(value);
  } else if (name == "service") {
    line->service = std::string(value);
  } else if (name == "server") {
    line->server = std::string(value);
  } else if (name == "offsets") {
    return SetOffsets(value, line);
  } else if (name == "format") {
    return SetFormat(value, line);
  } else if (name == "color") {
    return SetColor(value, line);
  } else if (name == "timeout") {
    return SetTimeout(value, line);
  }
  return absl::OkStatus();
}

// Flags written "--name VALUE" take the next argument; --help and --color
// stand alone.
bool TakesValue(absl::string_view name) {
  return name != "help" && name != "color";
}

// Reads the flags and operands after the command, from argv[first].
absl::Status ParseArguments(int argc, char** argv, int first,
                            CommandLine* line) {
  for (int i = first; i < argc; ++i) {
    absl::string_view arg = argv[i];
    if (arg == "-h") arg = "--help";
    if (absl::StartsWith(arg, "-") && arg != "-" &&
        !absl::StartsWith(arg, "--")) {
      return absl::InvalidArgumentError(absl::StrCat("unknown flag ", arg));
    }
    if (!absl::ConsumePrefix(&arg, "--")) {
      line->paths.emplace_back(arg);
      continue;
    }
    std::pair<absl::string_view, absl::string_view> name_value =
        absl::StrSplit(arg, absl::MaxSplits('=', 1));
    absl::string_view name = name_value.first;
    absl::string_view value = name_value.second;
    if (absl::Status allowed = FlagAllowed(line->command, name); !allowed.ok())
      return allowed;
    if (!absl::StrContains(arg, '=') && TakesValue(name)) {
      if (i + 1 >= argc) {
        return absl::InvalidArgumentError(
            absl::StrCat("flag --", name, " needs a value"));
      }
      value = argv[++i];
    }
    if (absl::Status applied = ApplyFlag(name, value, line); !applied.ok())
      return applied;
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<CommandLine> ParseCommandLine(int argc, char** argv) {
  CommandLine line;
  if (argc < 2) return absl::InvalidArgumentError("missing command");
  line.command = argv[1];
  if (line.command == "--help" || line.command == "-h") {
    line.command = "help";
  }
  if (!IsCommand(line.command)) {
    return absl::InvalidArgumentError(
        absl::StrCat("unknown command '", line.command, "'"));
  }
  if (absl::Status parsed = ParseArguments(argc, argv, 2, &line);
      !parsed.ok()) {
    return parsed;
  }
  if (line.command == "help") {
    line.help = true;
    line.command = line.paths.empty() ? "" : line.paths.front();
    return line;
  }
  if (line.help) return line;
  if (line.command == "analyze" && line.paths.empty() &&
      line.request_file.empty()) {
    return absl::InvalidArgumentError(
        "analyze needs at least one PATH (or - for stdin, or --request)");
  }
  if (line.command != "analyze" && !line.paths.empty()) {
    return absl::InvalidArgumentError(absl::StrCat(
        "'", line.command, "' takes no operand, got '", line.paths[0], "'"));
  }
  return line;
}

std::string HelpText(const std::string& command) {
  if (command == "analyze") return kAnalyzeHelp;
  if (command == "list") return kListHelp;
  if (command == "info") return kInfoHelp;
  if (command == "health") return kHealthHelp;
  return kOverview;
}

}  // namespace textlens::clients::cli
