/* Capture mode (see capture.h). */
#define _GNU_SOURCE /* __fsetlocking */
#include "capture.h"

#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdlib.h>
#include <stdio_ext.h>
#include <string.h>
#include <sys/stat.h>

#include "app.h"
#include "core/limits.h"
#include "conn.h"
#include "flow.h"
#include "ip.h"
#include "link.h"
#include "mapi.h"
#include "memout.h"
#include "output.h"
#include "pcapin.h"
#include "progress.h"

#define EXPIRE_EVERY_US 1000000ull         /* look for idle flows once per second of capture time */
#define SESSION_IDLE_MIN_US (1800ull * 1000000ull)

typedef struct {
    md_app *app;
    md_flows flows;
    md_tcp_cfg tcp;
    const char *capture_name;
    int dsb_error;
} md_run;

void md_report_line(md_app *a, const char *fmt, ...)
{
    if (a->rep.nlines == MD_REPORT_LINES) {
        a->rep.more_lines++;
        return;
    }
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(a->rep.line[a->rep.nlines++], sizeof a->rep.line[0], fmt, ap);
    va_end(ap);
}

/* ---- TCP events, per flow ---- */

static md_conn *conn_of(md_run *r, md_flow *f)
{
    if (!f->conn)
        f->conn = md_conn_new(r->app, f);
    return f->conn;
}

static md_run *current_run;

static void ev_data(void *arg, int dir, const uint8_t *p, size_t n)
{
    md_flow *f = arg;
    md_conn *c = conn_of(current_run, f);
    if (c)
        md_conn_data(c, dir, p, n);
}

static void ev_gap(void *arg, int dir, uint64_t n)
{
    md_flow *f = arg;
    md_app *a = current_run->app;
    md_conn *c = conn_of(current_run, f);
    a->rep.gaps++;
    a->rep.gap_bytes += n;
    a->problems = 1;
    if (!c)
        return;
    char what[96];
    snprintf(what, sizeof what, "TCP gap: %" PRIu64 " bytes missing", n);
    md_out_event(a, c, dir, what);
    md_conn_gap(c, dir, n);
}

static void ev_fin(void *arg, int dir)
{
    md_flow *f = arg;
    if (f->conn)
        md_conn_fin(f->conn, dir);
}

static const md_tcp_events tcp_events = { ev_data, ev_gap, ev_fin };

/* ---- flows ---- */

static void end_flow(md_run *r, md_flow *f)
{
    md_app *a = r->app;
    md_tcp_cfg cfg = r->tcp;
    cfg.arg = f;
    for (int d = 0; d < 2; d++)
        md_tcp_flush(&f->tcp[d], &cfg, d);
    uint64_t gaps = f->tcp[0].gaps + f->tcp[1].gaps, conflicts = f->tcp[0].conflicts + f->tcp[1].conflicts;
    a->rep.retransmitted += f->tcp[0].retransmitted + f->tcp[1].retransmitted;
    a->rep.out_of_order += f->tcp[0].out_of_order + f->tcp[1].out_of_order;
    a->rep.gap_conns += gaps != 0;
    if (conflicts) {
        a->rep.conflicts += conflicts;
        a->rep.conflict_conns++;
        a->problems = 1;
        int cl = f->client >= 0 ? f->client : 0;
        for (int d = 0; d < 2; d++) {
            if (!f->tcp[d].conflicts)
                continue;
            const char *client = f->conn ? f->conn->ep[cl] : "?", *server = f->conn ? f->conn->ep[1 - cl] : "?";
            md_report_line(a,
                           "connection #%" PRIu64 " (%s > %s): %" PRIu64 " retransmitted segment%s differed from the "
                           "first copy (%s, first at stream byte %" PRIu64 "); the first copy was used",
                           f->id, client, server, f->tcp[d].conflicts, f->tcp[d].conflicts == 1 ? "" : "s",
                           d == cl ? "client to server" : "server to client", f->tcp[d].first_conflict_off);
        }
    }
    if (f->conn)
        md_conn_end(f->conn);
    f->conn = NULL;
    md_flows_note_closed(&r->flows, f, a->now_us);
    md_flows_remove(&r->flows, f);
}

static void expire(md_run *r, uint64_t now)
{
    md_app *a = r->app;
    uint64_t idle = a->o->idle_timeout_us;
    while (r->flows.oldest && r->flows.oldest->last_us + idle < now)
        end_flow(r, r->flows.oldest);
    uint64_t sidle = idle > SESSION_IDLE_MIN_US ? idle : SESSION_IDLE_MIN_US;
    if (now > sidle) {
        md_sess *s;
        while ((s = md_sessions_expire(&a->sessions, now - sidle)) != NULL)
            md_mapi_session_done(a, s);
    }
}

