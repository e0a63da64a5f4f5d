/*
 * The plugin's event log (dissector/wireshark/eventlog.c), without Wireshark: for every body under the
 * directories given on the command line (*.hex, as the golden tests keep them), decoding straight into
 * the JSON sink and decoding into the recorder then replaying the log into the JSON sink must print the
 * same document, byte for byte — for requests and responses of several request types, with and without
 * headers, and for request/response pairs (X.request.hex + X.response.hex) in one session. Then the replay
 * is fed damaged logs (every truncation, flipped bytes) and must stop cleanly, never read out of bounds
 * (run under AddressSanitizer in the sanitizer build).
 */
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "check.h"
#include "core/sink_text.h"
#include "mapihttp.h"
#include "record_sink.h"
#include "wireshark/eventlog.h"

static uint8_t *read_hex(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    rewind(f);
    char *hex = calloc(1, (size_t)n + 1);
    size_t got = fread(hex, 1, (size_t)n, f);
    fclose(f);
    hex[got] = 0;
    uint8_t *out = malloc(got / 2 + 1);
    *len = hex2bin(hex, out, got / 2 + 1);
    free(hex);
    return out;
}

static const mh_header sample_headers[] = {
    { "Content-Type", 12, "application/mapi-http", 21 },
    { "X-RequestId", 11, "{E2EA6C1C-E61B-49E9-9CFB-38184F907552}:7", 40 },
    { "Cookie", 6, "MapiContext=abc; MapiSequence=3; sid=42", 39 },
    { "X-ResponseCode", 14, "0", 1 },
};

typedef struct {
    int is_response;
    mh_request_type type;
    int headers;
    const uint8_t *body;
    size_t len;
} msg;

/* Decodes the messages in one session, into JSON directly or through the recorder. Returns the
 * document; `replay_failures` counts replays that did not consume their whole log. */
static char *decode(const msg *ms, size_t n, int via_log, int *replay_failures, size_t *log_bytes)
{
    char *doc = NULL;
    size_t doc_len = 0;
    FILE *f = open_memstream(&doc, &doc_len);
    mh_stream_sink js;
    mh_json_sink_init(&js, f, ",");
    mh_session sess;
    mh_session_init(&sess);
    mh_arena arena;
    mh_arena_init(&arena, 0);
    mhws_recorder rec;
    mhws_recorder_init(&rec);
    fputc('[', f);
    for (size_t i = 0; i < n; i++) {
        mh_message m = { ms[i].is_response, ms[i].type, ms[i].headers ? sample_headers : NULL,
                         ms[i].headers ? sizeof sample_headers / sizeof sample_headers[0] : 0,
                         ms[i].body, ms[i].len, 1 };
        mh_result res;
        if (!via_log) {
            mh_decode_message(&sess, &m, &js.base, &arena, &res);
            continue;
        }
        mhws_recorder_reset(&rec);
        mh_decode_message(&sess, &m, &rec.base, &arena, &res);
        CHECK(!rec.overflow);
        /* the log must not depend on the decoder's scratch memory: copy it, wipe the arena's blocks by
         * decoding something else, then replay the copy */
        uint8_t *copy = malloc(rec.len ? rec.len : 1);
        memcpy(copy, rec.buf, rec.len);
        *log_bytes += rec.len;
        memset(rec.buf, 0xEE, rec.len);
        if (mhws_log_replay(copy, rec.len, ms[i].body, ms[i].len, &js.base) != 0)
            (*replay_failures)++;
        free(copy);
    }
    fputs("]\n", f);
    fclose(f);
    mhws_recorder_free(&rec);
    mh_session_free(&sess);
    mh_arena_free(&arena);
    return doc;
}

static int compared;

static void compare(const char *what, const msg *ms, size_t n)
{
    int failures = 0;
    size_t log_bytes = 0;
    char *direct = decode(ms, n, 0, &failures, &log_bytes);
    char *replayed = decode(ms, n, 1, &failures, &log_bytes);
    CHECK_EQ(failures, 0);
    if (strcmp(direct, replayed) != 0) {
        size_t i = 0;
        while (direct[i] && direct[i] == replayed[i])
            i++;
        fprintf(stderr, "%s: replay differs at byte %zu:\n  direct:   %.120s\n  replayed: %.120s\n", what, i,
                direct + i, replayed + i);
        CHECK(0);
    } else {
        CHECK(1);
    }
    compared++;
    free(direct);
    free(replayed);
}

static const mh_request_type types[] = { MH_RT_EXECUTE, MH_RT_CONNECT, MH_RT_DISCONNECT, MH_RT_NOTIFICATION_WAIT,
                                         MH_RT_PING, MH_RT_BIND, MH_RT_UNKNOWN };

static void one_file(const char *path)
{
    size_t len;
    uint8_t *body = read_hex(path, &len);
    if (!body)
        return;
    for (size_t t = 0; t < sizeof types / sizeof types[0]; t++)
        for (int resp = 0; resp < 2; resp++)
            for (int hdr = 0; hdr < 2; hdr++) {
                msg m = { resp, types[t], hdr, body, len };
                compare(path, &m, 1);
            }
    /* a pair: X.request.hex with X.response.hex, the request giving the response its context */
    const char *suffix = ".request.hex";
    size_t pl = strlen(path), sl = strlen(suffix);
    if (pl > sl && strcmp(path + pl - sl, suffix) == 0) {
        char other[4096];
        snprintf(other, sizeof other, "%.*s.response.hex", (int)(pl - sl), path);
        size_t rlen;
        uint8_t *resp = read_hex(other, &rlen);
        if (resp) {
            msg pair[2] = { { 0, MH_RT_EXECUTE, 0, body, len }, { 1, MH_RT_EXECUTE, 0, resp, rlen } };
            compare(other, pair, 2);
            free(resp);
        }
    }
    free(body);
}

