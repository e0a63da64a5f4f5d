/*
 * HTTP/1.1 parser (see http.h). Grammar from RFC 9112: start-line = request-line / status-line (3, 4),
 * field-line = field-name ":" OWS field-value OWS with field-name a token (5; RFC 9110 5.6.2 tchar),
 * obs-fold rejected (5.2), CRLF line ends (2.2; a bare CR or LF is an error), chunked-body (7.1):
 * chunk-size (1*HEXDIG) [chunk-ext] CRLF chunk-data CRLF, last-chunk, trailer-section, CRLF.
 */
#include "http.h"

#include <stdint.h>
#include <string.h>

enum { S_IDLE, S_HEAD, S_LEN, S_EOF, S_CHUNK_LINE, S_CHUNK_DATA, S_CHUNK_CRLF, S_TRAILER, S_RESYNC, S_DEAD };

#define KEEP_AFTER ((size_t)1 << 20) /* buffers larger than this are given back between messages */
#define MAX_LEADING_CRLF 8
#define RESYNC_FLAG 0x100            /* internal: the current message is known to be damaged */

static int is_tchar(unsigned char c)
{
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
        return 1;
    return c && strchr("!#$%&'*+-.^_`|~", c) != NULL;
}

static int is_digit(unsigned char c) { return c >= '0' && c <= '9'; }

/* field-vchar, SP, HTAB, obs-text */
static int is_value_char(unsigned char c) { return c == '\t' || (c >= 0x20 && c != 0x7F); }

static int ieq(const char *a, size_t n, const char *lit)
{
    size_t m = strlen(lit);
    if (n != m)
        return 0;
    for (size_t i = 0; i < n; i++) {
        char x = a[i], y = lit[i];
        if (x >= 'A' && x <= 'Z')
            x = (char)(x - 'A' + 'a');
        if (y >= 'A' && y <= 'Z')
            y = (char)(y - 'A' + 'a');
        if (x != y)
            return 0;
    }
    return 1;
}

static int http_version(const char *s, size_t n, int *minor)
{
    if (n != 8 || memcmp(s, "HTTP/1.", 7) != 0 || (s[7] != '0' && s[7] != '1'))
        return 0;
    *minor = s[7] - '0';
    return 1;
}

/* Parses a start line (without CRLF) into m. `known_method`: accept only common methods (resync). */
static int start_line(const char *s, size_t n, md_http_msg *m, int known_method)
{
    memset(m, 0, offsetof(md_http_msg, hdr));
    m->nhdr = 0;
    if (n >= 5 && memcmp(s, "HTTP/", 5) == 0) {
        if (n < 12 || !http_version(s, 8, &m->minor) || s[8] != ' ' || !is_digit((unsigned char)s[9]) ||
            !is_digit((unsigned char)s[10]) || !is_digit((unsigned char)s[11]))
            return 0;
        if (n > 12 && s[12] != ' ')
            return 0;
        for (size_t i = 13; i < n; i++)
            if (!is_value_char((unsigned char)s[i]))
                return 0;
        m->is_response = 1;
        m->status = (s[9] - '0') * 100 + (s[10] - '0') * 10 + (s[11] - '0');
        m->reason = n > 13 ? s + 13 : s + n;
        m->reason_len = n > 13 ? n - 13 : 0;
        return 1;
    }
    size_t i = 0;
    while (i < n && is_tchar((unsigned char)s[i]))
        i++;
    if (i == 0 || i >= n || s[i] != ' ')
        return 0;
    if (known_method) {
        static const char *const methods[] = { "GET", "POST", "PUT", "HEAD", "DELETE", "OPTIONS", "PATCH",
                                               "CONNECT", "TRACE", "RPC_IN_DATA", "RPC_OUT_DATA" };
        int ok = 0;
        for (size_t k = 0; k < sizeof methods / sizeof methods[0]; k++)
            ok |= strlen(methods[k]) == i && memcmp(methods[k], s, i) == 0;
        if (!ok)
            return 0;
    }
    m->method = s;
    m->method_len = i;
    size_t t = ++i;
    while (i < n && s[i] != ' ') {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x21 || c == 0x7F)
            return 0;
        i++;
    }
    if (i == t || i >= n)
        return 0;
    m->target = s + t;
    m->target_len = i - t;
    return http_version(s + i + 1, n - i - 1, &m->minor);
}

