// A textlensd for a whole test suite: the bundled plugins plus two broken
// ones in a private plugin folder.
#ifndef TEXTLENS_TESTS_INTEGRATION_TEST_SERVER_H_
#define TEXTLENS_TESTS_INTEGRATION_TEST_SERVER_H_

#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>

#include "tests/integration/server_process.h"

namespace textlens::tests {

class TestServer {
 public:
  // Extra textlensd flags may be given (limits for the tests).
  explicit TestServer(std::vector<std::string> flags = {}) {
    plugin_dir_ = std::filesystem::temp_directory_path() /
                  ("textlens_it_plugins_" + std::to_string(::getpid()) + "_" +
                   std::to_string(counter()++));
    std::filesystem::remove_all(plugin_dir_);
    std::filesystem::create_directories(plugin_dir_);
    ::chmod(plugin_dir_.c_str(), 0755);
    for (const auto& entry :
         std::filesystem::directory_iterator(BUNDLED_PLUGIN_DIR)) {
      std::filesystem::copy_file(entry.path(),
                                 plugin_dir_ / entry.path().filename());
    }
    std::ofstream(plugin_dir_ / "broken.so") << "not a shared library\n";
    std::filesystem::copy_file(
        std::string(TEST_PLUGIN_DIR) + "/bad_abi_major.so",
        plugin_dir_ / "bad_abi_major.so");
    flags.push_back("--plugin_dir=" + plugin_dir_.string());
    process_ = std::make_unique<ServerProcess>(flags);
  }
  ~TestServer() {
    process_.reset();
    std::filesystem::remove_all(plugin_dir_);
  }

  std::string address() const { return process_->address(); }
  ServerProcess& process() { return *process_; }

 private:
  static int& counter() {
    static int n = 0;
    return n;
  }
  std::filesystem::path plugin_dir_;
  std::unique_ptr<ServerProcess> process_;
};

inline std::string ReadTestData(const std::string& name) {
  std::ifstream in(std::string(TESTDATA_DIR) + "/" + name);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

}  // namespace textlens::tests

#endif  // TEXTLENS_TESTS_INTEGRATION_TEST_SERVER_H_
