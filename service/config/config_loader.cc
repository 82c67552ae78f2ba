#include "service/config/config_loader.h"

#include <yaml-cpp/yaml.h>

#include <cstdint>
#include <functional>
#include <limits>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "absl/time/time.h"
#include "plugins/sdk/absl_view.h"
#include "service/common/status_macros.h"

namespace textlens::service::config {
namespace {

constexpr std::string_view kEnvironmentPrefix = "TEXTLENS_";
// TEXTLENS_* variables that are not settings: the file's path, and what
// textlens processes pass to their children.
constexpr std::string_view kOtherVariables[] = {"TEXTLENS_CONFIG",
                                                "TEXTLENS_PARENT_PID"};

// One setting: how to read it from text (a flag's or a variable's value, a
// YAML scalar) and how to show it. Lists and plugin options also read YAML
// sequences and maps.
struct Setting {
  std::string_view key;
  std::function<absl::Status(std::string_view, ServerConfig*)> parse;
  std::function<YAML::Node(const ServerConfig&)> show;
  // For lists and maps: reads a YAML node that is not a scalar.
  std::function<absl::Status(const YAML::Node&, ServerConfig*)> parse_node;
};

template <typename Integer>
Setting WholeNumber(std::string_view key, Integer ServerConfig::*field) {
  return {key,
          [field](std::string_view text, ServerConfig* config) {
            uint64_t value = 0;
            if (!absl::SimpleAtoi(
                    absl::StripAsciiWhitespace(sdk::AbslView(text)), &value)) {
              return absl::InvalidArgumentError(absl::StrCat(
                  "'", sdk::AbslView(text), "' is not a whole number"));
            }
            if (value > std::numeric_limits<Integer>::max()) {
              return absl::InvalidArgumentError(
                  absl::StrCat(value, " is more than the most allowed, ",
                               std::numeric_limits<Integer>::max()));
            }
            config->*field = static_cast<Integer>(value);
            return absl::OkStatus();
          },
          [field](const ServerConfig& config) {
            return YAML::Node(static_cast<uint64_t>(config.*field));
          },
          nullptr};
}

Setting Text(std::string_view key, std::string ServerConfig::*field) {
  return {
      key,
      [field](std::string_view text, ServerConfig* config) {
        config->*field = std::string(text);
        return absl::OkStatus();
      },
      [field](const ServerConfig& config) { return YAML::Node(config.*field); },
      nullptr};
}

Setting Duration(std::string_view key, absl::Duration ServerConfig::*field) {
  return {key,
          [field](std::string_view text, ServerConfig* config) {
            absl::Duration value;
            if (!absl::ParseDuration(
                    absl::StripAsciiWhitespace(sdk::AbslView(text)), &value)) {
              return absl::InvalidArgumentError(
                  absl::StrCat("'", sdk::AbslView(text),
                               "' is not a duration such as 30s, 500ms or "
                               "1m30s"));
            }
            config->*field = value;
            return absl::OkStatus();
          },
          [field](const ServerConfig& config) {
            return YAML::Node(absl::FormatDuration(config.*field));
          },
          nullptr};
}

Setting Bool(std::string_view key, bool ServerConfig::*field) {
  return {
      key,
      [field](std::string_view text, ServerConfig* config) {
        const std::string value = absl::AsciiStrToLower(
            absl::StripAsciiWhitespace(sdk::AbslView(text)));
        if (value == "true" || value == "yes" || value == "on" ||
            value == "1") {
          config->*field = true;
        } else if (value == "false" || value == "no" || value == "off" ||
                   value == "0") {
          config->*field = false;
        } else {
          return absl::InvalidArgumentError(
              absl::StrCat("'", sdk::AbslView(text), "' is not true or false"));
        }
        return absl::OkStatus();
      },
      [field](const ServerConfig& config) { return YAML::Node(config.*field); },
      nullptr};
}

// A list: comma-separated text, or a YAML sequence.
Setting List(std::string_view key,
             std::vector<std::string> ServerConfig::*field) {
  return {key,
          [field](std::string_view text, ServerConfig* config) {
            std::vector<std::string> items;
            for (absl::string_view item : absl::StrSplit(
                     sdk::AbslView(text), ',', absl::SkipWhitespace())) {
              items.emplace_back(absl::StripAsciiWhitespace(item));
            }
            config->*field = std::move(items);
            return absl::OkStatus();
          },
          [field](const ServerConfig& config) {
            YAML::Node node(YAML::NodeType::Sequence);
            for (const std::string& item : config.*field) node.push_back(item);
            return node;
          },
          [field](const YAML::Node& node, ServerConfig* config) {
            if (!node.IsSequence()) {
              return absl::InvalidArgumentError(
                  "expected a list of names or one comma-separated line");
            }
            std::vector<std::string> items;
            for (const YAML::Node& item : node) {
              if (!item.IsScalar()) {
                return absl::InvalidArgumentError(
                    "expected a list of names, found a nested list or map");
              }
              items.push_back(item.Scalar());
            }
            config->*field = std::move(items);
            return absl::OkStatus();
          }};
}

// Plugin options: PLUGIN.KEY=VALUE, comma-separated, or a YAML map of
// maps. A source adds to (or overrides) the options before it, key by key.
Setting PluginOptions() {
  return {
      "plugin_options",
      [](std::string_view text, ServerConfig* config) {
        for (absl::string_view option :
             absl::StrSplit(sdk::AbslView(text), ',', absl::SkipWhitespace())) {
          option = absl::StripAsciiWhitespace(option);
          const size_t dot = option.find('.');
          const size_t equals = option.find('=');
          if (dot == 0 || dot == absl::string_view::npos ||
              equals == absl::string_view::npos || equals < dot + 2) {
            return absl::InvalidArgumentError(
                absl::StrCat("'", option,
                             "' is not PLUGIN.KEY=VALUE (e.g. "
                             "entities.kb_file=/etc/textlens/kb.json)"));
          }
          config->plugin_options[std::string(option.substr(
              0, dot))][std::string(option.substr(dot + 1, equals - dot - 1))] =
              std::string(option.substr(equals + 1));
        }
        return absl::OkStatus();
      },
      [](const ServerConfig& config) {
        YAML::Node node(YAML::NodeType::Map);
        for (const auto& [plugin, options] : config.plugin_options) {
          for (const auto& [key, value] : options) node[plugin][key] = value;
        }
        return node;
      },
      [](const YAML::Node& node, ServerConfig* config) {
        if (!node.IsMap()) {
          return absl::InvalidArgumentError(
              "expected a map of plugins to maps of options");
        }
        for (const auto& plugin : node) {
          if (!plugin.second.IsMap()) {
            return absl::InvalidArgumentError(
                absl::StrCat("plugin '", plugin.first.Scalar(),
                             "': expected a map of option names to values"));
          }
          for (const auto& option : plugin.second) {
            if (!option.second.IsScalar()) {
              return absl::InvalidArgumentError(absl::StrCat(
                  "plugin '", plugin.first.Scalar(), "', option '",
                  option.first.Scalar(), "': expected a single value"));
            }
            config
                ->plugin_options[plugin.first.Scalar()][option.first.Scalar()] =
                option.second.Scalar();
          }
        }
        return absl::OkStatus();
      }};
}

const std::vector<Setting>& Settings() {
  using C = ServerConfig;
  static const auto* settings = new std::vector<Setting>{
      Text("listen", &C::listen),
      Bool("listen_reuse_port", &C::listen_reuse_port),
      Text("plugin_dir", &C::plugin_dir),
      Bool("watch_plugins", &C::watch_plugins),
      PluginOptions(),
      Text("log_level", &C::log_level),
      Text("log_format", &C::log_format),
      Bool("log_requests", &C::log_requests),
      Bool("log_document_text", &C::log_document_text),
      Text("metrics_listen", &C::metrics_listen),
      Text("http_listen", &C::http_listen),
      WholeNumber("worker_threads", &C::worker_threads),
      WholeNumber("max_queued_tasks", &C::max_queued_tasks),
      WholeNumber("max_document_bytes", &C::max_document_bytes),
      WholeNumber("max_content_bytes", &C::max_content_bytes),
      WholeNumber("max_request_bytes", &C::max_request_bytes),
      WholeNumber("max_batch_size", &C::max_batch_size),
      Duration("default_deadline", &C::default_deadline),
      WholeNumber("max_concurrent_calls", &C::max_concurrent_calls),
      WholeNumber("max_concurrent_streams", &C::max_concurrent_streams),
      Duration("shutdown_grace", &C::shutdown_grace),
      Duration("shutdown_delay", &C::shutdown_delay),
      Text("pdf_helper", &C::pdf_helper),
      WholeNumber("pdf_max_pages", &C::pdf_max_pages),
      WholeNumber("pdf_max_memory_bytes", &C::pdf_max_memory_bytes),
      WholeNumber("pdf_max_cpu_seconds", &C::pdf_max_cpu_seconds),
      WholeNumber("pdf_max_concurrent", &C::pdf_max_concurrent),
      Text("tls_cert_file", &C::tls_cert_file),
      Text("tls_key_file", &C::tls_key_file),
      Text("tls_client_ca_file", &C::tls_client_ca_file),
      Text("auth_token_file", &C::auth_token_file),
      List("isolate", &C::isolate),
      Text("plugin_host", &C::plugin_host),
      WholeNumber("isolation_max_memory_bytes", &C::isolation_max_memory_bytes),
      Duration("isolation_max_call_time", &C::isolation_max_call_time),
      Duration("isolation_start_timeout", &C::isolation_start_timeout),
      WholeNumber("isolation_processes", &C::isolation_processes),
  };
  return *settings;
}

const Setting* Find(std::string_view key) {
  for (const Setting& setting : Settings()) {
    if (setting.key == key) return &setting;
  }
  return nullptr;
}

// Records that `source` set `key`; plugin options list every source that
// added to them.
void Record(LoadedConfig* loaded, std::string_view key,
            const std::string& source) {
  std::string& entry = loaded->source[std::string(key)];
  if (key == "plugin_options" && entry != "default") {
    entry = absl::StrCat(entry, " + ", source);
  } else {
    entry = source;
  }
}

absl::Status ApplyFile(const ConfigSources& sources, LoadedConfig* loaded) {
  const std::string where = absl::StrCat("config ", sources.file_path);
  YAML::Node root;
  try {
    root = YAML::Load(sources.file_text);
  } catch (const YAML::Exception& error) {
    return absl::InvalidArgumentError(
        absl::StrCat(where, ", line ", error.mark.line + 1,
                     ": not valid YAML: ", error.msg));
  }
  if (root.IsNull()) return absl::OkStatus();  // an empty file
  if (!root.IsMap()) {
    return absl::InvalidArgumentError(
        absl::StrCat(where, ": expected a map of settings (key: value lines)"));
  }
  for (const auto& entry : root) {
    const std::string line =
        absl::StrCat(where, ", line ", entry.first.Mark().line + 1);
    if (!entry.first.IsScalar()) {
      return absl::InvalidArgumentError(
          absl::StrCat(line, ": a setting's name must be a word"));
    }
    const std::string& key = entry.first.Scalar();
    const Setting* setting = Find(key);
    if (setting == nullptr) {
      return absl::InvalidArgumentError(
          absl::StrCat(line, ": unknown setting '", key,
                       "' (textlensd --print-config lists them all)"));
    }
    const YAML::Node& value = entry.second;
    absl::Status status;
    if (value.IsNull()) {
      status = setting->parse("", &loaded->config);
    } else if (value.IsScalar()) {
      status = setting->parse(value.Scalar(), &loaded->config);
    } else if (setting->parse_node) {
      status = setting->parse_node(value, &loaded->config);
    } else {
      status = absl::InvalidArgumentError("expected a single value");
    }
    if (!status.ok()) {
      return absl::InvalidArgumentError(
          absl::StrCat(line, ": ", key, ": ", status.message()));
    }
    Record(loaded, key, absl::StrCat("file ", sources.file_path));
  }
  return absl::OkStatus();
}

// Sets `setting` from `value`; errors start with `where`.
absl::Status ApplyText(const Setting& setting, std::string_view value,
                       const std::string& where, const std::string& source,
                       LoadedConfig* loaded) {
  if (absl::Status status = setting.parse(value, &loaded->config);
      !status.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat(where, ": ", status.message()));
  }
  Record(loaded, setting.key, source);
  return absl::OkStatus();
}

absl::Status ApplyEnvironment(const ConfigSources& sources,
                              LoadedConfig* loaded) {
  for (const auto& [name, value] : sources.environment) {
    if (!absl::StartsWith(sdk::AbslView(name),
                          sdk::AbslView(kEnvironmentPrefix)))
      continue;
    bool other = false;
    for (std::string_view known : kOtherVariables) other |= name == known;
    if (other) continue;
    const std::string key =
        absl::AsciiStrToLower(name.substr(kEnvironmentPrefix.size()));
    const Setting* setting = Find(key);
    if (setting == nullptr) {
      loaded->warnings.push_back(absl::StrCat(
          "environment variable ", name, " is no textlensd setting; ignored"));
      continue;
    }
    RETURN_IF_ERROR(ApplyText(*setting, value,
                              absl::StrCat("environment variable ", name),
                              absl::StrCat("environment ", name), loaded));
  }
  return absl::OkStatus();
}

absl::Status ApplyFlags(const ConfigSources& sources, LoadedConfig* loaded) {
  for (const auto& [key, value] : sources.flags) {
    const Setting* setting = Find(key);
    if (setting == nullptr) {
      return absl::InvalidArgumentError(
          absl::StrCat("--", key, ": no such setting"));
    }
    RETURN_IF_ERROR(ApplyText(*setting, value, absl::StrCat("--", key),
                              absl::StrCat("flag --", key), loaded));
  }
  return absl::OkStatus();
}

}  // namespace

