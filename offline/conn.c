/*
 * A connection's contents (see conn.h). The first bytes decide: a TLS record header (content type
 * 20-23, major version 3) means TLS, anything else is given to the HTTP parser, which gives up quietly
 * when the stream does not start with an HTTP message (or, for a connection whose start was not
 * captured, when none is found in its first 256 KiB).
 */
#include "conn.h"

#include <arpa/inet.h>
#include <stdlib.h>
#include <string.h>

#include "flow.h"

#define MIDSTREAM_GIVE_UP ((uint64_t)256 << 10)

static void tls_data(void *arg, int dir, const uint8_t *p, size_t n)
{
    md_conn *c = arg;
    if (c->http_on)
        md_http_feed(&c->http[dir], p, n, c->app->now_us);
}

static void tls_gap(void *arg, int dir, uint64_t n)
{
    md_conn *c = arg;
    if (c->http_on)
        md_http_gap(&c->http[dir], n, 0);
}

static void endpoint(const md_flow *f, int i, char *ip, size_t ipn, char *ep, size_t epn)
{
    char buf[INET6_ADDRSTRLEN];
    inet_ntop(f->af == 4 ? AF_INET : AF_INET6, f->addr[i], buf, sizeof buf);
    snprintf(ip, ipn, "%s", buf);
    if (f->af == 4)
        snprintf(ep, epn, "%s:%u", buf, f->port[i]);
    else
        snprintf(ep, epn, "[%s]:%u", buf, f->port[i]);
}

md_conn *md_conn_new(md_app *a, const md_flow *f)
{
    md_conn *c = calloc(1, sizeof *c);
    if (!c)
        return NULL;
    c->id = f->id;
    c->app = a;
    c->af = f->af;
    c->client_dir = -1;
    for (int i = 0; i < 2; i++) {
        endpoint(f, i, c->ip[i], sizeof c->ip[i], c->ep[i], sizeof c->ep[i]);
        c->port[i] = f->port[i];
        c->midstream[i] = !f->tcp[i].from_syn;
    }
    c->client_dir = f->client; /* the SYN's sender, when it was seen */
    a->rep.connections++;
    return c;
}

static void start_http(md_conn *c, int decrypted)
{
    for (int d = 0; d < 2; d++)
        md_http_init(&c->http[d], &md_mapi_http_events, c, d, c->app->o->max_body,
                     decrypted ? 0 : c->midstream[d]);
    c->http_on = 1;
}

/* A TLS record header: content type 20-23, version 3.x, a length within the TLS 1.2 bound. */
static int tls_header_at(const uint8_t *p, size_t n, size_t i)
{
    return i + 5 <= n && p[i] >= 20 && p[i] <= 23 && p[i + 1] == 3 && p[i + 2] <= 4 &&
           ((size_t)p[i + 3] << 8 | p[i + 4]) <= MD_TLS_MAX_CIPHERTEXT;
}

/* A connection seen from its middle may start inside a TLS record: two record headers one record
 * length apart (or one whose record runs past these bytes) say TLS; plain HTTP bodies do not chain
 * like that by chance. */
static int midstream_tls(const uint8_t *p, size_t n)
{
    for (size_t i = 0; i + 5 <= n && i < 20000; i++) {
        if (!tls_header_at(p, n, i) || p[i] != 23)
            continue;
        size_t next = i + 5 + ((size_t)p[i + 3] << 8 | p[i + 4]);
        if (next >= n || tls_header_at(p, n, next))
            return 1;
    }
    return 0;
}

/* TLS whose handshake was not captured: nothing to decrypt with; the connection is reported. */
static void tls_midstream(md_conn *c)
{
    static const md_tls_out out = { tls_data, tls_gap };
    if (c->http_on)
        for (int d = 0; d < 2; d++)
            md_http_free(&c->http[d]);
    c->http_on = 0;
    c->proto = MD_PROTO_TLS;
    md_tls_init(&c->tls, c->app->tls, c->id, &out, c);
    c->tls_on = 1;
    c->tls.status = MD_TLS_MIDSTREAM;
    snprintf(c->tls.reason, sizeof c->tls.reason, "the capture starts after the TLS handshake (no ClientHello/ServerHello)");
    c->tls.h[0].dead = c->tls.h[1].dead = 1;
}

static void decide(md_conn *c, int dir, const uint8_t *p, size_t n)
{
    int tls = n >= 2 && p[0] >= 20 && p[0] <= 23 && p[1] == 3;
    if (!tls && c->midstream[dir] && midstream_tls(p, n)) {
        tls_midstream(c);
        return;
    }
    if (tls) {
        static const md_tls_out out = { tls_data, tls_gap };
        c->proto = MD_PROTO_TLS;
        md_tls_init(&c->tls, c->app->tls, c->id, &out, c);
        c->tls_on = 1;
        start_http(c, 1);
    } else {
        c->proto = MD_PROTO_HTTP;
        start_http(c, 0);
    }
}

