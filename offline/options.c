/* mapidump's option defaults (see options.h); the limits come from the core's table (docs/limits.md). */
#include "options.h"

#include <string.h>

#include "core/limits.h"

void md_options_take_limits(md_options *o)
{
    o->max_flow_buffer = mh_limits[MH_LIMIT_FLOW_BUFFER];
    o->max_body = mh_limits[MH_LIMIT_BODY];
    o->max_flows = mh_limits[MH_LIMIT_FLOWS];
    o->max_sessions = mh_limits[MH_LIMIT_SESSIONS];
    o->max_timeline = mh_limits[MH_LIMIT_TIMELINE];
}

void md_options_defaults(md_options *o)
{
    memset(o, 0, sizeof *o);
    o->format = MD_FMT_SUMMARY;
    o->type_filter = MH_RT_UNKNOWN;
    o->rop_filter = -1;
    md_options_take_limits(o);
    o->idle_timeout_us = 600ull * 1000000ull;
}
