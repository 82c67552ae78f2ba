#include "tests/integration/server_process.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <thread>

namespace textlens::tests {
namespace {

[[noreturn]] void Die(const std::string& message) {
  std::fprintf(stderr, "server_process: %s\n", message.c_str());
  std::abort();
}

std::vector<char*> CArgs(const std::vector<std::string>& args) {
  std::vector<char*> out;
  for (const auto& a : args) out.push_back(const_cast<char*>(a.c_str()));
  out.push_back(nullptr);
  return out;
}

std::string ReadAll(int fd) {
  std::string out;
  char buffer[4096];
  ssize_t n;
  while ((n = ::read(fd, buffer, sizeof(buffer))) > 0) out.append(buffer, n);
  return out;
}

}  // namespace

struct ServerProcess::Drained {
  std::mutex mu;
  std::string text;
};

ServerProcess::ServerProcess(const std::vector<std::string>& flags) {
  std::vector<std::string> args = {TEXTLENSD_BINARY, "--listen=127.0.0.1:0",
                                   "--log_level=warn"};
  args.insert(args.end(), flags.begin(), flags.end());
  int out[2];
  if (::pipe(out) != 0) Die("pipe failed");
  pid_ = ::fork();
  if (pid_ < 0) Die("fork failed");
  if (pid_ == 0) {
    ::dup2(out[1], STDOUT_FILENO);
    ::close(out[0]);
    ::close(out[1]);
    auto argv = CArgs(args);
    ::execv(argv[0], argv.data());
    std::_Exit(127);
  }
  ::close(out[1]);
  // Read the announcement line, 30 s at most.
  std::string seen;
  pollfd pfd{out[0], POLLIN, 0};
  while (port_ == 0 && ::poll(&pfd, 1, 30000) > 0) {
    char c;
    if (::read(out[0], &c, 1) != 1) break;
    seen.push_back(c);
    const auto at = seen.find("listening on port ");
    if (c == '\n' && at != std::string::npos) {
      port_ = std::atoi(seen.c_str() + at + std::strlen("listening on port "));
    }
  }
  // Keep draining stdout so the server never blocks on a full pipe, and
  // keep what it says for the tests of its logs.
  output_ = std::make_shared<Drained>();
  output_->text = seen;
  std::thread([fd = out[0], output = output_] {
    char buffer[4096];
    ssize_t n;
    while ((n = ::read(fd, buffer, sizeof(buffer))) > 0) {
      std::lock_guard<std::mutex> lock(output->mu);
      output->text.append(buffer, static_cast<size_t>(n));
    }
    ::close(fd);
  }).detach();
  if (port_ == 0) Die("textlensd did not announce its port; saw: " + seen);
}

std::string ServerProcess::Output() const {
  std::lock_guard<std::mutex> lock(output_->mu);
  return output_->text;
}

int ServerProcess::AnnouncedPort(const std::string& what) const {
  const std::string line = "textlensd " + what + " on port ";
  for (int attempt = 0; attempt < 250; ++attempt) {
    const std::string output = Output();
    if (const size_t at = output.find(line); at != std::string::npos) {
      return std::atoi(output.c_str() + at + line.size());
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return 0;
}

ServerProcess::~ServerProcess() { Stop(); }

int ServerProcess::Stop() {
  Signal(SIGTERM);
  return Wait();
}

void ServerProcess::Signal(int signal) {
  if (pid_ > 0) ::kill(pid_, signal);
}

int ServerProcess::Wait() {
  if (pid_ <= 0) return -1;
  int status = 0;
  ::waitpid(pid_, &status, 0);
  pid_ = -1;
  return status;
}

CommandResult RunCommand(const std::vector<std::string>& argv,
                         const std::string& input) {
  int in[2], out[2], err[2];
  if (::pipe(in) != 0 || ::pipe(out) != 0 || ::pipe(err) != 0)
    Die("pipe failed");
  const pid_t pid = ::fork();
  if (pid < 0) Die("fork failed");
  if (pid == 0) {
    ::dup2(in[0], STDIN_FILENO);
    ::dup2(out[1], STDOUT_FILENO);
    ::dup2(err[1], STDERR_FILENO);
    for (int fd : {in[0], in[1], out[0], out[1], err[0], err[1]}) ::close(fd);
    auto args = CArgs(argv);
    ::execvp(args[0], args.data());
    std::fprintf(stderr, "cannot run %s: %s\n", args[0], std::strerror(errno));
    std::_Exit(127);
  }
  ::close(in[0]);
  ::close(out[1]);
  ::close(err[1]);
  std::thread writer([fd = in[1], &input] {
    size_t done = 0;
    while (done < input.size()) {
      const ssize_t n = ::write(fd, input.data() + done, input.size() - done);
      if (n <= 0) break;
      done += static_cast<size_t>(n);
    }
    ::close(fd);
  });
  CommandResult result;
  std::thread err_reader([&] { result.err = ReadAll(err[0]); });
  result.out = ReadAll(out[0]);
  err_reader.join();
  writer.join();
  ::close(out[0]);
  ::close(err[0]);
  int status = 0;
  ::waitpid(pid, &status, 0);
  result.exit_code =
      WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return result;
}

}  // namespace textlens::tests
