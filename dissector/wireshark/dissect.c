/*
 * One MAPI/HTTP message: from Wireshark's HTTP dissector (the de-chunked body in `tvb`, an
 * http_message_info_t whose `data` is HTTP/1.1's header map, lower-cased names -> values), or without
 * body from bodyless.c.
 *
 * First pass (frames in order): the message is decoded once, in its MAPI session, into the event
 * recorder; the log, the core's mh_result and the request/response link are kept per frame
 * (p_add_proto_data, file scope). Every pass, including the first: the log is replayed into the tree
 * sink, the Info column is set and the tap is fed — so the tree never depends on which frames were
 * dissected before, and session state never changes after the first pass.
 *
 * Messages are numbered per frame in the order they are shown (pipelined messages share a frame): the
 * number is the key of the frame's record. Which bodies are MAPI/HTTP: register.c, recognise.c.
 */
#include <epan/dissectors/packet-http.h>
#include <epan/proto_data.h>
#include <epan/tap.h>
#include <stdlib.h>
#include <string.h>

#include "eventlog.h"
#include "httphdr.h"
#include "mhws.h"
#include "sessions.h"
#include "tapinfo.h"
#include "tree_sink.h"

#define KEY_COUNTER 0xFFFFFFFFu  /* packet scope: frame_pass */
#define KEY_BODYLESS 0xFFFFFFFEu /* file scope: wmem_array of the indexes of bodyless requests */

static mhws_recorder recorder; /* reused from message to message */
static mh_arena arena;
static int ready;

static void ensure_ready(void)
{
    if (ready)
        return;
    mhws_recorder_init(&recorder);
    mh_arena_init(&arena, 0);
    ready = 1;
}

void mhws_dissect_init(void)
{
    ensure_ready();
    mhws_sessions_init();
}

void mhws_dissect_cleanup(void)
{
    mhws_sessions_cleanup();
}

void mhws_dissect_shutdown(void)
{
    if (!ready)
        return;
    mhws_recorder_free(&recorder);
    mh_arena_free(&arena);
    ready = 0;
}

/* ---- per-frame records ---- */

/* This pass's state of the frame: how many messages were decoded in it so far, and their Info text. */
typedef struct {
    guint32 count;
    wmem_strbuf_t *info;
    wmem_list_t *shown;       /* "q:"/"r:" + X-RequestId of the requests / responses shown so far */
} frame_pass;

static frame_pass *this_pass(packet_info *pinfo)
{
    frame_pass *fp = p_get_proto_data(pinfo->pool, pinfo, mhws.proto, KEY_COUNTER);
    if (!fp) {
        fp = wmem_new0(pinfo->pool, frame_pass);
        fp->info = wmem_strbuf_new(pinfo->pool, "");
        fp->shown = wmem_list_new(pinfo->pool);
        p_add_proto_data(pinfo->pool, pinfo, mhws.proto, KEY_COUNTER, fp);
    }
    return fp;
}

static mhws_frame_rec *record_at(packet_info *pinfo, guint32 index)
{
    return p_get_proto_data(wmem_file_scope(), pinfo, mhws.proto, index);
}

typedef struct {
    int is_response;
    wmem_map_t *headers;
    const uint8_t *body;
    size_t len;
    int complete;
    /* every Set-Cookie value of the response, when the frame's HTTP header lines give them: HTTP's header
     * map keeps only one of several Set-Cookie headers, and Exchange sends MapiContext and MapiSequence
     * (and sid) in separate ones */
    const char **set_cookies;
    size_t n_set_cookies;
} message_in;

/* The Set-Cookie values among the frame's HTTP response header lines, when the frame holds exactly one
 * response (with several, the lines could not be told apart). */
static void find_set_cookies(packet_info *pinfo, proto_tree *tree, message_in *in)
{
    int hf_line = mhws_http_line_hf(1), hf_marker = mhws_http_marker_hf(1);
    if (!tree || hf_line < 0 || hf_marker < 0)
        return;
    GPtrArray *markers = proto_get_finfo_ptr_array(tree, hf_marker);
    GPtrArray *lines = proto_get_finfo_ptr_array(tree, hf_line);
    if (!markers || markers->len != 1 || !lines)
        return;
    const char **v = wmem_alloc0_array(pinfo->pool, const char *, lines->len);
    size_t n = 0;
    for (guint i = 0; i < lines->len; i++) {
        const char *line = fvalue_get_string(&((field_info *)g_ptr_array_index(lines, i))->value);
        if (line && g_ascii_strncasecmp(line, "set-cookie:", 11) == 0)
            v[n++] = mhws_trimmed(pinfo, line + 11);
    }
    if (n) {
        in->set_cookies = v;
        in->n_set_cookies = n;
    }
}

