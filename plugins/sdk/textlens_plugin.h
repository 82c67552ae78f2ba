/*
 * textlens_plugin.h: the C ABI between the textlens server and an analyzer
 * plugin. It is the only header a plugin must include.
 *
 * A plugin is a shared library that exports one symbol,
 * `textlens_plugin_entry`, returning a table of function pointers
 * (tl_plugin_api). The host hands the plugin its own table of callbacks
 * (tl_host_api) at init. Both tables start with `struct_size` and the ABI
 * version, so fields can be appended without breaking older peers: a reader
 * only touches a field if struct_size covers it.
 *
 * Versioning: the host loads a plugin when the ABI majors are equal and the
 * host's minor is >= the plugin's. Anything else is refused at load time.
 *
 * Data crosses the boundary as bytes: the input of analyze is a serialized
 * textlens.plugin.v1.PluginInput, the result a serialized message of the type
 * the plugin declared, the self-description a serialized
 * textlens.plugin.v1.PluginDescriptor (proto/textlens/plugin/v1/plugin.proto).
 * Inputs are host-owned views valid for the duration of the call. Outputs go
 * through host callbacks (tl_sink) that copy them, so whoever allocates frees.
 *
 * Lifecycle: init (once) -> create (per instance) -> analyze (many times) ->
 * destroy (per instance) -> fini (once). No function may let a C++ exception
 * or a longjmp escape.
 *
 * Threading: init and fini are called once, from one thread. analyze may be
 * called concurrently on one instance only if the descriptor's threading is
 * THREADING_CONCURRENT; otherwise the host serializes calls per instance.
 */
#ifndef TEXTLENS_PLUGINS_SDK_TEXTLENS_PLUGIN_H_
#define TEXTLENS_PLUGINS_SDK_TEXTLENS_PLUGIN_H_

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* 2: PreparedDocument's tokens became a TokenTable, one column per
 * property, read through plugins/sdk/tokens.h.
 * 2.1: PluginDescriptor.options_type names the analyzer's typed options
 * message (a 2.0 plugin takes generic options only). */
#define TEXTLENS_PLUGIN_ABI_MAJOR 2
#define TEXTLENS_PLUGIN_ABI_MINOR 1

/* The one symbol a plugin exports. */
#define TEXTLENS_PLUGIN_ENTRY_SYMBOL "textlens_plugin_entry"

#if defined(__GNUC__)
#define TEXTLENS_PLUGIN_EXPORT __attribute__((visibility("default")))
#else
#define TEXTLENS_PLUGIN_EXPORT
#endif

/* Status codes, equal to gRPC's canonical codes. */
typedef enum tl_code {
  TL_OK = 0,
  TL_CANCELLED = 1,
  TL_UNKNOWN = 2,
  TL_INVALID_ARGUMENT = 3,
  TL_DEADLINE_EXCEEDED = 4,
  TL_NOT_FOUND = 5,
  TL_RESOURCE_EXHAUSTED = 8,
  TL_FAILED_PRECONDITION = 9,
  TL_UNIMPLEMENTED = 12,
  TL_INTERNAL = 13,
  TL_UNAVAILABLE = 14
} tl_code;

/* Log levels for tl_host_api.log. */
typedef enum tl_log_level {
  TL_LOG_DEBUG = 0,
  TL_LOG_INFO = 1,
  TL_LOG_WARNING = 2,
  TL_LOG_ERROR = 3
} tl_log_level;

/*
 * Where a plugin writes what one call produces. Owned by the host, valid only
 * during the call it is passed to; every function copies what it is given.
 * Safe to call from the thread running the call only.
 */
typedef struct tl_sink {
  uint32_t struct_size; /* sizeof(tl_sink) as the host knows it */
  void* ctx;            /* host state; pass back unchanged */
  /* Writes the call's output (a descriptor, a result). At most once. */
  void (*write)(void* ctx, const uint8_t* data, size_t size);
  /* Reports why the call failed; `code` is a tl_code other than TL_OK and
   * the message is UTF-8 for people. At most once. */
  void (*error)(void* ctx, int32_t code, const char* message, size_t size);
  /* Adds a warning to the result (partial work, unsupported input...). */
  void (*warn)(void* ctx, const char* message, size_t size);
  /* Returns non-zero once the call is cancelled or past its deadline; a
   * long computation should poll it and stop with TL_CANCELLED. */
  int32_t (*cancelled)(void* ctx);
} tl_sink;

/* What the host offers a plugin for its whole life. Owned by the host and
 * valid until fini returns. `log` is thread-safe. */
typedef struct tl_host_api {
  uint32_t struct_size;
  uint16_t abi_major;
  uint16_t abi_minor;
  void* ctx;
  void (*log)(void* ctx, int32_t level, const char* message, size_t size);
} tl_host_api;

/* One configured analyzer instance; its contents belong to the plugin. */
typedef struct tl_instance tl_instance;

/* What a plugin offers. Returned by textlens_plugin_entry; must stay valid
 * (usually a static) until the library is unloaded. */
typedef struct tl_plugin_api {
  uint32_t struct_size; /* sizeof(tl_plugin_api) as the plugin knows it */
  uint16_t abi_major; /* TEXTLENS_PLUGIN_ABI_MAJOR the plugin was built with */
  uint16_t abi_minor; /* TEXTLENS_PLUGIN_ABI_MINOR the plugin was built with */

  /* Initializes the library and describes it: writes a serialized
   * PluginDescriptor to `out`. Returns TL_OK, or an error code after calling
   * out->error; the host then refuses the plugin and calls nothing else. */
  int32_t (*init)(const tl_host_api* host, const tl_sink* out);

  /* Creates an instance from `config` (a serialized PluginInput whose
   * options hold the server's configuration for the plugin; may be empty).
   * On TL_OK stores it in *instance; on error calls out->error. */
  int32_t (*create)(const uint8_t* config, size_t config_size,
                    tl_instance** instance, const tl_sink* out);

  /* Analyzes one document. `input` is a serialized PluginInput, valid for
   * the call. On TL_OK the plugin has written one serialized result message
   * to out->write; on error it has called out->error. */
  int32_t (*analyze)(tl_instance* instance, const uint8_t* input,
                     size_t input_size, const tl_sink* out);

  /* Destroys an instance; no call on it runs or will run. */
  void (*destroy)(tl_instance* instance);

  /* Releases what init acquired; no instance is left. */
  void (*fini)(void);
} tl_plugin_api;

/* The entry point. Must not fail: errors are reported by init. */
typedef const tl_plugin_api* (*tl_plugin_entry_fn)(void);

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* TEXTLENS_PLUGINS_SDK_TEXTLENS_PLUGIN_H_ */
