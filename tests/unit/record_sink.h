/* A sink for unit tests: records every event as a line "depth filter=value" (value as the text sink
 * shows it), problems as "depth !kind message", so tests can look fields up by filter name. */
#ifndef MH_RECORD_SINK_H
#define MH_RECORD_SINK_H

#include <stddef.h>
#include <stdint.h>

#include "core/dec.h"
#include "core/sink.h"

#define REC_MAX 4096

typedef struct {
    char filter[96];
    char value[256];
    char note[96];
    size_t off, len;
    int depth;
    int is_problem;
    int kind;         /* problem kind */
    int is_open;
} rec_event;

typedef struct {
    mh_sink base;
    rec_event ev[REC_MAX];
    size_t n;
    int depth;
    int problems[4];
    long open_ev[64];  /* the events of the open subtrees, whose length their close gives */
    int nopen;
    const uint8_t *source_data[16];
    size_t source_len[16];
    int nsrc;
} rec_sink;

void rec_init(rec_sink *r);
/* The value of the k-th (0-based) event with this filter name, or NULL. */
const char *rec_value(const rec_sink *r, const char *filter, int k);
const rec_event *rec_find(const rec_sink *r, const char *filter, int k);
int rec_count(const rec_sink *r, const char *filter);
int rec_problems(const rec_sink *r);
/* First problem message of a kind, or NULL. */
const char *rec_problem(const rec_sink *r, int kind);
void rec_dump(const rec_sink *r);

struct mh_session;
struct mh_result;
/* Decodes one message into a freshly initialised recording sink; returns the problem count. */
int rec_decode(rec_sink *r, struct mh_session *sess, int is_response, int type, const void *headers, size_t nheaders,
               const uint8_t *body, size_t len, int complete, struct mh_result *res);

/* Sets up *d to decode the n bytes at p (a whole buffer when `complete`) into a freshly initialised r,
 * with the arena and problem counter given (reset to 0), and starts the sink's message: what every test
 * of one structure's decoder does first. */
void rec_dec_init(rec_sink *r, mh_dec *d, mh_arena *arena, int *problems, const uint8_t *p, size_t n,
                  int complete);

/* Hex text ("01 02 ab") into bytes; returns the length. */
size_t hex2bin(const char *hex, uint8_t *out, size_t cap);

#endif
