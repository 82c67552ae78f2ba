// HttpExchange: one HTTP request and its answer (cpp-httplib's), as the
// HTTP gateway sees them: method, path, headers, a body read under a limit,
// and answers (JSON messages, JSON errors, static files).
//
// Thread-compatible: one exchange belongs to the server thread serving its
// request.
#ifndef TEXTLENS_SERVICE_SERVER_HTTP_EXCHANGE_H_
#define TEXTLENS_SERVICE_SERVER_HTTP_EXCHANGE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "google/protobuf/message.h"

namespace httplib {
struct Request;
struct Response;
class ContentReader;
}  // namespace httplib

namespace textlens::service::server {

// `status` answered with `http_status` rather than its code's (a body too
// large is RESOURCE_EXHAUSTED answered 413, not 429).
absl::Status WithHttpStatus(absl::Status status, int http_status);

class HttpExchange {
 public:
  // Borrows the request, its answer and (for a request with a body, else
  // null) the reader of its body, for the length of the request.
  HttpExchange(const httplib::Request& request, httplib::Response* response,
               const httplib::ContentReader* body);

  const std::string& method() const;
  const std::string& path() const;
  // The client as "http:ADDRESS:PORT" (the request log's peer).
  std::string peer() const;
  // The header's value, or nullopt when absent.
  std::optional<std::string> Header(const char* name) const;

  // The whole body. RESOURCE_EXHAUSTED (answered 413) when it is longer
  // than `limit` bytes, stating the limit; UNAVAILABLE when the client
  // stopped sending.
  absl::StatusOr<std::string> ReadBody(uint64_t limit);
  // Parses a JSON body into `message` (protobuf's JSON mapping, unknown
  // fields refused): INVALID_ARGUMENT naming the problem.
  static absl::Status ParseJson(const std::string& body,
                                google::protobuf::Message* message);

  // Answers `{"code": "NOT_FOUND", "message": ...}` with the HTTP status
  // of its code (HttpStatusCode) or the one WithHttpStatus() gave it.
  void ReplyError(const absl::Status& status);
  // Answers `http_status` with `body`.
  void Reply(int http_status, std::string_view content_type,
             std::string_view body);
  // Sent back with the answer as the Allow header (a 405's methods).
  void set_allow(std::string allow) { allow_ = std::move(allow); }

  // Sent back with every answer as X-Request-Id (when not empty).
  void set_request_id(std::string id) { request_id_ = std::move(id); }

 private:
  const httplib::Request& request_;
  httplib::Response* response_;
  const httplib::ContentReader* body_;
  std::string request_id_;
  std::string allow_;
};

}  // namespace textlens::service::server

#endif  // TEXTLENS_SERVICE_SERVER_HTTP_EXCHANGE_H_
