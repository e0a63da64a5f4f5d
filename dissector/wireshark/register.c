/*
 * Registration: the protocol "MAPI over HTTP" (mapihttp), one hf field per field of the core's registry
 * (same filter names as mapidump -T json), the front end's own fields (request/response links, response
 * time, session), subtree types, expert infos, the tap, and the hand-off to the HTTP dissector:
 *
 * - media_type "application/mapi-http": the HTTP dissector calls us with the de-chunked body and an
 *   http_message_info_t whose `data` is its header map;
 * - MAPI/HTTP sent with another Content-Type: application/octet-stream, text/html and text/plain through
 *   the media_type table (Wireshark 4.0 gives those types to dissectors of its own, which would hide the
 *   body from any heuristic; ours hand every other body to them), any other type through the "http"
 *   heuristic list; see recognise.c and docs/wireshark.md.
 */
#include "mhws.h"

#include <epan/prefs.h>
#include <epan/tap.h>

#include "core/limits.h"
#include "fieldmap.h"

mhws_ids mhws = {
    .proto = -1,
    .hf_response_in = -1,
    .hf_request_in = -1,
    .hf_time = -1,
    .hf_session = -1,
    .ei_problem = { EI_INIT, EI_INIT, EI_INIT, EI_INIT },
    .ei_response_code = EI_INIT,
    .ei_rop_failure = EI_INIT,
    .ei_log_overflow = EI_INIT,
    .tap = -1,
};

static hf_register_info own_fields[] = {
    { &mhws.hf_response_in,
      { "Response in", "mapihttp.response_in", FT_FRAMENUM, BASE_NONE, FRAMENUM_TYPE(FT_FRAMENUM_RESPONSE), 0,
        "The response to this request is in this frame", HFILL } },
    { &mhws.hf_request_in,
      { "Request in", "mapihttp.request_in", FT_FRAMENUM, BASE_NONE, FRAMENUM_TYPE(FT_FRAMENUM_REQUEST), 0,
        "This is a response to the request in this frame", HFILL } },
    { &mhws.hf_time,
      { "Time since request", "mapihttp.time", FT_RELATIVE_TIME, BASE_NONE, NULL, 0,
        "Time between the request and this response", HFILL } },
    { &mhws.hf_session,
      { "MAPI session", "mapihttp.session_number", FT_UINT32, BASE_DEC, NULL, 0,
        "The MAPI session (named by its MapiContext / sid cookies) of this message, numbered in order of "
        "first appearance in the capture", HFILL } },
};

static ei_register_info expert_infos[] = {
    { &mhws.ei_problem[MH_PROB_TRUNCATED],
      { "mapihttp.expert.truncated", PI_MALFORMED, PI_WARN, "The capture or body ended before the structure did",
        EXPFILL } },
    { &mhws.ei_problem[MH_PROB_MALFORMED],
      { "mapihttp.expert.malformed", PI_MALFORMED, PI_ERROR, "A length, count or value that cannot be right",
        EXPFILL } },
    { &mhws.ei_problem[MH_PROB_UNSUPPORTED],
      { "mapihttp.expert.unsupported", PI_UNDECODED, PI_WARN, "An id or type the decoder does not know", EXPFILL } },
    { &mhws.ei_problem[MH_PROB_MISSING_CONTEXT],
      { "mapihttp.expert.missing_context", PI_SEQUENCE, PI_WARN,
        "Decoding needs a request or earlier state that was not seen", EXPFILL } },
    { &mhws.ei_response_code,
      { "mapihttp.expert.response_code", PI_RESPONSE_CODE, PI_WARN, "X-ResponseCode is not 0 (Success)", EXPFILL } },
    { &mhws.ei_rop_failure,
      { "mapihttp.expert.rop_failure", PI_RESPONSE_CODE, PI_NOTE, "A ROP failed (ReturnValue is not 0)", EXPFILL } },
    { &mhws.ei_log_overflow,
      { "mapihttp.expert.decode_limit", PI_UNDECODED, PI_WARN,
        "The decoded tree of this message exceeds the plugin's memory limit and is cut", EXPFILL } },
};

/* Built once from the core's registry; Wireshark keeps pointers into it, so it lives for the process. */
static hf_register_info *core_fields;
static gint **subtrees;

