#include "clients/cli/documents.h"

#include <google/protobuf/util/json_util.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "clients/cli/analyzer_options.h"

namespace textlens::clients::cli {
namespace {

absl::StatusOr<std::string> ReadAll(const std::string& path) {
  if (path == "-") {
    return std::string(std::istreambuf_iterator<char>(std::cin),
                       std::istreambuf_iterator<char>());
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::NotFoundError(absl::StrCat("cannot read ", path));
  std::ostringstream buffer;
  buffer << in.rdbuf();
  if (in.bad()) return absl::NotFoundError(absl::StrCat("cannot read ", path));
  return buffer.str();
}

absl::StatusOr<textlens::v1::AnalyzeRequest> ReadRequestFile(
    const std::string& path) {
  textlens::v1::AnalyzeRequest request;
  if (path.empty()) return request;
  absl::StatusOr<std::string> json = ReadAll(path);
  if (!json.ok()) return absl::InvalidArgumentError(json.status().message());
  auto parsed = google::protobuf::util::JsonStringToMessage(*json, &request);
  if (!parsed.ok()) {
    return absl::InvalidArgumentError(absl::StrCat(
        "--request ", path,
        ": not an AnalyzeRequest in JSON: ", std::string(parsed.message())));
  }
  return request;
}

bool Selects(const textlens::v1::AnalyzeRequest& request,
             const std::string& analyzer) {
  return std::any_of(request.analyzers().begin(), request.analyzers().end(),
                     [&](const textlens::v1::AnalyzerSpec& spec) {
                       return spec.name() == analyzer;
                     });
}

// Applies --analyzers then --set; a --set for an analyzer that the list
// leaves out is an error rather than a silent addition.
absl::Status SelectAnalyzers(const CommandLine& line,
                             const std::vector<std::string>& all_analyzers,
                             textlens::v1::AnalyzeRequest* request) {
  if (!line.analyzers.empty()) request->clear_analyzers();
  for (const auto& name : line.analyzers) {
    if (!Selects(*request, name)) request->add_analyzers()->set_name(name);
  }
  const bool every = request->analyzers().empty();
  if (every && !line.settings.empty()) {
    for (const auto& name : all_analyzers) {
      request->add_analyzers()->set_name(name);
    }
  }
  for (const auto& setting : line.settings) {
    const std::string analyzer = setting.substr(0, setting.find('.'));
    if (!every && !Selects(*request, analyzer)) {
      return absl::InvalidArgumentError(absl::StrCat(
          "--set ", setting, ": ", analyzer, " is not among the analyzers"));
    }
    if (absl::Status applied = ApplySetting(setting, request); !applied.ok())
      return applied;
  }
  return absl::OkStatus();
}

}  // namespace

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

std::string ContentTypeForPath(const std::string& path) {
  const std::string extension =
      absl::AsciiStrToLower(std::filesystem::path(path).extension().string());
  if (extension == ".html" || extension == ".htm") return "text/html";
  if (extension == ".md" || extension == ".markdown") return "text/markdown";
  if (extension == ".pdf") return "application/pdf";
  if (extension == ".txt") return "text/plain";
  return "";
}

absl::StatusOr<textlens::v1::AnalyzeRequest> RequestTemplate(
    const CommandLine& line, const std::vector<std::string>& all_analyzers) {
  absl::StatusOr<textlens::v1::AnalyzeRequest> request =
      ReadRequestFile(line.request_file);
  if (!request.ok()) return request.status();
  if (!line.language.empty()) {
    request->mutable_document()->set_language(line.language);
  }
  if (line.format == Format::kHtml) {
    // The report page's script slices the text as JavaScript does.
    request->set_offset_unit(textlens::v1::OFFSET_UNIT_UTF16_CODE_UNITS);
    request->set_omit_text(false);
  } else if (line.offsets != textlens::v1::OFFSET_UNIT_UNSPECIFIED) {
    request->set_offset_unit(line.offsets);
  }
  if (absl::Status selected = SelectAnalyzers(line, all_analyzers, &*request);
      !selected.ok()) {
    return selected;
  }
  return request;
}

absl::StatusOr<textlens::v1::AnalyzeRequest> RequestForPath(
    const textlens::v1::AnalyzeRequest& base, const std::string& path,
    const std::string& content_type) {
  absl::StatusOr<std::string> content = ReadAll(path);
  if (!content.ok()) return content.status();
  textlens::v1::AnalyzeRequest request = base;
  textlens::v1::Document* document = request.mutable_document();
  document->set_content(*std::move(content));
  document->set_content_type(content_type.empty() ? ContentTypeForPath(path)
                                                  : content_type);
  document->set_id(path);
  return request;
}

}  // namespace textlens::clients::cli