static void segment(md_run *r, const md_segment *s)
{
    int dir = 0;
    md_flow *f = md_flows_find(&r->flows, s, &dir);
    int syn = s->flags & MD_TCP_SYN, ack = s->flags & MD_TCP_ACK;
    /* a new SYN with another initial sequence number: the ports are reused by a new connection */
    if (f && syn && !ack && f->tcp[dir].started && f->tcp[dir].seq0 != s->seq + 1) {
        end_flow(r, f);
        f = NULL;
    }
    if (!f) {
        if (!syn && s->caplen == 0)
            return; /* acknowledgements of a connection that ended or that was never seen */
        if (!syn && md_flows_recently_closed(&r->flows, s, r->app->now_us))
            return; /* a late retransmission of a connection that ended */
        if (md_flows_full(&r->flows)) {
            r->app->rep.flows_evicted++;
            end_flow(r, r->flows.oldest);
        }
        f = md_flows_add(&r->flows, s, r->app->now_us);
        if (!f)
            return;
        dir = 0;
    }
    md_flows_touch(&r->flows, f, r->app->now_us);
    if (syn && f->client < 0)
        f->client = ack ? 1 - dir : dir;
    md_tcp_cfg cfg = r->tcp;
    cfg.arg = f;
    md_tcp_segment(&f->tcp[dir], &cfg, dir, s);
    if (ack)
        md_tcp_acked(&f->tcp[1 - dir], &cfg, 1 - dir, s->ack);
    if ((s->flags & MD_TCP_RST) || (f->tcp[0].fin_done && f->tcp[1].fin_done))
        end_flow(r, f);
}

/* ---- secrets from the capture ---- */

static void dsb_secrets(void *arg, const uint8_t *text, size_t len, uint64_t block)
{
    md_run *r = arg;
    char where[300], err[512];
    snprintf(where, sizeof where, "%s: Decryption Secrets Block (block %" PRIu64 ")", r->capture_name, block);
    if (!md_keylog_add_text(&r->app->keys, (const char *)text, len, where, err, sizeof err)) {
        fprintf(stderr, "mapidump: %s\n", err);
        r->dsb_error = 1;
        r->app->problems = 1;
    }
    if (r->app->tls->debug)
        fprintf(r->app->tls->debug, "%s: %zu bytes of key log read\n", where, len);
}

/* ---- the run ---- */

static void print_report(md_app *a, const md_pcapin *in)
{
    md_report *rp = &a->rep;
    fprintf(stderr,
            "mapidump: %" PRIu64 " packets, %" PRIu64 " TCP connection%s with data: %" PRIu64 " decrypted, %" PRIu64
            " plain HTTP, %" PRIu64 " not decrypted, %" PRIu64 " not HTTP; %" PRIu64 " MAPI/HTTP message%s\n",
            in->packets, rp->connections, rp->connections == 1 ? "" : "s", rp->tls_decrypted, rp->plain_http,
            rp->tls_not_decrypted, rp->other, rp->mapi_messages, rp->mapi_messages == 1 ? "" : "s");
    for (unsigned i = 0; i < rp->nlines; i++)
        fprintf(stderr, "mapidump: %s\n", rp->line[i]);
    if (rp->more_lines)
        fprintf(stderr, "mapidump: ... and %" PRIu64 " more like these\n", rp->more_lines);
    /* what to do, once for all the connections listed above */
    if (rp->tls_no_key)
        fprintf(stderr, "mapidump: no key for %" PRIu64 " TLS connection%s%s: give the key log written while this "
                        "capture was taken (SSLKEYLOGFILE) with -k\n",
                rp->tls_no_key, rp->tls_no_key == 1 ? "" : "s", a->o->nkeylogs ? " in the key logs given" : "");
    if (rp->tls_failed)
        fprintf(stderr, "mapidump: the secrets of the key log do not decrypt %" PRIu64 " TLS connection%s: "
                        "the key log is damaged or not the one written with this capture\n",
                rp->tls_failed, rp->tls_failed == 1 ? "" : "s");
    if (rp->gaps)
        fprintf(stderr, "mapidump: TCP: %" PRIu64 " gap%s (%" PRIu64 " bytes missing) in %" PRIu64 " connection%s\n",
                rp->gaps, rp->gaps == 1 ? "" : "s", rp->gap_bytes, rp->gap_conns, rp->gap_conns == 1 ? "" : "s");
    char hint[200];
    if (rp->flows_evicted) {
        mh_limit_hint(MH_LIMIT_FLOWS, hint, sizeof hint);
        fprintf(stderr, "mapidump: %" PRIu64 " connections ended early to stay within --max-flows (%s)\n",
                rp->flows_evicted, hint);
    }
    if (rp->sessions_evicted) {
        mh_limit_hint(MH_LIMIT_SESSIONS, hint, sizeof hint);
        fprintf(stderr, "mapidump: %" PRIu64 " sessions ended early to stay within --max-sessions (%s)\n",
                rp->sessions_evicted, hint);
    }
    if (rp->skipped[MD_SKIP_FRAGMENT])
        fprintf(stderr, "mapidump: %" PRIu64 " IP fragments skipped (not reassembled)\n", rp->skipped[MD_SKIP_FRAGMENT]);
}

