/* TLS key derivation and record decryption through OpenSSL EVP (see tls_crypto.h). */
#include "tls_crypto.h"

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/kdf.h>
#include <string.h>

size_t md_hash_len(const char *hash)
{
    return strcmp(hash, "SHA384") == 0 ? 48 : strcmp(hash, "SHA1") == 0 ? 20 : 32;
}

static int kdf(const char *alg, OSSL_PARAM *params, uint8_t *out, size_t n)
{
    EVP_KDF *k = EVP_KDF_fetch(NULL, alg, NULL);
    if (!k)
        return 0;
    EVP_KDF_CTX *ctx = EVP_KDF_CTX_new(k);
    EVP_KDF_free(k);
    if (!ctx)
        return 0;
    int ok = EVP_KDF_derive(ctx, out, n, params) > 0;
    EVP_KDF_CTX_free(ctx);
    return ok;
}

int md_tls12_prf(const char *hash, const uint8_t *secret, size_t slen, const char *label, const uint8_t *seed,
                 size_t seedlen, uint8_t *out, size_t n)
{
    /* OpenSSL's TLS1-PRF takes the label and the seed proper as one seed */
    uint8_t buf[256];
    size_t ll = strlen(label);
    if (ll + seedlen > sizeof buf)
        return 0;
    memcpy(buf, label, ll);
    memcpy(buf + ll, seed, seedlen);
    OSSL_PARAM p[] = {
        OSSL_PARAM_construct_utf8_string(OSSL_KDF_PARAM_DIGEST, (char *)hash, 0),
        OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_SECRET, (void *)secret, slen),
        OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_SEED, buf, ll + seedlen),
        OSSL_PARAM_construct_end(),
    };
    return kdf("TLS1-PRF", p, out, n);
}

int md_tls12_key_block(const char *prf, const uint8_t ms[48], const uint8_t sr[32], const uint8_t cr[32],
                       uint8_t *out, size_t n)
{
    uint8_t seed[64];
    memcpy(seed, sr, 32);
    memcpy(seed + 32, cr, 32);
    return md_tls12_prf(prf, ms, 48, "key expansion", seed, sizeof seed, out, n);
}

int md_tls13_expand_label(const char *hash, const uint8_t *secret, size_t slen, const char *label, uint8_t *out,
                          size_t n)
{
    /* HkdfLabel: uint16 length, opaque label<7..255> = "tls13 " + Label, opaque context<0..255> = "" */
    uint8_t info[2 + 1 + 255 + 1];
    size_t ll = strlen(label);
    if (ll > 249 || n > 0xFFFF)
        return 0;
    info[0] = (uint8_t)(n >> 8);
    info[1] = (uint8_t)n;
    info[2] = (uint8_t)(6 + ll);
    memcpy(info + 3, "tls13 ", 6);
    memcpy(info + 9, label, ll);
    info[9 + ll] = 0;
    int mode = EVP_KDF_HKDF_MODE_EXPAND_ONLY;
    OSSL_PARAM p[] = {
        OSSL_PARAM_construct_int(OSSL_KDF_PARAM_MODE, &mode),
        OSSL_PARAM_construct_utf8_string(OSSL_KDF_PARAM_DIGEST, (char *)hash, 0),
        OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_KEY, (void *)secret, slen),
        OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_INFO, info, 10 + ll),
        OSSL_PARAM_construct_end(),
    };
    return kdf("HKDF", p, out, n);
}

void md_tls_cipher_free(md_tls_cipher *c)
{
    EVP_CIPHER_CTX_free(c->ctx);
    EVP_MAC_CTX_free(c->mac);
    OPENSSL_cleanse(c->iv, sizeof c->iv);
    memset(c, 0, sizeof *c);
}

