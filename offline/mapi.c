/* MAPI/HTTP exchanges (see mapi.h). */
#include "mapi.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "capture_sink.h"
#include "core/limits.h"
#include "conn.h"
#include "output.h"
#include "timeline.h"

static const mh_header *header(const md_http_msg *m, const char *name)
{
    for (size_t i = 0; i < m->nhdr; i++)
        if (m->hdr[i].name_len == strlen(name) && strncasecmp(m->hdr[i].name, name, m->hdr[i].name_len) == 0)
            return &m->hdr[i];
    return NULL;
}

static int content_type_mapi(const md_http_msg *m)
{
    const mh_header *h = header(m, "Content-Type");
    if (!h)
        return 0;
    size_t n = 0;
    while (n < h->value_len && h->value[n] != ';' && h->value[n] != ' ')
        n++;
    static const char mapi[] = "application/mapi-http";
    return n == sizeof mapi - 1 && strncasecmp(h->value, mapi, n) == 0;
}

/* The path of the request-target (origin form, or absolute form after the authority) starts with
 * /mapi/emsmdb or /mapi/nspi, followed by '/', '?' or its end. */
static int mapi_path(const md_http_msg *m)
{
    const char *t = m->target;
    size_t n = m->target_len;
    if (n > 8 && (strncasecmp(t, "https://", 8) == 0 || strncasecmp(t, "http://", 7) == 0)) {
        const char *p = memchr(t + 8, '/', n - 8);
        if (!p)
            return 0;
        n -= (size_t)(p - t);
        t = p;
    }
    static const char *const paths[] = { "/mapi/emsmdb", "/mapi/nspi" };
    for (int i = 0; i < 2; i++) {
        size_t k = strlen(paths[i]);
        if (n >= k && strncasecmp(t, paths[i], k) == 0 && (n == k || t[k] == '/' || t[k] == '?'))
            return 1;
    }
    return 0;
}

static int is_mapi_request(const md_http_msg *m)
{
    return content_type_mapi(m) || (mapi_path(m) && header(m, "X-RequestType"));
}

static mh_request_type request_type(const md_http_msg *m)
{
    const mh_header *h = header(m, "X-RequestType");
    return h ? mh_request_type_parse(h->value, h->value_len) : MH_RT_UNKNOWN;
}

static void copy_id(char *dst, const md_http_msg *m)
{
    const mh_header *h = header(m, "X-RequestId");
    size_t n = h ? h->value_len : 0;
    if (n >= MH_REQUEST_ID_MAX)
        n = MH_REQUEST_ID_MAX - 1;
    if (n)
        memcpy(dst, h->value, n);
    dst[n] = 0;
}

/* ---- sessions ---- */

int md_mapi_session_selected(const md_app *a, const md_sess *s)
{
    const char *f = a->o->session_filter;
    if (!f)
        return 1;
    if (!s)
        return 0;
    const char *num = (f[0] == 's' || f[0] == 'S') ? f + 1 : f;
    char *end;
    unsigned long v = strtoul(num, &end, 10);
    if (*num && !*end && v == s->num)
        return 1;
    return s->key[0] && strcmp(s->key, f) == 0;
}

void md_mapi_session_done(md_app *a, md_sess *s)
{
    if (!s)
        return;
    if (a->o->sessions && md_mapi_session_selected(a, s))
        md_timeline_print(a, s);
    md_session_free(s);
}

static void evicted(md_app *a, md_sess *s)
{
    if (s) {
        a->rep.sessions_evicted++;
        md_mapi_session_done(a, s);
    }
}

static md_sess *request_session(md_conn *c, const md_http_msg *m, mh_request_type type)
{
    md_app *a = c->app;
    md_sess *s = NULL, *ev = NULL;
    const mh_header *ck = header(m, "Cookie");
    const char *key = NULL;
    size_t kn = ck ? md_session_cookie(ck->value, ck->value_len, 0, &key) : 0;
    if (kn)
        s = md_sessions_get(&a->sessions, key, kn, a->now_us, &ev);
    else if (type == MH_RT_CONNECT || type == MH_RT_BIND)
        s = md_sessions_anonymous(&a->sessions, c->id, a->now_us, &ev);
    evicted(a, ev);
    if (!s)
        return NULL;
    s->last_us = a->now_us;
    md_session_note_conn(s, c->id);
    const mh_header *app = header(m, "X-ClientApplication");
    if (app && !s->client_app[0]) {
        size_t n = app->value_len < sizeof s->client_app - 1 ? app->value_len : sizeof s->client_app - 1;
        memcpy(s->client_app, app->value, n);
        s->client_app[n] = 0;
    }
    if (c->auth_user[0] && !s->auth_user[0])
        snprintf(s->auth_user, sizeof s->auth_user, "%s", c->auth_user);
    return s;
}

