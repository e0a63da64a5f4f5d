/* The Info and Protocol columns of a MAPI/HTTP message (see mhws.h). */
#include "generated/tables.h"
#include "mhws.h"
#include "sessions.h"

/* The Info column: "Execute request: RopLogon, RopOpenFolder"; messages of one frame (pipelining)
 * separated by " | ". Rewritten whole each time, since the HTTP dissector writes between our calls. */
void mhws_info_column(packet_info *pinfo, const mhws_frame_rec *rec, wmem_strbuf_t *b)
{
    const mh_result *r = &rec->res;
    if (wmem_strbuf_get_len(b))
        wmem_strbuf_append(b, " | ");
    if (r->type != MH_RT_UNKNOWN)
        wmem_strbuf_append_printf(b, "%s %s", mh_request_type_name(r->type), rec->is_response ? "response" : "request");
    else
        wmem_strbuf_append_printf(b, "MAPI/HTTP %s (request type unknown)", rec->is_response ? "response" : "request");
    unsigned shown = r->rop_count < sizeof r->rop_ids ? r->rop_count : (unsigned)sizeof r->rop_ids;
    for (unsigned i = 0; i < shown; i++) {
        const char *name = mh_rop_ids[r->rop_ids[i]].name;
        wmem_strbuf_append(b, i ? ", " : ": ");
        if (name)
            wmem_strbuf_append(b, name);
        else
            wmem_strbuf_append_printf(b, "RopId 0x%02X", r->rop_ids[i]);
    }
    if (r->rop_count > shown)
        wmem_strbuf_append_printf(b, ", ... (%u ROPs)", r->rop_count);
    if (r->has_response_code && r->response_code != 0)
        wmem_strbuf_append_printf(b, " [X-ResponseCode %u]", r->response_code);
    if (r->rop_failures)
        wmem_strbuf_append_printf(b, " [%u ROP%s failed]", r->rop_failures, r->rop_failures == 1 ? "" : "s");
    if (r->problems)
        wmem_strbuf_append_printf(b, " [%d problem%s]", r->problems, r->problems == 1 ? "" : "s");

    col_set_str(pinfo->cinfo, COL_PROTOCOL, MHWS_PROTO_SHORT);
    /* the HTTP dissector fences the column after each message of a frame */
    col_clear_fence(pinfo->cinfo, COL_INFO);
    col_clear(pinfo->cinfo, COL_INFO);
    col_add_str(pinfo->cinfo, COL_INFO, wmem_strbuf_get_str(b));
}
