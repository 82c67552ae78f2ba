// What every call of the analysis service passes before it runs: the
// bearer token when authentication is on, then admission under the
// concurrency limits.
//
// Thread-safe.
#ifndef TEXTLENS_SERVICE_SERVER_CALL_GUARD_H_
#define TEXTLENS_SERVICE_SERVER_CALL_GUARD_H_

#include <grpcpp/server_context.h>

#include <array>
#include <atomic>
#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"

namespace textlens::service::server {

// The accepted bearer tokens, kept as SHA-256 digests and compared in
// constant time.
class BearerTokens {
 public:
  // Reads one token per line of `path` (blank lines and lines starting with
  // '#' skipped; several tokens allow rotation). INVALID_ARGUMENT when the
  // file cannot be read, holds no token, or is readable by others than its
  // owner (PERMISSION_DENIED).
  static absl::StatusOr<BearerTokens> Load(const std::string& path);

  // OK when the call's "authorization" metadata is "Bearer <token>" with
  // an accepted token; UNAUTHENTICATED saying what is missing or wrong.
  grpc::Status Check(const grpc::ServerContext& context) const;
  // The same check of an "authorization" value (null: none was sent), for
  // any transport; `carrier` names what carries it in the messages
  // ("metadata", "header").
  absl::Status CheckAuthorization(const std::string* value,
                                  absl::string_view carrier) const;

 private:
  using Digest = std::array<unsigned char, 32>;
  static Digest Hash(const std::string& token);
  std::vector<Digest> digests_;
};

// Counts calls and streams in flight against their limits.
class Admission {
 public:
  Admission(uint32_t max_calls, uint32_t max_streams)
      : max_calls_(max_calls), max_streams_(max_streams) {}

  // A slot held for the length of one call; released when destroyed.
  class Slot {
   public:
    Slot() = default;
    Slot(Slot&& other) noexcept
        : calls_(other.calls_), streams_(other.streams_) {
      other.calls_ = other.streams_ = nullptr;
    }
    Slot(const Slot&) = delete;
    Slot& operator=(const Slot&) = delete;
    ~Slot() {
      if (calls_ != nullptr) calls_->fetch_sub(1);
      if (streams_ != nullptr) streams_->fetch_sub(1);
    }

   private:
    friend class Admission;
    std::atomic<uint32_t>* calls_ = nullptr;
    std::atomic<uint32_t>* streams_ = nullptr;
  };

  // A slot for one call (a stream when `stream`), or RESOURCE_EXHAUSTED at
  // once when the limit is reached.
  grpc::Status Admit(bool stream, Slot* slot);

  uint32_t calls_in_flight() const { return calls_.load(); }

 private:
  const uint32_t max_calls_;
  const uint32_t max_streams_;
  std::atomic<uint32_t> calls_{0};
  std::atomic<uint32_t> streams_{0};
};

}  // namespace textlens::service::server

#endif  // TEXTLENS_SERVICE_SERVER_CALL_GUARD_H_