/* Where in a line (without its CRLF) a start line begins, or SIZE_MAX. The line may begin with the end of
 * a body that had no line end of its own (binary MAPI bodies), so every suffix that starts with an
 * upper-case letter is tried. */
static size_t start_line_suffix(const uint8_t *p, size_t n)
{
    md_http_msg probe;
    for (size_t i = 0; i + 12 <= n; i++)
        if (p[i] >= 'A' && p[i] <= 'Z' && (i == 0 || !is_tchar(p[i - 1])) &&
            start_line((const char *)p + i, n - i, &probe, 1))
            return i;
    return SIZE_MAX;
}

static const mh_header *find(const md_http_msg *m, const char *name, size_t from, size_t *at)
{
    for (size_t i = from; i < m->nhdr; i++)
        if (ieq(m->hdr[i].name, m->hdr[i].name_len, name)) {
            if (at)
                *at = i;
            return &m->hdr[i];
        }
    return NULL;
}

/* Content-Length: 1*DIGIT, or a list of equal values (RFC 9110 8.6). */
static int content_length(const md_http_msg *m, uint64_t *out, int *present)
{
    *present = 0;
    size_t at = 0;
    const mh_header *h;
    uint64_t value = 0;
    while ((h = find(m, "Content-Length", at, &at)) != NULL) {
        at++;
        size_t i = 0;
        while (i < h->value_len) {
            while (i < h->value_len && (h->value[i] == ' ' || h->value[i] == '\t' || h->value[i] == ','))
                i++;
            if (i == h->value_len)
                break;
            uint64_t v = 0;
            size_t d = 0;
            while (i < h->value_len && is_digit((unsigned char)h->value[i])) {
                if (v > ((uint64_t)1 << 56))
                    return 0;
                v = v * 10 + (uint64_t)(h->value[i] - '0');
                i++;
                d++;
            }
            if (!d || (i < h->value_len && h->value[i] != ',' && h->value[i] != ' ' && h->value[i] != '\t'))
                return 0;
            if (*present && v != value)
                return 0;
            value = v;
            *present = 1;
        }
    }
    *out = value;
    return 1;
}

/* Transfer-Encoding: 1 chunked last, 0 absent, -1 another coding last, -2 chunked last with another
 * coding under it (the framing is known, the body cannot be handed on decoded). */
static int transfer_coding(const md_http_msg *m)
{
    size_t at = 0;
    const mh_header *h;
    int any = 0, last_chunked = 0, other = 0;
    while ((h = find(m, "Transfer-Encoding", at, &at)) != NULL) {
        at++;
        size_t i = 0;
        while (i < h->value_len) {
            while (i < h->value_len && (h->value[i] == ' ' || h->value[i] == '\t' || h->value[i] == ','))
                i++;
            size_t s = i;
            while (i < h->value_len && h->value[i] != ',' && h->value[i] != ';')
                i++;
            size_t e = i;
            while (e > s && (h->value[e - 1] == ' ' || h->value[e - 1] == '\t'))
                e--;
            while (i < h->value_len && h->value[i] != ',')
                i++; /* transfer parameters */
            if (e == s)
                continue;
            any = 1;
            last_chunked = ieq(h->value + s, e - s, "chunked");
            other |= !last_chunked;
        }
    }
    if (!any)
        return 0;
    if (!last_chunked)
        return -1;
    return other ? -2 : 1;
}

static void reset_message(md_http *h)
{
    h->flags = 0;
    h->body.len = 0;
    h->meta_scan = 0;
    h->meta_over = 0;
    h->remaining = 0;
}

