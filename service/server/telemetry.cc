#include "service/server/telemetry.h"

#include <prometheus/collectable.h>
#include <prometheus/counter.h>
#include <prometheus/family.h>
#include <prometheus/histogram.h>
#include <prometheus/metric_family.h>
#include <prometheus/registry.h>

#include <atomic>
#include <cstdio>
#include <map>
#include <random>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "nlohmann/json.hpp"
#include "spdlog/sinks/sink.h"
#include "spdlog/spdlog.h"

namespace textlens::service::server {
namespace {

// Most bytes of a document's text a log line carries (log_document_text).
constexpr size_t kLoggedTextBytes = 4096;

std::string CodeName(int code) {
  return absl::StatusCodeToString(static_cast<absl::StatusCode>(code));
}

std::string Timestamp(absl::Time time) {
  return absl::FormatTime("%Y-%m-%dT%H:%M:%E3SZ", time, absl::UTCTimeZone());
}

std::string Dump(const nlohmann::json& value) {
  return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string JsonLine(absl::Time time, std::string_view level,
                     std::string_view message) {
  return Dump({{"time", Timestamp(time)},
               {"level", std::string(level)},
               {"message", std::string(message)}});
}

// The logger of request lines in JSON: its messages are whole objects.
constexpr char kRequestLogger[] = "textlens.request";

class JsonFormatter final : public spdlog::formatter {
 public:
  void format(const spdlog::details::log_msg& message,
              spdlog::memory_buf_t& dest) override {
    if (message.logger_name == kRequestLogger) {
      dest.append(message.payload.data(),
                  message.payload.data() + message.payload.size());
      dest.push_back('\n');
      return;
    }
    const auto level = spdlog::level::to_string_view(message.level);
    std::string line = JsonLine(
        absl::FromChrono(message.time),
        std::string_view(level.data(), level.size()),
        std::string_view(message.payload.data(), message.payload.size()));
    line.push_back('\n');
    dest.append(line.data(), line.data() + line.size());
  }
  std::unique_ptr<spdlog::formatter> clone() const override {
    return std::make_unique<JsonFormatter>();
  }
};

// A client's request id is kept when it is short and plain.
bool UsableRequestId(std::string_view id) {
  if (id.empty() || id.size() > 64) return false;
  for (const char c : id) {
    if (!absl::ascii_isalnum(static_cast<unsigned char>(c)) && c != '-' &&
        c != '_' && c != '.' && c != ':') {
      return false;
    }
  }
  return true;
}

// 16 hex digits, distinct for every call of the process and unlike other
// processes' (a random key): a counter through a bijective mix, so that no
// thread seeds a generator (gRPC starts and ends threads under load).
std::string NewRequestId() {
  static const uint64_t key = [] {
    std::random_device device;
    return (static_cast<uint64_t>(device()) << 32) ^ device();
  }();
  static std::atomic<uint64_t> counter{0};
  uint64_t x = key + counter.fetch_add(1, std::memory_order_relaxed) *
                         0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  x ^= x >> 31;
  char id[17];
  std::snprintf(id, sizeof(id), "%016llx", static_cast<unsigned long long>(x));
  return id;
}

prometheus::Histogram::BucketBoundaries LatencyBuckets() {
  return {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1,
          0.25,   0.5,   1,      2.5,   5,    10,    30};
}

// Read at each scrape: calls in flight, the worker queue, each analyzer's
// availability and process failures, the plugins refused at load.
class StateCollector final : public prometheus::Collectable {
 public:
  explicit StateCollector(Telemetry::State state) : state_(state) {}

  std::vector<prometheus::MetricFamily> Collect() const override {
    std::vector<prometheus::MetricFamily> families;
    auto gauge = [&families](std::string name, std::string help, double value) {
      prometheus::MetricFamily family{
          std::move(name), std::move(help), prometheus::MetricType::Gauge, {}};
      family.metric.emplace_back();
      family.metric.back().gauge.value = value;
      families.push_back(std::move(family));
    };
    if (state_.admission != nullptr) {
      gauge("textlens_calls_in_flight",
            "Analyze, BatchAnalyze and AnalyzeStream calls being served",
            state_.admission->calls_in_flight());
    }
    if (state_.pool != nullptr) {
      gauge("textlens_worker_queue_depth",
            "analyzer tasks waiting for a worker thread",
            static_cast<double>(state_.pool->queued()));
    }
    if (state_.plugins == nullptr) return families;
    const std::shared_ptr<const plugins::PluginRegistry> registry =
        state_.plugins->Current();
    prometheus::MetricFamily available{
        "textlens_analyzer_available",
        "1 when the analyzer takes calls, 0 while its process restarts",
        prometheus::MetricType::Gauge,
        {}};
    prometheus::MetricFamily failures{
        "textlens_analyzer_process_failures_total",
        "processes of an isolated analyzer that died",
        prometheus::MetricType::Counter,
        {}};
    for (const std::string& name : registry->Names()) {
      const auto analyzer = registry->Find(name);
      if (analyzer == nullptr) continue;
      const plugins::Analyzer::Health health = analyzer->health();
      available.metric.emplace_back();
      available.metric.back().label = {{"analyzer", name}};
      available.metric.back().gauge.value = health.available ? 1 : 0;
      failures.metric.emplace_back();
      failures.metric.back().label = {{"analyzer", name}};
      failures.metric.back().counter.value = health.failures;
    }
    families.push_back(std::move(available));
    families.push_back(std::move(failures));
    prometheus::MetricFamily refused{
        "textlens_plugin_load_errors",
        "plugin files refused at load or reload, by file and status code",
        prometheus::MetricType::Gauge,
        {}};
    // One series per plugin and code (a file can fail twice the same way).
    std::map<std::pair<std::string, std::string>, int> failures_by_plugin;
    for (const plugins::LoadFailure& failure : registry->failures()) {
      ++failures_by_plugin[{failure.name,
                            absl::StatusCodeToString(failure.status.code())}];
    }
    for (const auto& [key, count] : failures_by_plugin) {
      refused.metric.emplace_back();
      refused.metric.back().label = {{"code", key.second},
                                     {"plugin", key.first}};
      refused.metric.back().gauge.value = count;
    }
    families.push_back(std::move(refused));
    return families;
  }

 private:
  const Telemetry::State state_;
};

}  // namespace

std::string JsonLogLine(std::string_view level, std::string_view message) {
  return JsonLine(absl::Now(), level, message);
}

void UseJsonLogs() {
  spdlog::default_logger()->set_formatter(std::make_unique<JsonFormatter>());
}

struct Telemetry::Metrics {
  explicit Metrics(prometheus::Registry& registry)
      : requests(prometheus::BuildCounter()
                     .Name("textlens_requests_total")
                     .Help("calls answered, by RPC and status code")
                     .Register(registry)),
        request_seconds(prometheus::BuildHistogram()
                            .Name("textlens_request_duration_seconds")
                            .Help("time to answer a call, by RPC")
                            .Register(registry)),
        analyzer_seconds(prometheus::BuildHistogram()
                             .Name("textlens_analyzer_duration_seconds")
                             .Help("time an analyzer took on a document")
                             .Register(registry)),
        analyzer_results(
            prometheus::BuildCounter()
                .Name("textlens_analyzer_results_total")
                .Help("analyzer results, by analyzer and status code")
                .Register(registry)),
        documents(prometheus::BuildCounter()
                      .Name("textlens_documents_total")
                      .Help("documents received, by outcome (analyzed: "
                            "a response; refused: an error status)")
                      .Register(registry)),
        analyzed(documents.Add({{"outcome", "analyzed"}})),
        refused(documents.Add({{"outcome", "refused"}})),
        bytes(prometheus::BuildCounter()
                  .Name("textlens_document_bytes_total")
                  .Help("bytes of document text and content received")
                  .Register(registry)
                  .Add({})),
        overruns(prometheus::BuildCounter()
                     .Name("textlens_analyzer_overruns_total")
                     .Help("analyzer runs that went on after their call "
                           "ended (deadline or cancellation), by analyzer")
                     .Register(registry)),
        overrun_seconds(
            prometheus::BuildCounter()
                .Name("textlens_analyzer_overrun_seconds_total")
                .Help("time analyzers ran after their call ended, by "
                      "analyzer")
                .Register(registry)) {}

