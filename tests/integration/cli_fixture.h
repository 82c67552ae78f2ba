// A textlensd shared by a CLI test suite, and the textlens binary run
// against it.
#ifndef TEXTLENS_TESTS_INTEGRATION_CLI_FIXTURE_H_
#define TEXTLENS_TESTS_INTEGRATION_CLI_FIXTURE_H_

#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "tests/integration/test_server.h"

namespace textlens::tests {

class CliTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { server_ = new TestServer(); }
  static void TearDownTestSuite() {
    delete server_;
    server_ = nullptr;
  }
  // Runs `textlens ARGS... --server=ADDR` with `input` on standard input.
  static CommandResult Cli(std::vector<std::string> args,
                           const std::string& input = "") {
    args.insert(args.begin(), TEXTLENS_CLI_BINARY);
    args.push_back("--server=" + server_->address());
    return RunCommand(args, input);
  }
  static inline TestServer* server_ = nullptr;
};

}  // namespace textlens::tests

#endif  // TEXTLENS_TESTS_INTEGRATION_CLI_FIXTURE_H_