static void deliver(md_http *h, int complete)
{
    if (h->flags & RESYNC_FLAG)
        complete = 0;
    h->ev->message(h->arg, h->dir, &h->msg, h->body.p, h->body.len, complete);
    h->messages++;
    int tunnel = h->flags & MD_HTTP_TUNNEL;
    md_buf_reset(&h->body, KEEP_AFTER);
    md_buf_reset(&h->hdr, KEEP_AFTER);
    reset_message(h);
    h->leading_crlf = 0;
    h->state = tunnel ? S_DEAD : S_IDLE;
}

static void to_resync(md_http *h)
{
    reset_message(h);
    h->hdr.len = 0;
    h->line.len = 0;
    h->discarding = 0;
    h->state = S_RESYNC;
}

static void error(md_http *h, const char *why)
{
    h->ev->error(h->arg, h->dir, why);
    if (h->state != S_DEAD)
        to_resync(h);
}

/* DONE watch ([MS-OXCMAPIHTTP] 2.2.7): the body starts with PROCESSING / PENDING lines, then DONE. */
static void watch_done(md_http *h, uint64_t ts)
{
    while (!h->meta_over && h->meta_scan < h->body.len) {
        const uint8_t *s = h->body.p + h->meta_scan;
        const uint8_t *nl = memchr(s, '\n', h->body.len - h->meta_scan);
        if (!nl)
            return;
        size_t len = (size_t)(nl - s);
        if (len && s[len - 1] == '\r')
            len--;
        h->meta_scan += (size_t)(nl - s) + 1;
        if (len == 4 && memcmp(s, "DONE", 4) == 0) {
            h->msg.done_us = ts;
            h->meta_over = 1;
        } else if (!(len == 10 && memcmp(s, "PROCESSING", 10) == 0) && !(len == 7 && memcmp(s, "PENDING", 7) == 0)) {
            h->meta_over = 1;
        }
    }
}

static void body_bytes(md_http *h, const uint8_t *p, size_t n, uint64_t ts)
{
    h->msg.body_total += n;
    if (!(h->flags & MD_HTTP_KEEP_BODY) || h->msg.body_cut)
        return;
    size_t room = h->max_body - h->body.len;
    size_t take = n < room ? n : room;
    if (!md_buf_append(&h->body, p, take, h->max_body) || take < n)
        h->msg.body_cut = 1;
    if (h->flags & MD_HTTP_WATCH_DONE)
        watch_done(h, ts);
}

/* A field line (without CRLF) into the message's header array. */
static const char *field_line(md_http_msg *m, const char *s, size_t n, int store)
{
    if (n && (s[0] == ' ' || s[0] == '\t'))
        return "obsolete line folding in a header field";
    size_t i = 0;
    while (i < n && is_tchar((unsigned char)s[i]))
        i++;
    if (i == n || s[i] != ':')
        return i < n && (s[i] == ' ' || s[i] == '\t') ? "whitespace between a header field name and its colon"
                                                       : "a header line that is not name: value";
    if (i == 0)
        return "an empty header field name";
    size_t v = i + 1, e = n;
    for (size_t k = v; k < n; k++)
        if (!is_value_char((unsigned char)s[k]))
            return "a control character in a header field value";
    while (v < e && (s[v] == ' ' || s[v] == '\t'))
        v++;
    while (e > v && (s[e - 1] == ' ' || s[e - 1] == '\t'))
        e--;
    if (!store)
        return NULL;
    if (m->nhdr == MD_HTTP_MAX_HEADERS)
        return "more than 128 header fields";
    mh_header *h = &m->hdr[m->nhdr++];
    h->name = s;
    h->name_len = i;
    h->value = s + v;
    h->value_len = e - v;
    return NULL;
}