static void walk(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d)
        return;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.')
            continue;
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        struct stat st;
        if (stat(path, &st) != 0)
            continue;
        size_t n = strlen(e->d_name);
        if (S_ISDIR(st.st_mode))
            walk(path);
        else if (n > 4 && strcmp(e->d_name + n - 4, ".hex") == 0)
            one_file(path);
    }
    closedir(d);
}

/* A sink that checks nothing and prints nothing: replays of damaged logs go here. It still reads every
 * value it is given, so that a bad pointer from the replay shows up under AddressSanitizer. */
static unsigned long sink_sum;
static void touch(const void *p, size_t n)
{
    const uint8_t *b = p;
    for (size_t i = 0; b && i < n; i++)
        sink_sum += b[i];
}
static void c_begin(mh_sink *s, const uint8_t *b, size_t n) { (void)s; touch(b, n); }
static void c_end(mh_sink *s) { (void)s; }
static void c_push(mh_sink *s, mh_field_id id, const char *name, const uint8_t *d, size_t n)
{
    (void)s;
    CHECK(id < MH_F_COUNT);
    touch(name, strlen(name));
    touch(d, n);
}
static void c_pop(mh_sink *s) { (void)s; }
static void c_value(mh_field_id id, const mh_value *v)
{
    CHECK(id < MH_F_COUNT);
    if (!v)
        return;
    if (mh_fields[id].type == MH_FT_STRING)
        touch(v->str, v->str_len);
    if (mh_fields[id].type == MH_FT_BYTES && v->bytes.base)
        touch(v->bytes.base + v->bytes.off, v->bytes.len);
}
static void c_open(mh_sink *s, mh_field_id id, size_t off, size_t len, const mh_value *v, const char *text)
{
    (void)s, (void)off, (void)len;
    c_value(id, v);
    if (text)
        touch(text, strlen(text));
}
static void c_close(mh_sink *s, size_t len) { (void)s, (void)len; }
static void c_field(mh_sink *s, mh_field_id id, size_t off, size_t len, const mh_value *v, const char *note)
{
    c_open(s, id, off, len, v, note);
}
static void c_problem(mh_sink *s, mh_problem_kind k, size_t off, size_t len, const char *msg)
{
    (void)s, (void)off, (void)len;
    CHECK(k <= MH_PROB_MISSING_CONTEXT);
    touch(msg, strlen(msg));
}
static const mh_sink_ops checking_ops = { c_begin, c_end, c_push, c_pop, c_open, c_close, c_field, c_problem };

/* Damaged logs: every prefix, and single flipped bytes, of a real log. */
static void test_damaged_logs(const char *hexfile)
{
    size_t len;
    uint8_t *body = read_hex(hexfile, &len);
    if (!body) {
        fprintf(stderr, "skipping damaged-log test: %s not readable\n", hexfile);
        return;
    }
    mh_session sess;
    mh_session_init(&sess);
    mh_arena arena;
    mh_arena_init(&arena, 0);
    mhws_recorder rec;
    mhws_recorder_init(&rec);
    mh_message m = { 0, MH_RT_EXECUTE, sample_headers, 4, body, len, 1 };
    mh_decode_message(&sess, &m, &rec.base, &arena, NULL);
    mh_sink checking = { &checking_ops };
    CHECK_EQ(mhws_log_replay(rec.buf, rec.len, body, len, &checking), 0);
    int stopped = 0;
    for (size_t cut = 0; cut < rec.len; cut++) {
        uint8_t *copy = malloc(cut ? cut : 1); /* exact size: reading past it is caught by ASan */
        memcpy(copy, rec.buf, cut);
        stopped += mhws_log_replay(copy, cut, body, len, &checking) != 0;
        free(copy);
    }
    CHECK(stopped > 0);
    uint8_t *copy = malloc(rec.len);
    for (size_t i = 0; i < rec.len; i++) {
        static const uint8_t flips[] = { 0x01, 0x80, 0xFF, 0x7F };
        for (size_t k = 0; k < sizeof flips; k++) {
            memcpy(copy, rec.buf, rec.len);
            copy[i] ^= flips[k];
            (void)mhws_log_replay(copy, rec.len, body, len, &checking);
        }
    }
    free(copy);
    /* a log replayed against a body of another length is refused at once */
    CHECK_EQ(mhws_log_replay(rec.buf, rec.len, body, len - 1, &checking), -1);
    CHECK_EQ(mhws_log_replay(NULL, 0, body, len, &checking), 0);
    mhws_recorder_free(&rec);
    mh_session_free(&sess);
    mh_arena_free(&arena);
    free(body);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: %s DIR... (directories holding *.hex bodies)\n", argv[0]);
        return 2;
    }
    for (int i = 1; i < argc; i++)
        walk(argv[i]);
    fprintf(stderr, "%d message sequences compared\n", compared);
    CHECK(compared > 0);
    char path[4096];
    snprintf(path, sizeof path, "%s/execute_request.hex", argv[1]);
    test_damaged_logs(path);
    return check_report();
}
