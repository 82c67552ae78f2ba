#include "service/server/listen_address.h"

#include <netdb.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"

namespace textlens::service::server {
namespace {

// The kernel's reason for `error`, in lower case to read inside a sentence.
std::string Reason(int error) {
  return absl::AsciiStrToLower(std::strerror(error));
}

// The reason binding one resolved address fails; empty when it binds.
std::string TryBind(const addrinfo& candidate) {
  const int fd =
      ::socket(candidate.ai_family, candidate.ai_socktype | SOCK_CLOEXEC,
               candidate.ai_protocol);
  if (fd < 0) return Reason(errno);
  // As gRPC binds: SO_REUSEADDR (connections in TIME_WAIT do not hold the
  // port), never SO_REUSEPORT here.
  const int one = 1;
  ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
  const int bound = ::bind(fd, candidate.ai_addr, candidate.ai_addrlen);
  const int error = errno;
  ::close(fd);
  return bound == 0 ? std::string() : Reason(error);
}

}  // namespace

std::string WhyCannotListen(const std::string& address) {
  if (absl::StartsWith(address, "unix:")) return "";
  const size_t colon = address.rfind(':');
  if (colon == std::string::npos) return "";
  std::string host = address.substr(0, colon);
  const std::string port = address.substr(colon + 1);
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') {
    host = host.substr(1, host.size() - 2);
  }
  addrinfo hints = {};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
  addrinfo* found = nullptr;
  if (::getaddrinfo(host.empty() ? nullptr : host.c_str(), port.c_str(), &hints,
                    &found) != 0) {
    return "";
  }
  std::string reason;
  for (const addrinfo* candidate = found;
       candidate != nullptr && reason.empty(); candidate = candidate->ai_next) {
    reason = TryBind(*candidate);
  }
  ::freeaddrinfo(found);
  return reason;
}

}  // namespace textlens::service::server
