// textlens: analyze files from the shell with a textlens server.
//
//   textlens analyze PATH... [--analyzers=a,b] [--server=ADDR]
//                            [--language=fr] [--offsets=utf8|utf16|codepoints]
//   textlens list [--server=ADDR]
//
// PATH is a file, a folder (every file below it, in name order) or "-" for
// standard input. Output is JSON (protobuf's JSON
// mapping): one AnalyzeResponse per file, or a BatchAnalyzeResponse-like
// array when several files are given. On error the status is printed to
// standard error and the exit code is non-zero (2 for usage, 1 otherwise).
#include <google/protobuf/util/json_util.h>
#include <grpcpp/grpcpp.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "textlens/v1/service.grpc.pb.h"

namespace {

constexpr char kUsage[] =
    "usage: textlens analyze PATH... [--analyzers=a,b] [--server=ADDR]\n"
    "                        [--language=TAG] "
    "[--offsets=utf8|utf16|codepoints]\n"
    "                        [--timeout=SECONDS]\n"
    "       textlens list [--server=ADDR]\n"
    "PATH is a file, a folder (every file below it) or '-' for standard\n"
    "input. Output is JSON.\n";

struct Args {
  std::string command;
  std::vector<std::string> files;
  std::vector<std::string> analyzers;
  std::string server = "127.0.0.1:50051";
  std::string language;
  textlens::v1::OffsetUnit offsets = textlens::v1::OFFSET_UNIT_UTF8_BYTES;
  int timeout_seconds = 60;
};

bool ParseArgs(int argc, char** argv, Args* args, std::string* error) {
  if (argc < 2) {
    *error = "missing command";
    return false;
  }
  args->command = argv[1];
  for (int i = 2; i < argc; ++i) {
    absl::string_view arg = argv[i];
    absl::string_view value;
    if (absl::ConsumePrefix(&arg, "--")) {
      std::pair<absl::string_view, absl::string_view> kv =
          absl::StrSplit(arg, absl::MaxSplits('=', 1));
      value = kv.second;
      if (kv.first == "analyzers") {
        for (auto name : absl::StrSplit(value, ',', absl::SkipEmpty())) {
          args->analyzers.emplace_back(name);
        }
      } else if (kv.first == "server") {
        args->server = std::string(value);
      } else if (kv.first == "language") {
        args->language = std::string(value);
      } else if (kv.first == "timeout") {
        args->timeout_seconds = std::atoi(std::string(value).c_str());
      } else if (kv.first == "offsets") {
        if (value == "utf8") {
          args->offsets = textlens::v1::OFFSET_UNIT_UTF8_BYTES;
        } else if (value == "utf16") {
          args->offsets = textlens::v1::OFFSET_UNIT_UTF16_CODE_UNITS;
        } else if (value == "codepoints") {
          args->offsets = textlens::v1::OFFSET_UNIT_CODE_POINTS;
        } else {
          *error = "--offsets must be utf8, utf16 or codepoints";
          return false;
        }
      } else if (kv.first == "help") {
        *error = "";
        return false;
      } else {
        *error = "unknown flag --" + std::string(kv.first);
        return false;
      }
    } else {
      args->files.emplace_back(arg);
    }
  }
  if (args->command == "analyze" && args->files.empty()) {
    *error = "analyze needs at least one PATH (or - for stdin)";
    return false;
  }
  if (args->command != "analyze" && args->command != "list") {
    *error = "unknown command '" + args->command + "'";
    return false;
  }
  return true;
}

// Files to analyze: folders are replaced by the regular files below them,
// sorted by path.
std::vector<std::string> ExpandPaths(const std::vector<std::string>& paths) {
  std::vector<std::string> files;
  for (const auto& path : paths) {
    std::error_code error;
    if (path == "-" || !std::filesystem::is_directory(path, error)) {
      files.push_back(path);
      continue;
    }
    std::vector<std::string> below;
    for (const auto& entry :
         std::filesystem::recursive_directory_iterator(path, error)) {
      if (entry.is_regular_file()) below.push_back(entry.path().string());
    }
    std::sort(below.begin(), below.end());
    files.insert(files.end(), below.begin(), below.end());
  }
  return files;
}

bool ReadInput(const std::string& file, std::string* out) {
  if (file == "-") {
    out->assign(std::istreambuf_iterator<char>(std::cin),
                std::istreambuf_iterator<char>());
    return true;
  }
  std::ifstream in(file, std::ios::binary);
  if (!in) return false;
  std::ostringstream buffer;
  buffer << in.rdbuf();
  *out = buffer.str();
  return true;
}

std::string ToJson(const google::protobuf::Message& message) {
  std::string json;
  google::protobuf::util::JsonPrintOptions options;
  options.add_whitespace = true;
  options.preserve_proto_field_names = true;  // as grpcurl prints them
  (void)google::protobuf::util::MessageToJsonString(message, &json, options);
  return json;
}

int Fail(const grpc::Status& status, const std::string& what) {
  std::fprintf(stderr, "textlens: %s: %s (code %d)\n", what.c_str(),
               status.error_message().c_str(), status.error_code());
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  Args args;
  std::string error;
  if (!ParseArgs(argc, argv, &args, &error)) {
    if (!error.empty()) std::fprintf(stderr, "textlens: %s\n", error.c_str());
    std::fputs(kUsage, stderr);
    return 2;
  }
  auto channel =
      grpc::CreateChannel(args.server, grpc::InsecureChannelCredentials());
  auto stub = textlens::v1::AnalysisService::NewStub(channel);
  auto deadline = std::chrono::system_clock::now() +
                  std::chrono::seconds(args.timeout_seconds);

  if (args.command == "list") {
    grpc::ClientContext context;
    context.set_deadline(deadline);
    textlens::v1::ListAnalyzersResponse response;
    grpc::Status status = stub->ListAnalyzers(
        &context, textlens::v1::ListAnalyzersRequest(), &response);
    if (!status.ok()) return Fail(status, "list");
    std::printf("%s", ToJson(response).c_str());
    return 0;
  }

  args.files = ExpandPaths(args.files);
  int exit_code = 0;
  const bool several = args.files.size() > 1;
  if (several) std::printf("[\n");
  for (size_t i = 0; i < args.files.size(); ++i) {
    const std::string& file = args.files[i];
    textlens::v1::AnalyzeRequest request;
    if (!ReadInput(file, request.mutable_document()->mutable_content())) {
      std::fprintf(stderr, "textlens: cannot read %s\n", file.c_str());
      exit_code = 1;
      continue;
    }
    // Sent as bytes: the server checks the encoding and names the offset of
    // a bad byte, which a string field could not carry.
    request.mutable_document()->set_content_type("text/plain; charset=utf-8");
    request.mutable_document()->set_id(file);
    request.mutable_document()->set_language(args.language);
    request.set_offset_unit(args.offsets);
    for (const auto& name : args.analyzers)
      request.add_analyzers()->set_name(name);
    grpc::ClientContext context;
    context.set_deadline(deadline);
    textlens::v1::AnalyzeResponse response;
    grpc::Status status = stub->Analyze(&context, request, &response);
    if (!status.ok()) {
      exit_code = Fail(status, file);
      continue;
    }
    std::printf("%s%s", ToJson(response).c_str(),
                several && i + 1 < args.files.size() ? ",\n" : "");
  }
  if (several) std::printf("]\n");
  return exit_code;
}
