#include "service/server/batch_analysis.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "service/server/status_util.h"

namespace textlens::service::server {

absl::StatusOr<textlens::v1::BatchAnalyzeResponse> AnalyzeBatch(
    const AnalysisEngine& engine,
    const textlens::v1::BatchAnalyzeRequest& request, absl::Time deadline,
    const std::function<bool()>& cancelled, Telemetry::Call* call) {
  const uint32_t limit = engine.config().max_batch_size;
  if (request.requests_size() > static_cast<int>(limit)) {
    return absl::ResourceExhaustedError(
        absl::StrCat("requests has ", request.requests_size(),
                     " documents; the limit is ", limit, " per batch"));
  }
  textlens::v1::BatchAnalyzeResponse response;
  for (int i = 0; i < request.requests_size(); ++i) {
    auto* item = response.add_results();
    item->set_index(static_cast<uint32_t>(i));
    auto result = engine.Analyze(request.requests(i), deadline, cancelled);
    call->Document(request.requests(i), result.ok() ? &*result : nullptr,
                   result.status());
    if (result.ok()) {
      *item->mutable_response() = *std::move(result);
      item->mutable_status();  // code 0
    } else {
      const absl::Status& s = result.status();
      *item->mutable_status() = ToProtoStatus(absl::Status(
          s.code(), absl::StrCat("requests[", i, "].", s.message())));
    }
  }
  return response;
}

}  // namespace textlens::service::server
