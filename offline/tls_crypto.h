/*
 * TLS key derivation and record decryption with OpenSSL's EVP interfaces only (no cryptography is
 * written here): the TLS 1.2 PRF (RFC 5246 section 5, EVP_KDF "TLS1-PRF") for the key block (6.3),
 * HKDF-Expand-Label (RFC 8446 section 7.1, EVP_KDF "HKDF" in expand-only mode) for TLS 1.3 keys, IVs
 * and KeyUpdate (7.2), AEAD record protection (RFC 5288 section 3, RFC 7905 section 2, RFC 8446
 * section 5.2-5.3) and CBC with HMAC (RFC 5246 section 6.2.3.2, encrypt-then-MAC RFC 7366 section 3).
 */
#ifndef MD_TLS_CRYPTO_H
#define MD_TLS_CRYPTO_H

#include <stddef.h>
#include <stdint.h>

#include "tls_suites.h"

typedef struct evp_cipher_ctx_st md_evp_cipher_ctx;
typedef struct evp_mac_ctx_st md_evp_mac_ctx;

#define MD_TLS_MAX_PLAINTEXT 16384        /* 2^14 */
#define MD_TLS_MAX_CIPHERTEXT (16384 + 2048) /* TLS 1.2 TLSCiphertext.length bound */

/* One direction's record protection. */
typedef struct {
    const md_suite *suite;
    int tls13;
    int etm;              /* TLS 1.2 CBC: encrypt-then-MAC negotiated */
    md_evp_cipher_ctx *ctx;
    md_evp_mac_ctx *mac;
    uint8_t iv[12];       /* TLS 1.3 / ChaCha: per-record nonce base; GCM 1.2: 4-byte salt */
    uint64_t seq;
} md_tls_cipher;

/* TLS 1.2 PRF(secret, label, seed) with P_<hash> (RFC 5246 section 5). */
int md_tls12_prf(const char *hash, const uint8_t *secret, size_t slen, const char *label, const uint8_t *seed,
                 size_t seedlen, uint8_t *out, size_t n);
/* TLS 1.2: the key block PRF(master_secret, "key expansion", server_random + client_random). */
int md_tls12_key_block(const char *prf, const uint8_t ms[48], const uint8_t sr[32], const uint8_t cr[32],
                       uint8_t *out, size_t n);
/* TLS 1.3 HKDF-Expand-Label(secret, label, "", n). */
int md_tls13_expand_label(const char *hash, const uint8_t *secret, size_t slen, const char *label, uint8_t *out,
                          size_t n);
/* Hash output length of a digest name (32 for SHA256, 48 for SHA384). */
size_t md_hash_len(const char *hash);

/* Sets up decryption with the given key material (mac_key NULL for AEAD). Frees what was there. */
int md_tls_cipher_init(md_tls_cipher *c, const md_suite *s, int tls13, int etm, const uint8_t *key,
                       const uint8_t *iv, const uint8_t *mac_key);
/* TLS 1.3: keys from a traffic secret (RFC 8446 section 7.3). */
int md_tls13_cipher_from_secret(md_tls_cipher *c, const md_suite *s, const uint8_t *secret, size_t slen);
void md_tls_cipher_free(md_tls_cipher *c);
static inline int md_tls_cipher_ready(const md_tls_cipher *c) { return c->ctx != 0; }

/* Decrypts one record (its 5-byte header and fragment) with sequence number `seq` (c->seq untouched).
 * On success returns 1, the plaintext in out (room for MD_TLS_MAX_CIPHERTEXT bytes), and the content
 * type (TLS 1.3: the inner type). */
int md_tls_decrypt(md_tls_cipher *c, uint64_t seq, const uint8_t hdr[5], const uint8_t *frag, size_t n,
                   uint8_t *out, size_t *outlen, uint8_t *type);

/* SHA-256 of a buffer (tickets are indexed by their hash). */
int md_sha256(const uint8_t *p, size_t n, uint8_t out[32]);

#endif
