/*
 * One MAPI/HTTP message ([MS-OXCMAPIHTTP] 2.2.2): headers (2.2.3), then for a response the meta-tags and
 * additional headers (2.2.2.2, 2.2.7), then the request type's binary body (2.2.4 mailbox, 2.2.5
 * address book, 2.2.6 PING). A nonzero X-ResponseCode means the body is diagnostic text, not a request
 * type body (2.2.3.3.3). Responses take their request type and request facts from the pending request
 * with the same X-RequestId (or the most recent one of the session).
 */
#include <stdio.h>
#include <string.h>

#include "../core/limits.h"
#include "../core/strbuf.h"
#include "../core/text.h"
#include "../emsmdb/bodies.h"
#include "../mapihttp.h"
#include "../nspi/nspi.h"
#include "headers.h"
#include "metatags.h"

static void trimmed_header(const mh_message *m, const char *name, const char **s, size_t *n)
{
    const mh_header *h = mh_find_header(m, name);
    *s = NULL;
    *n = 0;
    if (h) {
        mh_span v = mh_text_trim(mh_span_of(h->value, h->value_len));
        *s = mh_span_chars(v);
        *n = v.len;
    }
}

/* A body this decoder does not parse: shown whole, with the reason. */
static void raw_body(mh_dec *d, mh_problem_kind k, const char *why)
{
    if (mh_cur_left(&d->c))
        mh_stop(d, k, mh_cur_pos(&d->c), "%s", why);
}

static void diagnostic_body(mh_dec *d)
{
    if (!mh_cur_left(&d->c))
        return;
    size_t at = mh_cur_pos(&d->c);
    mh_span s = mh_cur_rest(&d->c);
    size_t n;
    const char *t = mh_text_latin1(d, s, &n);
    if (t)
        mh_emit_str(d, MH_F_DIAGNOSTIC_TEXT, at, s.len, t, n);
}

int mh_decode_message(mh_session *sess, const mh_message *m, mh_sink *sink, mh_arena *arena, mh_result *out)
{
    mh_result local;
    mh_result *res = out ? out : &local;
    memset(res, 0, sizeof *res);

    mh_dec d;
    memset(&d, 0, sizeof d);
    mh_cur_init(&d.c, m->body, m->body_len);
    mh_cur_set_complete(&d.c, m->body_complete);
    d.sink = sink;
    d.arena = arena;
    d.sess = sess;
    d.problems = &res->problems;
    d.res = res;
    mh_budget budget;
    memset(&budget, 0, sizeof budget);
    budget.nodes_left = mh_limits[MH_LIMIT_NODES_PER_MESSAGE];
    budget.decompressed_left = mh_limits[MH_LIMIT_DECOMPRESSED_BYTES];
    d.budget = &budget;

    /* The request type: given by the front end, else X-RequestType, else the pending request. */
    const char *rid;
    size_t rid_len;
    trimmed_header(m, "X-RequestId", &rid, &rid_len);
    mh_request_type type = m->type;
    if (type == MH_RT_UNKNOWN) {
        const char *rt;
        size_t rt_len;
        trimmed_header(m, "X-RequestType", &rt, &rt_len);
        if (rt)
            type = mh_request_type_parse(rt, rt_len);
    }
    mh_exchange *x = NULL;
    if (sess && m->is_response) {
        x = mh_session_find_request(sess, rid, rid_len, type);
        if (x && type == MH_RT_UNKNOWN)
            type = x->type;
        if (x && x->type != type)
            x = NULL; /* a different request: its facts do not apply */
        /* An Execute response whose request was not seen still refers to server objects by handle
         * (a FastTransfer context, a table): decode it with an exchange that has no request ROPs, so
         * that its handle table is read and those objects are found. */
        if (!x && type == MH_RT_EXECUTE)
            x = mh_session_begin_request(sess, NULL, 0, type);
    }
    res->type = type;

    char heading[96];
    mh_sb hs = mh_sb_init(heading, sizeof heading);
    mh_sb_str(&hs, type != MH_RT_UNKNOWN ? mh_request_type_name(type) : "MAPI/HTTP");
    mh_sb_str(&hs, m->is_response ? " response" : " request");
    if (type == MH_RT_UNKNOWN)
        mh_sb_str(&hs, " (request type unknown)");

    sink->ops->message_begin(sink, m->body, m->body_len);
    mh_open_at(&d, MH_F_MAPIHTTP, 0, NULL, heading);

    mh_header_info hi;
    memset(&hi, 0, sizeof hi);
    mh_decode_headers(&d, m, &hi);

    int body_ok = 1;
    if (m->is_response) {
        if (mh_starts_with_meta_tag(&d.c)) {
            mh_meta_status st = mh_decode_meta_tags(&d, &hi, &res->pending_count);
            body_ok = st == MH_META_DONE;
            res->done_seen = body_ok;
        } else {
            res->done_seen = 1; /* the body starts at the binary part (raw input, or no meta-tags) */
        }
        res->has_response_code = hi.has_response_code;
        res->response_code = hi.response_code;
    }

    if (!body_ok) {
        /* reported by the meta-tag decoder */
    } else if (m->is_response && hi.has_response_code && hi.response_code != 0) {
        diagnostic_body(&d); /* [MS-OXCMAPIHTTP] 2.2.3.3.3: not a request type body */
    } else if (type == MH_RT_UNKNOWN) {
        raw_body(&d, MH_PROB_MISSING_CONTEXT, "the request type is unknown (no X-RequestType, and no request seen "
                                              "for this response), so the body cannot be decoded");
    } else if (mh_request_type_is_nspi(type) && !m->is_response) {
        /* remembered like Execute, so that the response pairs with it (its type, its X-RequestId) */
        if (sess)
            mh_session_begin_request(sess, rid, rid_len, type);
        mh_decode_nspi_request(&d, type);
    } else if (mh_request_type_is_nspi(type)) {
        uint32_t status = 0;
        res->has_status = mh_decode_nspi_response(&d, type, &status);
        res->status_code = status;
    } else if (!m->is_response) {
        mh_exchange *rx = sess ? mh_session_begin_request(sess, rid, rid_len, type) : NULL;
        mh_decode_emsmdb_request(&d, type, rx);
    } else {
        uint32_t status = 0;
        mh_decode_emsmdb_response(&d, type, x, &status);
        res->has_status = 1;
        res->status_code = status;
    }

    mh_close_len(&d, m->body_len);
    sink->ops->message_end(sink);

    if (x && m->is_response && res->done_seen)
        mh_session_end_request(sess, x);
    mh_arena_reset(arena);
    return res->problems;
}
