/*
 * The HTTP/1.1 parser (offline/http.c) against RFC 9112: every stream is fed whole, byte by byte and split
 * at every position, and must give the same messages. Cases: Content-Length bodies and keep-alive (6.3),
 * chunked with extensions and trailer fields (7.1), interim 1xx and bodyless 204/304 and HEAD responses
 * (6.3 rules 1-2), read-until-close (6.3 rule 8), strictness (bare LF, obs-fold, space before the colon,
 * conflicting Content-Length: errors), bounds, and recovery after a gap or an error.
 */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "http.h"

#define MAXMSG 16

typedef struct {
    int n;
    int is_response[MAXMSG], status[MAXMSG], complete[MAXMSG];
    char body[MAXMSG][256];
    size_t body_len[MAXMSG];
    char first_header[MAXMSG][64];
    int errors;
    int head_next;   /* the next response answers a HEAD */
    int keep;
    int lost;        /* messages begun and lost in a gap */
} rec;

static int on_headers(void *arg, int dir, md_http_msg *m)
{
    rec *r = arg;
    (void)dir;
    int flags = r->keep ? MD_HTTP_KEEP_BODY : 0;
    if (m->is_response && r->head_next) {
        r->head_next = 0;
        flags |= MD_HTTP_NO_BODY;
    }
    return flags;
}

static void on_message(void *arg, int dir, md_http_msg *m, const uint8_t *body, size_t n, int complete)
{
    rec *r = arg;
    (void)dir;
    if (r->n == MAXMSG)
        return;
    int i = r->n++;
    r->is_response[i] = m->is_response;
    r->status[i] = m->status;
    r->complete[i] = complete;
    r->body_len[i] = n;
    memcpy(r->body[i], body ? (const char *)body : "", n < 255 ? n : 255);
    r->body[i][n < 255 ? n : 255] = 0;
    if (m->nhdr)
        snprintf(r->first_header[i], sizeof r->first_header[i], "%.*s=%.*s", (int)m->hdr[0].name_len,
                 m->hdr[0].name, (int)m->hdr[0].value_len, m->hdr[0].value);
}

static void on_error(void *arg, int dir, const char *why)
{
    (void)dir;
    if (getenv("TEST_HTTP_VERBOSE"))
        fprintf(stderr, "  error: %s\n", why);
    ((rec *)arg)->errors++;
}

static void on_lost(void *arg, int dir)
{
    (void)dir;
    ((rec *)arg)->lost++;
}

static const md_http_events ev = { on_headers, on_message, on_error, on_lost };

/* Feeds s in pieces of `step` bytes (0: whole); `split` > 0: in two pieces at that offset. */
static rec parse(const char *s, size_t step, size_t split, int end, int midstream)
{
    rec r;
    memset(&r, 0, sizeof r);
    r.keep = 1;
    md_http h;
    md_http_init(&h, &ev, &r, 0, 1 << 20, midstream);
    size_t n = strlen(s);
    if (split) {
        md_http_feed(&h, (const uint8_t *)s, split, 1);
        md_http_feed(&h, (const uint8_t *)s + split, n - split, 2);
    } else if (step) {
        for (size_t i = 0; i < n; i += step)
            md_http_feed(&h, (const uint8_t *)s + i, n - i < step ? n - i : step, 1);
    } else {
        md_http_feed(&h, (const uint8_t *)s, n, 1);
    }
    if (end)
        md_http_end(&h, 3);
    md_http_free(&h);
    return r;
}

static int same(const rec *a, const rec *b)
{
    if (a->n != b->n || a->errors != b->errors)
        return 0;
    for (int i = 0; i < a->n; i++)
        if (a->status[i] != b->status[i] || a->complete[i] != b->complete[i] || a->body_len[i] != b->body_len[i] ||
            strcmp(a->body[i], b->body[i]) || strcmp(a->first_header[i], b->first_header[i]))
            return 0;
    return 1;
}