/* The header list for the core: the map's headers, with every Set-Cookie value when known. */
static mh_header *headers_for_core(packet_info *pinfo, const message_in *in, size_t *n)
{
    size_t nh;
    mh_header *h = mhws_headers_of(in->headers, pinfo, &nh);
    if (!in->n_set_cookies) {
        *n = nh;
        return h;
    }
    mh_header *all = wmem_alloc0_array(pinfo->pool, mh_header, nh + in->n_set_cookies);
    size_t k = 0;
    for (size_t i = 0; i < nh; i++)
        if (strcmp(h[i].name, "set-cookie") != 0)
            all[k++] = h[i];
    for (size_t i = 0; i < in->n_set_cookies; i++) {
        all[k].name = "set-cookie";
        all[k].name_len = 10;
        all[k].value = in->set_cookies[i];
        all[k].value_len = strlen(in->set_cookies[i]);
        k++;
    }
    *n = k;
    return all;
}

/* Decodes into the recorder and keeps the log in `scope`. `sess` may be NULL. */
static mhws_frame_rec *decode(packet_info *pinfo, const message_in *in, mh_session *sess, mh_request_type type,
                              wmem_allocator_t *scope)
{
    ensure_ready();
    size_t nh;
    mh_header *h = headers_for_core(pinfo, in, &nh);
    mh_message m = { in->is_response, type, h, nh, in->body, in->len, in->complete };
    mhws_frame_rec *rec = wmem_new0(scope, mhws_frame_rec);
    mhws_recorder_reset(&recorder);
    mh_decode_message(sess, &m, &recorder.base, &arena, &rec->res);
    rec->log = recorder.len ? wmem_memdup(scope, recorder.buf, recorder.len) : NULL;
    rec->log_len = recorder.len;
    rec->log_overflow = recorder.overflow;
    rec->is_response = in->is_response;
    rec->frame = pinfo->num;
    rec->ts = pinfo->abs_ts;
    return rec;
}

/* First pass: the message in its session, paired with its request. */
static mhws_frame_rec *decode_first_pass(packet_info *pinfo, const message_in *in)
{
    const char *rid = mhws_trimmed(pinfo, mhws_header(in->headers, "x-requestid"));
    mhws_cookie_keys keys;
    mhws_frame_rec *rec;
    if (!in->is_response) {
        const char *c = mhws_header(in->headers, "cookie");
        mhws_cookie_parse(c, c ? strlen(c) : 0, 0, &keys);
        mhws_session *s = mhws_session_for_request(pinfo, &keys);
        rec = decode(pinfo, in, &s->core, MH_RT_UNKNOWN, wmem_file_scope());
        rec->request_id = wmem_strdup(wmem_file_scope(), rid);
        rec->session_number = s->number;
        mhws_pair_add_request(pinfo, rec, s);
        return rec;
    }
    mhws_session *of_request = NULL;
    mhws_frame_rec *req = mhws_pair_take_request(pinfo, rid, &of_request);
    const char *c = mhws_header(in->headers, "set-cookie");
    if (in->n_set_cookies) { /* all of them, one per line, as the cookie parser takes them */
        wmem_strbuf_t *all = wmem_strbuf_new(pinfo->pool, "");
        for (size_t i = 0; i < in->n_set_cookies; i++)
            wmem_strbuf_append_printf(all, "%s%s", i ? "\n" : "", in->set_cookies[i]);
        c = wmem_strbuf_get_str(all);
    }
    mhws_cookie_parse(c, c ? strlen(c) : 0, 1, &keys);
    mhws_session *s = mhws_session_for_response(pinfo, of_request, &keys);
    /* the request type comes from the request (responses carry no X-RequestType) */
    rec = decode(pinfo, in, s ? &s->core : NULL, req ? req->res.type : MH_RT_UNKNOWN, wmem_file_scope());
    if (req) {
        rec->peer = req;
        req->peer = rec;
    }
    if (s)
        rec->session_number = s->number;
    return rec;
}

/* ---- the tree ---- */

static void links(proto_tree *pt, tvbuff_t *tvb, const mhws_frame_rec *rec)
{
    proto_item *it;
    if (rec->session_number) {
        it = proto_tree_add_uint(pt, mhws.hf_session, tvb, 0, 0, rec->session_number);
        proto_item_set_generated(it);
    }
    if (!rec->peer)
        return;
    if (!rec->is_response) {
        it = proto_tree_add_uint(pt, mhws.hf_response_in, tvb, 0, 0, rec->peer->frame);
        proto_item_set_generated(it);
        return;
    }
    it = proto_tree_add_uint(pt, mhws.hf_request_in, tvb, 0, 0, rec->peer->frame);
    proto_item_set_generated(it);
    nstime_t delta;
    nstime_delta(&delta, &rec->ts, &rec->peer->ts);
    it = proto_tree_add_time(pt, mhws.hf_time, tvb, 0, 0, &delta);
    proto_item_set_generated(it);
}

static const char *shown_key(packet_info *pinfo, int is_response, wmem_map_t *headers)
{
    return wmem_strdup_printf(pinfo->pool, "%c:%s", is_response ? 'r' : 'q',
                              mhws_trimmed(pinfo, mhws_header(headers, "x-requestid")));
}

