#include "clients/cli/output.h"

#include <google/protobuf/util/json_util.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "clients/cli/html_report.h"
#include "clients/cli/text_report.h"

namespace textlens::clients::cli {

google::protobuf::util::JsonPrintOptions JsonOptions(bool compact) {
  google::protobuf::util::JsonPrintOptions options;
  options.add_whitespace = !compact;
  options.preserve_proto_field_names = true;
  return options;
}

std::string ToJson(const google::protobuf::Message& message, bool compact) {
  std::string json;
  (void)google::protobuf::util::MessageToJsonString(message, &json,
                                                    JsonOptions(compact));
  return json;
}

int ReportFailure(const std::string& what, int code,
                  const std::string& message) {
  std::fprintf(stderr, "textlens: %s: %s (code %d)\n", what.c_str(),
               message.c_str(), code);
  return 1;
}

int ReportFailure(const std::string& what, const grpc::Status& status) {
  return ReportFailure(what, status.error_code(), status.error_message());
}

bool WantsColor(ColorMode mode) {
  if (mode != ColorMode::kAuto) return mode == ColorMode::kAlways;
  const char* term = std::getenv("TERM");
  const char* no_color = std::getenv("NO_COLOR");
  return ::isatty(STDOUT_FILENO) == 1 &&
         (no_color == nullptr || *no_color == '\0') &&
         (term == nullptr || std::strcmp(term, "dumb") != 0);
}

ResultPrinter::ResultPrinter(Format format, bool color, bool several,
                             ExtensionTypes& types)
    : format_(format), color_(color), several_(several), types_(types) {}

void ResultPrinter::Print(const textlens::v1::AnalyzeResponse& response) {
  switch (format_) {
    case Format::kJsonLines:
      std::printf("%s\n", types_.ToJson(response, /*compact=*/true).c_str());
      break;
    case Format::kText:
      std::printf("%s%s", printed_ > 0 ? "\n" : "",
                  TextReport(response, color_,
                             [this](const google::protobuf::Any& result) {
                               return types_.ToJson(result);
                             })
                      .c_str());
      break;
    case Format::kHtml:
      std::printf(
          "%s", HtmlReport(types_.ToJson(response, /*compact=*/true)).c_str());
      break;
    case Format::kJson:
      if (several_) std::printf("%s", printed_ > 0 ? ",\n" : "[\n");
      std::printf("%s", types_.ToJson(response, /*compact=*/false).c_str());
      break;
  }
  ++printed_;
  std::fflush(stdout);
}

void ResultPrinter::Finish() {
  if (format_ != Format::kJson || !several_) return;
  std::printf("%s]\n", printed_ > 0 ? "" : "[\n");
  std::fflush(stdout);
}

}  // namespace textlens::clients::cli
