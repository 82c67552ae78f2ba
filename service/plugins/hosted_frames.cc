#include "service/plugins/hosted_frames.h"

#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstring>

#include "absl/strings/str_cat.h"
#include "service/common/child_process.h"

namespace textlens::service::plugins {
namespace {

// Waits until `fd` is ready for `events`; CANCELLED when `give_up` says so.
absl::Status WaitReady(int fd, short events,
                       const std::function<bool()>& give_up) {
  while (true) {
    if (give_up()) return absl::CancelledError("gave up waiting");
    pollfd ready{fd, events, 0};
    const int n = poll(&ready, 1, 10);
    if (n < 0 && errno != EINTR) {
      return absl::InternalError(absl::StrCat("poll: ", strerror(errno)));
    }
    if (n > 0) return absl::OkStatus();
  }
}

// Appends up to `size` bytes read from `fd` to `out`, waiting as needed.
absl::Status ReadInto(int fd, std::string* out, size_t size,
                      const std::function<bool()>& give_up) {
  constexpr size_t kChunk = size_t{1} << 20;
  char buffer[64 << 10];
  while (size > 0) {
    if (give_up) {
      absl::Status ready = WaitReady(fd, POLLIN, give_up);
      if (!ready.ok()) return ready;
    }
    const size_t want = std::min({size, sizeof(buffer), kChunk});
    const ssize_t n = read(fd, buffer, want);
    if (n < 0 && (errno == EINTR || errno == EAGAIN)) continue;
    if (n < 0 && errno != ECONNRESET) {
      return absl::InternalError(absl::StrCat("read: ", strerror(errno)));
    }
    if (n <= 0) return absl::UnavailableError("the other side closed");
    out->append(buffer, static_cast<size_t>(n));
    size -= static_cast<size_t>(n);
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status WriteFrame(int fd, std::string_view payload,
                        const std::function<bool()>& give_up) {
  if (payload.size() > kMaxFrameBytes) {
    return absl::InvalidArgumentError(
        absl::StrCat("a message of ", payload.size(), " bytes; the limit is ",
                     kMaxFrameBytes));
  }
  const uint32_t size = static_cast<uint32_t>(payload.size());
  const char header[4] = {static_cast<char>(size & 0xff),
                          static_cast<char>((size >> 8) & 0xff),
                          static_cast<char>((size >> 16) & 0xff),
                          static_cast<char>((size >> 24) & 0xff)};
  if (!give_up) {
    const bool sent =
        WriteAll(fd, std::string_view(header, 4)) && WriteAll(fd, payload);
    return sent ? absl::OkStatus()
                : absl::UnavailableError("the other side closed");
  }
  for (std::string_view part : {std::string_view(header, 4), payload}) {
    while (!part.empty()) {
      absl::Status ready = WaitReady(fd, POLLOUT, give_up);
      if (!ready.ok()) return ready;
      const ssize_t n =
          send(fd, part.data(), part.size(), MSG_DONTWAIT | MSG_NOSIGNAL);
      if (n < 0 && (errno == EINTR || errno == EAGAIN)) continue;
      if (n <= 0) return absl::UnavailableError("the other side closed");
      part.remove_prefix(static_cast<size_t>(n));
    }
  }
  return absl::OkStatus();
}

absl::Status ReadFrame(int fd, std::string* payload, size_t max_bytes,
                       const std::function<bool()>& give_up) {
  std::string header;
  absl::Status status = ReadInto(fd, &header, 4, give_up);
  if (!status.ok()) return status;
  const auto byte = [&header](int i) {
    return static_cast<size_t>(static_cast<unsigned char>(header[i]));
  };
  const size_t size = byte(0) | byte(1) << 8 | byte(2) << 16 | byte(3) << 24;
  if (size > max_bytes) {
    return absl::ResourceExhaustedError(absl::StrCat(
        "a message of ", size, " bytes; the limit is ", max_bytes));
  }
  payload->clear();
  return ReadInto(fd, payload, size, give_up);
}

}  // namespace textlens::service::plugins