int md_tls_cipher_init(md_tls_cipher *c, const md_suite *s, int tls13, int etm, const uint8_t *key,
                       const uint8_t *iv, const uint8_t *mac_key)
{
    md_tls_cipher_free(c);
    c->suite = s;
    c->tls13 = tls13;
    c->etm = etm;
    EVP_CIPHER *cipher = EVP_CIPHER_fetch(NULL, s->cipher, NULL);
    if (!cipher)
        return 0;
    c->ctx = EVP_CIPHER_CTX_new();
    int ok = c->ctx && EVP_DecryptInit_ex2(c->ctx, cipher, NULL, NULL, NULL) > 0;
    EVP_CIPHER_free(cipher);
    if (ok && s->kind != MD_CBC) {
        ok = EVP_CIPHER_CTX_ctrl(c->ctx, EVP_CTRL_AEAD_SET_IVLEN, 12, NULL) > 0 &&
             EVP_DecryptInit_ex2(c->ctx, NULL, key, NULL, NULL) > 0;
        size_t ivn = tls13 ? 12 : s->iv_len;
        memcpy(c->iv, iv, ivn);
    } else if (ok) {
        ok = EVP_DecryptInit_ex2(c->ctx, NULL, key, NULL, NULL) > 0 && EVP_CIPHER_CTX_set_padding(c->ctx, 0) > 0;
        EVP_MAC *hmac = ok ? EVP_MAC_fetch(NULL, "HMAC", NULL) : NULL;
        c->mac = hmac ? EVP_MAC_CTX_new(hmac) : NULL;
        EVP_MAC_free(hmac);
        OSSL_PARAM p[] = { OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, (char *)s->mac, 0),
                           OSSL_PARAM_construct_end() };
        ok = c->mac && EVP_MAC_init(c->mac, mac_key, s->mac_len, p) > 0;
    }
    if (!ok)
        md_tls_cipher_free(c);
    return ok;
}

int md_tls13_cipher_from_secret(md_tls_cipher *c, const md_suite *s, const uint8_t *secret, size_t slen)
{
    uint8_t key[32], iv[12];
    int ok = md_tls13_expand_label(s->prf, secret, slen, "key", key, s->key_len) &&
             md_tls13_expand_label(s->prf, secret, slen, "iv", iv, 12) && md_tls_cipher_init(c, s, 1, 0, key, iv, NULL);
    OPENSSL_cleanse(key, sizeof key);
    return ok;
}

static void put64(uint8_t *p, uint64_t v)
{
    for (int i = 7; i >= 0; i--) {
        p[i] = (uint8_t)v;
        v >>= 8;
    }
}

static int aead_open(md_tls_cipher *c, const uint8_t nonce[12], const uint8_t *aad, size_t aadn, const uint8_t *ct,
                     size_t n, const uint8_t *tag, uint8_t *out)
{
    int l1 = 0, l2 = 0;
    return EVP_DecryptInit_ex2(c->ctx, NULL, NULL, nonce, NULL) > 0 &&
           EVP_DecryptUpdate(c->ctx, NULL, &l1, aad, (int)aadn) > 0 &&
           EVP_DecryptUpdate(c->ctx, out, &l1, ct, (int)n) > 0 &&
           EVP_CIPHER_CTX_ctrl(c->ctx, EVP_CTRL_AEAD_SET_TAG, 16, (void *)tag) > 0 &&
           EVP_DecryptFinal_ex(c->ctx, out + l1, &l2) > 0;
}

/* TLS 1.2's seq_num || type || version || length: what the MAC covers before the data (RFC 5246
 * 6.2.3.1) and the AEAD additional data (6.2.3.3). */
static void tls12_pseudo_header(uint8_t out[13], uint64_t seq, const uint8_t hdr[5], size_t len)
{
    put64(out, seq);
    out[8] = hdr[0];
    out[9] = hdr[1];
    out[10] = hdr[2];
    out[11] = (uint8_t)(len >> 8);
    out[12] = (uint8_t)len;
}

/* HMAC(seq || type || version || length || data) compared with `expect`. */
static int mac_ok(md_tls_cipher *c, uint64_t seq, const uint8_t hdr[5], size_t len, const uint8_t *d1, size_t n1,
                  const uint8_t *expect)
{
    uint8_t pre[13], mac[64];
    size_t ml = 0;
    tls12_pseudo_header(pre, seq, hdr, len);
    if (EVP_MAC_init(c->mac, NULL, 0, NULL) <= 0 || EVP_MAC_update(c->mac, pre, 13) <= 0 ||
        EVP_MAC_update(c->mac, d1, n1) <= 0 || EVP_MAC_final(c->mac, mac, &ml, sizeof mac) <= 0)
        return 0;
    return ml == c->suite->mac_len && CRYPTO_memcmp(mac, expect, ml) == 0;
}

