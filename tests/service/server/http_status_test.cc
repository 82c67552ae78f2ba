// The HTTP status of every gRPC code (status_util.h), the table the README
// documents for the HTTP/JSON endpoint.
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "gtest/gtest.h"
#include "service/server/status_util.h"

namespace textlens::service::server {
namespace {

TEST(HttpStatusCodeTest, FollowsTheStandardGrpcToHttpMapping) {
  using Code = absl::StatusCode;
  const std::vector<std::pair<Code, int>> expected = {
      {Code::kOk, 200},
      {Code::kInvalidArgument, 400},
      {Code::kFailedPrecondition, 400},
      {Code::kOutOfRange, 400},
      {Code::kUnauthenticated, 401},
      {Code::kPermissionDenied, 403},
      {Code::kNotFound, 404},
      {Code::kAborted, 409},
      {Code::kAlreadyExists, 409},
      {Code::kResourceExhausted, 429},
      {Code::kCancelled, 499},
      {Code::kInternal, 500},
      {Code::kUnknown, 500},
      {Code::kDataLoss, 500},
      {Code::kUnimplemented, 501},
      {Code::kUnavailable, 503},
      {Code::kDeadlineExceeded, 504},
  };
  for (const auto& [code, http] : expected) {
    EXPECT_EQ(HttpStatusCode(code), http) << absl::StatusCodeToString(code);
  }
}

}  // namespace
}  // namespace textlens::service::server