std::vector<std::string_view> SettingKeys() {
  std::vector<std::string_view> keys;
  for (const Setting& setting : Settings()) keys.push_back(setting.key);
  return keys;
}

absl::StatusOr<LoadedConfig> LoadConfig(const ConfigSources& sources) {
  LoadedConfig loaded;
  for (const Setting& setting : Settings()) {
    loaded.source[std::string(setting.key)] = "default";
  }
  if (!sources.file_path.empty()) RETURN_IF_ERROR(ApplyFile(sources, &loaded));
  RETURN_IF_ERROR(ApplyEnvironment(sources, &loaded));
  RETURN_IF_ERROR(ApplyFlags(sources, &loaded));
  if (absl::Status status = Validate(loaded.config); !status.ok()) {
    // Validate names the settings at fault; say where their values came
    // from: "(file F)" for one, "(a: default; b: flag --b)" for several.
    const absl::string_view message = status.message();
    std::vector<std::string> named;
    for (const Setting& setting : Settings()) {
      for (size_t at = message.find(sdk::AbslView(setting.key));
           at != absl::string_view::npos;
           at = message.find(sdk::AbslView(setting.key), at + 1)) {
        const size_t end = at + setting.key.size();
        const auto word = [&](size_t i) {
          return i < message.size() &&
                 (absl::ascii_isalnum(static_cast<unsigned char>(message[i])) ||
                  message[i] == '_');
        };
        if ((at == 0 || !word(at - 1)) && !word(end)) {
          named.emplace_back(setting.key);
          break;
        }
      }
    }
    if (named.empty()) return status;
    std::string sources;
    for (const std::string& key : named) {
      absl::StrAppend(&sources, sources.empty() ? "" : "; ",
                      named.size() > 1 ? key + ": " : "", loaded.source[key]);
    }
    return absl::InvalidArgumentError(
        absl::StrCat(message, " (", sources, ")"));
  }
  return loaded;
}

std::string PrintConfig(const LoadedConfig& loaded) {
  std::string out =
      "# The effective textlensd configuration: a YAML file textlensd "
      "--config reads.\n# Precedence, later wins: defaults, file, TEXTLENS_* "
      "environment, flags.\n";
  for (const Setting& setting : Settings()) {
    YAML::Emitter value;
    value << YAML::Flow << setting.show(loaded.config);
    const auto source = loaded.source.find(std::string(setting.key));
    absl::StrAppend(
        &out, sdk::AbslView(setting.key), ": ", value.c_str(), "  # ",
        source == loaded.source.end() ? "default" : source->second, "\n");
  }
  return out;
}

}  // namespace textlens::service::config