/* Whole, byte by byte, and every two-piece split give the same result; returns the whole-stream one. */
static rec parse_all_ways(const char *s, int end)
{
    rec whole = parse(s, 0, 0, end, 0);
    rec bytes = parse(s, 1, 0, end, 0);
    CHECK(same(&whole, &bytes));
    int splits_ok = 1;
    for (size_t k = 1; k < strlen(s); k++) {
        rec x = parse(s, 0, k, end, 0);
        splits_ok &= same(&whole, &x);
    }
    CHECK(splits_ok);
    return whole;
}

static void content_length_keep_alive(void)
{
    rec r = parse_all_ways("POST /mapi/emsmdb/ HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\nhello"
                           "POST /x HTTP/1.1\r\nContent-Length: 3\r\n\r\nabc"
                           "GET / HTTP/1.1\r\nHost: b\r\n\r\n",
                           0);
    CHECK_EQ(r.n, 3);
    CHECK_STR(r.body[0], "hello");
    CHECK_STR(r.first_header[0], "Host=a");
    CHECK_STR(r.body[1], "abc");
    CHECK_EQ(r.body_len[2], 0);
    CHECK_EQ(r.errors, 0);
}

static void chunked_with_extensions_and_trailers(void)
{
    rec r = parse_all_ways("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                           "5;name=\"va;lue\"\r\nhello\r\n"
                           "A\r\n, world!!!\r\n"
                           "0\r\nX-Trailer: yes\r\nOther: 1\r\n\r\n"
                           "HTTP/1.1 204 No Content\r\nContent-Length: 99\r\n\r\n"
                           "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok",
                           0);
    CHECK_EQ(r.n, 3);
    CHECK_STR(r.body[0], "hello, world!!!");
    CHECK_EQ(r.complete[0], 1);
    CHECK_EQ(r.status[1], 204);
    CHECK_EQ(r.body_len[1], 0); /* 204 never has a body, whatever Content-Length says */
    CHECK_STR(r.body[2], "ok");
    CHECK_EQ(r.errors, 0);
}

static void interim_and_bodyless(void)
{
    rec r = parse_all_ways("HTTP/1.1 100 Continue\r\n\r\n"
                           "HTTP/1.1 304 Not Modified\r\nContent-Length: 10\r\n\r\n"
                           "HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nx",
                           0);
    CHECK_EQ(r.n, 3);
    CHECK_EQ(r.status[0], 100);
    CHECK_EQ(r.status[1], 304);
    CHECK_STR(r.body[2], "x");
}

static void head_response(void)
{
    rec r;
    memset(&r, 0, sizeof r);
    r.keep = 1;
    r.head_next = 1;
    md_http h;
    md_http_init(&h, &ev, &r, 0, 1024, 0);
    const char *s = "HTTP/1.1 200 OK\r\nContent-Length: 1234\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nhi";
    md_http_feed(&h, (const uint8_t *)s, strlen(s), 1);
    md_http_free(&h);
    CHECK_EQ(r.n, 2);
    CHECK_EQ(r.body_len[0], 0);
    CHECK_EQ(r.body_len[1], 2);
}

static void read_until_close(void)
{
    rec r = parse_all_ways("HTTP/1.0 200 OK\r\nServer: x\r\n\r\nall of this until the end", 1);
    CHECK_EQ(r.n, 1);
    CHECK_STR(r.body[0], "all of this until the end");
    CHECK_EQ(r.complete[0], 1);
}

static void cut_short(void)
{
    rec r = parse("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc", 0, 0, 1, 0);
    CHECK_EQ(r.n, 1);
    CHECK_EQ(r.complete[0], 0);
    CHECK_STR(r.body[0], "abc");
}