static int cmp_num(const void *x, const void *y)
{
    const md_sess *a = *(md_sess *const *)x, *b = *(md_sess *const *)y;
    return a->num < b->num ? -1 : a->num > b->num;
}

/* Standard output is written by one thread only: stdio's per-call locking is measurable in the -V hot path
 * (the text sink makes many small writes), so mapidump takes the lock over; a large buffer keeps write(2)
 * calls few. */
static void fast_stdout(void)
{
    static char buf[1 << 20];
    static int done;
    if (done++)
        return; /* setvbuf only before the first output */
    setvbuf(stdout, buf, _IOFBF, sizeof buf);
    __fsetlocking(stdout, FSETLOCKING_BYCALLER);
}

static int same_file(const char *a, const char *b)
{
    struct stat sa, sb;
    return strcmp(b, "-") != 0 && stat(a, &sa) == 0 && stat(b, &sb) == 0 && sa.st_dev == sb.st_dev &&
           sa.st_ino == sb.st_ino;
}

/* An output file that is also an input would be emptied before it is read: refused, naming both options. */
static int output_is_input(const md_options *o, const char *out, const char *opt)
{
    const char *in = same_file(out, o->capture) ? "the capture" : NULL;
    for (int i = 0; !in && i < o->nkeylogs; i++)
        if (same_file(out, o->keylogs[i]))
            in = "a key log (-k)";
    if (in)
        fprintf(stderr, "mapidump: %s: the %s file is %s; give another file name\n", out, opt, in);
    return in != NULL;
}

