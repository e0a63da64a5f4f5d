/* Fuzz harness for the TLS observer (offline/tls.c) and the key-log reader (offline/keylog.c): the input
 * is a 2-byte little-endian length L, L bytes of NSS key log text, then a sequence of (direction and
 * length byte, bytes) pieces fed to the two directions of one connection, with gaps. The key log comes
 * with the input so that seeds taken from real connections carry their own secrets: key setup and record
 * decryption then run on real records of every suite, and mutations reach past the first check of a
 * record. Nothing is kept from one input to the next (the resumption cache is emptied). */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "tls.h"

static void out_data(void *arg, int dir, const uint8_t *p, size_t n)
{
    (void)arg, (void)dir;
    volatile uint8_t s = 0;
    for (size_t i = 0; i < n; i++)
        s ^= p[i];
    (void)s;
}

static void out_gap(void *arg, int dir, uint64_t n)
{
    (void)arg, (void)dir, (void)n;
}

static md_tls_env *env;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!env) {
        env = calloc(1, sizeof *env);
        if (!env)
            return 0;
    }
    memset(&env->resume, 0, sizeof env->resume);
    size_t pos = 0, klen = 0;
    if (size >= 2) {
        klen = (size_t)data[0] | (size_t)data[1] << 8;
        pos = 2;
    }
    if (klen > size - pos)
        klen = size - pos;
    md_keylog keys;
    md_keylog_init(&keys);
    char err[200];
    /* a malformed line ends the key log there (mapidump would stop; the lines before it are kept here) */
    md_keylog_add_text(&keys, (const char *)data + pos, klen, "fuzz", err, sizeof err);
    pos += klen;
    env->keys = &keys;
    static const md_tls_out out = { out_data, out_gap };
    md_tls t;
    md_tls_init(&t, env, 0, &out, NULL);
    while (pos < size) {
        uint8_t c = data[pos++];
        int dir = c >> 7;
        size_t n = (size_t)(c & 0x7F) * 8 + 1;
        if ((c & 0x7F) == 0x7F) {
            md_tls_gap(&t, dir, 13);
            continue;
        }
        if (n > size - pos)
            n = size - pos;
        md_tls_feed(&t, dir, data + pos, n);
        pos += n;
    }
    md_tls_free(&t);
    md_keylog_free(&keys);
    env->keys = NULL;
    return 0;
}
