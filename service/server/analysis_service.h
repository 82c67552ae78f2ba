// AnalysisServiceImpl: the textlens.v1.AnalysisService gRPC service, a thin
// adapter from RPCs to the AnalysisEngine.
//
// Thread-safe: gRPC calls its methods from many threads; it keeps no state
// of its own beyond the borrowed engine.
#ifndef TEXTLENS_SERVICE_SERVER_ANALYSIS_SERVICE_H_
#define TEXTLENS_SERVICE_SERVER_ANALYSIS_SERVICE_H_

#include "service/server/analysis_engine.h"
#include "textlens/v1/service.grpc.pb.h"

namespace textlens::service::server {

class AnalysisServiceImpl final
    : public textlens::v1::AnalysisService::Service {
 public:
  // Borrows `engine`, which must outlive the service.
  explicit AnalysisServiceImpl(const AnalysisEngine* engine)
      : engine_(engine) {}

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
  // The call's deadline: the client's, or the configured default.
  absl::Time Deadline(const grpc::ServerContext& context) const;

  const AnalysisEngine* engine_;
};

}  // namespace textlens::service::server

#endif  // TEXTLENS_SERVICE_SERVER_ANALYSIS_SERVICE_H_
