#include "service/config/config_loader.h"

#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace textlens::service::config {
namespace {

using ::testing::HasSubstr;

ConfigSources File(const std::string& text) {
  ConfigSources sources;
  sources.file_path = "/etc/textlens.yaml";
  sources.file_text = text;
  return sources;
}

TEST(ConfigLoaderTest, NoSourceGivesTheDefaults) {
  auto loaded = LoadConfig({});
  ASSERT_TRUE(loaded.ok()) << loaded.status();
  EXPECT_EQ(loaded->config.listen, ServerConfig().listen);
  EXPECT_EQ(loaded->config.max_document_bytes,
            ServerConfig().max_document_bytes);
  EXPECT_EQ(loaded->source.at("listen"), "default");
  EXPECT_EQ(loaded->source.size(), SettingKeys().size());
}

TEST(ConfigLoaderTest, ReadsEveryKindOfSettingFromTheFile) {
  auto loaded =
      LoadConfig(File("listen: 0.0.0.0:7000\n"
                      "max_document_bytes: 2097152\n"
                      "default_deadline: 1m30s\n"
                      "isolate: [entities, stance]\n"
                      "plugin_options:\n"
                      "  entities:\n"
                      "    kb_file: /etc/textlens/kb.json\n"
                      "log_level: warn\n"
                      "plugin_dir:\n"));
  ASSERT_TRUE(loaded.ok()) << loaded.status();
  const ServerConfig& config = loaded->config;
  EXPECT_EQ(config.listen, "0.0.0.0:7000");
  EXPECT_EQ(config.max_document_bytes, 2097152u);
  EXPECT_EQ(config.default_deadline, absl::Seconds(90));
  EXPECT_EQ(config.isolate, (std::vector<std::string>{"entities", "stance"}));
  EXPECT_EQ(config.plugin_options.at("entities").at("kb_file"),
            "/etc/textlens/kb.json");
  EXPECT_EQ(config.log_level, "warn");
  EXPECT_EQ(config.plugin_dir, "");
  EXPECT_EQ(loaded->source.at("listen"), "file /etc/textlens.yaml");
  EXPECT_EQ(loaded->source.at("max_batch_size"), "default");
}

TEST(ConfigLoaderTest, EnvironmentOverridesTheFileAndFlagsOverrideBoth) {
  ConfigSources sources = File(
      "max_batch_size: 10\nmax_queued_tasks: 20\nworker_threads: 3\n"
      "plugin_options: {entities: {kb_file: /a.json, min_score: '0.5'}}\n");
  sources.environment = {
      {"TEXTLENS_MAX_BATCH_SIZE", "11"},
      {"TEXTLENS_MAX_QUEUED_TASKS", "21"},
      {"TEXTLENS_PLUGIN_OPTIONS", "entities.kb_file=/b.json"},
      {"HOME", "/root"}};
  sources.flags = {{"max_batch_size", "12"}, {"plugin_options", "stance.x=1"}};
  auto loaded = LoadConfig(sources);
  ASSERT_TRUE(loaded.ok()) << loaded.status();
  EXPECT_EQ(loaded->config.worker_threads, 3u);
  EXPECT_EQ(loaded->config.max_queued_tasks, 21u);
  EXPECT_EQ(loaded->config.max_batch_size, 12u);
  EXPECT_EQ(loaded->source.at("worker_threads"), "file /etc/textlens.yaml");
  EXPECT_EQ(loaded->source.at("max_queued_tasks"),
            "environment TEXTLENS_MAX_QUEUED_TASKS");
  EXPECT_EQ(loaded->source.at("max_batch_size"), "flag --max_batch_size");
  // Plugin options add up key by key, the later source winning a key.
  const auto& options = loaded->config.plugin_options;
  EXPECT_EQ(options.at("entities").at("kb_file"), "/b.json");
  EXPECT_EQ(options.at("entities").at("min_score"), "0.5");
  EXPECT_EQ(options.at("stance").at("x"), "1");
  EXPECT_EQ(loaded->source.at("plugin_options"),
            "file /etc/textlens.yaml + environment TEXTLENS_PLUGIN_OPTIONS + "
            "flag --plugin_options");
  EXPECT_TRUE(loaded->warnings.empty());
}

TEST(ConfigLoaderTest, BadFileSettingsAreNamedWithTheirLine) {
  EXPECT_EQ(LoadConfig(File("listen: x:1\nmax_docment_bytes: 5\n"))
                .status()
                .message(),
            "config /etc/textlens.yaml, line 2: unknown setting "
            "'max_docment_bytes' (textlensd --print-config lists them all)");
  EXPECT_EQ(LoadConfig(File("\n\nmax_batch_size: many\n")).status().message(),
            "config /etc/textlens.yaml, line 3: max_batch_size: 'many' is not "
            "a whole number");
  EXPECT_THAT(
      LoadConfig(File("worker_threads: 99999999999\n")).status().message(),
      HasSubstr("worker_threads: 99999999999 is more than the most allowed, "
                "4294967295"));
  EXPECT_THAT(LoadConfig(File("shutdown_grace: soon\n")).status().message(),
              HasSubstr("shutdown_grace: 'soon' is not a duration"));
  EXPECT_THAT(LoadConfig(File("listen: [a, b]\n")).status().message(),
              HasSubstr("line 1: listen: expected a single value"));
  EXPECT_THAT(LoadConfig(File("plugin_options: [a]\n")).status().message(),
              HasSubstr("plugin_options: expected a map of plugins"));
  EXPECT_THAT(
      std::string(LoadConfig(File("listen: {unclosed\n")).status().message()),
      HasSubstr("config /etc/textlens.yaml, line 2: not valid YAML"));
  EXPECT_THAT(LoadConfig(File("- a\n- b\n")).status().message(),
              HasSubstr("expected a map of settings"));
  // An empty file is no configuration.
  EXPECT_TRUE(LoadConfig(File("")).ok());
}

TEST(ConfigLoaderTest, BadEnvironmentAndFlagsAreNamed) {
  ConfigSources sources;
  sources.environment = {{"TEXTLENS_MAX_BATCH_SIZE", "-3"}};
  EXPECT_EQ(LoadConfig(sources).status().message(),
            "environment variable TEXTLENS_MAX_BATCH_SIZE: '-3' is not a "
            "whole number");

  sources.environment = {{"TEXTLENS_PLUGIN_OPTIONS", "entities-kb"}};
  EXPECT_THAT(LoadConfig(sources).status().message(),
              HasSubstr("'entities-kb' is not PLUGIN.KEY=VALUE"));

  // Other programs' TEXTLENS_* variables only warn.
  sources.environment = {{"TEXTLENS_MAX_BACTH_SIZE", "3"},
                         {"TEXTLENS_CONFIG", "/etc/textlens.yaml"}};
  auto loaded = LoadConfig(sources);
  ASSERT_TRUE(loaded.ok()) << loaded.status();
  ASSERT_EQ(loaded->warnings.size(), 1u);
  EXPECT_THAT(loaded->warnings[0], HasSubstr("TEXTLENS_MAX_BACTH_SIZE"));
}

TEST(ConfigLoaderTest, ValidationNamesTheSettingAndWhereItCameFrom) {
  ConfigSources sources = File("max_queued_tasks: 0\n");
  EXPECT_EQ(LoadConfig(sources).status().message(),
            "max_queued_tasks must be at least 1 (file /etc/textlens.yaml)");
  // Several settings named: each with its source.
  sources = File("max_content_bytes: 10\n");
  sources.environment = {{"TEXTLENS_MAX_DOCUMENT_BYTES", "20"}};
  EXPECT_EQ(LoadConfig(sources).status().message(),
            "max_content_bytes must be at least max_document_bytes "
            "(max_document_bytes: environment TEXTLENS_MAX_DOCUMENT_BYTES; "
            "max_content_bytes: file /etc/textlens.yaml)");
  sources = {};
  sources.flags = {{"log_level", "loud"}};
  EXPECT_EQ(LoadConfig(sources).status().message(),
            "log_level: 'loud' is not one of debug, info, warn, error "
            "(flag --log_level)");
}

TEST(ConfigLoaderTest, PrintedConfigurationReadsBackTheSame) {
  ConfigSources sources = File(
      "listen: 0.0.0.0:7000\nisolate: entities,stance\n"
      "plugin_options: {entities: {kb_file: '/etc/a b.json'}}\n"
      "isolation_max_call_time: 2500ms\ntls_cert_file: ''\n");
  sources.flags = {{"max_batch_size", "7"}};
  auto loaded = LoadConfig(sources);
  ASSERT_TRUE(loaded.ok()) << loaded.status();
  const std::string printed = PrintConfig(*loaded);
  EXPECT_THAT(printed, HasSubstr("max_batch_size: 7  # flag --max_batch_size"));
  EXPECT_THAT(printed,
              HasSubstr("listen: 0.0.0.0:7000  # file /etc/textlens.yaml"));
  EXPECT_THAT(printed, HasSubstr("isolation_max_call_time: 2.5s  # file"));
  EXPECT_THAT(printed, HasSubstr("shutdown_grace: 5s  # default"));
  for (std::string_view key : SettingKeys()) {
    EXPECT_THAT(printed, HasSubstr("\n" + std::string(key) + ": ")) << key;
  }

  auto again = LoadConfig(File(printed));
  ASSERT_TRUE(again.ok()) << again.status() << "\n" << printed;
  EXPECT_EQ(PrintConfig(*again), [&] {
    // Same values; every source is now the file.
    std::string expected;
    for (absl::string_view line : absl::StrSplit(printed, '\n')) {
      const size_t comment = line.find("  # ");
      if (comment != absl::string_view::npos && line[0] != '#') {
        absl::StrAppend(&expected, line.substr(0, comment),
                        "  # file /etc/textlens.yaml\n");
      } else if (!line.empty()) {
        absl::StrAppend(&expected, line, "\n");
      }
    }
    return expected;
  }());
}

}  // namespace
}  // namespace textlens::service::config
