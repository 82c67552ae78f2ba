#include "service/server/call_guard.h"

#include <fcntl.h>
#include <openssl/crypto.h>
#include <openssl/sha.h>
#include <sys/stat.h>
#include <unistd.h>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"
#include "service/server/status_util.h"

namespace textlens::service::server {

BearerTokens::Digest BearerTokens::Hash(const std::string& token) {
  Digest digest;
  SHA256(reinterpret_cast<const unsigned char*>(token.data()), token.size(),
         digest.data());
  return digest;
}

absl::StatusOr<BearerTokens> BearerTokens::Load(const std::string& path) {
  // The mode is checked on the file actually read.
  const int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
  struct stat info;
  if (fd < 0 || fstat(fd, &info) != 0 || !S_ISREG(info.st_mode)) {
    if (fd >= 0) close(fd);
    return absl::InvalidArgumentError(absl::StrCat(
        "auth_token_file ", path, " cannot be read as a regular file"));
  }
  if ((info.st_mode & (S_IRWXG | S_IRWXO)) != 0) {
    close(fd);
    return absl::PermissionDeniedError(absl::StrFormat(
        "auth_token_file %s is open to other users (mode %04o); make it "
        "readable by its owner only (chmod 600)",
        path, info.st_mode & 07777));
  }
  std::string text;
  char buffer[4096];
  for (ssize_t n; (n = read(fd, buffer, sizeof(buffer))) > 0;) {
    text.append(buffer, static_cast<size_t>(n));
  }
  close(fd);
  BearerTokens tokens;
  for (absl::string_view line : absl::StrSplit(text, '\n')) {
    const std::string token(absl::StripAsciiWhitespace(line));
    if (token.empty() || token[0] == '#') continue;
    tokens.digests_.push_back(Hash(token));
  }
  if (tokens.digests_.empty()) {
    return absl::InvalidArgumentError(
        absl::StrCat("auth_token_file ", path, " holds no token"));
  }
  return tokens;
}

grpc::Status BearerTokens::Check(const grpc::ServerContext& context) const {
  const auto& metadata = context.client_metadata();
  const auto it = metadata.find("authorization");
  if (it == metadata.end()) {
    return ToGrpcStatus(CheckAuthorization(nullptr, "metadata"));
  }
  const std::string value(it->second.data(), it->second.size());
  return ToGrpcStatus(CheckAuthorization(&value, "metadata"));
}

absl::Status BearerTokens::CheckAuthorization(const std::string* value,
                                              absl::string_view carrier) const {
  if (value == nullptr) {
    return absl::UnauthenticatedError(
        absl::StrCat("this server requires a bearer token: send the ", carrier,
                     " 'authorization: Bearer TOKEN'"));
  }
  constexpr absl::string_view kScheme = "Bearer ";
  if (!absl::StartsWithIgnoreCase(*value, kScheme)) {
    return absl::UnauthenticatedError(
        absl::StrCat("the authorization ", carrier, " is not 'Bearer TOKEN'"));
  }
  // Digests of equal length, compared in full whatever matches: the time
  // taken tells nothing about the token.
  const Digest digest = Hash(value->substr(kScheme.size()));
  int matches = 0;
  for (const Digest& accepted : digests_) {
    matches |=
        CRYPTO_memcmp(digest.data(), accepted.data(), digest.size()) == 0;
  }
  if (matches == 0) {
    return absl::UnauthenticatedError("the bearer token is not valid");
  }
  return absl::OkStatus();
}

namespace {

// Takes one of `limit` slots of `count`, never counting past the limit (a
// refused call does not crowd out one that arrives as a slot frees).
bool TakeSlot(std::atomic<uint32_t>* count, uint32_t limit) {
  uint32_t now = count->load();
  while (now < limit) {
    if (count->compare_exchange_weak(now, now + 1)) return true;
  }
  return false;
}

}  // namespace

grpc::Status Admission::Admit(bool stream, Slot* slot) {
  if (!TakeSlot(&calls_, max_calls_)) {
    return grpc::Status(
        grpc::StatusCode::RESOURCE_EXHAUSTED,
        absl::StrCat("server at capacity: ", max_calls_,
                     " calls in flight (max_concurrent_calls); retry later"));
  }
  slot->calls_ = &calls_;
  if (stream) {
    if (!TakeSlot(&streams_, max_streams_)) {
      return grpc::Status(
          grpc::StatusCode::RESOURCE_EXHAUSTED,
          absl::StrCat("server at capacity: ", max_streams_,
                       " streams open (max_concurrent_streams); retry later"));
    }
    slot->streams_ = &streams_;
  }
  return grpc::Status::OK;
}

}  // namespace textlens::service::server
