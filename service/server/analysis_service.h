// AnalysisServiceImpl: the textlens.v1.AnalysisService gRPC service, a thin
// adapter from RPCs to the AnalysisEngine.
//
// Thread-safe: gRPC calls its methods from many threads; it keeps no state
// of its own beyond the borrowed engine.
#ifndef TEXTLENS_SERVICE_SERVER_ANALYSIS_SERVICE_H_
#define TEXTLENS_SERVICE_SERVER_ANALYSIS_SERVICE_H_

#include "service/server/analysis_engine.h"
#include "service/server/call_guard.h"
#include "service/server/telemetry.h"
#include "textlens/v1/service.grpc.pb.h"

namespace textlens::service::server {

// The time by which the engine must have answered a call that arrives at
// `now`: the client's deadline (absl::InfiniteFuture() when it set none,
// then `default_deadline` from now) less a margin for the answer to reach the
// client: 5% of the time the call has, at most 50 ms. An analyzer still
// running then is reported DEADLINE_EXCEEDED in its own result and the
// others' results still arrive in time.
absl::Time AnswerDeadline(absl::Time now, absl::Time client_deadline,
                          absl::Duration default_deadline);

class AnalysisServiceImpl final
    : public textlens::v1::AnalysisService::Service {
 public:
  // Borrows `engine`, `admission`, `tokens` (null: no authentication) and
  // `telemetry`, which must outlive the service.
  AnalysisServiceImpl(const AnalysisEngine* engine, Admission* admission,
                      const BearerTokens* tokens, const Telemetry* telemetry)
      : engine_(engine),
        admission_(admission),
        tokens_(tokens),
        telemetry_(telemetry) {}

  grpc::Status Analyze(grpc::ServerContext* context,
                       const textlens::v1::AnalyzeRequest* request,
                       textlens::v1::AnalyzeResponse* response) override;
  grpc::Status BatchAnalyze(
      grpc::ServerContext* context,
      const textlens::v1::BatchAnalyzeRequest* request,
      textlens::v1::BatchAnalyzeResponse* response) override;
  grpc::Status AnalyzeStream(
      grpc::ServerContext* context,
      grpc::ServerReaderWriter<textlens::v1::AnalyzeStreamResponse,
                               textlens::v1::AnalyzeRequest>* stream) override;
  grpc::Status ListAnalyzers(
      grpc::ServerContext* context,
      const textlens::v1::ListAnalyzersRequest* request,
      textlens::v1::ListAnalyzersResponse* response) override;
  grpc::Status GetServerInfo(grpc::ServerContext* context,
                             const textlens::v1::GetServerInfoRequest* request,
                             textlens::v1::ServerInfo* response) override;

 private:
  // The engine's deadline for the call: AnswerDeadline() of the client's
  // deadline and the configured default.
  absl::Time Deadline(const grpc::ServerContext& context) const;

  // Authenticates the call, then (unless `slot` is null) admits it.
  grpc::Status Guard(const grpc::ServerContext& context, bool stream,
                     Admission::Slot* slot) const;

  // The RPCs, recording their documents into `call`.
  grpc::Status ServeAnalyze(grpc::ServerContext* context,
                            const textlens::v1::AnalyzeRequest& request,
                            textlens::v1::AnalyzeResponse* response,
                            Telemetry::Call* call);
  grpc::Status ServeBatch(grpc::ServerContext* context,
                          const textlens::v1::BatchAnalyzeRequest& request,
                          textlens::v1::BatchAnalyzeResponse* response,
                          Telemetry::Call* call);
  grpc::Status ServeStream(
      grpc::ServerContext* context,
      grpc::ServerReaderWriter<textlens::v1::AnalyzeStreamResponse,
                               textlens::v1::AnalyzeRequest>* stream,
      Telemetry::Call* call);

  const AnalysisEngine* engine_;
  Admission* admission_;
  const BearerTokens* tokens_;
  const Telemetry* telemetry_;
};

}  // namespace textlens::service::server

#endif  // TEXTLENS_SERVICE_SERVER_ANALYSIS_SERVICE_H_
