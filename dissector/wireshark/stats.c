/*
 * Statistics fed by the "mapihttp" tap (tapinfo.h):
 *
 * - Service response time (`tshark -z mapihttp,srt`, Statistics > Service Response Time > MAPIHTTP):
 *   table 0 by request type; table 1 by ROP for Execute — an Execute's response time counts once for
 *   each distinct RopId its request carried (a ROP has no response time of its own: the whole ROP list
 *   is answered by one HTTP response).
 * - Stats tree (`tshark -z mapihttp,tree`, Statistics > MAPI over HTTP): requests by type, responses by
 *   X-ResponseCode, ROPs in Execute requests by name, failed ROPs.
 */
#include <epan/srt_table.h>
#include <epan/stats_tree.h>
#include <stdio.h>

#include "generated/tables.h"
#include "mhws.h"
#include "tapinfo.h"

#define SRT_TYPES 0
#define SRT_ROPS 1

static const char *type_name(int t)
{
    return t > MH_RT_UNKNOWN && t < MH_RT_COUNT ? mh_request_type_name((mh_request_type)t) : "(unknown type)";
}

static const char *rop_name(unsigned id, char *buf, size_t n)
{
    if (id < 256 && mh_rop_ids[id].name)
        return mh_rop_ids[id].name;
    snprintf(buf, n, "RopId 0x%02X", id & 0xFFu);
    return buf;
}

/* ---- service response time ---- */

static void srt_init(struct register_srt *srt, GArray *srt_array)
{
    (void)srt;
    srt_stat_table *t = init_srt_table("MAPI/HTTP request types", "Request types", srt_array, MH_RT_COUNT,
                                       "Request type", NULL, NULL);
    for (int i = 0; i < MH_RT_COUNT; i++)
        init_srt_table_row(t, i, type_name(i));
    srt_stat_table *r = init_srt_table("ROPs in Execute requests", "Execute ROPs", srt_array, 256, "ROP",
                                       "mapihttp.rop.id", NULL);
    for (unsigned i = 0; i < 256; i++) {
        char buf[32];
        init_srt_table_row(r, (int)i, rop_name(i, buf, sizeof buf));
    }
}

static tap_packet_status srt_packet(void *pss, packet_info *pinfo, epan_dissect_t *edt, const void *prv,
                                    tap_flags_t flags)
{
    (void)edt;
    (void)flags;
    srt_data_t *data = pss;
    const mhws_tap_info *ti = prv;
    if (!ti || !ti->rec->is_response || !ti->req)
        return TAP_PACKET_DONT_REDRAW;
    const mh_result *req = &ti->req->res;
    int type = req->type >= 0 && req->type < MH_RT_COUNT ? (int)req->type : 0;
    srt_stat_table *t = g_array_index(data->srt_array, srt_stat_table *, SRT_TYPES);
    add_srt_table_data(t, type, &ti->req->ts, pinfo);
    if (req->type == MH_RT_EXECUTE) {
        srt_stat_table *r = g_array_index(data->srt_array, srt_stat_table *, SRT_ROPS);
        unsigned char seen[256] = { 0 };
        unsigned n = req->rop_count < sizeof req->rop_ids ? req->rop_count : (unsigned)sizeof req->rop_ids;
        for (unsigned i = 0; i < n; i++) {
            uint8_t id = req->rop_ids[i];
            if (!seen[id]++)
                add_srt_table_data(r, id, &ti->req->ts, pinfo);
        }
    }
    return TAP_PACKET_REDRAW;
}

/* ---- stats tree ---- */

/* no '/' in node names: the stats tree reads it as a path */
static const char st_requests[] = "Requests by X-RequestType";
static const char st_responses[] = "Responses by X-ResponseCode";
static const char st_rops[] = "ROPs in Execute requests";
static const char st_failures[] = "Failed ROPs in Execute responses";
static int node_requests = -1, node_responses = -1, node_rops = -1, node_failures = -1;

static void st_init(stats_tree *st)
{
    node_requests = stats_tree_create_node(st, st_requests, 0, STAT_DT_INT, TRUE);
    node_responses = stats_tree_create_node(st, st_responses, 0, STAT_DT_INT, TRUE);
    node_rops = stats_tree_create_node(st, st_rops, 0, STAT_DT_INT, TRUE);
    node_failures = stats_tree_create_node(st, st_failures, 0, STAT_DT_INT, FALSE);
}

static tap_packet_status st_packet(stats_tree *st, packet_info *pinfo, epan_dissect_t *edt, const void *p,
                                   tap_flags_t flags)
{
    (void)pinfo;
    (void)edt;
    (void)flags;
    const mhws_tap_info *ti = p;
    if (!ti)
        return TAP_PACKET_DONT_REDRAW;
    const mh_result *r = &ti->rec->res;
    if (!ti->rec->is_response) {
        tick_stat_node(st, st_requests, 0, TRUE);
        tick_stat_node(st, type_name(r->type), node_requests, FALSE);
        if (r->type == MH_RT_EXECUTE) {
            unsigned n = r->rop_count < sizeof r->rop_ids ? r->rop_count : (unsigned)sizeof r->rop_ids;
            for (unsigned i = 0; i < n; i++) {
                char buf[32];
                tick_stat_node(st, st_rops, 0, TRUE);
                tick_stat_node(st, rop_name(r->rop_ids[i], buf, sizeof buf), node_rops, FALSE);
            }
        }
        return TAP_PACKET_REDRAW;
    }
    tick_stat_node(st, st_responses, 0, TRUE);
    char code[128] = "(no X-ResponseCode)";
    if (r->has_response_code) {
        /* the core's display text: "Success (0)", "Context Not Found (10)" */
        mh_value v = { 0 };
        v.u = r->response_code;
        mh_format_value(&mh_fields[MH_F_RESPONSE_CODE], &v, code, sizeof code, 0);
    }
    tick_stat_node(st, code, node_responses, FALSE);
    if (r->rop_failures)
        increase_stat_node(st, st_failures, 0, FALSE, (int)r->rop_failures);
    return TAP_PACKET_REDRAW;
}

void mhws_stats_register(void)
{
    register_srt_table(mhws.proto, NULL, 2, srt_packet, srt_init, NULL);
}

void mhws_stats_handoff(void)
{
    stats_tree_register_plugin(MHWS_PROTO_FILTER, MHWS_PROTO_FILTER, "MAPI over HTTP/Requests and ROPs", 0, st_packet,
                               st_init, NULL);
}
