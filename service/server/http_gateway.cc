#include "service/server/http_gateway.h"

#include <httplib.h>

#include <algorithm>
#include <array>
#include <string>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "service/common/status_macros.h"
#include "service/server/analysis_service.h"
#include "service/server/batch_analysis.h"
#include "service/server/listen_address.h"
#include "service/server/result_json.h"
#include "service/server/status_util.h"
#include "service/server/web_page.h"
#include "spdlog/spdlog.h"
#include "textlens/v1/service.pb.h"

namespace textlens::service::server {

namespace {

// Threads serving requests: room for the calls admitted and as many
// refused with their reason.
size_t ServingThreads(const config::ServerConfig& config) {
  return std::clamp<size_t>(size_t{config.max_concurrent_calls} * 2, 8, 512);
}

// "127.0.0.1:8080", "[::1]:8080", ":8080" -> host and port.
absl::Status SplitAddress(const std::string& address, std::string* host,
                          int* port) {
  const size_t colon = address.rfind(':');
  if (colon == std::string::npos ||
      !absl::SimpleAtoi(address.substr(colon + 1), port) || *port < 0 ||
      *port > 65535) {
    return absl::InvalidArgumentError(absl::StrCat(
        "http_listen: '", address, "' is not HOST:PORT (127.0.0.1:8080)"));
  }
  *host = address.substr(0, colon);
  if (host->size() >= 2 && host->front() == '[' && host->back() == ']') {
    *host = host->substr(1, host->size() - 2);
  }
  if (host->empty()) *host = "0.0.0.0";
  return absl::OkStatus();
}

// Plain HTTP, or TLS with the server's certificate (and client CA).
absl::StatusOr<std::unique_ptr<httplib::Server>> MakeServer(
    const config::ServerConfig& config) {
  if (config.tls_cert_file.empty()) return std::make_unique<httplib::Server>();
  auto server = std::make_unique<httplib::SSLServer>(
      config.tls_cert_file.c_str(), config.tls_key_file.c_str(),
      config.tls_client_ca_file.empty() ? nullptr
                                        : config.tls_client_ca_file.c_str());
  if (!server->is_valid()) {
    return absl::InvalidArgumentError(absl::StrCat(
        "http_listen: cannot serve TLS with tls_cert_file ",
        config.tls_cert_file, " and tls_key_file ", config.tls_key_file));
  }
  return std::unique_ptr<httplib::Server>(std::move(server));
}

// A deadline that passed before the work began (X-Timeout-Ms: 0) ends the
// call, as gRPC ends a call whose deadline has passed.
absl::Status StillInTime(absl::Time deadline) {
  if (absl::Now() < deadline) return absl::OkStatus();
  return absl::DeadlineExceededError(
      "the deadline (X-Timeout-Ms) passed before the analysis began");
}

}  // namespace

absl::StatusOr<std::unique_ptr<HttpGateway>> HttpGateway::Start(
    const config::ServerConfig& config, Services services) {
  std::unique_ptr<HttpGateway> gateway(new HttpGateway(config, services));
  ASSIGN_OR_RETURN(std::unique_ptr<httplib::Server> server, MakeServer(config));
  gateway->Register(server.get());
  RETURN_IF_ERROR(gateway->Listen(std::move(server)));
  return gateway;
}

absl::Status HttpGateway::Listen(std::unique_ptr<httplib::Server> server) {
  std::string host;
  int port = 0;
  RETURN_IF_ERROR(SplitAddress(config_.http_listen, &host, &port));
  const size_t threads = ServingThreads(config_);
  server->new_task_queue = [threads] {
    return new httplib::ThreadPool(threads);
  };
  port_ = port == 0 ? server->bind_to_any_port(host)
                    : (server->bind_to_port(host, port) ? port : -1);
  if (port_ <= 0) {
    const std::string reason = WhyCannotListen(config_.http_listen);
    return absl::UnavailableError(
        absl::StrCat("http_listen: cannot listen on ", config_.http_listen,
                     reason.empty() ? "" : ": ", reason));
  }
  server_ = std::move(server);
  listener_ =
      std::thread([server = server_.get()] { server->listen_after_bind(); });
  // Stop() works only once the accept loop runs.
  while (!server_->is_running()) absl::SleepFor(absl::Milliseconds(1));
  return absl::OkStatus();
}

void HttpGateway::Register(httplib::Server* server) const {
  const auto plain = [this](const httplib::Request& request,
                            httplib::Response& response) {
    HttpExchange exchange(request, &response, nullptr);
    Serve(&exchange);
  };
  const auto with_body = [this](const httplib::Request& request,
                                httplib::Response& response,
                                const httplib::ContentReader& body) {
    HttpExchange exchange(request, &response, &body);
    Serve(&exchange);
  };
  server->Get(".*", plain);  // and HEAD
  server->Options(".*", plain);
  server->Post(".*", with_body);
  server->Put(".*", with_body);
  server->Patch(".*", with_body);
  server->Delete(".*", with_body);
  // What the library answers itself (a request it cannot parse, an unknown
  // method) gets a JSON error too.
  server->set_error_handler(httplib::Server::HandlerWithResponse(
      [](const httplib::Request& request, httplib::Response& response) {
        if (!response.body.empty()) {
          return httplib::Server::HandlerResponse::Unhandled;
        }
        HttpExchange exchange(request, &response, nullptr);
        exchange.ReplyError(WithHttpStatus(
            absl::InvalidArgumentError(absl::StrCat(
                "the request cannot be served (HTTP ", response.status, ")")),
            response.status));
        return httplib::Server::HandlerResponse::Handled;
      }));
}

HttpGateway::HttpGateway(const config::ServerConfig& config, Services services)
    : config_(config), services_(services) {}

HttpGateway::~HttpGateway() { Stop(); }

void HttpGateway::Stop() {
  if (server_ == nullptr) return;
  server_->stop();  // the pool finishes the requests it holds
  if (listener_.joinable()) listener_.join();
  server_.reset();
}

const std::array<HttpGateway::Route, 4>& HttpGateway::Routes() {
  static constexpr std::array<Route, 4> kRoutes = {{
      {"/v1/analyze", "POST", "Analyze", &HttpGateway::Analyze},
      {"/v1/analyze:batch", "POST", "BatchAnalyze", &HttpGateway::BatchAnalyze},
      {"/v1/analyzers", "GET", "ListAnalyzers", &HttpGateway::ListAnalyzers},
      {"/v1/info", "GET", "GetServerInfo", &HttpGateway::GetServerInfo},
  }};
  return kRoutes;
}

void HttpGateway::Serve(HttpExchange* exchange) const {
  std::vector<std::string> allowed;
  // HEAD is GET without the body (the library leaves the body out).
  const std::string method =
      exchange->method() == "HEAD" ? "GET" : exchange->method();
  if (const auto file = FindWebFile(exchange->path())) {
    if (method == "GET") {
      return exchange->Reply(200, file->content_type, file->body);
    }
    allowed.emplace_back("GET");
  }
  for (const Route& route : Routes()) {
    if (route.path != exchange->path()) continue;
    if (route.method == method) return ServeCall(route, exchange);
    allowed.emplace_back(route.method);
  }
  if (allowed.empty()) {
    exchange->ReplyError(absl::NotFoundError(absl::StrCat(
        "no such endpoint: ", exchange->path(),
        " (POST /v1/analyze, POST /v1/analyze:batch, GET /v1/analyzers, "
        "GET /v1/info, GET /)")));
    return;
  }
  exchange->set_allow(absl::StrJoin(allowed, ", "));
  exchange->ReplyError(WithHttpStatus(
      absl::UnimplementedError(absl::StrCat(exchange->path(), " takes ",
                                            absl::StrJoin(allowed, ", "),
                                            ", not ", exchange->method())),
      405));
}

void HttpGateway::ServeCall(const Route& route, HttpExchange* exchange) const {
  Telemetry::Call call = services_.telemetry->Start(
      route.rpc, exchange->Header("X-Request-Id").value_or(""),
      exchange->peer());
  exchange->set_request_id(call.request_id());
  const absl::Status status = (this->*route.serve)(exchange, &call);
  if (!status.ok()) exchange->ReplyError(status);
  call.Finish(ToGrpcStatus(status));
}

absl::Status HttpGateway::Guard(const HttpExchange& exchange,
                                Admission::Slot* slot) const {
  if (services_.tokens != nullptr) {
    const std::optional<std::string> authorization =
        exchange.Header("Authorization");
    RETURN_IF_ERROR(services_.tokens->CheckAuthorization(
        authorization ? &*authorization : nullptr, "header"));
  }
  if (slot == nullptr) return absl::OkStatus();
  return FromGrpcStatus(services_.admission->Admit(false, slot));
}

absl::StatusOr<absl::Time> HttpGateway::Deadline(
    const HttpExchange& exchange) const {
  const absl::Time now = absl::Now();
  absl::Time client = absl::InfiniteFuture();
  if (const auto header = exchange.Header("X-Timeout-Ms")) {
    uint64_t milliseconds = 0;
    if (!absl::SimpleAtoi(*header, &milliseconds)) {
      return absl::InvalidArgumentError(
          absl::StrCat("X-Timeout-Ms: '", *header,
                       "' is not a whole number of milliseconds"));
    }
    client = now + absl::Milliseconds(milliseconds);
  }
  return AnswerDeadline(now, client, config_.default_deadline);
}

absl::StatusOr<absl::Time> HttpGateway::Accept(
    HttpExchange* exchange, Admission::Slot* slot,
    google::protobuf::Message* request) const {
  RETURN_IF_ERROR(Guard(*exchange, slot));
  ASSIGN_OR_RETURN(const absl::Time deadline, Deadline(*exchange));
  ASSIGN_OR_RETURN(const std::string body,
                   exchange->ReadBody(config_.max_request_bytes));
  RETURN_IF_ERROR(HttpExchange::ParseJson(body, request));
  RETURN_IF_ERROR(StillInTime(deadline));
  return deadline;
}

absl::Status HttpGateway::Answer(
    HttpExchange* exchange, const google::protobuf::Message& message) const {
  const auto registry =
      services_.plugins != nullptr ? services_.plugins->Current() : nullptr;
  ASSIGN_OR_RETURN(std::string json, ToJson(message, registry.get()));
  json.push_back('\n');
  exchange->Reply(200, "application/json", json);
  return absl::OkStatus();
}

absl::Status HttpGateway::Analyze(HttpExchange* exchange,
                                  Telemetry::Call* call) const {
  Admission::Slot slot;
  textlens::v1::AnalyzeRequest request;
  ASSIGN_OR_RETURN(const absl::Time deadline,
                   Accept(exchange, &slot, &request));
  auto result = services_.engine->Analyze(request, deadline, nullptr);
  call->Document(request, result.ok() ? &*result : nullptr, result.status());
  RETURN_IF_ERROR(result.status());
  return Answer(exchange, *result);
}

absl::Status HttpGateway::BatchAnalyze(HttpExchange* exchange,
                                       Telemetry::Call* call) const {
  Admission::Slot slot;
  textlens::v1::BatchAnalyzeRequest request;
  ASSIGN_OR_RETURN(const absl::Time deadline,
                   Accept(exchange, &slot, &request));
  ASSIGN_OR_RETURN(
      const textlens::v1::BatchAnalyzeResponse response,
      AnalyzeBatch(*services_.engine, request, deadline, nullptr, call));
  return Answer(exchange, response);
}

absl::Status HttpGateway::ListAnalyzers(HttpExchange* exchange,
                                        Telemetry::Call* /*call*/) const {
  RETURN_IF_ERROR(Guard(*exchange, nullptr));
  return Answer(exchange, services_.engine->ListAnalyzers());
}

absl::Status HttpGateway::GetServerInfo(HttpExchange* exchange,
                                        Telemetry::Call* /*call*/) const {
  RETURN_IF_ERROR(Guard(*exchange, nullptr));
  return Answer(exchange, services_.engine->ServerInfo());
}

}  // namespace textlens::service::server
