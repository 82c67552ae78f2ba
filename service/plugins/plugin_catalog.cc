#include "service/plugins/plugin_catalog.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>

#include "absl/strings/str_cat.h"
#include "service/common/status_macros.h"
#include "service/plugins/plugin_library.h"
#include "spdlog/spdlog.h"

namespace textlens::service::plugins {
namespace {

// The analyzer `registry` loaded from `source`, or null.
std::shared_ptr<const Analyzer> LoadedFrom(const PluginRegistry& registry,
                                           const std::string& source) {
  for (const std::string& name : registry.Names()) {
    if (registry.SourceOf(name) == source) return registry.Find(name);
  }
  return nullptr;
}

}  // namespace

PluginCatalog::PluginCatalog(std::unique_ptr<const PluginRegistry> initial,
                             std::string folder,
                             PluginRegistry::PluginOptions options,
                             PluginIsolation isolation)
    : folder_(std::move(folder)),
      options_(std::move(options)),
      isolation_(std::move(isolation)),
      current_(std::move(initial)) {
  for (const std::string& name : current_->Names()) {
    const std::string source = current_->SourceOf(name);
    Stamp stamp;
    if (StampOf(source, &stamp)) stamps_[source] = stamp;
  }
}

PluginCatalog::PluginCatalog(std::unique_ptr<const PluginRegistry> registry)
    : current_(std::move(registry)) {}

PluginCatalog::~PluginCatalog() {
  // The analyzers first: isolated ones' processes use the staged copies.
  current_.reset();
  if (!staging_.empty()) {
    std::error_code ignored;
    std::filesystem::remove_all(staging_, ignored);
  }
}

std::shared_ptr<const PluginRegistry> PluginCatalog::Current() const {
  std::lock_guard<std::mutex> lock(mu_);
  return current_;
}

bool PluginCatalog::StampOf(const std::string& path, Stamp* stamp) {
  struct stat st;
  if (::stat(path.c_str(), &st) != 0) return false;
  stamp->device = st.st_dev;
  stamp->inode = st.st_ino;
  stamp->size = st.st_size;
  stamp->modified_ns =
      int64_t{st.st_mtim.tv_sec} * 1000000000 + st.st_mtim.tv_nsec;
  return true;
}

absl::StatusOr<std::string> PluginCatalog::Stage(const std::string& source) {
  // The operator's file passes the checks a load from it would make.
  RETURN_IF_ERROR(PluginLibrary::CheckFile(source));
  if (staging_.empty()) {
    std::error_code error;
    std::filesystem::path temp = std::filesystem::temp_directory_path(error);
    if (error) temp = "/tmp";
    std::string pattern = (temp / "textlens-plugins-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) {  // mode 0700
      return absl::InternalError(absl::StrCat(
          "cannot make a folder for reloaded plugins: ", std::strerror(errno)));
    }
    staging_ = pattern;
  }
  const std::string staged =
      (std::filesystem::path(staging_) /
       absl::StrCat(std::filesystem::path(source).stem().string(), ".",
                    ++staged_, ".so"))
          .string();
  std::error_code error;
  std::filesystem::copy_file(source, staged, error);
  if (error) {
    return absl::FailedPreconditionError(
        absl::StrCat("cannot copy ", source, " to load it: ", error.message()));
  }
  std::filesystem::permissions(
      staged,
      std::filesystem::perms::owner_read | std::filesystem::perms::owner_exec,
      error);
  return staged;
}

absl::StatusOr<std::vector<ReloadOutcome>> PluginCatalog::Reload(
    const std::function<void(const PluginRegistry&, const PluginRegistry&)>&
        swapped) {
  if (folder_.empty()) {
    return absl::FailedPreconditionError(
        "these plugins were not loaded from a folder; there is nothing to "
        "reload");
  }
  std::lock_guard<std::mutex> reloading(reload_mu_);
  const std::shared_ptr<const PluginRegistry> previous = Current();
  PluginRegistry::Builder builder;
  std::vector<ReloadOutcome> outcomes;
  std::map<std::string, Stamp> stamps;

  // The previous analyzers by the file they came from; what is left at the
  // end lost its file.
  std::map<std::string, std::shared_ptr<const Analyzer>> by_source;
  for (const std::string& name : previous->Names()) {
    by_source[previous->SourceOf(name)] = previous->Find(name);
  }
  absl::StatusOr<std::vector<std::string>> files = ListPluginFiles(folder_);
  if (!files.ok()) {
    // The folder itself is gone or unreadable: everything serves on.
    spdlog::error("reload: {}", files.status().ToString());
    ReloadOutcome outcome;
    outcome.file = folder_;
    outcome.action = ReloadOutcome::Action::kFailed;
    outcome.error = files.status();
    outcomes.push_back(outcome);
    return outcomes;
  }
  for (const std::string& file : *files) {
    ReloadOutcome outcome;
    outcome.file = file;
    std::shared_ptr<const Analyzer> before;
    if (auto it = by_source.find(file); it != by_source.end()) {
      before = it->second;
      by_source.erase(it);
      outcome.analyzer = before->name();
      outcome.previous_version = before->descriptor().version();
    }
    Stamp stamp;
    const bool stamped = StampOf(file, &stamp);
    const auto known = stamps_.find(file);
    if (before != nullptr && stamped && known != stamps_.end() &&
        known->second == stamp) {
      // Another file may now hold its name (sorted before it).
      if (absl::Status added = builder.Add(before, file); added.ok()) {
        outcome.action = ReloadOutcome::Action::kUnchanged;
        outcome.version = outcome.previous_version;
        stamps[file] = stamp;
      } else {
        outcome.action = ReloadOutcome::Action::kFailed;
        outcome.error = added;
        builder.AddFailure(
            {std::filesystem::path(file).stem().string(), file, added});
      }
      outcomes.push_back(outcome);
      continue;
    }
    absl::Status status;
    absl::StatusOr<std::string> staged = Stage(file);
    if (staged.ok()) {
      status = builder.LoadFile(*staged, options_, isolation_, file);
      // A library in this process stays mapped once loaded; a failed copy
      // is of no use. Isolated plugins' processes load the copy on each
      // (re)start: it stays until the catalog goes.
      if (!status.ok() ||
          !isolation_.Applies(std::filesystem::path(file).stem().string())) {
        std::error_code ignored;
        std::filesystem::remove(*staged, ignored);
      }
    } else {
      status = staged.status();
      builder.AddFailure(
          {std::filesystem::path(file).stem().string(), file, status});
    }
    if (status.ok()) {
      const auto loaded = LoadedFrom(builder.registry(), file);
      outcome.action = before != nullptr ? ReloadOutcome::Action::kReplaced
                                         : ReloadOutcome::Action::kAdded;
      outcome.analyzer = loaded->name();
      outcome.version = loaded->descriptor().version();
      stamps[file] = stamp;
    } else {
      outcome.action = ReloadOutcome::Action::kFailed;
      outcome.error = status;
      if (before != nullptr && builder.Add(before, file).ok()) {
        outcome.version = outcome.previous_version;
        if (known != stamps_.end()) stamps[file] = known->second;
      }
    }
    outcomes.push_back(outcome);
  }
  for (const auto& [file, analyzer] : by_source) {
    ReloadOutcome outcome;
    outcome.file = file;
    outcome.analyzer = analyzer->name();
    outcome.action = ReloadOutcome::Action::kRemoved;
    outcome.previous_version = analyzer->descriptor().version();
    outcomes.push_back(outcome);
  }
  std::shared_ptr<const PluginRegistry> published = std::move(builder).Build();
  // An analyzer whose needs went away is refused with them.
  for (ReloadOutcome& outcome : outcomes) {
    if (outcome.action == ReloadOutcome::Action::kRemoved ||
        outcome.analyzer.empty() ||
        published->Find(outcome.analyzer) != nullptr) {
      continue;
    }
    for (const LoadFailure& failure : published->failures()) {
      if (failure.name == outcome.analyzer) outcome.error = failure.status;
    }
    if (!outcome.error.ok()) {
      outcome.action = ReloadOutcome::Action::kFailed;
      outcome.version.clear();
    }
  }
  stamps_ = std::move(stamps);
  {
    std::lock_guard<std::mutex> lock(mu_);
    current_ = published;
  }
  if (swapped) swapped(*previous, *published);
  for (const ReloadOutcome& outcome : outcomes) {
    if (outcome.action == ReloadOutcome::Action::kUnchanged) continue;
    spdlog::info(
        "reload: {} {}: {} -> {}{}", outcome.file, outcome.analyzer,
        outcome.previous_version.empty() ? "-" : outcome.previous_version,
        outcome.version.empty() ? "-" : outcome.version,
        outcome.error.ok() ? "" : " (" + outcome.error.ToString() + ")");
  }
  return outcomes;
}

}  // namespace textlens::service::plugins