/* Set-Cookie of a response names the session (an anonymous one started by Connect/Bind). */
static md_sess *response_session(md_conn *c, const md_http_msg *m, uint32_t num)
{
    md_app *a = c->app;
    /* a response whose request was not seen may still start the connection's anonymous session */
    md_sess *s = num ? md_sessions_by_num(&a->sessions, num) : md_sessions_find_anonymous(&a->sessions, c->id);
    for (size_t i = 0; i < m->nhdr; i++) {
        const mh_header *h = &m->hdr[i];
        if (h->name_len != 10 || strncasecmp(h->name, "Set-Cookie", 10) != 0)
            continue;
        const char *key;
        size_t kn = md_session_cookie(h->value, h->value_len, 1, &key);
        if (!kn)
            continue;
        md_sess *ev = NULL;
        if (s && !s->key[0]) {
            md_sess *named = md_sessions_name(&a->sessions, s, key, kn);
            if (named != s) {
                /* the session was already known by its cookie: the anonymous start of it ends here */
                md_sessions_remove(&a->sessions, s);
                md_mapi_session_done(a, s);
                s = named;
            }
        } else if (!s) {
            s = md_sessions_get(&a->sessions, key, kn, a->now_us, &ev);
        }
        evicted(a, ev);
        break;
    }
    if (s) {
        s->last_us = a->now_us;
        md_session_note_conn(s, c->id);
    }
    return s;
}

/* ---- decoding and writing ---- */

static int type_selected(const md_app *a, mh_request_type t)
{
    return a->o->type_filter == MH_RT_UNKNOWN || a->o->type_filter == t;
}

static int rops_have(const mh_result *r, int rop)
{
    unsigned n = r->rop_count < sizeof r->rop_ids ? r->rop_count : (unsigned)sizeof r->rop_ids;
    for (unsigned i = 0; i < n; i++)
        if (r->rop_ids[i] == rop)
            return 1;
    return 0;
}

/* --export-bodies: what the core is given, one line per message: tcp.stream, direction, X-RequestId,
 * whether the body is whole, the body in hex. */
static void export_body(FILE *f, const md_view *v, const mh_message *m)
{
    fprintf(f, "%llu\t%s\t%.*s\t%s\t", (unsigned long long)v->c->id, v->is_response ? "response" : "request",
            (int)v->rid_len, v->rid, m->body_complete ? "complete" : "incomplete");
    for (size_t i = 0; i < m->body_len; i++)
        fprintf(f, "%02x", m->body[i]);
    fputc('\n', f);
}

/* Decodes (when `m` is given) and writes one message. `rop_known`: the --rop decision is already made
 * (1 selected, 0 not), -1: it depends on this message's ROPs. Returns the result's problem count. */
static void write_message(md_app *a, md_view *v, const mh_message *m, mh_result *res, int rop_known)
{
    const md_options *o = a->o;
    int show = !o->sessions && md_mapi_session_selected(a, v->sess) && type_selected(a, v->type);
    if (o->rop_filter >= 0 && rop_known == 0)
        show = 0;
    int deferred = show && o->rop_filter >= 0 && rop_known < 0; /* decided after decoding */
    FILE *f = deferred ? a->mem : a->out;
    if (deferred) {
        fflush(a->mem);
        a->membuf.len = 0;
        rewind(a->mem);
    }
    memset(res, 0, sizeof *res);
    v->res = NULL;
    mh_sink *sink = &a->null.base;
    if (show && o->format == MD_FMT_VERBOSE) {
        md_out_line(f, v);
        fputc('\n', f);
        a->text.out = f;
        sink = &a->text.base;
    } else if (show && o->format == MD_FMT_JSON) {
        md_out_json_head(f, v);
        a->json.out = f;
        sink = &a->json.base;
    }
    md_capture_sink cap;
    if (m && !m->is_response && v->type == MH_RT_CONNECT && v->sess && !v->sess->user_dn[0]) {
        md_capture_sink_init(&cap, sink, MH_F_CONNECT_USER_DN, v->sess->user_dn, sizeof v->sess->user_dn);
        sink = &cap.base;
    }
    if (m && a->bodies)
        export_body(a->bodies, v, m);
    if (m) {
        mh_session *cs = v->sess ? &v->sess->core : NULL;
        mh_decode_message(cs, m, sink, &a->arena, res);
        v->res = res;
        a->rep.mapi_messages++;
        if (res->problems)
            a->problems = 1;
    } else if (show && o->format == MD_FMT_VERBOSE) {
        fputc('\n', f);
    }
    if (!v->complete)
        a->problems = 1;
    if (show && o->format == MD_FMT_SUMMARY) {
        md_out_line(f, v);
        fputc('\n', f);
    } else if (show && o->format == MD_FMT_JSON) {
        md_out_json_tail(f, v);
    }
    if (deferred) {
        fflush(a->mem);
        if (v->res && rops_have(v->res, o->rop_filter))
            fwrite(a->membuf.p, 1, a->membuf.len, a->out);
    }
}

