#include "service/server/health_service.h"

#include <grpcpp/ext/health_check_service_server_builder_option.h>
#include <grpcpp/grpcpp.h>

#include <chrono>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "gtest/gtest.h"

namespace textlens::service::server {
namespace {

using grpc::health::v1::Health;
using grpc::health::v1::HealthCheckRequest;
using grpc::health::v1::HealthCheckResponse;

// A gRPC server on a free port with the service installed as textlensd
// installs it.
class HealthServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto service = std::make_unique<HealthService>();
    health_ = service.get();
    grpc::ServerBuilder builder;
    int port = 0;
    builder.AddListeningPort("127.0.0.1:0", grpc::InsecureServerCredentials(),
                             &port);
    builder.RegisterService(service.get());
    builder.SetOption(
        std::make_unique<grpc::HealthCheckServiceServerBuilderOption>(
            std::move(service)));
    server_ = builder.BuildAndStart();
    ASSERT_NE(server_, nullptr);
    ASSERT_EQ(server_->GetHealthCheckService(), health_);
    stub_ = Health::NewStub(
        grpc::CreateChannel("127.0.0.1:" + std::to_string(port),
                            grpc::InsecureChannelCredentials()));
  }
  void TearDown() override {
    if (server_ != nullptr) server_->Shutdown();
  }

  grpc::Status Check(const std::string& service,
                     HealthCheckResponse* response) {
    grpc::ClientContext context;
    HealthCheckRequest request;
    request.set_service(service);
    return stub_->Check(&context, request, response);
  }

  HealthService* health_ = nullptr;  // owned by server_
  std::unique_ptr<grpc::Server> server_;
  std::unique_ptr<Health::Stub> stub_;
};

TEST_F(HealthServiceTest, ChecksWhatTheServerSet) {
  HealthCheckResponse response;
  grpc::Status status = Check("textlens.analyzer.entities", &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(status.error_message(),
            "unknown service: \"textlens.analyzer.entities\"");

  health_->SetServingStatus("", true);
  health_->SetServingStatus("textlens.analyzer.entities", false);
  ASSERT_TRUE(Check("", &response).ok());
  EXPECT_EQ(response.status(), HealthCheckResponse::SERVING);
  ASSERT_TRUE(Check("textlens.analyzer.entities", &response).ok());
  EXPECT_EQ(response.status(), HealthCheckResponse::NOT_SERVING);

  health_->SetServingStatus(false);  // every service
  ASSERT_TRUE(Check("", &response).ok());
  EXPECT_EQ(response.status(), HealthCheckResponse::NOT_SERVING);
}

TEST_F(HealthServiceTest, WatchSendsEachChangeAndEndsAtShutdown) {
  grpc::ClientContext context;
  HealthCheckRequest request;
  request.set_service("textlens.analyzer.stance");
  auto watch = stub_->Watch(&context, request);
  HealthCheckResponse seen;
  ASSERT_TRUE(watch->Read(&seen));
  EXPECT_EQ(seen.status(), HealthCheckResponse::SERVICE_UNKNOWN);

  health_->SetServingStatus("textlens.analyzer.stance", true);
  ASSERT_TRUE(watch->Read(&seen));
  EXPECT_EQ(seen.status(), HealthCheckResponse::SERVING);
  health_->SetServingStatus("other", false);  // not this one: nothing sent
  health_->SetServingStatus("textlens.analyzer.stance", false);
  ASSERT_TRUE(watch->Read(&seen));
  EXPECT_EQ(seen.status(), HealthCheckResponse::NOT_SERVING);
  health_->SetServingStatus("textlens.analyzer.stance", true);
  ASSERT_TRUE(watch->Read(&seen));
  EXPECT_EQ(seen.status(), HealthCheckResponse::SERVING);

  // Shutdown: NOT_SERVING and no way back; the stream stays open (the
  // server goes on serving for its shutdown delay) until EndWatches.
  health_->Shutdown();
  ASSERT_TRUE(watch->Read(&seen));
  EXPECT_EQ(seen.status(), HealthCheckResponse::NOT_SERVING);
  health_->SetServingStatus("textlens.analyzer.stance", true);
  HealthCheckResponse response;
  ASSERT_TRUE(Check("textlens.analyzer.stance", &response).ok());
  EXPECT_EQ(response.status(), HealthCheckResponse::NOT_SERVING);
  health_->EndWatches();
  EXPECT_FALSE(watch->Read(&seen));
  grpc::Status ended = watch->Finish();
  EXPECT_EQ(ended.error_code(), grpc::StatusCode::UNAVAILABLE);
  EXPECT_EQ(ended.error_message(), "the server is shutting down");

  grpc::ClientContext late;
  auto refused = stub_->Watch(&late, request);
  EXPECT_FALSE(refused->Read(&seen));
  EXPECT_EQ(refused->Finish().error_code(), grpc::StatusCode::UNAVAILABLE);
}

TEST_F(HealthServiceTest, LimitsTheWatchesOpenAtOnce) {
  health_->SetServingStatus("", true);
  std::vector<std::unique_ptr<grpc::ClientContext>> contexts;
  std::vector<std::unique_ptr<grpc::ClientReader<HealthCheckResponse>>> watches;
  HealthCheckResponse seen;
  for (int i = 0; i < HealthService::kMaxWatches; ++i) {
    contexts.push_back(std::make_unique<grpc::ClientContext>());
    watches.push_back(stub_->Watch(contexts.back().get(), {}));
    ASSERT_TRUE(watches.back()->Read(&seen)) << i;
  }
  {
    grpc::ClientContext context;
    auto refused = stub_->Watch(&context, {});
    EXPECT_FALSE(refused->Read(&seen));
    grpc::Status status = refused->Finish();
    EXPECT_EQ(status.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED);
    EXPECT_NE(status.error_message().find("use Check"), std::string::npos);
  }
  // A cancelled watch gives its place back.
  contexts.front()->TryCancel();
  EXPECT_FALSE(watches.front()->Read(&seen));
  watches.front()->Finish();
  bool watching = false;
  for (int attempt = 0; attempt < 50 && !watching; ++attempt) {
    grpc::ClientContext context;
    auto again = stub_->Watch(&context, {});
    watching = again->Read(&seen);
    context.TryCancel();
    again->Finish();
    if (!watching) std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  EXPECT_TRUE(watching);
  for (size_t i = 1; i < watches.size(); ++i) {
    contexts[i]->TryCancel();
    watches[i]->Finish();
  }
}

}  // namespace
}  // namespace textlens::service::server
