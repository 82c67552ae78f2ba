// HealthService: the standard grpc.health.v1.Health service (Check and
// Watch) and the status the server sets for it: "" for the server,
// "textlens.v1.AnalysisService", and "textlens.analyzer.NAME" per analyzer.
//
// It replaces gRPC's default health service, which answers through gRPC's
// callback API: with this gRPC, two extra threads then poll for every event
// of the server (perf under a load of tiny Analyze calls: 9% of the
// machine's CPU, against 26% for the threads serving the calls). This one is
// a plain synchronous service: a Check costs a lookup under a lock; a Watch
// holds a server thread while it lasts, so at most kMaxWatches run at once
// (RESOURCE_EXHAUSTED beyond). The server's thread quota leaves room for
// them and for Check calls (server.cc).
//
// Thread-safe.
#ifndef TEXTLENS_SERVICE_SERVER_HEALTH_SERVICE_H_
#define TEXTLENS_SERVICE_SERVER_HEALTH_SERVICE_H_

#include <grpcpp/health_check_service_interface.h>

#include <cstdint>
#include <string>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/synchronization/mutex.h"
#include "grpc/health/v1/health.grpc.pb.h"

namespace textlens::service::server {

class HealthService final : public grpc::HealthCheckServiceInterface,
                            public grpc::health::v1::Health::Service {
 public:
  // Watch calls served at once.
  static constexpr int kMaxWatches = 64;

  // HealthCheckServiceInterface: what the server sets.
  void SetServingStatus(const std::string& service_name, bool serving) override;
  void SetServingStatus(bool serving) override;
  // Every service NOT_SERVING for good (Watch calls send it).
  void Shutdown() override;
  // Ends the Watch calls (after Shutdown, before the gRPC server's own
  // shutdown, which would otherwise wait for them until its deadline).
  void EndWatches();

  // grpc.health.v1.Health. Check: NOT_FOUND for a service never set.
  grpc::Status Check(grpc::ServerContext* context,
                     const grpc::health::v1::HealthCheckRequest* request,
                     grpc::health::v1::HealthCheckResponse* response) override;
  // Sends the service's status (SERVICE_UNKNOWN for one never set), then
  // each change, until the caller cancels or EndWatches().
  grpc::Status Watch(grpc::ServerContext* context,
                     const grpc::health::v1::HealthCheckRequest* request,
                     grpc::ServerWriter<grpc::health::v1::HealthCheckResponse>*
                         writer) override;

 private:
  using Status = grpc::health::v1::HealthCheckResponse::ServingStatus;
  Status StatusOf(const std::string& service) const
      ABSL_SHARED_LOCKS_REQUIRED(mu_);

  mutable absl::Mutex mu_;
  absl::flat_hash_map<std::string, Status> statuses_ ABSL_GUARDED_BY(mu_);
  bool shut_down_ ABSL_GUARDED_BY(mu_) = false;
  bool watches_ended_ ABSL_GUARDED_BY(mu_) = false;
  uint64_t changes_ ABSL_GUARDED_BY(mu_) = 0;
  absl::CondVar changed_;  // signalled with each change
  int watches_ ABSL_GUARDED_BY(mu_) = 0;
};

}  // namespace textlens::service::server

#endif  // TEXTLENS_SERVICE_SERVER_HEALTH_SERVICE_H_