/* The header block is complete in h->hdr. */
static void head_done(md_http *h, uint64_t ts)
{
    const char *s = (const char *)h->hdr.p;
    size_t n = h->hdr.len - 2; /* the empty line's CRLF */
    const char *eol = memchr(s, '\r', n);
    size_t sl = eol ? (size_t)(eol - s) : n;
    uint64_t start = h->msg.start_us;
    if (!start_line(s, sl, &h->msg, 0)) {
        error(h, "not an HTTP/1.x start line");
        return;
    }
    h->msg.start_us = start ? start : ts;
    size_t pos = sl + 2;
    while (pos < n) {
        const char *line = s + pos;
        const char *e = memchr(line, '\r', n - pos);
        size_t len = e ? (size_t)(e - line) : n - pos;
        const char *why = field_line(&h->msg, line, len, 1);
        if (why) {
            error(h, why);
            return;
        }
        pos += len + 2;
    }
    md_http_msg *m = &h->msg;
    h->flags = h->ev->headers(h->arg, h->dir, m);
    if (h->state == S_DEAD)
        return;
    if (m->is_response && m->status == 101)
        h->flags |= MD_HTTP_TUNNEL | MD_HTTP_NO_BODY;
    if (m->is_response && ((m->status >= 100 && m->status < 200) || m->status == 204 || m->status == 304))
        h->flags |= MD_HTTP_NO_BODY;
    if (h->flags & MD_HTTP_NO_BODY) {
        deliver(h, 1);
        return;
    }
    int te = transfer_coding(m);
    uint64_t cl = 0;
    int has_cl = 0;
    if (te == 0 && !content_length(m, &cl, &has_cl)) {
        error(h, "an invalid Content-Length");
        return;
    }
    if (te == 1 || te == -2) {
        if (te == -2)
            h->flags &= ~MD_HTTP_KEEP_BODY; /* another coding under the chunks: not decoded here */
        m->chunked = 1;
        h->line.len = 0;
        h->state = S_CHUNK_LINE;
    } else if (te == -1) {
        if (!m->is_response) {
            error(h, "a request whose last transfer coding is not chunked");
            return;
        }
        h->flags &= ~MD_HTTP_KEEP_BODY;
        h->state = S_EOF;
    } else if (has_cl) {
        h->remaining = cl;
        h->state = S_LEN;
        if (cl == 0)
            deliver(h, 1);
    } else if (!m->is_response) {
        deliver(h, 1);
    } else {
        h->state = S_EOF;
    }
}

/* Accumulates a line (up to LF) into h->line; returns 1 with the line complete (CRLF removed), 0 when
 * more bytes are needed, -1 on a bare LF or an over-long line. *used: bytes taken from p. */
static int take_line(md_http *h, const uint8_t *p, size_t n, size_t *used, size_t max)
{
    const uint8_t *nl = memchr(p, '\n', n);
    size_t k = nl ? (size_t)(nl - p) + 1 : n;
    *used = k;
    if (h->line.len + k > max || !md_buf_append(&h->line, p, k, max))
        return -1;
    if (!nl)
        return 0;
    if (h->line.len < 2 || h->line.p[h->line.len - 2] != '\r')
        return -1;
    h->line.len -= 2;
    return 1;
}

static int chunk_size(md_http *h, uint64_t *size)
{
    const char *s = (const char *)h->line.p;
    size_t n = h->line.len, i = 0;
    uint64_t v = 0;
    while (i < n) {
        char c = s[i];
        int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
        if (d < 0)
            break;
        if (i == 15)
            return 0; /* 16 hex digits and more: too large */
        v = v << 4 | (uint64_t)d;
        i++;
    }
    if (i == 0)
        return 0;
    while (i < n && (s[i] == ' ' || s[i] == '\t'))
        i++;
    if (i < n && s[i] != ';')
        return 0;
    for (; i < n; i++) /* chunk-ext: ; name [= token / quoted-string], not interpreted */
        if (!is_value_char((unsigned char)s[i]))
            return 0;
    *size = v;
    return 1;
}