static md_pending *find_pending_seq(md_conn *c, uint64_t start_us, const char *rid)
{
    for (unsigned i = 0; i < c->qn; i++) {
        md_pending *p = &c->q[(c->qhead + i) % MD_PENDING_REQUESTS];
        if (p->start_us == start_us && strcmp(p->request_id, rid) == 0)
            return p;
    }
    return NULL;
}

static void on_request(md_conn *c, md_http_msg *m, const uint8_t *body, size_t n, int complete)
{
    md_app *a = c->app;
    md_pending *p = c->have_cur_req ? &c->cur_req : NULL;
    c->have_cur_req = 0;
    if (!p || !p->is_mapi)
        return;
    md_sess *s = p->sess_num ? md_sessions_by_num(&a->sessions, p->sess_num) : NULL;
    md_auth auth;
    md_auth_request(m, &auth);
    char authtext[400];
    if (auth.scheme[0])
        md_auth_describe(&auth, authtext, sizeof authtext);
    md_view v;
    memset(&v, 0, sizeof v);
    v.c = c;
    v.dir = c->client_dir >= 0 ? c->client_dir : 0;
    v.ts = a->now_us;
    v.sess = s;
    v.type = p->type;
    v.rid = p->request_id;
    v.rid_len = strlen(p->request_id);
    v.http = m;
    v.auth = auth.scheme[0] ? authtext : NULL;
    v.decoded = 1;
    v.complete = complete && !m->body_cut;
    mh_message mm = { 0, p->type, m->hdr, m->nhdr, body, n, v.complete };
    mh_result res;
    write_message(a, &v, &mm, &res, -1);
    c->mapi_messages++;
    /* what the response and the timeline need */
    md_pending *q = find_pending_seq(c, p->start_us, p->request_id);
    int rop_match = a->o->rop_filter >= 0 && rops_have(&res, a->o->rop_filter);
    if (q) {
        q->decoded = 1;
        q->rop_match = (uint8_t)rop_match;
    }
    if (s) {
        s->requests++;
        s->by_type[p->type < MH_RT_COUNT ? p->type : 0]++;
        s->problems += (uint64_t)res.problems;
        size_t idx;
        md_tl_entry *e = md_session_add(s, a->sessions.max_timeline, &idx);
        if (e) {
            e->req_us = m->start_us;
            e->conn = c->id;
            e->type = (uint8_t)res.type;
            e->problems = (uint16_t)res.problems;
            unsigned k = res.rop_count < sizeof e->rops ? res.rop_count : (unsigned)sizeof e->rops;
            memcpy(e->rops, res.rop_ids, k);
            e->nrops = (uint8_t)k;
            if (q) {
                q->has_tl = 1;
                q->tl_index = idx;
            }
        }
    }
}

