// AnalysisEngine: validates a request, prepares its document and runs the
// pipeline, independent of the transport (unary, batch and stream RPCs all
// go through it).
//
// Thread-safe: Analyze() may run on many threads at once; the engine is
// immutable after Create().
#ifndef TEXTLENS_SERVICE_SERVER_ANALYSIS_ENGINE_H_
#define TEXTLENS_SERVICE_SERVER_ANALYSIS_ENGINE_H_

#include <functional>
#include <memory>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "service/config/server_config.h"
#include "service/ingest/pdf_sandbox.h"
#include "service/pipeline/pipeline.h"
#include "service/plugins/plugin_catalog.h"
#include "service/plugins/plugin_registry.h"
#include "service/text/document_preparer.h"
#include "textlens/v1/analysis.pb.h"
#include "textlens/v1/service.pb.h"

namespace textlens::service::server {

struct ValidatedDocument;  // request_validator.h

class AnalysisEngine {
 public:
  // Borrows `plugins` and `pool`, which must outlive the engine. Each call
  // uses the plugins' registry of the moment it starts.
  static absl::StatusOr<std::unique_ptr<AnalysisEngine>> Create(
      const config::ServerConfig& config, const plugins::PluginCatalog* plugins,
      pipeline::WorkerPool* pool);

  // Analyzes one document before `deadline`. Errors of the whole call:
  // INVALID_ARGUMENT (malformed request, bad UTF-8, bad options; names the
  // field), NOT_FOUND (unknown analyzer), RESOURCE_EXHAUSTED (document over
  // the limit, or server at capacity). An analyzer's failure is in its
  // AnalyzerResult. `cancelled` (may be empty) is polled while waiting.
  // With `abandon` (may be empty), a request for one analyzer runs it on
  // this thread; `abandon` is called from another thread if it outlasts the
  // deadline (see Pipeline::Run).
  absl::StatusOr<textlens::v1::AnalyzeResponse> Analyze(
      const textlens::v1::AnalyzeRequest& request, absl::Time deadline,
      const std::function<bool()>& cancelled,
      const std::function<void()>& abandon = nullptr) const;

  // The ListAnalyzers answer.
  textlens::v1::ListAnalyzersResponse ListAnalyzers() const;
  // The GetServerInfo answer.
  textlens::v1::ServerInfo ServerInfo() const;

  const config::ServerConfig& config() const { return config_; }

  // Where analyzer work that outlives its call is reported (see
  // Pipeline::SetOverrunReporter). Set it before serving.
  void SetOverrunReporter(pipeline::Pipeline::OverrunReporter reporter) {
    pipeline_.SetOverrunReporter(std::move(reporter));
  }

 private:
  AnalysisEngine(const config::ServerConfig& config,
                 const plugins::PluginCatalog* plugins,
                 pipeline::WorkerPool* pool,
                 std::unique_ptr<text::DocumentPreparer> preparer);

  // The analyzers of `registry` a request selects, with options resolved.
  absl::StatusOr<std::vector<pipeline::AnalyzerRequest>> SelectAnalyzers(
      const textlens::v1::AnalyzeRequest& request,
      const plugins::PluginRegistry& registry) const;

  // A call's document: as read from its content, then prepared (sentences,
  // tokens, forms) on an arena of the call.
  struct Prepared;
  // Reads `validated` (HTML, Markdown, PDF, text), normalizes and prepares
  // it into `prepared`. INVALID_ARGUMENT or RESOURCE_EXHAUSTED as Analyze().
  absl::Status Prepare(const textlens::v1::Document& document,
                       const ValidatedDocument& validated, absl::Time deadline,
                       Prepared* prepared) const;
  // The response to `request`: the document's language, metadata and
  // information, and each analyzer's result in the caller's offset unit.
  absl::StatusOr<textlens::v1::AnalyzeResponse> Respond(
      const textlens::v1::AnalyzeRequest& request,
      const plugins::PluginRegistry& registry, Prepared& prepared,
      std::vector<pipeline::AnalyzerRun>& runs) const;

  const config::ServerConfig config_;
  const plugins::PluginCatalog* plugins_;
  pipeline::WorkerPool* pool_;
  std::unique_ptr<text::DocumentPreparer> preparer_;
  pipeline::Pipeline pipeline_;
  // Bounds the PDF reader processes of all calls.
  std::unique_ptr<ingest::ProcessSlots> pdf_slots_;
};

}  // namespace textlens::service::server

#endif  // TEXTLENS_SERVICE_SERVER_ANALYSIS_ENGINE_H_