  prometheus::Family<prometheus::Counter>& requests;
  prometheus::Family<prometheus::Histogram>& request_seconds;
  prometheus::Family<prometheus::Histogram>& analyzer_seconds;
  prometheus::Family<prometheus::Counter>& analyzer_results;
  prometheus::Family<prometheus::Counter>& documents;
  prometheus::Counter& analyzed;
  prometheus::Counter& refused;
  prometheus::Counter& bytes;
  prometheus::Family<prometheus::Counter>& overruns;
  prometheus::Family<prometheus::Counter>& overrun_seconds;
  std::shared_ptr<StateCollector> state;
};

Telemetry::Telemetry(Options options,
                     std::shared_ptr<prometheus::Registry> metrics, State state)
    : options_(options), registry_(std::move(metrics)) {
  if (registry_ != nullptr) {
    metrics_ = std::make_unique<Metrics>(*registry_);
    metrics_->state = std::make_shared<StateCollector>(state);
  }
  if (options_.json) {
    const auto& sinks = spdlog::default_logger()->sinks();
    request_logger_ = std::make_shared<spdlog::logger>(
        kRequestLogger, sinks.begin(), sinks.end());
    request_logger_->set_level(spdlog::default_logger()->level());
  }
}

Telemetry::~Telemetry() = default;

std::shared_ptr<prometheus::Collectable> Telemetry::state_metrics() const {
  if (metrics_ == nullptr) return nullptr;
  return metrics_->state;
}

Telemetry::Call Telemetry::Start(std::string_view rpc,
                                 grpc::ServerContext* context) const {
  return Call(this, rpc, context);
}

Telemetry::Call Telemetry::Start(std::string_view rpc,
                                 std::string_view client_request_id,
                                 std::string_view peer) const {
  return Call(this, rpc, client_request_id, peer);
}

Telemetry::Call::Call(const Telemetry* telemetry, std::string_view rpc)
    : telemetry_(telemetry),
      rpc_(rpc),
      start_(absl::Now()),
      logged_(telemetry->options_.log_requests &&
              spdlog::should_log(spdlog::level::info)) {}

Telemetry::Call::Call(const Telemetry* telemetry, std::string_view rpc,
                      grpc::ServerContext* context)
    : Call(telemetry, rpc) {
  context_ = context;
  // The id names the call's log line: without one, there is nothing to
  // quote, and no id is made or sent (a header less per call).
  if (!logged_) return;
  const auto& metadata = context->client_metadata();
  std::string_view client_id;
  if (auto it = metadata.find("x-request-id"); it != metadata.end()) {
    client_id = std::string_view(it->second.data(), it->second.size());
  }
  Identify(client_id, context->peer());
  context->AddInitialMetadata("x-request-id", request_id_);
}

Telemetry::Call::Call(const Telemetry* telemetry, std::string_view rpc,
                      std::string_view client_request_id, std::string_view peer)
    : Call(telemetry, rpc) {
  if (logged_) Identify(client_request_id, peer);
}

void Telemetry::Call::Identify(std::string_view client_request_id,
                               std::string_view peer) {
  request_id_ = UsableRequestId(client_request_id)
                    ? std::string(client_request_id)
                    : NewRequestId();
  peer_ = std::string(peer);
}

void Telemetry::Call::Document(const textlens::v1::AnalyzeRequest& request,
                               const textlens::v1::AnalyzeResponse* response,
                               const absl::Status& status) {
  std::lock_guard<std::mutex> lock(mu_);
  ++documents_;
  if (!status.ok()) ++refused_;
  const auto& document = request.document();
  const uint64_t bytes = document.text().size() + document.content().size();
  bytes_ += bytes;
  if (logged_ && telemetry_->options_.log_document_text &&
      text_.size() < kLoggedTextBytes) {
    const std::string& text =
        !document.text().empty() ? document.text() : document.content();
    text_.append(text, 0, kLoggedTextBytes - text_.size());
  }
  Metrics* metrics = telemetry_->metrics_.get();
  if (metrics != nullptr) {
    (status.ok() ? metrics->analyzed : metrics->refused).Increment();
    metrics->bytes.Increment(static_cast<double>(bytes));
  }
  if (response == nullptr) return;
  for (const auto& result : response->results()) {
    if (logged_) analyzers_.insert(result.analyzer());
    if (metrics == nullptr) continue;
    metrics->analyzer_results
        .Add({{"analyzer", result.analyzer()},
              {"code", CodeName(result.status().code())}})
        .Increment();
    metrics->analyzer_seconds
        .Add({{"analyzer", result.analyzer()}}, LatencyBuckets())
        .Observe(static_cast<double>(result.elapsed_micros()) / 1e6);
  }
}

pipeline::Pipeline::OverrunReporter Telemetry::OverrunRecorder() const {
  Metrics* metrics = metrics_.get();
  // The families live in the registry, kept alive by the function.
  return [registry = registry_,
          overruns = metrics != nullptr ? &metrics->overruns : nullptr,
          seconds = metrics != nullptr ? &metrics->overrun_seconds : nullptr](
             const std::string& analyzer, absl::Duration past) {
    spdlog::warn(
        "analyzer {} ran {} after its call ended (deadline or cancellation): "
        "it holds a worker and ignores cancellation",
        analyzer, absl::FormatDuration(past));
    if (overruns == nullptr) return;
    overruns->Add({{"analyzer", analyzer}}).Increment();
    seconds->Add({{"analyzer", analyzer}})
        .Increment(absl::ToDoubleSeconds(past));
  };
}

void Telemetry::Call::Finish(const grpc::Status& answered) {
  std::lock_guard<std::mutex> lock(mu_);
  if (finished_) return;
  finished_ = true;
  grpc::Status status = answered;
  if (answered.ok() && context_ != nullptr && context_->IsCancelled()) {
    status = absl::Now() >= absl::FromChrono(context_->deadline())
                 ? grpc::Status(grpc::StatusCode::DEADLINE_EXCEEDED,
                                "the deadline passed before the answer")
                 : grpc::Status(grpc::StatusCode::CANCELLED,
                                "the client cancelled the call");
  }
  const absl::Duration elapsed = absl::Now() - start_;
  const std::string code = CodeName(status.error_code());
  if (Metrics* metrics = telemetry_->metrics_.get()) {
    metrics->requests.Add({{"rpc", rpc_}, {"code", code}}).Increment();
    metrics->request_seconds.Add({{"rpc", rpc_}}, LatencyBuckets())
        .Observe(absl::ToDoubleSeconds(elapsed));
  }
  if (!logged_) return;
  const Options& options = telemetry_->options_;
  const double milliseconds = absl::ToDoubleMilliseconds(elapsed);
  if (options.json) {
    nlohmann::json line = {{"time", Timestamp(absl::Now())},
                           {"level", "info"},
                           {"message", "request"},
                           {"request_id", request_id_},
                           {"rpc", rpc_},
                           {"code", code},
                           {"duration_ms", milliseconds},
                           {"documents", documents_},
                           {"refused", refused_},
                           {"bytes", bytes_},
                           {"analyzers", analyzers_},
                           {"peer", peer_}};
    if (!status.ok()) line["error"] = status.error_message();
    if (options.log_document_text) line["text"] = text_;
    // The whole line is the object: written as is, not as a message.
    telemetry_->request_logger_->info(Dump(line));
    return;
  }
  std::string line = absl::StrCat(
      "request_id=", request_id_, " rpc=", rpc_, " code=", code,
      " duration_ms=", absl::StrFormat("%.3f", milliseconds),
      " documents=", documents_, " refused=", refused_, " bytes=", bytes_,
      " analyzers=", analyzers_.empty() ? "-" : absl::StrJoin(analyzers_, ","),
      " peer=", peer_);
  if (!status.ok()) {
    absl::StrAppend(&line, " error=", Dump(status.error_message()));
  }
  if (options.log_document_text) absl::StrAppend(&line, " text=", Dump(text_));
  spdlog::info(line);
}

}  // namespace textlens::service::server
