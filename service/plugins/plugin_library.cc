#include "service/plugins/plugin_library.h"

#include <dlfcn.h>
#include <google/protobuf/descriptor.h>
#include <google/protobuf/descriptor.pb.h>
#include <sys/stat.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <set>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "service/common/status_macros.h"
#include "service/plugins/host_sink.h"
#include "spdlog/spdlog.h"

namespace textlens::service::plugins {
namespace {

// The host's callbacks, shared by every plugin.
void HostLog(void* /*ctx*/, int32_t level, const char* message, size_t size) {
  std::string_view text(message == nullptr ? "" : message,
                        message == nullptr ? 0 : size);
  switch (level) {
    case TL_LOG_DEBUG:
      spdlog::debug("plugin: {}", text);
      break;
    case TL_LOG_INFO:
      spdlog::info("plugin: {}", text);
      break;
    case TL_LOG_WARNING:
      spdlog::warn("plugin: {}", text);
      break;
    default:
      spdlog::error("plugin: {}", text);
  }
}

const tl_host_api kHostApi = {sizeof(tl_host_api), TEXTLENS_PLUGIN_ABI_MAJOR,
                              TEXTLENS_PLUGIN_ABI_MINOR, nullptr, &HostLog};

// The smallest plugin table the host accepts: ABI 1.0 with every function.
constexpr size_t kMinPluginApiSize =
    offsetof(tl_plugin_api, fini) +
    sizeof(static_cast<tl_plugin_api*>(nullptr)->fini);

absl::Status CheckNotWritableByOthers(const std::string& path,
                                      const char* what) {
  struct stat st;
  if (::stat(path.c_str(), &st) != 0) {
    if (errno == ENOENT) {
      return absl::NotFoundError(absl::StrCat(what, " not found: ", path));
    }
    return absl::FailedPreconditionError(absl::StrCat(
        "cannot stat ", what, " ", path, ": ", std::strerror(errno)));
  }
  if ((st.st_mode & S_IWOTH) != 0) {
    return absl::PermissionDeniedError(absl::StrCat(
        what, " ", path, " is writable by others; refusing to load from it"));
  }
  return absl::OkStatus();
}

bool IsValidName(const std::string& name) {
  if (name.empty() || name.size() > 64) return false;
  if (!(name[0] >= 'a' && name[0] <= 'z')) return false;
  for (char c : name) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) {
      return false;
    }
  }
  return true;
}