static void strict(void)
{
    static const char *bad[] = {
        "GET / HTTP/1.1\nHost: a\r\n\r\n",                       /* bare LF */
        "GET / HTTP/1.1\r\nHost: a\r\n folded\r\n\r\n",          /* obs-fold */
        "GET / HTTP/1.1\r\nHost : a\r\n\r\n",                    /* space before the colon */
        "POST / HTTP/1.1\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\nabcd", /* conflicting lengths */
        "POST / HTTP/1.1\r\nContent-Length: -3\r\n\r\n",         /* not a length */
        "GET / HTTP/2.0\r\n\r\n",                                /* not HTTP/1.x */
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", /* not a chunk size */
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n12345678901234567\r\n", /* 17 hex digits */
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n1\r\nab\r\n", /* data not followed by CRLF */
        "HTTP/1.1 200 OK\r\nX: a\x01b\r\n\r\n",                  /* control character */
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        rec r = parse(bad[i], 0, 0, 0, 0);
        if (r.errors == 0)
            fprintf(stderr, "no error for case %zu\n", i);
        CHECK(r.errors >= 1);
    }
    /* Content-Length as a list of equal values is allowed (RFC 9110 8.6) */
    rec r = parse("POST / HTTP/1.1\r\nContent-Length: 3, 3\r\n\r\nabc", 0, 0, 0, 0);
    CHECK_EQ(r.errors, 0);
    CHECK_STR(r.body[0], "abc");
}

static void bounds(void)
{
    size_t n = 70000;
    char *s = malloc(n + 64);
    strcpy(s, "GET / HTTP/1.1\r\nX-Long: ");
    size_t at = strlen(s);
    memset(s + at, 'a', n);
    strcpy(s + at + n, "\r\n\r\n");
    rec r = parse(s, 4096, 0, 0, 0);
    CHECK_EQ(r.n, 0);
    CHECK(r.errors >= 1); /* a header block over 64 KiB */
    free(s);
}

static void recovery(void)
{
    /* after an error the parser looks for the next start line, also one that follows binary bytes */
    rec r = parse("GET / HTTP/1.1\nbroken\r\n\x01\x02binary POST /b HTTP/1.1\r\nContent-Length: 1\r\n\r\nz", 0, 0, 0, 0);
    CHECK_EQ(r.errors, 1);
    CHECK_EQ(r.n, 1);
    CHECK_STR(r.body[0], "z");
    /* a capture that starts in the middle of a body */
    r = parse("dy of something\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok", 0, 0, 0, 1);
    CHECK_EQ(r.n, 1);
    CHECK_STR(r.body[0], "ok");
    CHECK_EQ(r.errors, 0);
}

/* Feeds a, then an exact gap of `gap` bytes, then b. */
static rec parse_with_gap(const char *a, uint64_t gap, const char *b)
{
    rec r;
    memset(&r, 0, sizeof r);
    r.keep = 1;
    md_http h;
    md_http_init(&h, &ev, &r, 0, 1024, 0);
    md_http_feed(&h, (const uint8_t *)a, strlen(a), 1);
    md_http_gap(&h, gap, 1);
    md_http_feed(&h, (const uint8_t *)b, strlen(b), 2);
    md_http_free(&h);
    return r;
}

static void gap_in_body(void)
{
    /* an exact gap inside a Content-Length body: the message ends where its length says (incomplete), and
     * the next one is parsed normally */
    rec r = parse_with_gap("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc", 5,
                           "ijHTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nq");
    CHECK_EQ(r.n, 2);
    CHECK_EQ(r.lost, 0);
    CHECK_EQ(r.complete[0], 0);
    CHECK_STR(r.body[0], "abc");
    CHECK_EQ(r.complete[1], 1);
    CHECK_STR(r.body[1], "q");
}

static void gap_in_header_block(void)
{
    /* a gap inside a header block: that message is lost (the owner is told, so that a response does not
     * leave its request waiting for the next one), the parser resumes at the next start line */
    rec r = parse_with_gap("HTTP/1.1 200 OK\r\nContent-Le", 3,
                           "th: 1\r\n\r\n\001HTTP/1.1 302 Found\r\nContent-Length: 1\r\n\r\nq");
    CHECK_EQ(r.lost, 1);
    CHECK_EQ(r.n, 1);
    CHECK_EQ(r.status[0], 302);
    CHECK_STR(r.body[0], "q");
    CHECK_EQ(r.errors >= 1, 1);
}

int main(void)
{
    RUN(content_length_keep_alive);
    RUN(chunked_with_extensions_and_trailers);
    RUN(interim_and_bodyless);
    RUN(head_response);
    RUN(read_until_close);
    RUN(cut_short);
    RUN(strict);
    RUN(bounds);
    RUN(recovery);
    RUN(gap_in_body);
    RUN(gap_in_header_block);
    return check_report();
}
