// The server's configuration from its four sources, later ones winning:
// the embedded defaults, a YAML file, TEXTLENS_* environment variables and
// command-line flags. Every setting has one key, spelled the same in all of
// them: `max_document_bytes` in the file, TEXTLENS_MAX_DOCUMENT_BYTES in the
// environment, --max_document_bytes on the command line.
//
// Plain functions over values; thread-compatible.
#ifndef TEXTLENS_SERVICE_CONFIG_CONFIG_LOADER_H_
#define TEXTLENS_SERVICE_CONFIG_CONFIG_LOADER_H_

#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "service/config/server_config.h"

namespace textlens::service::config {

// What each source says, as text.
struct ConfigSources {
  // The YAML file's path and its contents; no file when `file_path` is
  // empty.
  std::string file_path;
  std::string file_text;
  // Environment variables, NAME=VALUE; only TEXTLENS_* ones are read.
  std::vector<std::pair<std::string, std::string>> environment;
  // Settings given on the command line, by key, in their text form.
  std::vector<std::pair<std::string, std::string>> flags;
};

struct LoadedConfig {
  ServerConfig config;
  // Where each setting's value came from, by key: "default", "file PATH",
  // "environment TEXTLENS_X" or "flag --x".
  std::map<std::string, std::string> source;
  // Things worth a warning at start, such as an unknown TEXTLENS_*
  // variable (other programs may share the prefix, so it is no error).
  std::vector<std::string> warnings;
};

// The keys of every setting, in the order --print-config shows them.
std::vector<std::string_view> SettingKeys();

// Applies the sources over the defaults, then checks the result
// (Validate). INVALID_ARGUMENT names the source and the key: "config
// /etc/textlens.yaml, line 3: unknown setting 'max_docment_bytes'",
// "TEXTLENS_MAX_BATCH_SIZE: 'many' is not a whole number".
absl::StatusOr<LoadedConfig> LoadConfig(const ConfigSources& sources);

// The configuration as a YAML file LoadConfig reads back, each line
// commented with where its value came from.
std::string PrintConfig(const LoadedConfig& loaded);

}  // namespace textlens::service::config

#endif  // TEXTLENS_SERVICE_CONFIG_CONFIG_LOADER_H_
