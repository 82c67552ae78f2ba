#include "service/server/health_service.h"

#include "absl/strings/str_cat.h"
#include "absl/time/time.h"

namespace textlens::service::server {

using grpc::health::v1::HealthCheckRequest;
using grpc::health::v1::HealthCheckResponse;

void HealthService::SetServingStatus(const std::string& service_name,
                                     bool serving) {
  absl::MutexLock lock(&mu_);
  if (shut_down_) return;  // stays NOT_SERVING
  statuses_[service_name] =
      serving ? HealthCheckResponse::SERVING : HealthCheckResponse::NOT_SERVING;
  ++changes_;
  changed_.SignalAll();
}

void HealthService::SetServingStatus(bool serving) {
  absl::MutexLock lock(&mu_);
  if (shut_down_) return;
  for (auto& [name, status] : statuses_) {
    status = serving ? HealthCheckResponse::SERVING
                     : HealthCheckResponse::NOT_SERVING;
  }
  ++changes_;
  changed_.SignalAll();
}

void HealthService::Shutdown() {
  absl::MutexLock lock(&mu_);
  if (shut_down_) return;
  for (auto& [name, status] : statuses_) {
    status = HealthCheckResponse::NOT_SERVING;
  }
  shut_down_ = true;
  ++changes_;
  changed_.SignalAll();
}

void HealthService::EndWatches() {
  absl::MutexLock lock(&mu_);
  watches_ended_ = true;
  ++changes_;
  changed_.SignalAll();
}

HealthService::Status HealthService::StatusOf(
    const std::string& service) const {
  auto it = statuses_.find(service);
  return it == statuses_.end() ? HealthCheckResponse::SERVICE_UNKNOWN
                               : it->second;
}

grpc::Status HealthService::Check(grpc::ServerContext* /*context*/,
                                  const HealthCheckRequest* request,
                                  HealthCheckResponse* response) {
  absl::ReaderMutexLock lock(&mu_);
  const Status status = StatusOf(request->service());
  if (status == HealthCheckResponse::SERVICE_UNKNOWN) {
    return grpc::Status(
        grpc::StatusCode::NOT_FOUND,
        absl::StrCat("unknown service: \"", request->service(), "\""));
  }
  response->set_status(status);
  return grpc::Status::OK;
}

grpc::Status HealthService::Watch(
    grpc::ServerContext* context, const HealthCheckRequest* request,
    grpc::ServerWriter<HealthCheckResponse>* writer) {
  absl::MutexLock lock(&mu_);
  if (watches_ended_) {
    return grpc::Status(grpc::StatusCode::UNAVAILABLE,
                        "the server is shutting down");
  }
  if (watches_ >= kMaxWatches) {
    return grpc::Status(
        grpc::StatusCode::RESOURCE_EXHAUSTED,
        absl::StrCat(kMaxWatches, " health watches are open; use Check"));
  }
  ++watches_;
  bool sent = false;
  Status last = HealthCheckResponse::UNKNOWN;
  uint64_t seen = changes_;
  while (true) {
    const Status now = StatusOf(request->service());
    const bool ending = watches_ended_;
    if (!sent || now != last) {
      HealthCheckResponse response;
      response.set_status(now);
      mu_.Unlock();  // a slow reader must not hold the setters
      const bool written = writer->Write(response);
      mu_.Lock();
      if (!written) break;  // the caller went away
      sent = true;
      last = now;
    }
    if (ending) {
      --watches_;
      return grpc::Status(grpc::StatusCode::UNAVAILABLE,
                          "the server is shutting down");
    }
    // Woken by a change; the caller's cancellation is polled.
    while (changes_ == seen && !context->IsCancelled()) {
      changed_.WaitWithTimeout(&mu_, absl::Milliseconds(100));
    }
    if (context->IsCancelled()) break;
    seen = changes_;
  }
  --watches_;
  return grpc::Status::OK;
}

}  // namespace textlens::service::server
