// The framing between textlensd and the processes hosting isolated plugins
// (`textlens-plugin-host`): each message is a 4-byte little-endian length,
// then that many bytes. The exchange, on one socket:
//   host -> server  HostedReply: the plugin's descriptor, or why it did not
//   load server -> host  PluginInput: the server's configuration of the plugin
//   host -> server  HostedReply: create succeeded, or its error
//   then, per call: server -> host PluginInput, host -> server HostedReply.
//
// Thread-compatible: one thread uses a socket at a time.
#ifndef TEXTLENS_SERVICE_PLUGINS_HOSTED_FRAMES_H_
#define TEXTLENS_SERVICE_PLUGINS_HOSTED_FRAMES_H_

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>

#include "absl/status/status.h"

namespace textlens::service::plugins {

// Largest frame either side accepts.
inline constexpr size_t kMaxFrameBytes = size_t{1} << 30;

// While waiting, `give_up` (may be empty) is asked at least every 10 ms:
// when it returns true the read or write stops with CANCELLED.

// Writes one frame. INVALID_ARGUMENT for a payload over kMaxFrameBytes
// (nothing written), UNAVAILABLE when the other side is gone.
absl::Status WriteFrame(int fd, std::string_view payload,
                        const std::function<bool()>& give_up = nullptr);

// Reads one frame into `payload`. UNAVAILABLE when the other side closed the
// socket, RESOURCE_EXHAUSTED for a frame over `max_bytes` (announced in its
// header; the buffer grows only as bytes arrive), INTERNAL on a read error.
absl::Status ReadFrame(int fd, std::string* payload, size_t max_bytes,
                       const std::function<bool()>& give_up = nullptr);

}  // namespace textlens::service::plugins

#endif  // TEXTLENS_SERVICE_PLUGINS_HOSTED_FRAMES_H_