static void on_response(md_conn *c, md_http_msg *m, const uint8_t *body, size_t n, int complete)
{
    md_app *a = c->app;
    if (m->status >= 100 && m->status < 200 && m->status != 101)
        return; /* interim: the request still waits */
    md_pending none;
    memset(&none, 0, sizeof none);
    md_pending *p = c->have_cur_resp ? &c->cur_resp : &none;
    c->have_cur_resp = 0;
    int mapi = p->is_mapi || content_type_mapi(m);
    if (!mapi)
        return;
    md_sess *s = response_session(c, m, p->sess_num);
    md_auth chal;
    char schemes[200];
    int has_chal = md_auth_challenge(m, schemes, sizeof schemes, &chal);
    char chaltext[sizeof schemes + 300 + 2];
    if (has_chal) {
        if (chal.ntlm_type) {
            char d[300];
            md_auth_describe(&chal, d, sizeof d);
            snprintf(chaltext, sizeof chaltext, "%s; %s", schemes, d);
        } else {
            snprintf(chaltext, sizeof chaltext, "%s", schemes);
        }
    }
    const mh_header *rid = header(m, "X-RequestId");
    md_view v;
    memset(&v, 0, sizeof v);
    v.c = c;
    v.dir = c->client_dir >= 0 ? 1 - c->client_dir : 1;
    v.is_response = 1;
    v.ts = a->now_us;
    v.sess = s;
    v.type = p->type;
    v.rid = rid ? rid->value : p->request_id;
    v.rid_len = rid ? rid->value_len : strlen(p->request_id);
    v.http = m;
    v.challenge = has_chal ? chaltext : NULL;
    v.complete = complete && !m->body_cut;
    /* a MAPI/HTTP body comes with 200, or with an X-ResponseCode (2.2.3.3.3); anything else (401, 500,
     * a proxy's error page) is shown as an HTTP answer and ends the request in the core's context */
    int decode = m->status == 200 || header(m, "X-ResponseCode") || content_type_mapi(m);
    v.decoded = decode;
    mh_result res;
    if (decode) {
        mh_message mm = { 1, p->type, m->hdr, m->nhdr, body, n, v.complete };
        write_message(a, &v, &mm, &res, a->o->rop_filter < 0 ? 1 : p->decoded ? p->rop_match : -1);
    } else {
        if (s && p->type != MH_RT_UNKNOWN) {
            mh_exchange *x = mh_session_find_request(&s->core, p->request_id, strlen(p->request_id), p->type);
            mh_session_end_request(&s->core, x);
        }
        /* an HTTP answer (a 401 of an authentication exchange, a server error) is shown, not a problem of
         * decoding */
        write_message(a, &v, NULL, &res, a->o->rop_filter < 0 ? 1 : p->rop_match);
    }
    c->mapi_messages++;
    mh_request_type type = decode && res.type != MH_RT_UNKNOWN ? res.type : p->type;
    if (!s)
        return;
    s->responses++;
    int error = !decode || (res.has_response_code && res.response_code) || (res.has_status && res.status_code) ||
                res.rop_failures;
    s->errors += (uint64_t)error;
    s->problems += (uint64_t)res.problems;
    md_tl_entry *e = NULL;
    if (p->has_tl && p->tl_index < s->ntl) {
        e = &s->tl[p->tl_index];
    } else if (p == &none) {
        size_t idx;
        e = md_session_add(s, a->sessions.max_timeline, &idx);
        if (e) {
            e->conn = c->id;
            e->type = (uint8_t)type;
        }
    }
    if (e) {
        e->answered = 1;
        e->done_us = m->done_us ? m->done_us : a->now_us;
        e->http_status = (uint16_t)m->status;
        e->has_rc = (uint8_t)res.has_response_code;
        e->rc = res.response_code;
        e->has_status = (uint8_t)res.has_status;
        e->status = res.status_code;
        e->problems = (uint16_t)(e->problems + res.problems);
        e->rop_failures = (uint16_t)res.rop_failures;
    }
    /* the session is over once its Disconnect (or the address book's Unbind) is answered */
    if (decode && res.done_seen && (type == MH_RT_DISCONNECT || type == MH_RT_UNBIND) && !(res.has_status && res.status_code)) {
        md_sessions_remove(&a->sessions, s);
        md_mapi_session_done(a, s);
    }
}

/* ---- HTTP events ---- */

/* The oldest waiting request leaves the queue (answered, or its response is known to be lost). */
static void drop_oldest(md_conn *c)
{
    c->qhead = (c->qhead + 1) % MD_PENDING_REQUESTS;
    c->qn--;
}

static void push_request(md_conn *c, const md_pending *p)
{
    if (c->qn == MD_PENDING_REQUESTS)
        drop_oldest(c); /* far more requests outstanding than any client pipelines: the oldest lost its response */
    c->q[(c->qhead + c->qn) % MD_PENDING_REQUESTS] = *p;
    c->qn++;
}

