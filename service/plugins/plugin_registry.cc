#include "service/plugins/plugin_registry.h"

#include <google/protobuf/descriptor.pb.h>

#include <algorithm>
#include <filesystem>
#include <functional>
#include <set>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "service/common/status_macros.h"
#include "spdlog/spdlog.h"

namespace textlens::service::plugins {

PluginRegistry::PluginRegistry()
    : pool_(std::make_unique<google::protobuf::DescriptorPool>()),
      factory_(std::make_unique<google::protobuf::DynamicMessageFactory>(
          pool_.get())) {}

PluginRegistry::~PluginRegistry() = default;

absl::StatusOr<std::vector<std::string>> ListPluginFiles(
    const std::string& folder) {
  std::error_code error;
  std::vector<std::string> files;
  // The non-throwing forms: a reload never ends the server.
  for (std::filesystem::directory_iterator it(folder, error), end;
       !error && it != end; it.increment(error)) {
    if (it->path().extension() == ".so") files.push_back(it->path());
  }
  if (error) {
    return absl::NotFoundError(
        absl::StrCat("plugin folder ", folder, ": ", error.message()));
  }
  std::sort(files.begin(), files.end());
  return files;
}

std::unique_ptr<const PluginRegistry> PluginRegistry::LoadDirectory(
    const std::string& folder, const PluginOptions& options,
    const PluginIsolation& isolation) {
  return std::move(Builder().LoadDirectory(folder, options, isolation)).Build();
}

void PluginRegistry::LoadAll(const std::string& folder,
                             const PluginOptions& options,
                             const PluginIsolation& isolation) {
  absl::StatusOr<std::vector<std::string>> paths = ListPluginFiles(folder);
  if (!paths.ok()) {
    spdlog::error("{}", paths.status().ToString());
    failures_.push_back({"(plugin folder)", folder, paths.status()});
    return;
  }
  for (const auto& path : *paths) {
    LoadFile(path, options, isolation, "").IgnoreError();  // a failure
  }
}

PluginRegistry::Builder::Builder() : registry_(new PluginRegistry()) {}

PluginRegistry::Builder& PluginRegistry::Builder::LoadDirectory(
    const std::string& folder, const PluginOptions& options,
    const PluginIsolation& isolation) {
  registry_->LoadAll(folder, options, isolation);
  return *this;
}

absl::Status PluginRegistry::Builder::LoadFile(const std::string& path,
                                               const PluginOptions& options,
                                               const PluginIsolation& isolation,
                                               const std::string& source) {
  return registry_->LoadFile(path, options, isolation, source);
}

absl::Status PluginRegistry::Builder::Add(
    std::shared_ptr<const Analyzer> analyzer, const std::string& source) {
  return registry_->Add(std::move(analyzer), source);
}

void PluginRegistry::Builder::AddFailure(LoadFailure failure) {
  registry_->failures_.push_back(std::move(failure));
}

std::unique_ptr<const PluginRegistry> PluginRegistry::Builder::Build() && {
  registry_->CheckDependencies();
  return std::move(registry_);
}

absl::Status PluginRegistry::LoadFile(const std::string& path,
                                      const PluginOptions& options,
                                      const PluginIsolation& isolation,
                                      const std::string& source) {
  const std::string& file = source.empty() ? path : source;
  const std::string stem = std::filesystem::path(file).stem().string();
  // The server's configuration of the plugin named `name`.
  const auto config_for = [&options](const std::string& name) {
    plugin::v1::PluginInput config;
    if (auto it = options.find(name); it != options.end()) {
      for (const auto& [key, value] : it->second) {
        (*config.mutable_options())[key].set_string_value(value);
      }
    }
    return config;
  };
  const bool isolated = isolation.Applies(stem);
  absl::Status status = [&]() -> absl::Status {
    std::shared_ptr<Analyzer> analyzer;
    if (isolated) {
      ASSIGN_OR_RETURN(analyzer, IsolatedAnalyzer::Start(path, config_for,
                                                         isolation.limits));
    } else {
      ASSIGN_OR_RETURN(std::shared_ptr<PluginLibrary> library,
                       PluginLibrary::Open(path));
      ASSIGN_OR_RETURN(
          analyzer,
          Analyzer::Create(library, config_for(library->descriptor().name())));
    }
    const std::string name = analyzer->name();
    const std::string version = analyzer->descriptor().version();
    RETURN_IF_ERROR(Add(std::move(analyzer), file));
    spdlog::info("loaded analyzer {} {} from {}{}", name, version, file,
                 isolated ? " in processes of its own" : "");
    return absl::OkStatus();
  }();
  if (!status.ok() && file != path) {
    // The operator knows the file they placed, not the private copy.
    status = absl::Status(
        status.code(), absl::StrReplaceAll(status.message(), {{path, file}}));
  }
  if (!status.ok()) {
    spdlog::error("refused plugin {}: {}", file, status.ToString());
    failures_.push_back({stem, file, status});
  }
  return status;
}

absl::Status PluginRegistry::Add(std::shared_ptr<const Analyzer> analyzer,
                                 const std::string& source) {
  const std::string name = analyzer->name();
  if (auto it = analyzers_.find(name); it != analyzers_.end()) {
    return absl::AlreadyExistsError(absl::StrCat(
        "analyzer ", name, " is already loaded from ", sources_.at(name)));
  }
  RETURN_IF_ERROR(RegisterResultType(analyzer->descriptor()));
  sources_[name] = source.empty() ? analyzer->path() : source;
  analyzers_.emplace(name, std::move(analyzer));
  return absl::OkStatus();
}

std::string PluginRegistry::SourceOf(const std::string& name) const {
  auto it = sources_.find(name);
  return it == sources_.end() ? "" : it->second;
}

absl::Status PluginRegistry::RegisterResultType(
    const plugin::v1::PluginDescriptor& d) {
  const auto* generated =
      google::protobuf::DescriptorPool::generated_pool()->FindMessageTypeByName(
          d.result_type());
  if (generated != nullptr) {
    result_types_[d.name()] = generated;
    return absl::OkStatus();
  }
  google::protobuf::FileDescriptorSet set;
  if (!set.ParseFromString(d.result_descriptor_set())) {
    return absl::InvalidArgumentError("result_descriptor_set does not parse");
  }
  for (const auto& file : set.file()) {
    if (pool_->FindFileByName(file.name()) != nullptr) continue;
    if (pool_->BuildFile(file) == nullptr) {
      return absl::InvalidArgumentError(
          absl::StrCat("result type file ", file.name(),
                       " conflicts with one another plugin registered"));
    }
  }
  const auto* descriptor = pool_->FindMessageTypeByName(d.result_type());
  if (descriptor == nullptr) {
    return absl::InvalidArgumentError(
        absl::StrCat("result type ", d.result_type(), " not found"));
  }
  result_types_[d.name()] = descriptor;
  return absl::OkStatus();
}

void PluginRegistry::CheckDependencies() {
  // Repeat until stable: removing one analyzer can break another.
  bool changed = true;
  while (changed) {
    changed = false;
    for (auto it = analyzers_.begin(); it != analyzers_.end(); ++it) {
      std::vector<std::string> missing;
      for (const auto& need : it->second->descriptor().needs()) {
        if (analyzers_.count(need) == 0) missing.push_back(need);
      }
      if (missing.empty()) continue;
      absl::Status status = absl::FailedPreconditionError(
          absl::StrCat("needs analyzers that are not loaded: ",
                       absl::StrJoin(missing, ", ")));
      spdlog::error("refused analyzer {}: {}", it->first, status.ToString());
      failures_.push_back({it->first, sources_[it->first], status});
      result_types_.erase(it->first);
      sources_.erase(it->first);
      analyzers_.erase(it);
      changed = true;
      break;
    }
  }
  // Cycles: depth-first search; every analyzer on a cycle is refused.
  std::map<std::string, int> state;  // 0 new, 1 on stack, 2 done
  std::set<std::string> cyclic;
  std::function<bool(const std::string&)> visit = [&](const std::string& name) {
    int& s = state[name];
    if (s == 1) return true;
    if (s == 2) return false;
    s = 1;
    bool cycle = false;
    for (const auto& need : analyzers_.at(name)->descriptor().needs()) {
      if (visit(need)) cycle = true;
    }
    state[name] = 2;
    if (cycle) cyclic.insert(name);
    return cycle;
  };
  for (const auto& [name, unused] : analyzers_) visit(name);
  for (const auto& name : cyclic) {
    absl::Status status = absl::FailedPreconditionError(
        "its needs form a cycle; none of the analyzers on it can run");
    spdlog::error("refused analyzer {}: {}", name, status.ToString());
    failures_.push_back({name, sources_[name], status});
    result_types_.erase(name);
    sources_.erase(name);
    analyzers_.erase(name);
  }
}

std::shared_ptr<const Analyzer> PluginRegistry::Find(
    const std::string& name) const {
  auto it = analyzers_.find(name);
  return it == analyzers_.end() ? nullptr : it->second;
}

std::vector<std::string> PluginRegistry::Names() const {
  std::vector<std::string> names;
  for (const auto& [name, unused] : analyzers_) names.push_back(name);
  return names;
}

const google::protobuf::Descriptor* PluginRegistry::ResultDescriptor(
    const std::string& analyzer) const {
  auto it = result_types_.find(analyzer);
  return it == result_types_.end() ? nullptr : it->second;
}

const google::protobuf::Message* PluginRegistry::Prototype(
    const google::protobuf::Descriptor* descriptor) const {
  if (descriptor->file()->pool() ==
      google::protobuf::DescriptorPool::generated_pool()) {
    return google::protobuf::MessageFactory::generated_factory()->GetPrototype(
        descriptor);
  }
  return factory_->GetPrototype(descriptor);
}

}  // namespace textlens::service::plugins
