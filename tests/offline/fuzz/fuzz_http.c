/* Fuzz harness for the HTTP/1.1 parser (offline/http.c): the input is split into chunks (sizes taken
 * from the input) fed to one direction, with gaps (exact and not) in between, then the end of the stream. */
#include <string.h>

#include "fuzz.h"
#include "http.h"

static int on_headers(void *arg, int dir, md_http_msg *m)
{
    (void)arg;
    (void)dir;
    return (m->nhdr & 1 ? MD_HTTP_KEEP_BODY : 0) | (m->nhdr % 3 == 0 ? MD_HTTP_WATCH_DONE : 0) |
           (m->is_response && m->nhdr % 5 == 4 ? MD_HTTP_NO_BODY : 0);
}

static void on_message(void *arg, int dir, md_http_msg *m, const uint8_t *body, size_t n, int complete)
{
    (void)arg, (void)dir, (void)complete;
    volatile uint8_t sink = 0;
    for (size_t i = 0; i < m->nhdr; i++)
        sink ^= (uint8_t)(m->hdr[i].name[0] ^ (m->hdr[i].value_len ? m->hdr[i].value[0] : 0));
    for (size_t i = 0; i < n; i += 97)
        sink ^= body[i];
    (void)sink;
}

static void on_error(void *arg, int dir, const char *why)
{
    (void)arg, (void)dir, (void)why;
}

static const md_http_events ev = { on_headers, on_message, on_error, NULL };

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 2)
        return 0;
    md_http h;
    md_http_init(&h, &ev, NULL, 0, 4096, data[0] & 1);
    size_t pos = 1;
    while (pos < size) {
        size_t n = 1 + data[pos] % 64;
        if (data[pos] == 0xFF) /* a gap */
            md_http_gap(&h, 1 + data[pos] % 7, data[pos] & 1);
        pos++;
        if (n > size - pos)
            n = size - pos;
        md_http_feed(&h, data + pos, n, pos);
        pos += n;
    }
    md_http_end(&h, pos);
    md_http_free(&h);
    return 0;
}
