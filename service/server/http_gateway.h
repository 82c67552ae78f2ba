// HttpGateway: textlensd's HTTP/JSON front door, beside gRPC. It serves
//   POST /v1/analyze        AnalyzeRequest -> AnalyzeResponse
//   POST /v1/analyze:batch  BatchAnalyzeRequest -> BatchAnalyzeResponse
//   GET  /v1/analyzers      ListAnalyzersResponse
//   GET  /v1/info           ServerInfo
//   GET  /                  the web page (web_page.h)
// with bodies in protobuf's JSON mapping (proto field names). Calls pass the
// same bearer tokens, admission, engine, metrics and request log as the gRPC
// service; errors are `{"code": "NOT_FOUND", "message": ...}` with the HTTP
// status of their code (status_util.h). Built on cpp-httplib; TLS (and
// mutual TLS) with the server's certificate.
//
// Thread-safe: a pool of threads serves requests at once; the gateway holds
// only borrowed, thread-safe objects.
#ifndef TEXTLENS_SERVICE_SERVER_HTTP_GATEWAY_H_
#define TEXTLENS_SERVICE_SERVER_HTTP_GATEWAY_H_

#include <array>
#include <memory>
#include <string_view>
#include <thread>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "service/config/server_config.h"
#include "service/plugins/plugin_catalog.h"
#include "service/server/analysis_engine.h"
#include "service/server/call_guard.h"
#include "service/server/http_exchange.h"
#include "service/server/telemetry.h"

namespace httplib {
class Server;
}  // namespace httplib

namespace textlens::service::server {

class HttpGateway {
 public:
  // What the gateway borrows; all must outlive it.
  struct Services {
    const AnalysisEngine* engine = nullptr;
    Admission* admission = nullptr;
    const BearerTokens* tokens = nullptr;  // null: no authentication
    const Telemetry* telemetry = nullptr;
    // Third-party result types, for their JSON.
    const plugins::PluginCatalog* plugins = nullptr;
  };

  // Serves on `config.http_listen` ("127.0.0.1:8080"; port 0 picks a free
  // one), over TLS when `config.tls_cert_file` is set. UNAVAILABLE naming
  // the address when it cannot be served; INVALID_ARGUMENT for an address
  // or certificate that cannot be used.
  static absl::StatusOr<std::unique_ptr<HttpGateway>> Start(
      const config::ServerConfig& config, Services services);
  // Stop()s.
  ~HttpGateway();

  // The port bound.
  int port() const { return port_; }
  // Stops taking requests and waits for those being served. Later calls
  // do nothing.
  void Stop();

 private:
  // An endpoint: its path, method, RPC name (in metrics and the request
  // log) and the function serving it.
  struct Route {
    std::string_view path;
    std::string_view method;
    std::string_view rpc;
    absl::Status (HttpGateway::*serve)(HttpExchange*, Telemetry::Call*) const;
  };
  static const std::array<Route, 4>& Routes();

  HttpGateway(const config::ServerConfig& config, Services services);

  // Binds `server` to http_listen and serves on a thread of its own.
  absl::Status Listen(std::unique_ptr<httplib::Server> server);
  // Sends every request, whatever its method and path, to Serve().
  void Register(httplib::Server* server) const;
  // Routes one request: the page, an endpoint, 404 or 405.
  void Serve(HttpExchange* exchange) const;
  // An endpoint's call: its request log line and metrics around `route`.
  void ServeCall(const Route& route, HttpExchange* exchange) const;

  // The endpoints; each answers on success, else returns the error.
  absl::Status Analyze(HttpExchange* exchange, Telemetry::Call* call) const;
  absl::Status BatchAnalyze(HttpExchange* exchange,
                            Telemetry::Call* call) const;
  absl::Status ListAnalyzers(HttpExchange* exchange,
                             Telemetry::Call* call) const;
  absl::Status GetServerInfo(HttpExchange* exchange,
                             Telemetry::Call* call) const;

  // Answers 200 with `message` as JSON (ToJson, with the current plugins'
  // result types).
  absl::Status Answer(HttpExchange* exchange,
                      const google::protobuf::Message& message) const;
  // The bearer token, then (unless `slot` is null) admission.
  absl::Status Guard(const HttpExchange& exchange, Admission::Slot* slot) const;
  // The engine's deadline: X-Timeout-Ms (milliseconds) or the default
  // deadline, through AnswerDeadline(). INVALID_ARGUMENT for a bad header.
  absl::StatusOr<absl::Time> Deadline(const HttpExchange& exchange) const;
  // What an analysis call passes before it runs: Guard(), Deadline(), its
  // body read (under max_request_bytes) and parsed into `request`, and a
  // deadline not yet passed. The call's deadline, or the error to answer.
  absl::StatusOr<absl::Time> Accept(HttpExchange* exchange,
                                    Admission::Slot* slot,
                                    google::protobuf::Message* request) const;

  const config::ServerConfig config_;
  const Services services_;
  std::unique_ptr<httplib::Server> server_;
  std::thread listener_;  // runs server_'s accept loop
  int port_ = 0;
};

}  // namespace textlens::service::server

#endif  // TEXTLENS_SERVICE_SERVER_HTTP_GATEWAY_H_
