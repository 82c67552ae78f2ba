// ServerProcess: runs the real textlensd binary on a free port for a test,
// and helpers to run other real binaries (grpcurl, the CLI) against it.
#ifndef TEXTLENS_TESTS_INTEGRATION_SERVER_PROCESS_H_
#define TEXTLENS_TESTS_INTEGRATION_SERVER_PROCESS_H_

#include <memory>
#include <string>
#include <vector>

namespace textlens::tests {

class ServerProcess {
 public:
  // Starts textlensd with `flags` plus --listen=127.0.0.1:0 and waits for
  // the line announcing its port. Aborts the test binary if it cannot.
  explicit ServerProcess(const std::vector<std::string>& flags);
  // Sends SIGTERM and waits for the process.
  ~ServerProcess();

  int port() const { return port_; }
  int pid() const { return pid_; }
  std::string address() const { return "127.0.0.1:" + std::to_string(port_); }
  // Sends SIGTERM and returns the exit status (as from waitpid).
  int Stop();
  // Sends `signal` without waiting.
  void Signal(int signal);
  // Waits for the process to end; its exit status (as from waitpid).
  int Wait();
  // What the server wrote on its standard output (its log) so far.
  std::string Output() const;
  // The port of the line "textlensd `what` on port N" (what: "http",
  // "metrics"), waiting up to 5 s for it; 0 if it never comes.
  int AnnouncedPort(const std::string& what) const;

 private:
  struct Drained;  // filled by a thread that drains the pipe

  int pid_ = -1;
  int port_ = 0;
  std::shared_ptr<Drained> output_;
};

// What a command printed and how it ended.
struct CommandResult {
  int exit_code = -1;
  std::string out;  // standard output
  std::string err;  // standard error
};

// Runs `argv` with `input` on its standard input.
CommandResult RunCommand(const std::vector<std::string>& argv,
                         const std::string& input = "");

}  // namespace textlens::tests

#endif  // TEXTLENS_TESTS_INTEGRATION_SERVER_PROCESS_H_