absl::Status ValidateOption(const plugin::v1::OptionSpec& spec) {
  if (!IsValidName(spec.name())) {
    return absl::InvalidArgumentError(absl::StrCat(
        "option name '", spec.name(), "' is not a snake_case name"));
  }
  if (spec.type() == plugin::v1::OPTION_TYPE_UNSPECIFIED ||
      !plugin::v1::OptionType_IsValid(spec.type())) {
    return absl::InvalidArgumentError(
        absl::StrCat("option ", spec.name(), " has no type"));
  }
  if (spec.type() == plugin::v1::OPTION_TYPE_ENUM &&
      spec.allowed_values_size() == 0) {
    return absl::InvalidArgumentError(
        absl::StrCat("enum option ", spec.name(), " has no allowed values"));
  }
  if (spec.has_min() && spec.has_max() && spec.min() > spec.max()) {
    return absl::InvalidArgumentError(
        absl::StrCat("option ", spec.name(), " has min > max"));
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status ValidateDescriptor(const plugin::v1::PluginDescriptor& d) {
  if (!IsValidName(d.name())) {
    return absl::InvalidArgumentError(
        absl::StrCat("analyzer name '", d.name(),
                     "' must be 1-64 lowercase letters, digits or '_', "
                     "starting with a letter"));
  }
  if (d.version().empty()) {
    return absl::InvalidArgumentError("descriptor has no version");
  }
  if (d.result_type().empty()) {
    return absl::InvalidArgumentError("descriptor has no result_type");
  }
  google::protobuf::FileDescriptorSet set;
  if (!set.ParseFromString(d.result_descriptor_set())) {
    return absl::InvalidArgumentError(
        "result_descriptor_set is not a FileDescriptorSet");
  }
  google::protobuf::DescriptorPool pool;
  for (const auto& file : set.file()) {
    if (pool.BuildFile(file) == nullptr) {
      return absl::InvalidArgumentError(
          absl::StrCat("result_descriptor_set: cannot build ", file.name(),
                       " (are its imports listed first?)"));
    }
  }
  if (pool.FindMessageTypeByName(d.result_type()) == nullptr) {
    return absl::InvalidArgumentError(absl::StrCat(
        "result type ", d.result_type(), " is not in result_descriptor_set"));
  }
  std::set<std::string> names;
  for (const auto& option : d.options()) {
    RETURN_IF_ERROR(ValidateOption(option));
    if (!names.insert(option.name()).second) {
      return absl::InvalidArgumentError(
          absl::StrCat("option ", option.name(), " is declared twice"));
    }
  }
  for (const auto& need : d.needs()) {
    if (need == d.name()) {
      return absl::InvalidArgumentError("an analyzer cannot need itself");
    }
  }
  return absl::OkStatus();
}

absl::Status PluginLibrary::CheckFile(const std::string& path) {
  RETURN_IF_ERROR(CheckNotWritableByOthers(path, "plugin file"));
  const std::string folder = std::filesystem::path(path).parent_path().string();
  return CheckNotWritableByOthers(folder.empty() ? "." : folder,
                                  "plugin folder");
}

absl::StatusOr<std::shared_ptr<PluginLibrary>> PluginLibrary::Open(
    const std::string& path) {
  RETURN_IF_ERROR(CheckFile(path));
  if (!std::filesystem::is_regular_file(path)) {
    return absl::FailedPreconditionError(
        absl::StrCat(path, " is not a regular file"));
  }

  void* handle = ::dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (handle == nullptr) {
    const char* error = ::dlerror();
    return absl::FailedPreconditionError(
        absl::StrCat("not a loadable shared library: ",
                     error ? error : "unknown dlopen error"));
  }
  // From here on the handle stays open (see the header), even on failure.
  auto entry = reinterpret_cast<tl_plugin_entry_fn>(
      ::dlsym(handle, TEXTLENS_PLUGIN_ENTRY_SYMBOL));
  if (entry == nullptr) {
    return absl::FailedPreconditionError(
        absl::StrCat("missing entry symbol ", TEXTLENS_PLUGIN_ENTRY_SYMBOL,
                     " (is it exported with C linkage?)"));
  }
  const tl_plugin_api* api = entry();
  if (api == nullptr) {
    return absl::FailedPreconditionError(
        absl::StrCat(TEXTLENS_PLUGIN_ENTRY_SYMBOL, " returned no table"));
  }
  if (api->abi_major != TEXTLENS_PLUGIN_ABI_MAJOR ||
      api->abi_minor > TEXTLENS_PLUGIN_ABI_MINOR) {
    return absl::FailedPreconditionError(absl::StrCat(
        "plugin ABI ", api->abi_major, ".", api->abi_minor,
        " is not supported by this host (ABI ", TEXTLENS_PLUGIN_ABI_MAJOR, ".",
        TEXTLENS_PLUGIN_ABI_MINOR, ": same major, minor up to ",
        TEXTLENS_PLUGIN_ABI_MINOR, ")"));
  }
  if (api->struct_size < kMinPluginApiSize || api->init == nullptr ||
      api->create == nullptr || api->analyze == nullptr ||
      api->destroy == nullptr || api->fini == nullptr) {
    return absl::FailedPreconditionError(absl::StrCat(
        "plugin table is incomplete (struct_size ", api->struct_size,
        ", need at least ", kMinPluginApiSize, " and every function)"));
  }

  std::shared_ptr<PluginLibrary> library(new PluginLibrary(path, handle, api));
  HostSink sink;
  const int32_t code = api->init(&kHostApi, sink.sink());
  RETURN_IF_ERROR(sink.Finish(code, "init", /*expect_output=*/true));
  library->initialized_ = true;
  if (!library->descriptor_.ParseFromString(sink.output())) {
    return absl::InvalidArgumentError(
        "init wrote bytes that are not a PluginDescriptor");
  }
  RETURN_IF_ERROR(ValidateDescriptor(library->descriptor_));
  return library;
}

PluginLibrary::~PluginLibrary() {
  if (initialized_) api_->fini();
}

}  // namespace textlens::service::plugins