/* One step of the state machine; returns the bytes consumed. */
static size_t step(md_http *h, const uint8_t *p, size_t n, uint64_t ts)
{
    switch (h->state) {
    case S_IDLE:
        if (p[0] == '\r' || p[0] == '\n') {
            /* RFC 9112 2.2: empty lines before a request line are ignored */
            if (++h->leading_crlf > MAX_LEADING_CRLF) {
                error(h, "empty lines where a message should start");
                return 1;
            }
            return 1;
        }
        reset_message(h);
        memset(&h->msg, 0, sizeof h->msg);
        h->msg.start_us = ts;
        h->hdr.len = 0;
        h->crlf = 0;
        h->state = S_HEAD;
        return 0;
    case S_HEAD: {
        size_t i = 0;
        int done = 0;
        for (; i < n && !done; i++) {
            uint8_t c = p[i];
            if (c == '\r') {
                if (h->crlf == 1 || h->crlf == 3) {
                    error(h, "a bare CR in the header block");
                    return i + 1;
                }
                h->crlf++;
            } else if (c == '\n') {
                if (h->crlf != 1 && h->crlf != 3) {
                    error(h, "a bare LF in the header block (lines must end with CRLF)");
                    return i + 1;
                }
                h->crlf++;
                done = h->crlf == 4;
            } else {
                if (h->crlf == 1 || h->crlf == 3) {
                    error(h, "a bare CR in the header block");
                    return i + 1;
                }
                h->crlf = 0;
            }
        }
        if (!md_buf_append(&h->hdr, p, i, MD_HTTP_MAX_HEADER_BLOCK)) {
            error(h, "a header block larger than 64 KiB");
            return i;
        }
        if (done)
            head_done(h, ts);
        return i;
    }
    case S_LEN: {
        size_t k = n < h->remaining ? n : (size_t)h->remaining;
        body_bytes(h, p, k, ts);
        h->remaining -= k;
        if (!h->remaining)
            deliver(h, 1);
        return k;
    }
    case S_EOF:
        body_bytes(h, p, n, ts);
        return n;
    case S_CHUNK_LINE: {
        size_t used;
        int r = take_line(h, p, n, &used, MD_HTTP_MAX_LINE);
        if (r < 0) {
            error(h, "a chunk-size line that is malformed or longer than 4 KiB");
            return used;
        }
        if (r == 0)
            return used;
        uint64_t size;
        if (!chunk_size(h, &size)) {
            error(h, "an invalid chunk size");
            return used;
        }
        h->line.len = 0;
        if (size == 0) {
            h->trailer_bytes = 0;
            h->state = S_TRAILER;
        } else {
            h->remaining = size;
            h->state = S_CHUNK_DATA;
        }
        return used;
    }
    case S_CHUNK_DATA: {
        size_t k = n < h->remaining ? n : (size_t)h->remaining;
        body_bytes(h, p, k, ts);
        h->remaining -= k;
        if (!h->remaining) {
            h->crlf = 0;
            h->state = S_CHUNK_CRLF;
        }
        return k;
    }
    case S_CHUNK_CRLF:
        if (p[0] != (h->crlf == 0 ? '\r' : '\n')) {
            error(h, "chunk data not followed by CRLF");
            return 1;
        }
        if (++h->crlf == 2) {
            h->line.len = 0;
            h->state = S_CHUNK_LINE;
        }
        return 1;
    case S_TRAILER: {
        size_t used;
        int r = take_line(h, p, n, &used, MD_HTTP_MAX_LINE);
        h->trailer_bytes += used;
        if (r < 0 || h->trailer_bytes > MD_HTTP_MAX_TRAILERS) {
            error(h, "a trailer section that is malformed or larger than 16 KiB");
            return used;
        }
        if (r == 0)
            return used;
        if (h->line.len == 0) {
            deliver(h, 1);
            return used;
        }
        const char *why = field_line(&h->msg, (const char *)h->line.p, h->line.len, 0);
        h->line.len = 0;
        if (why)
            error(h, why);
        return used;
    }
    case S_RESYNC: {
        const uint8_t *nl = memchr(p, '\n', n);
        size_t k = nl ? (size_t)(nl - p) + 1 : n;
        h->resync_bytes += k;
        if (h->discarding) {
            h->discarding = !nl;
            return k;
        }
        if (h->line.len + k > MD_HTTP_RESYNC_LINE) {
            h->line.len = 0;
            h->discarding = !nl;
            return k;
        }
        md_buf_append(&h->line, p, k, MD_HTTP_RESYNC_LINE);
        if (!nl)
            return k;
        size_t len = h->line.len;
        size_t at = len >= 2 && h->line.p[len - 2] == '\r' ? start_line_suffix(h->line.p, len - 2) : SIZE_MAX;
        if (at != SIZE_MAX) {
            /* a message starts here: its start line begins the header block */
            reset_message(h);
            memset(&h->msg, 0, sizeof h->msg);
            h->msg.start_us = ts;
            h->hdr.len = 0;
            md_buf_append(&h->hdr, h->line.p + at, len - at, MD_HTTP_MAX_HEADER_BLOCK);
            h->crlf = 2;
            h->state = S_HEAD;
        }
        h->line.len = 0;
        return k;
    }
    default:
        return n;
    }
}

