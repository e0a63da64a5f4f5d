/*
 * The TLS cipher suites mapidump decrypts (IANA TLS Cipher Suites registry): TLS 1.2 suites with
 * AES-128/256-GCM (RFC 5288, RFC 5289), ChaCha20-Poly1305 (RFC 7905) and AES-CBC with HMAC-SHA1,
 * -SHA256 or -SHA384 (RFC 5246, RFC 5289; encrypt-then-MAC RFC 7366), over RSA, DHE and ECDHE key
 * exchange (the key exchange does not matter: the master secret comes from the key log); and the TLS
 * 1.3 suites TLS_AES_128_GCM_SHA256, TLS_AES_256_GCM_SHA384, TLS_CHACHA20_POLY1305_SHA256 (RFC 8446
 * appendix B.4).
 */
#ifndef MD_TLS_SUITES_H
#define MD_TLS_SUITES_H

#include <stddef.h>
#include <stdint.h>

typedef enum { MD_AEAD_GCM, MD_AEAD_CHACHA, MD_CBC } md_cipher_kind;

typedef struct {
    uint16_t id;
    const char *name;
    int tls13;
    md_cipher_kind kind;
    const char *cipher; /* OpenSSL cipher name, e.g. "AES-128-GCM" */
    uint8_t key_len;
    uint8_t iv_len;     /* TLS 1.2 fixed IV bytes from the key block (GCM 4, ChaCha 12, CBC 0) */
    const char *mac;    /* CBC suites: HMAC digest; NULL for AEAD */
    uint8_t mac_len;
    const char *prf;    /* PRF / HKDF hash */
} md_suite;

/* The suite, or NULL when mapidump does not decrypt it. */
const md_suite *md_suite_find(uint16_t id);
/* The registry name of a suite (also of some that are not decrypted), or NULL. */
const char *md_suite_name(uint16_t id);

#endif