/* Shows a message's record: Info column, tree, links, tap. */
static void show(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, const mhws_frame_rec *rec,
                 const uint8_t *body, size_t len, frame_pass *fp)
{
    mhws_info_column(pinfo, rec, fp->info);

    mhws_tree_sink *ts = wmem_new(pinfo->pool, mhws_tree_sink);
    mhws_tree_sink_init(ts, pinfo, tree, tvb);
    int replayed = mhws_log_replay(rec->log, rec->log_len, body, len, &ts->base);
    proto_tree *pt = ts->root_tree ? ts->root_tree : tree;
    links(pt, tvb, rec);
    if (replayed != 0 || rec->log_overflow)
        expert_add_info(pinfo, ts->root, &mhws.ei_log_overflow);

    mhws_tap_info *ti = wmem_new0(pinfo->pool, mhws_tap_info);
    ti->rec = rec;
    ti->req = rec->is_response ? rec->peer : NULL;
    tap_queue_packet(mhws.tap, pinfo, ti);
}

/* Decodes (first pass) or finds (later passes) the message's record, then shows it. */
static guint32 dissect_in(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, const message_in *in)
{
    frame_pass *fp = this_pass(pinfo);
    guint32 index = fp->count++;
    mhws_frame_rec *rec = record_at(pinfo, index);
    if (!rec && !PINFO_FD_VISITED(pinfo)) {
        rec = decode_first_pass(pinfo, in);
        p_add_proto_data(wmem_file_scope(), pinfo, mhws.proto, index, rec);
    } else if (!rec) {
        /* not seen on the first pass (should not happen): decoded alone, without session context */
        rec = decode(pinfo, in, NULL, MH_RT_UNKNOWN, pinfo->pool);
    }
    wmem_list_append(fp->shown, (void *)shown_key(pinfo, in->is_response, in->headers));
    show(tvb, pinfo, tree, rec, in->body, in->len, fp);
    return index;
}

static int dissect_message(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, const http_message_info_t *mi)
{
    static const uint8_t empty[1];
    message_in in;
    memset(&in, 0, sizeof in);
    int http1 = mi && (mi->type == HTTP_REQUEST || mi->type == HTTP_RESPONSE);
    in.is_response = mi && mi->type == HTTP_RESPONSE;
    in.headers = http1 ? mi->data : NULL;
    in.len = tvb_captured_length(tvb);
    in.body = in.len ? tvb_get_ptr(tvb, 0, (gint)in.len) : empty;
    /* the HTTP dissector hands over a body it has whole (Content-Length met, last chunk seen) unless
     * the capture cut it: then running out of bytes is malformed, not truncated */
    in.complete = tvb_reported_length(tvb) == in.len;
    if (in.is_response && http1 && !PINFO_FD_VISITED(pinfo))
        find_set_cookies(pinfo, tree, &in);
    dissect_in(tvb, pinfo, tree, &in);
    return (int)in.len;
}

int mhws_dissect_bodyless(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, wmem_map_t *headers, int is_response)
{
    static const uint8_t empty[1];
    if (PINFO_FD_VISITED(pinfo))
        return 0;
    frame_pass *fp = this_pass(pinfo);
    /* a message of this frame shown already through the HTTP dissector (it had a body) */
    const char *key = shown_key(pinfo, is_response, headers);
    for (wmem_list_frame_t *f = wmem_list_head(fp->shown); f; f = wmem_list_frame_next(f))
        if (strcmp(wmem_list_frame_data(f), key) == 0) {
            wmem_list_remove_frame(fp->shown, f);
            return 0;
        }
    message_in in = { is_response, headers, empty, 0, 1, NULL, 0 };
    guint32 index = dissect_in(tvb, pinfo, tree, &in);
    mhws_frame_rec *rec = record_at(pinfo, index);
    if (rec)
        rec->bodyless = 1;
    wmem_list_remove_frame(fp->shown, wmem_list_tail(fp->shown)); /* this one is taken */
    /* later passes may not have the HTTP header fields to find it again: remember it */
    wmem_array_t *a = p_get_proto_data(wmem_file_scope(), pinfo, mhws.proto, KEY_BODYLESS);
    if (!a) {
        a = wmem_array_new(wmem_file_scope(), sizeof(guint32));
        p_add_proto_data(wmem_file_scope(), pinfo, mhws.proto, KEY_BODYLESS, a);
    }
    wmem_array_append_one(a, index);
    return 1;
}

int mhws_dissect_bodyless_again(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree)
{
    static const uint8_t empty[1];
    wmem_array_t *a = p_get_proto_data(wmem_file_scope(), pinfo, mhws.proto, KEY_BODYLESS);
    if (!a)
        return 0;
    frame_pass *fp = this_pass(pinfo);
    for (guint i = 0; i < wmem_array_get_count(a); i++) {
        guint32 index = *(guint32 *)wmem_array_index(a, i);
        const mhws_frame_rec *rec = record_at(pinfo, index);
        fp->count++;
        if (rec)
            show(tvb, pinfo, tree, rec, empty, 0, fp);
    }
    return 1;
}

int mhws_dissect_media(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, void *data)
{
    return dissect_message(tvb, pinfo, tree, data);
}

int mhws_next_has_body_record(packet_info *pinfo)
{
    const mhws_frame_rec *rec = record_at(pinfo, this_pass(pinfo)->count);
    return rec && !rec->bodyless;
}
