/* mapidump's option defaults (see options.h); the limits are those documented in docs/mapidump.1. */
#include "options.h"

#include <string.h>

void md_options_defaults(md_options *o)
{
    memset(o, 0, sizeof *o);
    o->format = MD_FMT_SUMMARY;
    o->type_filter = MH_RT_UNKNOWN;
    o->rop_filter = -1;
    o->max_flow_buffer = (size_t)4 << 20;
    o->max_body = (size_t)16 << 20;
    o->max_flows = 16384;
    o->max_sessions = 4096;
    o->max_timeline = 100000;
    o->idle_timeout_us = 600ull * 1000000ull;
}
