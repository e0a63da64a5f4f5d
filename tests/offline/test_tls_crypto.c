/*
 * Key derivation against published vectors: the TLS 1.2 PRF P_SHA256 vector of the IETF TLS working group
 * (mail archive msg03416: secret 9bbe...db35, label "test label", seed a0ba...198c, 100 bytes), and TLS 1.3
 * HKDF-Expand-Label from RFC 8448 section 3 (the handshake traffic secrets of the "Simple 1-RTT Handshake"
 * and the write keys and IVs derived from them, TLS_AES_128_GCM_SHA256).
 */
#include <string.h>

#include "check.h"
#include "tls_crypto.h"

static size_t unhex(const char *s, uint8_t *out)
{
    size_t n = 0;
    for (; s[0] && s[1]; s += 2) {
        unsigned v;
        sscanf(s, "%2x", &v);
        out[n++] = (uint8_t)v;
    }
    return n;
}

static void prf_sha256(void)
{
    uint8_t secret[16], seed[16], want[100], got[100];
    unhex("9bbe436ba940f017b17652849a71db35", secret);
    unhex("a0ba9f936cda311827a6f796ffd5198c", seed);
    unhex("e3f229ba727be17b8d122620557cd453c2aab21d07c3d495329b52d4e61edb5a"
          "6b301791e90d35c9c9a46b4e14baf9af0fa022f7077def17abfd3797c0564bab"
          "4fbc91666e9def9b97fce34f796789baa48082d122ee42c5a72e5a5110fff701"
          "87347b66",
          want);
    CHECK(md_tls12_prf("SHA256", secret, 16, "test label", seed, 16, got, 100));
    CHECK(memcmp(got, want, 100) == 0);
}

static void expand_label(const char *secret_hex, const char *key_hex, const char *iv_hex)
{
    uint8_t secret[32], key[16], iv[12], want_key[16], want_iv[12];
    unhex(secret_hex, secret);
    unhex(key_hex, want_key);
    unhex(iv_hex, want_iv);
    CHECK(md_tls13_expand_label("SHA256", secret, 32, "key", key, 16));
    CHECK(md_tls13_expand_label("SHA256", secret, 32, "iv", iv, 12));
    CHECK(memcmp(key, want_key, 16) == 0);
    CHECK(memcmp(iv, want_iv, 12) == 0);
}

static void rfc8448_handshake_keys(void)
{
    /* {server} derive write traffic keys for handshake data */
    expand_label("b67b7d690cc16c4e75e54213cb2d37b4e9c912bcded9105d42befd59d391ad38",
                 "3fce516009c21727d0f2e4e86ee403bc", "5d313eb2671276ee13000b30");
    /* {client} derive write traffic keys for handshake data */
    expand_label("b3eddb126e067f35a780b3abf45e2d8f3b1a950738f52e9600746a0e27a55a21",
                 "dbfaa693d1762c5b666af5d950258d01", "5bd3c71b836e0b76bb73265f");
}

static void suites(void)
{
    /* IANA registry values */
    CHECK_STR(md_suite_find(0x1301)->name, "TLS_AES_128_GCM_SHA256");
    CHECK_STR(md_suite_find(0xC030)->name, "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384");
    CHECK_STR(md_suite_find(0xCCA8)->name, "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256");
    CHECK_STR(md_suite_find(0x002F)->name, "TLS_RSA_WITH_AES_128_CBC_SHA");
    CHECK(md_suite_find(0x0005) == NULL); /* RC4: not decrypted */
    CHECK_EQ(md_suite_find(0xC028)->mac_len, 48);
    CHECK_STR(md_suite_find(0xC028)->prf, "SHA384");
}

int main(void)
{
    RUN(prf_sha256);
    RUN(rfc8448_handshake_keys);
    RUN(suites);
    return check_report();
}
