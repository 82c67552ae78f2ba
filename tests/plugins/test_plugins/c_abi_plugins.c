/*
 * Test plugins written against the bare C ABI, each broken in one way,
 * selected by a macro at build time:
 *   BAD_ABI_MAJOR  - claims ABI major 99
 *   INIT_FAILS     - init reports an error
 *   BAD_DESCRIPTOR - init writes bytes that are not a PluginDescriptor
 *   NO_ENTRY       - exports no entry symbol at all
 */
#include <string.h>

#include "plugins/sdk/textlens_plugin.h"

#ifndef NO_ENTRY

static int32_t Init(const tl_host_api* host, const tl_sink* out) {
  (void)host;
#if defined(INIT_FAILS)
  const char* message = "model file missing";
  out->error(out->ctx, TL_FAILED_PRECONDITION, message, strlen(message));
  return TL_FAILED_PRECONDITION;
#elif defined(BAD_DESCRIPTOR)
  static const uint8_t garbage[] = {0xff, 0xff, 0xff, 0x07, 0x01};
  out->write(out->ctx, garbage, sizeof(garbage));
  return TL_OK;
#else
  const char* message = "not expected to be called";
  out->error(out->ctx, TL_INTERNAL, message, strlen(message));
  return TL_INTERNAL;
#endif
}

static int32_t Create(const uint8_t* config, size_t size,
                      tl_instance** instance, const tl_sink* out) {
  (void)config;
  (void)size;
  (void)instance;
  (void)out;
  return TL_INTERNAL;
}

static int32_t Analyze(tl_instance* instance, const uint8_t* input, size_t size,
                       const tl_sink* out) {
  (void)instance;
  (void)input;
  (void)size;
  (void)out;
  return TL_INTERNAL;
}

static void Destroy(tl_instance* instance) { (void)instance; }
static void Fini(void) {}

TEXTLENS_PLUGIN_EXPORT const tl_plugin_api* textlens_plugin_entry(void) {
  static const tl_plugin_api api = {sizeof(tl_plugin_api),
#ifdef BAD_ABI_MAJOR
                                    99,
#else
                                     TEXTLENS_PLUGIN_ABI_MAJOR,
#endif
                                    TEXTLENS_PLUGIN_ABI_MINOR,
                                    Init,
                                    Create,
                                    Analyze,
                                    Destroy,
                                    Fini};
  return &api;
}

#else

TEXTLENS_PLUGIN_EXPORT int textlens_something_else(void) { return 42; }

#endif
