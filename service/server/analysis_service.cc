#include "service/server/analysis_service.h"

#include <chrono>

#include "service/server/batch_analysis.h"
#include "service/server/request_traits.h"
#include "service/server/status_util.h"

namespace textlens::service::server {

namespace {

// The answer's margin: this share of the call's time, at most kMaxMargin.
constexpr double kMarginShare = 0.05;
constexpr absl::Duration kMaxMargin = absl::Milliseconds(50);

}  // namespace

absl::Time AnswerDeadline(absl::Time now, absl::Time client_deadline,
                          absl::Duration default_deadline) {
  const absl::Time fallback = now + default_deadline;
  if (client_deadline >= fallback) return fallback;
  const absl::Duration left = client_deadline - now;
  if (left <= absl::ZeroDuration()) return client_deadline;
  return client_deadline - std::min(kMaxMargin, left * kMarginShare);
}

absl::Time AnalysisServiceImpl::Deadline(
    const grpc::ServerContext& context) const {
  const auto client = context.deadline();
  return AnswerDeadline(absl::Now(),
                        client == std::chrono::system_clock::time_point::max()
                            ? absl::InfiniteFuture()
                            : absl::FromChrono(client),
                        engine_->config().default_deadline);
}

grpc::Status AnalysisServiceImpl::Guard(const grpc::ServerContext& context,
                                        bool stream,
                                        Admission::Slot* slot) const {
  if (tokens_ != nullptr) {
    grpc::Status authenticated = tokens_->Check(context);
    if (!authenticated.ok()) return authenticated;
  }
  if (slot == nullptr) return grpc::Status::OK;
  return admission_->Admit(stream, slot);
}

grpc::Status AnalysisServiceImpl::Analyze(
    grpc::ServerContext* context, const textlens::v1::AnalyzeRequest* request,
    textlens::v1::AnalyzeResponse* response) {
  Telemetry::Call call = telemetry_->Start("Analyze", context);
  grpc::Status status = ServeAnalyze(context, *request, response, &call);
  call.Finish(status);
  return status;
}

grpc::Status AnalysisServiceImpl::ServeAnalyze(
    grpc::ServerContext* context, const textlens::v1::AnalyzeRequest& request,
    textlens::v1::AnalyzeResponse* response, Telemetry::Call* call) {
  Admission::Slot slot;
  if (grpc::Status s = Guard(*context, false, &slot); !s.ok()) return s;
  // One analyzer runs on this thread; if it hangs past the deadline the
  // RPC is cancelled, so the client is released even though this thread is
  // held by the plugin, and the call is logged and counted then, not when
  // (or if) the plugin returns.
  auto result = engine_->Analyze(
      request, Deadline(*context), [context] { return context->IsCancelled(); },
      [context, call] {
        context->TryCancel();
        call->Finish(grpc::Status(
            grpc::StatusCode::DEADLINE_EXCEEDED,
            "abandoned: the analyzer still ran past the deadline"));
      });
  call->Document(request, result.ok() ? &*result : nullptr, result.status());
  if (!result.ok()) return ToGrpcStatus(result.status());
  *response = std::move(*result);
  return grpc::Status::OK;
}

grpc::Status AnalysisServiceImpl::BatchAnalyze(
    grpc::ServerContext* context,
    const textlens::v1::BatchAnalyzeRequest* request,
    textlens::v1::BatchAnalyzeResponse* response) {
  Telemetry::Call call = telemetry_->Start("BatchAnalyze", context);
  grpc::Status status = ServeBatch(context, *request, response, &call);
  call.Finish(status);
  return status;
}

grpc::Status AnalysisServiceImpl::ServeBatch(
    grpc::ServerContext* context,
    const textlens::v1::BatchAnalyzeRequest& request,
    textlens::v1::BatchAnalyzeResponse* response, Telemetry::Call* call) {
  Admission::Slot slot;
  if (grpc::Status s = Guard(*context, false, &slot); !s.ok()) return s;
  auto result = AnalyzeBatch(
      *engine_, request, Deadline(*context),
      [context] { return context->IsCancelled(); }, call);
  if (!result.ok()) return ToGrpcStatus(result.status());
  *response = *std::move(result);
  return grpc::Status::OK;
}

grpc::Status AnalysisServiceImpl::AnalyzeStream(
    grpc::ServerContext* context,
    grpc::ServerReaderWriter<textlens::v1::AnalyzeStreamResponse,
                             textlens::v1::AnalyzeRequest>* stream) {
  Telemetry::Call call = telemetry_->Start("AnalyzeStream", context);
  grpc::Status status = ServeStream(context, stream, &call);
  call.Finish(status);
  return status;
}

grpc::Status AnalysisServiceImpl::ServeStream(
    grpc::ServerContext* context,
    grpc::ServerReaderWriter<textlens::v1::AnalyzeStreamResponse,
                             textlens::v1::AnalyzeRequest>* stream,
    Telemetry::Call* call) {
  // One document at a time: the server reads the next request only after it
  // answered the previous one, so a fast sender is held back by gRPC's flow
  // control instead of filling the server's memory.
  textlens::api::TakeParseFailure();  // forget this thread's earlier calls
  Admission::Slot slot;
  if (grpc::Status s = Guard(*context, true, &slot); !s.ok()) return s;
  textlens::v1::AnalyzeRequest request;
  while (stream->Read(&request)) {
    textlens::v1::AnalyzeStreamResponse answer;
    answer.set_document_id(request.document().id());
    auto result = engine_->Analyze(request, Deadline(*context), [context] {
      return context->IsCancelled();
    });
    call->Document(request, result.ok() ? &*result : nullptr, result.status());
    if (result.ok()) {
      *answer.mutable_response() = std::move(*result);
      answer.mutable_status();
    } else {
      *answer.mutable_status() = ToProtoStatus(result.status());
    }
    if (!stream->Write(answer)) break;  // the client went away
  }
  // A message that did not parse ends the stream with the reason (gRPC
  // reports it to Read only as the end of the stream).
  grpc::Status failure = textlens::api::TakeParseFailure();
  if (!failure.ok()) return failure;
  if (context->IsCancelled()) {
    return grpc::Status(grpc::StatusCode::CANCELLED,
                        "the stream was cancelled");
  }
  return grpc::Status::OK;
}

grpc::Status AnalysisServiceImpl::ListAnalyzers(
    grpc::ServerContext* context,
    const textlens::v1::ListAnalyzersRequest* /*request*/,
    textlens::v1::ListAnalyzersResponse* response) {
  Telemetry::Call call = telemetry_->Start("ListAnalyzers", context);
  grpc::Status status = Guard(*context, false, nullptr);
  if (status.ok()) *response = engine_->ListAnalyzers();
  call.Finish(status);
  return status;
}

grpc::Status AnalysisServiceImpl::GetServerInfo(
    grpc::ServerContext* context,
    const textlens::v1::GetServerInfoRequest* /*request*/,
    textlens::v1::ServerInfo* response) {
  Telemetry::Call call = telemetry_->Start("GetServerInfo", context);
  grpc::Status status = Guard(*context, false, nullptr);
  if (status.ok()) *response = engine_->ServerInfo();
  call.Finish(status);
  return status;
}

}  // namespace textlens::service::server
