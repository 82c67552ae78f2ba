#include "service/plugins/hosted_frames.h"

#include <poll.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstring>

#include "absl/strings/str_cat.h"
#include "service/common/child_process.h"

namespace textlens::service::plugins {
namespace {

// Reads exactly `size` bytes into `out`, polling `give_up` while waiting.
absl::Status ReadExactly(int fd, char* out, size_t size,
                         const std::function<bool()>& give_up) {
  while (size > 0) {
    if (give_up) {
      pollfd ready{fd, POLLIN, 0};
      const int n = poll(&ready, 1, 10);
      if (n < 0 && errno != EINTR) {
        return absl::InternalError(absl::StrCat("poll: ", strerror(errno)));
      }
      if (n <= 0) {
        if (give_up()) return absl::CancelledError("gave up waiting");
        continue;
      }
    }
    const ssize_t n = read(fd, out, size);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0 && errno != ECONNRESET) {
      return absl::InternalError(absl::StrCat("read: ", strerror(errno)));
    }
    if (n <= 0) return absl::UnavailableError("the other side closed");
    out += n;
    size -= static_cast<size_t>(n);
  }
  return absl::OkStatus();
}

}  // namespace

bool WriteFrame(int fd, std::string_view payload) {
  if (payload.size() > kMaxFrameBytes) return false;
  const uint32_t size = static_cast<uint32_t>(payload.size());
  const char header[4] = {static_cast<char>(size & 0xff),
                          static_cast<char>((size >> 8) & 0xff),
                          static_cast<char>((size >> 16) & 0xff),
                          static_cast<char>((size >> 24) & 0xff)};
  return WriteAll(fd, std::string_view(header, 4)) && WriteAll(fd, payload);
}

absl::Status ReadFrame(int fd, std::string* payload, size_t max_bytes,
                       const std::function<bool()>& give_up) {
  unsigned char header[4];
  absl::Status status =
      ReadExactly(fd, reinterpret_cast<char*>(header), 4, give_up);
  if (!status.ok()) return status;
  const size_t size = size_t{header[0]} | size_t{header[1]} << 8 |
                      size_t{header[2]} << 16 | size_t{header[3]} << 24;
  if (size > max_bytes) {
    return absl::ResourceExhaustedError(absl::StrCat(
        "a message of ", size, " bytes; the limit is ", max_bytes));
  }
  payload->resize(size);
  return ReadExactly(fd, payload->data(), size, give_up);
}

}  // namespace textlens::service::plugins
