// Why an address cannot be listened on: gRPC's builder only says that it
// could not bind, so the server asks the kernel again to name the reason
// ("address already in use") for its start-up error.
//
// Stateless; thread-safe.
#ifndef TEXTLENS_SERVICE_SERVER_LISTEN_ADDRESS_H_
#define TEXTLENS_SERVICE_SERVER_LISTEN_ADDRESS_H_

#include <string>

namespace textlens::service::server {

// Binds (and closes at once) a TCP socket on `address` ("host:port",
// "[v6]:port", ":port") without SO_REUSEPORT; the reason the kernel gives
// when that fails, in lower case ("address already in use"). Empty when
// the bind succeeds, or when the probe cannot tell: a host that does not
// resolve here, an address that is no host:port (a unix socket).
std::string WhyCannotListen(const std::string& address);

}  // namespace textlens::service::server

#endif  // TEXTLENS_SERVICE_SERVER_LISTEN_ADDRESS_H_
