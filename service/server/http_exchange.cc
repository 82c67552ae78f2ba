#include "service/server/http_exchange.h"

#include <google/protobuf/util/json_util.h>
#include <httplib.h>

#include "absl/strings/cord.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "nlohmann/json.hpp"
#include "service/server/status_util.h"

namespace textlens::service::server {
namespace {

// Where WithHttpStatus() keeps the HTTP status.
constexpr char kHttpStatusPayload[] = "textlens.http_status";

absl::Status TooLarge(uint64_t limit) {
  return WithHttpStatus(
      absl::ResourceExhaustedError(absl::StrCat(
          "the request body is over ", limit, " bytes (max_request_bytes)")),
      413);
}

}  // namespace

absl::Status WithHttpStatus(absl::Status status, int http_status) {
  status.SetPayload(kHttpStatusPayload,
                    absl::Cord(std::to_string(http_status)));
  return status;
}

HttpExchange::HttpExchange(const httplib::Request& request,
                           httplib::Response* response,
                           const httplib::ContentReader* body)
    : request_(request), response_(response), body_(body) {}

const std::string& HttpExchange::method() const { return request_.method; }
const std::string& HttpExchange::path() const { return request_.path; }

std::string HttpExchange::peer() const {
  return absl::StrCat("http:", request_.remote_addr, ":", request_.remote_port);
}

std::optional<std::string> HttpExchange::Header(const char* name) const {
  if (!request_.has_header(name)) return std::nullopt;
  return request_.get_header_value(name);
}

absl::StatusOr<std::string> HttpExchange::ReadBody(uint64_t limit) {
  if (body_ == nullptr) return std::string();
  uint64_t declared = 0;
  if (const auto length = Header("Content-Length");
      length && absl::SimpleAtoi(*length, &declared) && declared > limit) {
    return TooLarge(limit);
  }
  if (absl::StartsWithIgnoreCase(Header("Content-Type").value_or(""),
                                 "multipart/")) {
    return absl::InvalidArgumentError(
        "the request body is multipart: send the request itself as JSON");
  }
  std::string body;
  bool over = false;
  const bool read = (*body_)([&](const char* data, size_t size) {
    over = body.size() + size > limit;
    if (!over) body.append(data, size);
    return !over;
  });
  if (over) return TooLarge(limit);
  if (!read) return absl::UnavailableError("the client stopped sending");
  return body;
}

absl::Status HttpExchange::ParseJson(const std::string& body,
                                     google::protobuf::Message* message) {
  if (body.empty()) {
    return absl::InvalidArgumentError(absl::StrCat(
        "the request body is empty: send a ", message->GetDescriptor()->name(),
        " in protobuf's JSON mapping"));
  }
  google::protobuf::util::JsonParseOptions options;
  options.ignore_unknown_fields = false;
  const auto parsed =
      google::protobuf::util::JsonStringToMessage(body, message, options);
  if (parsed.ok()) return absl::OkStatus();
  // The parser's first line (it adds a caret line below).
  std::string reason(parsed.message().data(), parsed.message().size());
  reason = reason.substr(0, reason.find('\n'));
  return absl::InvalidArgumentError(
      absl::StrCat("the request body is not a valid ",
                   message->GetDescriptor()->name(), " in JSON: ", reason));
}

void HttpExchange::ReplyError(const absl::Status& status) {
  const nlohmann::json body = {
      {"code", absl::StatusCodeToString(status.code())},
      {"message", std::string(status.message())}};
  int http_status = HttpStatusCode(status.code());
  if (auto payload = status.GetPayload(kHttpStatusPayload)) {
    (void)absl::SimpleAtoi(std::string(*payload), &http_status);
  }
  Reply(http_status, "application/json",
        body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) +
            "\n");
}

void HttpExchange::Reply(int http_status, std::string_view content_type,
                         std::string_view body) {
  response_->status = http_status;
  response_->set_header("Cache-Control", "no-store");
  response_->set_header("X-Content-Type-Options", "nosniff");
  // The page loads its own files only, and no other site may frame it.
  response_->set_header("Content-Security-Policy",
                        "default-src 'self'; frame-ancestors 'none'");
  if (!request_id_.empty()) response_->set_header("X-Request-Id", request_id_);
  if (!allow_.empty()) response_->set_header("Allow", allow_);
  response_->set_content(std::string(body), std::string(content_type));
}

}  // namespace textlens::service::server