int md_capture_run(const md_options *o)
{
    static md_app app;
    static md_run run;
    md_app *a = &app;
    memset(a, 0, sizeof *a);
    memset(&run, 0, sizeof run);
    current_run = &run;
    run.app = a;
    run.capture_name = o->capture;
    a->o = o;
    fast_stdout();
    a->out = stdout;
    a->filtered = o->session_filter || o->type_filter != MH_RT_UNKNOWN || o->rop_filter >= 0;
    md_keylog_init(&a->keys);
    a->tls = calloc(1, sizeof *a->tls);
    if (!a->tls) {
        fprintf(stderr, "mapidump: out of memory\n");
        return 2;
    }
    a->tls->keys = &a->keys;
    int status = 2;
    char err[600];
    for (int i = 0; i < o->nkeylogs; i++) {
        unsigned long before = a->keys.lines;
        if (!md_keylog_add_file(&a->keys, o->keylogs[i], err, sizeof err)) {
            fprintf(stderr, "mapidump: %s\n", err);
            goto out_keys;
        }
        /* said now, not only in the no-key line at the end: an empty file usually means the
         * SSLKEYLOGFILE variable did not reach the client, and the whole run would be wasted */
        if (a->keys.lines == before && !o->quiet)
            fprintf(stderr, "mapidump: %s: the key log holds no secrets (it is empty or only comments); "
                            "was SSLKEYLOGFILE set for the client that made this capture?\n",
                    o->keylogs[i]);
    }
    if ((o->tls_debug && output_is_input(o, o->tls_debug, "--tls-debug")) ||
        (o->export_bodies && output_is_input(o, o->export_bodies, "--export-bodies")))
        goto out_keys;
    if (o->tls_debug) {
        a->tls->debug = fopen(o->tls_debug, "w");
        if (!a->tls->debug) {
            fprintf(stderr, "mapidump: %s: cannot write the --tls-debug file: %s\n", o->tls_debug, strerror(errno));
            goto out_keys;
        }
        fprintf(a->tls->debug, "key logs: %lu lines, %lu secrets used, %lu of other kinds, for %zu client randoms\n",
                a->keys.lines, a->keys.used, a->keys.ignored, a->keys.n);
    }
    if (o->export_bodies) {
        a->bodies = fopen(o->export_bodies, "w");
        if (!a->bodies) {
            fprintf(stderr, "mapidump: %s: cannot write the --export-bodies file: %s\n", o->export_bodies,
                    strerror(errno));
            goto out_debug;
        }
    }
    md_pcapin in;
    int not_capture;
    if (!md_pcapin_open(&in, o->capture, dsb_secrets, &run, &not_capture)) {
        fprintf(stderr, "mapidump: %s: %s\n", strcmp(o->capture, "-") ? o->capture : "standard input", in.err);
        goto out_debug;
    }
    if (!md_link_supported(in.linktype)) {
        fprintf(stderr, "mapidump: %s: link type %s is not supported (Ethernet, Linux cooked, raw IP and BSD "
                        "loopback are)\n", o->capture, md_link_name(in.linktype));
        md_pcapin_close(&in);
        goto out_debug;
    }
    if (!md_flows_init(&run.flows, o->max_flows)) {
        fprintf(stderr, "mapidump: out of memory\n");
        md_pcapin_close(&in);
        goto out_debug;
    }
    run.tcp.max_ring = o->max_flow_buffer;
    run.tcp.ev = &tcp_events;
    md_sessions_init(&a->sessions, o->max_sessions, o->sessions ? o->max_timeline : 0);
    mh_arena_init(&a->arena, 0);
    mh_text_sink_init(&a->text, stdout, 1);
    mh_json_sink_init(&a->json, stdout, NULL);
    mh_null_sink_init(&a->null);
    a->mem = o->rop_filter >= 0 ? md_memout_open(&a->membuf) : NULL;

    md_progress prog;
    md_progress_init(&prog, o->progress, in.size);
    struct pcap_pkthdr *h;
    const uint8_t *data;
    uint64_t next_expire = 0;
    int r;
    while ((r = md_pcapin_next(&in, &h, &data)) == 1) {
        uint64_t ts = (uint64_t)h->ts.tv_sec * 1000000u + (uint64_t)h->ts.tv_usec;
        if (ts > a->now_us)
            a->now_us = ts; /* capture time never runs backwards for timeouts */
        if ((in.packets & 1023) == 0)
            md_progress_update(&prog, in.bytes_read);
        const uint8_t *ip;
        size_t iplen;
        md_segment seg;
        md_skip why = md_link_decode(in.linktype, data, h->caplen, &ip, &iplen);
        if (why == MD_SKIP_NONE)
            why = md_ip_decode(ip, iplen, &seg);
        if (why != MD_SKIP_NONE) {
            a->rep.skipped[why]++;
            continue;
        }
        seg.ts_us = ts;
        segment(&run, &seg);
        if (a->now_us >= next_expire) {
            expire(&run, a->now_us);
            next_expire = a->now_us + EXPIRE_EVERY_US;
        }
    }
    md_progress_end(&prog);
    int truncated = r < 0;
    /* the end: every connection is flushed, every open session ends */
    while (run.flows.oldest)
        end_flow(&run, run.flows.oldest);
    if (a->sessions.n)
        qsort(a->sessions.s, a->sessions.n, sizeof *a->sessions.s, cmp_num);
    for (size_t i = 0; i < a->sessions.n; i++)
        md_mapi_session_done(a, a->sessions.s[i]);
    a->sessions.n = 0;
    int write_error = fflush(stdout) != 0 || ferror(stdout);
    if (truncated) {
        fprintf(stderr, "mapidump: %s: the capture is cut short after %" PRIu64 " packets (%s); decoded what was there\n",
                strcmp(o->capture, "-") ? o->capture : "standard input", in.packets, in.err);
        a->problems = 1;
    }
    if (!o->quiet)
        print_report(a, &in);
    if (write_error) {
        fprintf(stderr, "mapidump: standard output: write error\n");
        status = 2;
    } else {
        status = a->problems ? 1 : 0;
    }
    free(a->sessions.s);
    md_flows_free(&run.flows);
    mh_arena_free(&a->arena);
    if (a->mem)
        fclose(a->mem);
    md_buf_free(&a->membuf);
    md_pcapin_close(&in);
out_debug:
    if (a->bodies && fclose(a->bodies) != 0 && status != 2) {
        fprintf(stderr, "mapidump: %s: write error\n", o->export_bodies);
        status = 2;
    }
    if (a->tls->debug)
        fclose(a->tls->debug);
out_keys:
    md_keylog_free(&a->keys);
    free(a->tls);
    return status;
}