/* A connection that turned out not to carry HTTP: skipped from here on. */
static void not_http(md_conn *c)
{
    if (c->proto == MD_PROTO_HTTP && c->http_messages == 0)
        c->proto = MD_PROTO_OTHER;
    for (int d = 0; d < 2; d++)
        md_http_stop(&c->http[d]);
}

void md_conn_data(md_conn *c, int dir, const uint8_t *p, size_t n)
{
    if (c->proto == MD_PROTO_UNKNOWN)
        decide(c, dir, p, n);
    if (c->proto == MD_PROTO_TLS) {
        md_tls_feed(&c->tls, dir, p, n);
    } else if (c->proto == MD_PROTO_HTTP) {
        /* seen from its middle, with no HTTP message found yet: it may be TLS after all */
        if (c->http_messages == 0 && c->midstream[dir] && c->http[dir].resync_bytes < MIDSTREAM_GIVE_UP &&
            midstream_tls(p, n)) {
            tls_midstream(c);
            return;
        }
        md_http_feed(&c->http[dir], p, n, c->app->now_us);
        if (c->http_messages == 0 && c->http[dir].resync_bytes > MIDSTREAM_GIVE_UP)
            not_http(c);
    }
}

void md_conn_gap(md_conn *c, int dir, uint64_t n)
{
    if (c->proto == MD_PROTO_TLS)
        md_tls_gap(&c->tls, dir, n);
    else if (c->proto == MD_PROTO_HTTP)
        md_http_gap(&c->http[dir], n, 1);
}

void md_conn_fin(md_conn *c, int dir)
{
    if (c->http_on)
        md_http_end(&c->http[dir], c->app->now_us);
}

void md_conn_http_error(md_conn *c, int dir, const char *why)
{
    md_app *a = c->app;
    /* the first bytes of a stream from its start are not HTTP: not an HTTP connection, quietly */
    if (c->proto == MD_PROTO_HTTP && c->http_messages == 0 && !c->midstream[dir]) {
        not_http(c);
        return;
    }
    c->http_errors++;
    a->rep.http_errors++;
    a->problems = 1;
    md_report_line(a, "connection #%llu (%s %s %s): HTTP: %s", (unsigned long long)c->id,
                   c->ep[c->client_dir == 1 ? 1 : 0], dir == (c->client_dir == 1 ? 1 : 0) ? ">" : "<",
                   c->ep[c->client_dir == 1 ? 0 : 1], why);
}

static void report_tls(md_conn *c)
{
    md_app *a = c->app;
    md_tls *t = &c->tls;
    const char *client = c->ep[c->client_dir == 1 ? 1 : 0], *server = c->ep[c->client_dir == 1 ? 0 : 1];
    if (t->status == MD_TLS_DECRYPTING && (t->h[0].decrypted || t->h[1].decrypted)) {
        a->rep.tls_decrypted++;
        return;
    }
    a->rep.tls_not_decrypted++;
    a->rep.tls_no_key += t->status == MD_TLS_NO_KEY;
    a->rep.tls_failed += t->status == MD_TLS_FAILED && !t->h[0].decrypted && !t->h[1].decrypted;
    a->problems = 1;
    const char *why = t->reason[0] ? t->reason : "the TLS handshake did not finish in the capture";
    if (t->status == MD_TLS_FAILED && (t->h[0].decrypted || t->h[1].decrypted))
        md_report_line(a, "connection #%llu (%s > %s): decrypted in part, then: %s", (unsigned long long)c->id,
                       client, server, why);
    else
        md_report_line(a, "connection #%llu (%s > %s): not decrypted: %s", (unsigned long long)c->id, client, server,
                       why);
}

void md_conn_end(md_conn *c)
{
    md_app *a = c->app;
    if (c->http_on)
        for (int d = 0; d < 2; d++)
            md_http_end(&c->http[d], a->now_us);
    switch (c->proto) {
    case MD_PROTO_TLS:
        report_tls(c);
        break;
    case MD_PROTO_HTTP:
        if (c->http_messages)
            a->rep.plain_http++;
        else
            a->rep.other++;
        break;
    default:
        a->rep.other++;
        break;
    }
    if (c->tls_on)
        md_tls_free(&c->tls);
    if (c->http_on)
        for (int d = 0; d < 2; d++)
            md_http_free(&c->http[d]);
    free(c);
}