/* The request a response answers: the one with its X-RequestId, else the oldest. Requests before the
 * one found got no response in the capture. */
static int pop_request(md_conn *c, const md_http_msg *m, md_pending *out)
{
    if (!c->qn)
        return 0;
    const mh_header *rid = header(m, "X-RequestId");
    unsigned skip = 0;
    if (rid) {
        for (unsigned i = 0; i < c->qn; i++) {
            const md_pending *p = &c->q[(c->qhead + i) % MD_PENDING_REQUESTS];
            if (strlen(p->request_id) == rid->value_len && memcmp(p->request_id, rid->value, rid->value_len) == 0) {
                skip = i;
                break;
            }
        }
    }
    c->qhead = (c->qhead + skip) % MD_PENDING_REQUESTS;
    c->qn -= skip;
    *out = c->q[c->qhead];
    drop_oldest(c);
    return 1;
}

static int on_headers(void *arg, int dir, md_http_msg *m)
{
    md_conn *c = arg;
    if (!m->is_response) {
        if (c->client_dir < 0)
            c->client_dir = dir;
        md_pending p;
        memset(&p, 0, sizeof p);
        p.is_mapi = (uint8_t)is_mapi_request(m);
        p.head = m->method_len == 4 && memcmp(m->method, "HEAD", 4) == 0;
        p.connect = m->method_len == 7 && memcmp(m->method, "CONNECT", 7) == 0;
        p.type = request_type(m);
        p.start_us = m->start_us;
        copy_id(p.request_id, m);
        md_auth auth;
        md_auth_request(m, &auth);
        if (auth.user[0] && (auth.ntlm_type == 3 || !auth.ntlm_type)) {
            char u[200];
            md_auth_user(&auth, u, sizeof u);
            snprintf(c->auth_user, sizeof c->auth_user, "%s %s", auth.mech[0] ? auth.mech : auth.scheme, u);
        }
        if (p.is_mapi) {
            md_sess *s = request_session(c, m, p.type);
            p.sess_num = s ? s->num : 0;
        }
        push_request(c, &p);
        c->cur_req = p;
        c->have_cur_req = 1;
        return p.is_mapi ? MD_HTTP_KEEP_BODY : 0;
    }
    if (c->client_dir < 0)
        c->client_dir = 1 - dir;
    if (m->status >= 100 && m->status < 200 && m->status != 101)
        return 0;
    md_pending p;
    c->have_cur_resp = pop_request(c, m, &p);
    if (c->have_cur_resp)
        c->cur_resp = p;
    int flags = 0;
    if ((c->have_cur_resp && p.is_mapi) || content_type_mapi(m))
        flags |= MD_HTTP_KEEP_BODY | MD_HTTP_WATCH_DONE;
    if (c->have_cur_resp && p.head)
        flags |= MD_HTTP_NO_BODY;
    if (c->have_cur_resp && p.connect && m->status >= 200 && m->status < 300)
        flags |= MD_HTTP_TUNNEL | MD_HTTP_NO_BODY;
    return flags;
}

static void on_message(void *arg, int dir, md_http_msg *m, const uint8_t *body, size_t n, int complete)
{
    md_conn *c = arg;
    (void)dir;
    if (m->body_cut && m->body_total > c->app->o->max_body) { /* a body kept for decoding, and cut */
        char hint[200];
        mh_limit_hint(MH_LIMIT_BODY, hint, sizeof hint);
        md_report_line(c->app, "connection #%llu: a body of %llu bytes is larger than --max-body; its first %zu bytes "
                               "were decoded (%s)", (unsigned long long)c->id, (unsigned long long)m->body_total, n,
                       hint);
    }
    c->http_messages++;
    c->app->rep.http_messages++;
    if (m->is_response)
        on_response(c, m, body, n, complete);
    else
        on_request(c, m, body, n, complete);
}

static void on_error(void *arg, int dir, const char *why)
{
    md_conn_http_error(arg, dir, why);
}

/* A response whose header block a gap cut answered the oldest request waiting: without this, the next
 * response found after the gap would be paired with that request, and every later one shifted by one. */
static void on_lost(void *arg, int dir)
{
    md_conn *c = arg;
    if (c->client_dir >= 0 && dir != c->client_dir && c->qn)
        drop_oldest(c);
}

const md_http_events md_mapi_http_events = { on_headers, on_message, on_error, on_lost };
