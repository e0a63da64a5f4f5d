/*
 * Entry points for Wireshark 4.0's plugin loader: the version this plugin was built against (the loader
 * refuses a plugin whose wanted major.minor differs from its own) and plugin_register(), which hands
 * Wireshark the two registration callbacks. Everything else in the plugin is hidden
 * (-fvisibility=hidden), so the statically linked core cannot clash with other plugins' symbols.
 */
#include <ws_version.h>

#include "mhws.h"

#ifndef MAPIHTTP_VERSION
#define MAPIHTTP_VERSION "0.0.0"
#endif

WS_DLL_PUBLIC_DEF const gchar plugin_version[] = MAPIHTTP_VERSION;
WS_DLL_PUBLIC_DEF const int plugin_want_major = WIRESHARK_VERSION_MAJOR;
WS_DLL_PUBLIC_DEF const int plugin_want_minor = WIRESHARK_VERSION_MINOR;

WS_DLL_PUBLIC void plugin_register(void);

void plugin_register(void)
{
    static proto_plugin plug;
    plug.register_protoinfo = mhws_register_protocol;
    plug.register_handoff = mhws_register_handoff;
    proto_register_plugin(&plug);
}
