// Helpers for tests that load the test plugins of tests/plugins/test_plugins.
#ifndef TEXTLENS_TESTS_SERVICE_PLUGINS_TEST_PLUGIN_DIR_H_
#define TEXTLENS_TESTS_SERVICE_PLUGINS_TEST_PLUGIN_DIR_H_

#include <sys/stat.h>

#include <filesystem>
#include <string>

#include "gtest/gtest.h"

namespace textlens::tests {

// Path of the built test plugin `name`.
inline std::string TestPlugin(const std::string& name) {
  return std::string(TEST_PLUGIN_DIR) + "/" + name + ".so";
}

// A fresh private folder (mode 0755) under the test's temp dir, removed at
// destruction.
class ScratchDir {
 public:
  ScratchDir() {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    path_ = std::filesystem::temp_directory_path() /
            ("textlens_" + std::string(info->test_suite_name()) + "_" +
             info->name() + "_" + std::to_string(::getpid()));
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
    ::chmod(path_.c_str(), 0755);
  }
  ~ScratchDir() { std::filesystem::remove_all(path_); }

  const std::filesystem::path& path() const { return path_; }
  // Copies test plugin `name` into the folder (as `as`.so), mode 0755.
  std::string Add(const std::string& name, const std::string& as = "") const {
    const auto target = path_ / ((as.empty() ? name : as) + ".so");
    std::filesystem::copy_file(TestPlugin(name), target);
    ::chmod(target.c_str(), 0755);
    return target.string();
  }

 private:
  std::filesystem::path path_;
};

}  // namespace textlens::tests

#endif  // TEXTLENS_TESTS_SERVICE_PLUGINS_TEST_PLUGIN_DIR_H_
