/* Fuzz harness for the TLS observer (offline/tls.c): the input is a sequence of (direction and length
 * byte, bytes) pieces fed to the two directions of one connection, with gaps; the key log holds secrets
 * for one client random (all zero), so key setup and record decryption run too. */
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

static md_keylog keys;
static md_tls_env *env;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!env) {
        static const char text[] =
            "CLIENT_RANDOM 0000000000000000000000000000000000000000000000000000000000000000 "
            "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f\n"
            "CLIENT_HANDSHAKE_TRAFFIC_SECRET 0000000000000000000000000000000000000000000000000000000000000000 "
            "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f\n"
            "SERVER_HANDSHAKE_TRAFFIC_SECRET 0000000000000000000000000000000000000000000000000000000000000000 "
            "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f\n"
            "CLIENT_TRAFFIC_SECRET_0 0000000000000000000000000000000000000000000000000000000000000000 "
            "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f\n"
            "SERVER_TRAFFIC_SECRET_0 0000000000000000000000000000000000000000000000000000000000000000 "
            "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f\n";
        char err[200];
        md_keylog_init(&keys);
        md_keylog_add_text(&keys, text, sizeof text - 1, "fuzz", err, sizeof err);
        env = calloc(1, sizeof *env);
        if (!env)
            return 0;
        env->keys = &keys;
    }
    static const md_tls_out out = { out_data, out_gap };
    md_tls t;
    md_tls_init(&t, env, 0, &out, NULL);
    size_t pos = 0;
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
    return 0;
}
