#include "service/server/plugin_watcher.h"

#include <fcntl.h>
#include <poll.h>
#include <sys/inotify.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "absl/strings/str_cat.h"
#include "spdlog/spdlog.h"

namespace textlens::service::server {

absl::StatusOr<std::unique_ptr<PluginWatcher>> PluginWatcher::Start(
    const std::string& folder, absl::Duration settle,
    std::function<void()> reload) {
  const int inotify = ::inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
  if (inotify < 0) {
    return absl::FailedPreconditionError(
        absl::StrCat("cannot watch ", folder, ": ", std::strerror(errno)));
  }
  if (::inotify_add_watch(inotify, folder.c_str(),
                          IN_CLOSE_WRITE | IN_MODIFY | IN_MOVED_TO |
                              IN_MOVED_FROM | IN_DELETE | IN_ATTRIB) < 0) {
    const int error = errno;
    ::close(inotify);
    return absl::FailedPreconditionError(
        absl::StrCat("cannot watch ", folder, ": ", std::strerror(error)));
  }
  int stop[2];
  if (::pipe2(stop, O_CLOEXEC) != 0) {
    const int error = errno;
    ::close(inotify);
    return absl::InternalError(
        absl::StrCat("cannot watch ", folder, ": ", std::strerror(error)));
  }
  return std::unique_ptr<PluginWatcher>(
      new PluginWatcher(inotify, stop[0], stop[1], settle, std::move(reload)));
}

PluginWatcher::PluginWatcher(int inotify, int stop_read, int stop_write,
                             absl::Duration settle,
                             std::function<void()> reload)
    : inotify_(inotify),
      stop_read_(stop_read),
      stop_write_(stop_write),
      settle_(settle),
      reload_(std::move(reload)),
      thread_([this] { Loop(); }) {}

void PluginWatcher::Stop() {
  std::call_once(stopped_, [this] {
    const char byte = 0;
    [[maybe_unused]] const ssize_t n = ::write(stop_write_, &byte, 1);
    thread_.join();
  });
}

PluginWatcher::~PluginWatcher() {
  Stop();
  ::close(inotify_);
  ::close(stop_read_);
  ::close(stop_write_);
}

void PluginWatcher::Loop() {
  // Only plugin files count: other files coming and going change nothing.
  const auto plugin_file = [](const inotify_event* event) {
    const size_t length = event->len > 0 ? std::strlen(event->name) : 0;
    return length > 3 && std::strcmp(event->name + length - 3, ".so") == 0;
  };
  bool pending = false;
  while (true) {
    pollfd fds[2] = {{stop_read_, POLLIN, 0}, {inotify_, POLLIN, 0}};
    const int timeout =
        pending ? static_cast<int>(absl::ToInt64Milliseconds(settle_)) : -1;
    const int ready = ::poll(fds, 2, timeout);
    if (ready < 0 && errno == EINTR) continue;
    if (ready < 0) {
      spdlog::error("plugin folder watch stopped: poll: {}",
                    std::strerror(errno));
      return;
    }
    if ((fds[0].revents & POLLIN) != 0) return;
    if (ready == 0) {  // quiet for `settle`: the changes are complete
      pending = false;
      reload_();
      continue;
    }
    alignas(inotify_event) char buffer[4096];
    ssize_t n;
    while ((n = ::read(inotify_, buffer, sizeof(buffer))) > 0) {
      for (ssize_t at = 0; at < n;) {
        const auto* event = reinterpret_cast<const inotify_event*>(buffer + at);
        // Events were lost: look at the folder anyway.
        if (plugin_file(event) || (event->mask & IN_Q_OVERFLOW) != 0) {
          pending = true;
        }
        if ((event->mask & IN_IGNORED) != 0) {
          spdlog::warn(
              "the plugin folder was removed or replaced; it is no longer "
              "watched (ReloadPlugins still reloads)");
          return;
        }
        at += static_cast<ssize_t>(sizeof(inotify_event) + event->len);
      }
    }
  }
}

}  // namespace textlens::service::server