static int cbc_decrypt(md_tls_cipher *c, const uint8_t *iv, const uint8_t *ct, size_t n, uint8_t *out)
{
    int l1 = 0, l2 = 0;
    return EVP_DecryptInit_ex2(c->ctx, NULL, NULL, iv, NULL) > 0 && EVP_DecryptUpdate(c->ctx, out, &l1, ct, (int)n) > 0 &&
           EVP_DecryptFinal_ex(c->ctx, out + l1, &l2) > 0 && (size_t)(l1 + l2) == n;
}

/* The padding of a decrypted CBC fragment: returns the data length before it, or -1. */
static long strip_padding(const uint8_t *p, size_t n)
{
    if (n == 0)
        return -1;
    size_t pad = p[n - 1];
    if (pad + 1 > n)
        return -1;
    for (size_t i = n - 1 - pad; i < n; i++)
        if (p[i] != pad)
            return -1;
    return (long)(n - 1 - pad);
}

static int decrypt_cbc(md_tls_cipher *c, uint64_t seq, const uint8_t hdr[5], const uint8_t *frag, size_t n,
                       uint8_t *out, size_t *outlen)
{
    const size_t bs = 16, ml = c->suite->mac_len;
    if (c->etm) {
        if (n < bs + bs + ml || (n - ml - bs) % bs)
            return 0;
        size_t ctn = n - ml;
        if (!mac_ok(c, seq, hdr, ctn, frag, ctn, frag + ctn))
            return 0;
        if (!cbc_decrypt(c, frag, frag + bs, ctn - bs, out))
            return 0;
        long dl = strip_padding(out, ctn - bs);
        if (dl < 0)
            return 0;
        *outlen = (size_t)dl;
        return 1;
    }
    if (n < bs + bs || (n - bs) % bs)
        return 0;
    if (!cbc_decrypt(c, frag, frag + bs, n - bs, out))
        return 0;
    long dl = strip_padding(out, n - bs);
    if (dl < 0 || (size_t)dl < ml)
        return 0;
    size_t data = (size_t)dl - ml;
    if (!mac_ok(c, seq, hdr, data, out, data, out + data))
        return 0;
    *outlen = data;
    return 1;
}

int md_tls_decrypt(md_tls_cipher *c, uint64_t seq, const uint8_t hdr[5], const uint8_t *frag, size_t n,
                   uint8_t *out, size_t *outlen, uint8_t *type)
{
    if (!c->ctx || n > MD_TLS_MAX_CIPHERTEXT)
        return 0;
    *type = hdr[0];
    if (c->suite->kind == MD_CBC)
        return decrypt_cbc(c, seq, hdr, frag, n, out, outlen);
    uint8_t nonce[12], aad[13];
    if (c->tls13 || c->suite->kind == MD_AEAD_CHACHA) {
        /* the IV XOR the sequence number, left-padded to 12 bytes */
        memcpy(nonce, c->iv, 12);
        uint8_t s[8];
        put64(s, seq);
        for (int i = 0; i < 8; i++)
            nonce[4 + i] ^= s[i];
    }
    if (c->tls13) {
        if (n < 17)
            return 0;
        size_t ctn = n - 16;
        if (!aead_open(c, nonce, hdr, 5, frag, ctn, frag + ctn, out))
            return 0;
        /* TLSInnerPlaintext: content, the real type, then zero padding */
        while (ctn && out[ctn - 1] == 0)
            ctn--;
        if (!ctn)
            return 0;
        *type = out[ctn - 1];
        *outlen = ctn - 1;
        return 1;
    }
    const uint8_t *ct = frag;
    size_t ctn;
    if (c->suite->kind == MD_AEAD_GCM) {
        /* the 4-byte salt from the key block, then the record's 8-byte explicit nonce */
        if (n < 8 + 16)
            return 0;
        memcpy(nonce, c->iv, 4);
        memcpy(nonce + 4, frag, 8);
        ct = frag + 8;
        ctn = n - 8 - 16;
    } else {
        if (n < 16)
            return 0;
        ctn = n - 16;
    }
    tls12_pseudo_header(aad, seq, hdr, ctn);
    if (!aead_open(c, nonce, aad, 13, ct, ctn, ct + ctn, out))
        return 0;
    *outlen = ctn;
    return 1;
}

int md_sha256(const uint8_t *p, size_t n, uint8_t out[32])
{
    unsigned int len = 0;
    return EVP_Digest(p, n, out, &len, EVP_sha256(), NULL) > 0 && len == 32;
}
