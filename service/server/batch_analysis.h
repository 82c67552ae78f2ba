// AnalyzeBatch: the work of a BatchAnalyze call for every front door (the
// gRPC service and the HTTP gateway): the batch limit, then each document
// through the engine, its answer or its error matched to it by index.
//
// Thread-safe: a free function over the engine, which is thread-safe.
#ifndef TEXTLENS_SERVICE_SERVER_BATCH_ANALYSIS_H_
#define TEXTLENS_SERVICE_SERVER_BATCH_ANALYSIS_H_

#include <functional>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "service/server/analysis_engine.h"
#include "service/server/telemetry.h"
#include "textlens/v1/service.pb.h"

namespace textlens::service::server {

// RESOURCE_EXHAUSTED, stating the limit, when `request` holds more than
// max_batch_size documents. Otherwise OK with one result per document: its
// response, or its error prefixed with "requests[i]."; each document is
// recorded into `call`. `cancelled` (may be empty) is polled while waiting.
absl::StatusOr<textlens::v1::BatchAnalyzeResponse> AnalyzeBatch(
    const AnalysisEngine& engine,
    const textlens::v1::BatchAnalyzeRequest& request, absl::Time deadline,
    const std::function<bool()>& cancelled, Telemetry::Call* call);

}  // namespace textlens::service::server

#endif  // TEXTLENS_SERVICE_SERVER_BATCH_ANALYSIS_H_