static void register_core_fields(void)
{
    char why[256];
    if (mh_registry_check(why, sizeof why))
        ws_warning("mapihttp: the core's field registry has defects (%s); duplicate names share a filter", why);

    core_fields = g_new0(hf_register_info, MH_F_COUNT);
    subtrees = g_new0(gint *, MH_F_COUNT);
    int n = 0;
    for (int i = 0; i < MH_F_COUNT; i++) {
        const mh_field *f = &mh_fields[i];
        mhws.ett[i] = -1;
        subtrees[i] = &mhws.ett[i];
        if (i == MH_F_MAPIHTTP) {
            mhws.hf[i] = mhws.proto; /* the core's root node is the protocol item */
            continue;
        }
        mhws.hf[i] = -1;
        hf_register_info *h = &core_fields[n++];
        h->p_id = &mhws.hf[i];
        h->hfinfo.name = f->label;
        h->hfinfo.abbrev = f->filter;
        h->hfinfo.type = mhws_ftype(f->type);
        h->hfinfo.display = mhws_display(f->type, f->base);
        h->hfinfo.strings = NULL; /* value names come from the core's display text */
        h->hfinfo.bitmask = 0;
        h->hfinfo.blurb = NULL;
        h->hfinfo.id = -1;
        h->hfinfo.parent = 0;
        h->hfinfo.ref_type = HF_REF_TYPE_NONE;
        h->hfinfo.same_name_prev_id = -1;
        h->hfinfo.same_name_next = NULL;
    }
    proto_register_field_array(mhws.proto, core_fields, n);
    proto_register_subtree_array(subtrees, MH_F_COUNT);
}

/* The core's decoder limits (core/limits.h, docs/limits.md) are the protocol's preferences
 * mapihttp.<limit name>; Wireshark dissects the file again when one changes. Wireshark writes preferences
 * as guint; the core reads size_t values, within each limit's range. */
static guint limit_prefs[MH_LIMIT_CORE_COUNT];

static void apply_limit_prefs(void)
{
    for (int i = 0; i < MH_LIMIT_CORE_COUNT; i++) {
        const mh_limit_info *l = &mh_limit_table[i];
        size_t v = limit_prefs[i];
        mh_limits[i] = v < l->min ? l->min : v > l->max ? l->max : v;
    }
}

static void register_limit_prefs(module_t *m)
{
    for (int i = 0; i < MH_LIMIT_CORE_COUNT; i++) {
        const mh_limit_info *l = &mh_limit_table[i];
        limit_prefs[i] = (guint)mh_limits[i];
        /* Wireshark keeps these strings for the process */
        char *title = g_strdup_printf("Limit %s (%s)", l->name, l->unit);
        char *desc = g_strdup_printf("Decoder limit: %s. Default %zu, from %zu to %zu; a message that passes it "
                                     "shows an 'unsupported' problem naming the limit and stops there.",
                                     l->meaning, l->def, l->min, l->max);
        prefs_register_uint_preference(m, l->name, title, desc, 10, &limit_prefs[i]);
    }
}

void mhws_register_protocol(void)
{
    mhws.proto = proto_register_protocol(MHWS_PROTO_NAME, MHWS_PROTO_SHORT, MHWS_PROTO_FILTER);
    register_core_fields();
    proto_register_field_array(mhws.proto, own_fields, array_length(own_fields));

    expert_module_t *em = expert_register_protocol(mhws.proto);
    expert_register_field_array(em, expert_infos, array_length(expert_infos));

    /* a preferences page: the heuristic switch and the decoder limits */
    module_t *prefs = prefs_register_protocol(mhws.proto, apply_limit_prefs);
    register_limit_prefs(prefs);

    register_dissector(MHWS_PROTO_FILTER, mhws_dissect_media, mhws.proto);
    mhws.tap = register_tap(MHWS_PROTO_FILTER);
    mhws_stats_register();

    register_init_routine(mhws_dissect_init);
    register_cleanup_routine(mhws_dissect_cleanup);
    register_shutdown_routine(mhws_dissect_shutdown);
}

void mhws_register_handoff(void)
{
    dissector_handle_t h = find_dissector(MHWS_PROTO_FILTER);
    dissector_add_string("media_type", "application/mapi-http", h);
    /* the types Wireshark 4.0 gives to a dissector of its own, for which the HTTP heuristic list is never
     * tried: MAPI/HTTP bodies are taken, every other body goes where it went without the plugin */
    mhws_recognise_handoff();
    heur_dissector_add("http", mhws_dissect_heur, "MAPI/HTTP with another Content-Type", "mapihttp_http",
                       mhws.proto, HEURISTIC_ENABLE);
    mhws_bodyless_handoff();
    mhws_stats_handoff();
}