void md_http_feed(md_http *h, const uint8_t *p, size_t n, uint64_t ts)
{
    while (n && h->state != S_DEAD) {
        size_t k = step(h, p, n, ts);
        p += k;
        n -= k;
    }
}

void md_http_gap(md_http *h, uint64_t n, int exact)
{
    switch (h->state) {
    case S_LEN:
        if (exact && n < h->remaining) {
            /* the message's end is known: skip the hole, keep what came before it */
            h->msg.body_total += n;
            h->remaining -= n;
            h->flags |= RESYNC_FLAG;
            h->msg.body_cut = 1;
            return;
        }
        deliver(h, 0);
        to_resync(h);
        return;
    case S_EOF:
        h->flags |= RESYNC_FLAG;
        h->msg.body_cut = 1;
        return;
    case S_CHUNK_LINE: case S_CHUNK_DATA: case S_CHUNK_CRLF: case S_TRAILER:
        deliver(h, 0);
        to_resync(h);
        return;
    case S_HEAD:
        h->ev->error(h->arg, h->dir, "part of a header block is missing");
        if (h->ev->lost)
            h->ev->lost(h->arg, h->dir);
        to_resync(h);
        return;
    case S_IDLE: case S_RESYNC:
        to_resync(h);
        return;
    default:
        return;
    }
}

void md_http_end(md_http *h, uint64_t ts)
{
    (void)ts;
    switch (h->state) {
    case S_EOF:
        deliver(h, 1);
        break;
    case S_LEN: case S_CHUNK_LINE: case S_CHUNK_DATA: case S_CHUNK_CRLF: case S_TRAILER:
        deliver(h, 0);
        break;
    case S_HEAD:
        h->ev->error(h->arg, h->dir, "the stream ended inside a header block");
        break;
    default:
        break;
    }
    h->state = S_DEAD;
}

void md_http_init(md_http *h, const md_http_events *ev, void *arg, int dir, size_t max_body, int midstream)
{
    memset(h, 0, sizeof *h);
    h->ev = ev;
    h->arg = arg;
    h->dir = dir;
    h->max_body = max_body;
    h->state = midstream ? S_RESYNC : S_IDLE;
}

void md_http_stop(md_http *h)
{
    h->state = S_DEAD;
}

int md_http_stopped(const md_http *h)
{
    return h->state == S_DEAD;
}

void md_http_free(md_http *h)
{
    md_buf_free(&h->hdr);
    md_buf_free(&h->body);
    md_buf_free(&h->line);
}
