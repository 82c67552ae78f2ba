// Telemetry: what textlensd tells its operators about the calls it serves.
// Prometheus metrics (requests by RPC and status, latency per RPC and per
// analyzer, documents and bytes, and at each scrape the calls in flight,
// the worker queue, each analyzer's availability and the plugins refused at
// load) and one log line per call (request id, analyzers, sizes, status,
// duration; the document text only when asked), as text or JSON.
//
// Thread-safe: calls start and finish on any thread; a Call itself belongs
// to the thread serving it.
#ifndef TEXTLENS_SERVICE_SERVER_TELEMETRY_H_
#define TEXTLENS_SERVICE_SERVER_TELEMETRY_H_

#include <grpcpp/grpcpp.h>

#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "service/pipeline/pipeline.h"
#include "service/pipeline/worker_pool.h"
#include "service/plugins/plugin_catalog.h"
#include "service/server/call_guard.h"
#include "textlens/v1/service.pb.h"

namespace prometheus {
class Collectable;
class Registry;
}  // namespace prometheus
namespace spdlog {
class logger;
}  // namespace spdlog

namespace textlens::service::server {

// spdlog writes every message as one JSON object per line: time, level,
// message (request lines add their fields).
void UseJsonLogs();
// One such line (without its newline), for what is printed directly.
std::string JsonLogLine(std::string_view level, std::string_view message);

class Telemetry {
 public:
  struct Options {
    bool log_requests = true;        // a line per call, at info level
    bool json = false;               // request lines as JSON objects
    bool log_document_text = false;  // add each document's text (cut)
  };
  // What the state metrics read at each scrape; all borrowed.
  struct State {
    const Admission* admission = nullptr;
    const pipeline::WorkerPool* pool = nullptr;
    const plugins::PluginCatalog* plugins = nullptr;
  };

  // Metrics go to `metrics` (null: none).
  Telemetry(Options options, std::shared_ptr<prometheus::Registry> metrics,
            State state);
  ~Telemetry();

  // One RPC being served. Finish() it with the call's status; only the
  // first Finish() counts. Thread-safe: a call given up on while a plugin
  // holds its thread is finished from another thread (the watchdog).
  class Call {
   public:
    // Adds one document the call analyzed, with its result or error.
    void Document(const textlens::v1::AnalyzeRequest& request,
                  const textlens::v1::AnalyzeResponse* response,
                  const absl::Status& status);
    // Records the call: metrics, then its log line. Later calls do nothing.
    // An OK answer to a gRPC client that went away (it cancelled, or its
    // deadline passed) is recorded as CANCELLED or DEADLINE_EXCEEDED.
    void Finish(const grpc::Status& status);

    const std::string& request_id() const { return request_id_; }

   private:
    friend class Telemetry;
    Call(const Telemetry* telemetry, std::string_view rpc);
    Call(const Telemetry* telemetry, std::string_view rpc,
         grpc::ServerContext* context);
    Call(const Telemetry* telemetry, std::string_view rpc,
         std::string_view client_request_id, std::string_view peer);
    // Takes the client's id when usable, else makes one; notes the peer.
    void Identify(std::string_view client_request_id, std::string_view peer);

    const Telemetry* telemetry_;
    std::mutex mu_;  // Document() and Finish() may run on two threads
    // The gRPC call, to tell whether its client went away; null for calls
    // that did not come through gRPC.
    grpc::ServerContext* context_ = nullptr;
    std::string rpc_;
    std::string request_id_;
    std::string peer_;
    absl::Time start_;
    uint64_t documents_ = 0;
    uint64_t refused_ = 0;  // documents answered with an error
    uint64_t bytes_ = 0;
    std::set<std::string> analyzers_;  // that answered (registry names)
    std::string text_;                 // with log_document_text
    bool finished_ = false;
    // Whether the call gets a log line (log_requests, info level on).
    bool logged_ = false;
  };

  // Starts recording a call of `rpc` ("Analyze"). When calls are logged,
  // the call's id is the client's `x-request-id` metadata when it is a
  // usable one, else a new one; either way it is sent back as
  // `x-request-id` initial metadata. Unlogged calls have none.
  Call Start(std::string_view rpc, grpc::ServerContext* context) const;
  // The same for a call that came another way (HTTP): the client's
  // request id as sent (may be empty) and its address; the caller sends
  // request_id() back when it is not empty.
  Call Start(std::string_view rpc, std::string_view client_request_id,
             std::string_view peer) const;

  // Records analyzer work that outlived its call: a warning line with the
  // analyzer and how long it ran past, and with metrics
  // textlens_analyzer_overruns_total{analyzer} and
  // textlens_analyzer_overrun_seconds_total{analyzer}. The function keeps
  // what it uses alive: a plugin may return after the Telemetry is gone.
  pipeline::Pipeline::OverrunReporter OverrunRecorder() const;

  // The metrics read at each scrape (State), to expose beside the
  // registry's; null without metrics.
  std::shared_ptr<prometheus::Collectable> state_metrics() const;

 private:
  struct Metrics;

  Options options_;
  std::shared_ptr<prometheus::Registry> registry_;
  std::unique_ptr<Metrics> metrics_;                // null without a registry
  std::shared_ptr<spdlog::logger> request_logger_;  // JSON request lines
};

}  // namespace textlens::service::server

#endif  // TEXTLENS_SERVICE_SERVER_TELEMETRY_H_
