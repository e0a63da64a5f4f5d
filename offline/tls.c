/*
 * TLS observer (see tls.h). Record header (RFC 5246 6.2.1, RFC 8446 5.1): type, legacy version, 16-bit
 * length. Handshake header: type, 24-bit length. Message types used: client_hello 1, server_hello 2,
 * new_session_ticket 4, finished 20, key_update 24. HelloRetryRequest is a ServerHello whose random is
 * SHA-256("HelloRetryRequest") (RFC 8446 4.1.3). Extensions: encrypt_then_mac 22 (RFC 7366),
 * session_ticket 35 (RFC 5077), supported_versions 43 (RFC 8446 4.2.1).
 */
#include "tls.h"

#include <openssl/crypto.h>
#include <stdarg.h>
#include <string.h>

#define CT_CCS 20
#define CT_ALERT 21
#define CT_HANDSHAKE 22
#define CT_APPDATA 23
#define CT_HEARTBEAT 24

#define HS_CLIENT_HELLO 1
#define HS_SERVER_HELLO 2
#define HS_NEW_SESSION_TICKET 4
#define HS_FINISHED 20
#define HS_KEY_UPDATE 24

#define HS_KEEP_MAX ((size_t)64 << 10)
#define MAX_CONSECUTIVE_FAILURES 8
#define RESYNC_MAX_TRIES 1024

static const uint8_t hrr_random[32] = { 0xCF, 0x21, 0xAD, 0x74, 0xE5, 0x9A, 0x61, 0x11, 0xBE, 0x1D, 0x8C,
                                        0x02, 0x1E, 0x65, 0xB8, 0x91, 0xC2, 0xA2, 0x11, 0x16, 0x7A, 0xBB,
                                        0x8C, 0x5E, 0x07, 0x9E, 0x09, 0xE2, 0xC8, 0xA8, 0x33, 0x9C };

const char *md_tls_version_name(uint16_t v)
{
    switch (v) {
    case 0x0300: return "SSL 3.0";
    case 0x0301: return "TLS 1.0";
    case 0x0302: return "TLS 1.1";
    case 0x0303: return "TLS 1.2";
    case 0x0304: return "TLS 1.3";
    default: return "an unknown TLS version";
    }
}

static const char *dir_name(const md_tls *t, int dir)
{
    if (t->client_dir < 0)
        return dir ? "B" : "A";
    return dir == t->client_dir ? "client" : "server";
}

static void dbg(const md_tls *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void dbg(const md_tls *t, const char *fmt, ...)
{
    if (!t->env->debug)
        return;
    va_list ap;
    va_start(ap, fmt);
    fprintf(t->env->debug, "conn %llu: ", (unsigned long long)t->conn_id);
    vfprintf(t->env->debug, fmt, ap);
    fputc('\n', t->env->debug);
    va_end(ap);
}

static void hex(char *out, const uint8_t *p, size_t n)
{
    static const char digits[] = "0123456789abcdef";
    for (size_t i = 0; i < n; i++) {
        out[2 * i] = digits[p[i] >> 4];
        out[2 * i + 1] = digits[p[i] & 15];
    }
    out[2 * n] = 0;
}

/* Stops decryption of the connection, keeping the first reason given. */
static void give_up(md_tls *t, md_tls_status st, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void give_up(md_tls *t, md_tls_status st, const char *fmt, ...)
{
    if (t->status != MD_TLS_NO_KEY && t->status != MD_TLS_UNSUPPORTED && t->status != MD_TLS_FAILED &&
        t->status != MD_TLS_MIDSTREAM) {
        t->status = st;
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(t->reason, sizeof t->reason, fmt, ap);
        va_end(ap);
        dbg(t, "not decrypted: %s", t->reason);
    }
    t->h[0].dead = t->h[1].dead = 1;
}

/* ---- a bounds-checked reader for handshake message bodies ---- */

typedef struct {
    const uint8_t *p;
    size_t n, pos;
    int bad;
} rd;

static unsigned r8(rd *r)
{
    if (r->bad || r->n - r->pos < 1) {
        r->bad = 1;
        return 0;
    }
    return r->p[r->pos++];
}
static unsigned r16(rd *r)
{
    unsigned hi = r8(r);
    return hi << 8 | r8(r);
}
static const uint8_t *rbytes(rd *r, size_t k)
{
    if (r->bad || r->n - r->pos < k) {
        r->bad = 1;
        return NULL;
    }
    const uint8_t *q = r->p + r->pos;
    r->pos += k;
    return q;
}

/* The next extension of an extensions block (RFC 8446 4.2: type, length, data); 0 at the end. */
static int next_extension(rd *x, unsigned *type, const uint8_t **d, size_t *len)
{
    if (!x->p || x->bad || x->pos >= x->n)
        return 0;
    *type = r16(x);
    *len = r16(x);
    *d = rbytes(x, *len);
    return !x->bad;
}

/* The extensions block that may end a hello message. */
static rd extensions(rd *r)
{
    rd x = { NULL, 0, 0, 0 };
    if (r->pos < r->n) {
        size_t el = r16(r);
        x.p = rbytes(r, el);
        x.n = el;
    }
    return x;
}

/* ---- the resumption cache ---- */

static void cache_put(md_resume_cache *c, int kind, const uint8_t *id, size_t idlen, const uint8_t ms[48])
{
    if (idlen == 0 || idlen > 32)
        return;
    unsigned i = c->next++ % MD_RESUME_SLOTS;
    c->e[i].kind = (uint8_t)kind;
    c->e[i].idlen = (uint8_t)idlen;
    memcpy(c->e[i].id, id, idlen);
    memcpy(c->e[i].ms, ms, 48);
}

static const uint8_t *cache_get(const md_resume_cache *c, int kind, const uint8_t *id, size_t idlen)
{
    for (unsigned i = 0; i < MD_RESUME_SLOTS; i++)
        if (c->e[i].kind == kind && c->e[i].idlen == idlen && memcmp(c->e[i].id, id, idlen) == 0)
            return c->e[i].ms;
    return NULL;
}

/* ---- keys ---- */

static void setup_tls13(md_tls *t)
{
    const md_kl_entry *e = md_keylog_find(t->env->keys, t->cr);
    char crhex[65];
    hex(crhex, t->cr, 32);
    int cd = t->client_dir, sd = 1 - t->client_dir;
    static const struct {
        md_kl_label hs, app;
    } lab[2] = { { MD_KL_CHTS, MD_KL_CTS0 }, { MD_KL_SHTS, MD_KL_STS0 } };
    int usable = 0;
    size_t hl = md_hash_len(t->suite->prf);
    for (int role = 0; role < 2; role++) {
        md_tls_half *h = &t->h[role == 0 ? cd : sd];
        h->protected_ = 1;
        h->phase13 = 1;
        int has_hs = e && (e->have >> lab[role].hs & 1) && e->len[lab[role].hs] == hl;
        int has_app = e && (e->have >> lab[role].app & 1) && e->len[lab[role].app] == hl;
        if (has_hs) {
            memcpy(h->secret, e->secret[lab[role].hs], hl);
            h->slen = hl;
            if (!md_tls13_cipher_from_secret(&h->cur, t->suite, h->secret, hl))
                has_hs = 0;
        }
        if (has_app) {
            memcpy(h->app0, e->secret[lab[role].app], hl);
            h->app0len = hl;
            if (!md_tls13_cipher_from_secret(&h->next, t->suite, h->app0, hl))
                has_app = 0;
        }
        dbg(t, "key log: %s handshake secret %s, application secret %s", role ? "server" : "client",
            has_hs ? "found" : "missing", has_app ? "found" : "missing");
        usable += has_hs || has_app;
    }
    if (!e)
        give_up(t, MD_TLS_NO_KEY, "no key for client random %.16s... (%s)", crhex, md_tls_version_name(t->version));
    else if (usable < 2)
        give_up(t, MD_TLS_NO_KEY,
                "incomplete keys for client random %.16s... (TLS 1.3 needs the handshake or the application "
                "traffic secrets of both sides, of the suite's hash length)",
                crhex);
    else
        t->status = MD_TLS_DECRYPTING;
}

static void setup_tls12(md_tls *t)
{
    char crhex[65];
    hex(crhex, t->cr, 32);
    const md_kl_entry *e = md_keylog_find(t->env->keys, t->cr);
    const uint8_t *ms = NULL;
    if (e && (e->have >> MD_KL_MASTER & 1)) {
        ms = e->secret[MD_KL_MASTER];
        dbg(t, "key log: CLIENT_RANDOM %s found", crhex);
    } else if (t->resumed) {
        if (t->ticket_offered)
            ms = cache_get(&t->env->resume, 2, t->ticket_hash, 32);
        if (!ms)
            ms = cache_get(&t->env->resume, 1, t->sid, t->sid_len);
        dbg(t, "key log: no CLIENT_RANDOM %s; resumed session %s in an earlier connection", crhex,
            ms ? "found" : "not found");
    } else {
        dbg(t, "key log: no CLIENT_RANDOM %s", crhex);
    }
    if (!ms) {
        give_up(t, MD_TLS_NO_KEY, "no key for client random %.16s...%s (%s)", crhex,
                t->resumed ? ", and the resumed session was not seen" : "", md_tls_version_name(t->version));
        return;
    }
    memcpy(t->ms, ms, 48);
    t->have_ms = 1;
    const md_suite *s = t->suite;
    size_t need = 2u * s->mac_len + 2u * s->key_len + 2u * s->iv_len;
    uint8_t kb[2 * 48 + 2 * 32 + 2 * 12];
    if (!md_tls12_key_block(s->prf, t->ms, t->sr, t->cr, kb, need)) {
        give_up(t, MD_TLS_FAILED, "key derivation failed (OpenSSL TLS1-PRF)");
        return;
    }
    /* client_write_MAC, server_write_MAC, client_write_key, server_write_key, client_IV, server_IV */
    const uint8_t *cmac = kb, *smac = kb + s->mac_len, *ckey = smac + s->mac_len, *skey = ckey + s->key_len,
                  *civ = skey + s->key_len, *siv = civ + s->iv_len;
    int etm = s->kind == MD_CBC && t->etm;
    int ok = md_tls_cipher_init(&t->h[t->client_dir].next, s, 0, etm, ckey, civ, s->mac_len ? cmac : NULL) &&
             md_tls_cipher_init(&t->h[1 - t->client_dir].next, s, 0, etm, skey, siv, s->mac_len ? smac : NULL);
    OPENSSL_cleanse(kb, sizeof kb);
    if (!ok) {
        give_up(t, MD_TLS_FAILED, "cipher setup failed (OpenSSL %s)", s->cipher);
        return;
    }
    t->status = MD_TLS_DECRYPTING;
}

/* ---- handshake messages ---- */

static void client_hello(md_tls *t, int dir, const uint8_t *p, size_t n)
{
    rd r = { p, n, 0, 0 };
    r16(&r);
    const uint8_t *random = rbytes(&r, 32);
    size_t sl = r8(&r);
    const uint8_t *sid = sl <= 32 ? rbytes(&r, sl) : NULL;
    size_t csl = r16(&r);
    rbytes(&r, csl);
    rbytes(&r, r8(&r));
    if (r.bad || !random || (sl && !sid)) {
        dbg(t, "ClientHello malformed");
        return;
    }
    t->client_dir = dir;
    memcpy(t->cr, random, 32);
    t->have_cr = 1;
    t->sid_len = sl;
    if (sl)
        memcpy(t->sid, sid, sl);
    t->ticket_offered = 0;
    rd x = extensions(&r);
    unsigned type;
    const uint8_t *d;
    size_t len;
    while (next_extension(&x, &type, &d, &len))
        if (type == 35 && len)
            t->ticket_offered = md_sha256(d, len, t->ticket_hash);
    char crhex[65];
    hex(crhex, t->cr, 32);
    dbg(t, "ClientHello from %s: client random %s, session ID %zu bytes, ticket %s", dir_name(t, dir), crhex, sl,
        t->ticket_offered ? "offered" : "none");
}

static void server_hello(md_tls *t, int dir, const uint8_t *p, size_t n)
{
    rd r = { p, n, 0, 0 };
    uint16_t legacy = (uint16_t)r16(&r);
    const uint8_t *random = rbytes(&r, 32);
    size_t sl = r8(&r);
    const uint8_t *sid = sl <= 32 ? rbytes(&r, sl) : NULL;
    uint16_t suite = (uint16_t)r16(&r);
    r8(&r);
    if (r.bad || !random || (sl && !sid)) {
        dbg(t, "ServerHello malformed");
        give_up(t, MD_TLS_FAILED, "malformed ServerHello");
        return;
    }
    uint16_t version = legacy;
    int etm = 0;
    rd x = extensions(&r);
    unsigned type;
    const uint8_t *d;
    size_t len;
    while (next_extension(&x, &type, &d, &len)) {
        if (type == 43 && len == 2)
            version = (uint16_t)(d[0] << 8 | d[1]);
        else if (type == 22)
            etm = 1;
    }
    if (memcmp(random, hrr_random, 32) == 0) {
        t->hrr_seen = 1;
        dbg(t, "HelloRetryRequest: waiting for the second ClientHello");
        return;
    }
    if (t->client_dir < 0)
        t->client_dir = 1 - dir;
    memcpy(t->sr, random, 32);
    t->version = version;
    t->suite_id = suite;
    t->etm = etm;
    t->suite = md_suite_find(suite);
    t->resumed = version != 0x0304 && sl && sl == t->sid_len && memcmp(sid, t->sid, sl) == 0;
    dbg(t, "ServerHello: %s, cipher suite 0x%04X %s%s%s", md_tls_version_name(version), suite,
        t->suite ? t->suite->name : md_suite_name(suite) ? md_suite_name(suite) : "(not supported)", etm ? ", encrypt-then-MAC" : "",
        t->resumed ? ", resumed session" : "");
    if (!t->have_cr) {
        give_up(t, MD_TLS_FAILED, "ServerHello without a ClientHello before it");
        return;
    }
    if (version != 0x0303 && version != 0x0304) {
        give_up(t, MD_TLS_UNSUPPORTED, "%s is not decrypted (TLS 1.2 and 1.3 are)", md_tls_version_name(version));
        return;
    }
    if (!t->suite || (t->suite->tls13 != (version == 0x0304))) {
        const char *name = md_suite_name(suite);
        give_up(t, MD_TLS_UNSUPPORTED, "unsupported cipher suite 0x%04X%s%s%s", suite, name ? " (" : "",
                name ? name : "", name ? ")" : "");
        return;
    }
    if (version == 0x0304) {
        setup_tls13(t);
        return;
    }
    /* the server's session ID, for a later resumption by ID */
    if (sl) {
        memcpy(t->sid, sid, sl);
        t->sid_len = sl;
    }
    setup_tls12(t);
    if (t->have_ms && !t->resumed)
        cache_put(&t->env->resume, 1, t->sid, t->sid_len, t->ms);
}

static void key_update(md_tls *t, int dir)
{
    md_tls_half *h = &t->h[dir];
    size_t hl = md_hash_len(t->suite->prf);
    uint8_t ns[MD_KL_SECRET_MAX];
    if (!h->slen || !md_tls13_expand_label(t->suite->prf, h->secret, h->slen, "traffic upd", ns, hl) ||
        !md_tls13_cipher_from_secret(&h->cur, t->suite, ns, hl)) {
        give_up(t, MD_TLS_FAILED, "KeyUpdate from the %s: the next traffic secret could not be derived",
                dir_name(t, dir));
        return;
    }
    memcpy(h->secret, ns, hl);
    OPENSSL_cleanse(ns, sizeof ns);
    dbg(t, "KeyUpdate from the %s: next traffic secret in use", dir_name(t, dir));
}

/* TLS 1.3: this side's handshake keys give way to its application traffic keys (made ready in h->next
 * from CLIENT/SERVER_TRAFFIC_SECRET_0); the secret is kept for KeyUpdate. */
static void to_application_keys(md_tls_half *h)
{
    md_tls_cipher tmp = h->cur;
    h->cur = h->next;
    h->next = tmp;
    md_tls_cipher_free(&h->next);
    memcpy(h->secret, h->app0, h->app0len);
    h->slen = h->app0len;
    h->phase13 = 2;
}

static void handshake_message(md_tls *t, int dir, uint8_t type, const uint8_t *body, size_t n, int whole)
{
    md_tls_half *h = &t->h[dir];
    switch (type) {
    case HS_CLIENT_HELLO:
        if (whole)
            client_hello(t, dir, body, n);
        break;
    case HS_SERVER_HELLO:
        if (whole)
            server_hello(t, dir, body, n);
        break;
    case HS_NEW_SESSION_TICKET:
        /* TLS 1.2 (RFC 5077 3.3): lifetime hint (4), ticket<0..2^16-1> */
        if (whole && t->version == 0x0303 && t->have_ms && n >= 6) {
            size_t tl = (size_t)body[4] << 8 | body[5];
            uint8_t th[32];
            if (tl && tl <= n - 6 && md_sha256(body + 6, tl, th)) {
                cache_put(&t->env->resume, 2, th, 32, t->ms);
                dbg(t, "NewSessionTicket: %zu-byte ticket remembered for resumption", tl);
            }
        }
        break;
    case HS_FINISHED:
        if (t->version == 0x0304 && h->phase13 == 1) {
            /* the next record of this side uses its application traffic secret */
            to_application_keys(h);
            dbg(t, "Finished from the %s: application traffic keys from the next record", dir_name(t, dir));
        } else {
            dbg(t, "Finished from the %s", dir_name(t, dir));
        }
        break;
    case HS_KEY_UPDATE:
        if (t->version == 0x0304 && h->phase13 == 2)
            key_update(t, dir);
        break;
    default:
        break;
    }
}

/* Handshake bytes of one direction, in order: messages may span records. */
static void handshake_bytes(md_tls *t, int dir, const uint8_t *p, size_t n)
{
    md_tls_half *h = &t->h[dir];
    while (n) {
        if (h->hs_hdr_len < 4) {
            h->hs_hdr[h->hs_hdr_len++] = *p++;
            n--;
            if (h->hs_hdr_len < 4)
                continue;
            h->hs_left = (uint32_t)h->hs_hdr[1] << 16 | (uint32_t)h->hs_hdr[2] << 8 | h->hs_hdr[3];
            uint8_t type = h->hs_hdr[0];
            h->hs_keep = (type == HS_CLIENT_HELLO || type == HS_SERVER_HELLO || type == HS_NEW_SESSION_TICKET ||
                          type == HS_KEY_UPDATE) &&
                         h->hs_left <= HS_KEEP_MAX;
            h->hs.len = 0;
        } else {
            size_t take = n < h->hs_left ? n : h->hs_left;
            if (h->hs_keep && !md_buf_append(&h->hs, p, take, HS_KEEP_MAX))
                h->hs_keep = 0;
            p += take;
            n -= take;
            h->hs_left -= (uint32_t)take;
        }
        if (h->hs_hdr_len == 4 && h->hs_left == 0) {
            h->hs_hdr_len = 0;
            handshake_message(t, dir, h->hs_hdr[0], h->hs.p, h->hs.len, h->hs_keep);
            if (h->dead)
                return;
        }
    }
}

static void alert(md_tls *t, int dir, const uint8_t *p, size_t n, int decrypted)
{
    if (n >= 2)
        dbg(t, "%s alert from the %s: level %u, description %u", decrypted ? "encrypted" : "plaintext",
            dir_name(t, dir), p[0], p[1]);
}

/* ---- records ---- */

static int header_ok(const uint8_t h[5])
{
    size_t len = (size_t)h[3] << 8 | h[4];
    return h[0] >= CT_CCS && h[0] <= CT_HEARTBEAT && h[1] == 3 && h[2] <= 4 && len <= MD_TLS_MAX_CIPHERTEXT;
}

/* Content after decryption (or plaintext before it). */
static void content(md_tls *t, int dir, uint8_t type, const uint8_t *p, size_t n, int decrypted)
{
    switch (type) {
    case CT_HANDSHAKE:
        handshake_bytes(t, dir, p, n);
        break;
    case CT_ALERT:
        alert(t, dir, p, n, decrypted);
        break;
    case CT_APPDATA:
        if (decrypted) {
            t->seen_app_data = 1;
            if (n)
                t->out.data(t->arg, dir, p, n);
        }
        break;
    default:
        break;
    }
}

/* Tries the current keys (and in the TLS 1.3 handshake phase the application keys) on a record. */
static int try_decrypt(md_tls *t, md_tls_half *h, uint64_t seq, const uint8_t *hdr, const uint8_t *frag, size_t n,
                       size_t *outn, uint8_t *type)
{
    if (md_tls_cipher_ready(&h->cur) &&
        md_tls_decrypt(&h->cur, seq, hdr, frag, n, t->env->scratch, outn, type))
        return 1;
    if (t->version == 0x0304 && h->phase13 == 1 && md_tls_cipher_ready(&h->next) &&
        md_tls_decrypt(&h->next, 0, hdr, frag, n, t->env->scratch, outn, type)) {
        /* the handshake keys were missing or the Finished was not seen: application keys from here */
        to_application_keys(h);
        h->cur.seq = 0;
        return 1;
    }
    return 0;
}

static void record(md_tls *t, int dir, const uint8_t *hdr, const uint8_t *frag, size_t n)
{
    md_tls_half *h = &t->h[dir];
    h->records++;
    uint8_t type = hdr[0];
    if (type == CT_CCS) {
        if (t->version == 0x0303 && md_tls_cipher_ready(&h->next)) {
            md_tls_cipher_free(&h->cur);
            h->cur = h->next;
            memset(&h->next, 0, sizeof h->next);
            h->protected_ = 1;
            dbg(t, "ChangeCipherSpec from the %s: records protected from the next one", dir_name(t, dir));
        } else if (t->version == 0x0303) {
            h->protected_ = 1;
        }
        return;
    }
    /* in TLS 1.3 only application_data records are protected; others (alerts before keys) are plain */
    int prot = h->protected_ && (t->version != 0x0304 || type == CT_APPDATA);
    if (!prot) {
        if (type == CT_APPDATA) {
            if (t->status == MD_TLS_HANDSHAKE) {
                give_up(t, MD_TLS_MIDSTREAM, "the capture starts after the TLS handshake (no ClientHello/ServerHello)");
            }
            return;
        }
        content(t, dir, type, frag, n, 0);
        return;
    }
    if (t->status != MD_TLS_DECRYPTING)
        return;
    size_t outn = 0;
    uint8_t inner = 0;
    if (!try_decrypt(t, h, h->cur.seq, hdr, frag, n, &outn, &inner)) {
        h->failures++;
        h->consecutive_failures++;
        if (!h->first_failure)
            h->first_failure = h->records;
        dbg(t, "%s record %llu (%zu bytes): decryption failed", dir_name(t, dir), (unsigned long long)h->records, n);
        h->cur.seq++;
        t->out.gap(t->arg, dir, n);
        if (h->consecutive_failures >= MAX_CONSECUTIVE_FAILURES || !h->decrypted)
            give_up(t, MD_TLS_FAILED, "decryption failure at %s record %llu", dir_name(t, dir),
                    (unsigned long long)h->first_failure);
        return;
    }
    h->cur.seq++;
    h->decrypted++;
    h->consecutive_failures = 0;
    if (t->env->debug)
        dbg(t, "%s record %llu: type %u, %zu bytes, decrypted: type %u, %zu bytes", dir_name(t, dir),
            (unsigned long long)h->records, type, n, inner, outn);
    content(t, dir, inner, t->env->scratch, outn, 1);
}

/* After a gap: looks in h->rec for a record the current keys open, at sequence numbers a little past
 * the expected one (records were lost with the gap). Returns 1 when found (and consumed). */
static int resync_scan(md_tls *t, int dir)
{
    md_tls_half *h = &t->h[dir];
    size_t i = 0;
    while (h->rec.len >= 5 && i + 5 <= h->rec.len) {
        const uint8_t *q = h->rec.p + i;
        size_t len = (size_t)q[3] << 8 | q[4];
        int candidate = header_ok(q) && len >= 16 && (t->version != 0x0304 || q[0] == CT_APPDATA);
        if (!candidate) {
            i++;
            continue;
        }
        if (i + 5 + len > h->rec.len) {
            md_buf_consume(&h->rec, i); /* wait for the rest of this candidate */
            return 0;
        }
        uint64_t tries = h->lost / 22 + 4;
        if (tries > RESYNC_MAX_TRIES)
            tries = RESYNC_MAX_TRIES;
        for (uint64_t k = 0; k < tries; k++) {
            size_t outn;
            uint8_t inner;
            if (md_tls_decrypt(&h->cur, h->cur.seq + k, q, q + 5, len, t->env->scratch, &outn, &inner)) {
                dbg(t, "%s: after the gap, record found %zu bytes on, sequence number %llu", dir_name(t, dir), i,
                    (unsigned long long)(h->cur.seq + k));
                h->cur.seq += k + 1;
                h->resync = 0;
                h->lost = 0;
                h->records++;
                h->decrypted++;
                content(t, dir, inner, t->env->scratch, outn, 1);
                md_buf_consume(&h->rec, i + 5 + len);
                return 1;
            }
        }
        i++;
    }
    if (i > 4)
        md_buf_consume(&h->rec, i); /* no header can start before here */
    return 0;
}

static void feed_resync(md_tls *t, int dir, const uint8_t *p, size_t n)
{
    md_tls_half *h = &t->h[dir];
    const size_t cap = 2 * (MD_TLS_MAX_CIPHERTEXT + 5);
    while (n) {
        size_t take = cap - h->rec.len < n ? cap - h->rec.len : n;
        if (!md_buf_append(&h->rec, p, take, cap)) {
            give_up(t, MD_TLS_FAILED, "out of memory");
            return;
        }
        p += take;
        n -= take;
        if (resync_scan(t, dir))
            break;
        if (h->rec.len == cap)
            md_buf_consume(&h->rec, cap / 2);
        h->lost += take;
    }
    if (h->resync || h->dead)
        return;
    /* found: what is left in rec (and in p) is the stream from a record boundary on */
    md_buf rest = h->rec;
    memset(&h->rec, 0, sizeof h->rec);
    md_tls_feed(t, dir, rest.p, rest.len);
    md_buf_free(&rest);
    if (n)
        md_tls_feed(t, dir, p, n);
}

void md_tls_feed(md_tls *t, int dir, const uint8_t *p, size_t n)
{
    md_tls_half *h = &t->h[dir];
    if (h->dead)
        return;
    if (h->resync) {
        feed_resync(t, dir, p, n);
        return;
    }
    while (n && !h->dead) {
        if (h->rec.len == 0 && n >= 5) {
            if (!header_ok(p)) {
                give_up(t, MD_TLS_FAILED, "not a TLS record in the %s's stream after %llu records", dir_name(t, dir),
                        (unsigned long long)h->records);
                return;
            }
            size_t len = (size_t)p[3] << 8 | p[4];
            if (n >= 5 + len) { /* whole record in place: no copy */
                record(t, dir, p, p + 5, len);
                p += 5 + len;
                n -= 5 + len;
                continue;
            }
        }
        size_t need = 5;
        if (h->rec.len >= 5) {
            need = 5 + ((size_t)h->rec.p[3] << 8 | h->rec.p[4]);
        }
        size_t take = need - h->rec.len < n ? need - h->rec.len : n;
        if (!md_buf_append(&h->rec, p, take, MD_TLS_MAX_CIPHERTEXT + 5)) {
            give_up(t, MD_TLS_FAILED, "out of memory");
            return;
        }
        p += take;
        n -= take;
        if (h->rec.len == 5 && !header_ok(h->rec.p)) {
            give_up(t, MD_TLS_FAILED, "not a TLS record in the %s's stream after %llu records", dir_name(t, dir),
                    (unsigned long long)h->records);
            return;
        }
        if (h->rec.len >= 5 && h->rec.len == 5 + ((size_t)h->rec.p[3] << 8 | h->rec.p[4])) {
            record(t, dir, h->rec.p, h->rec.p + 5, h->rec.len - 5);
            h->rec.len = 0;
        }
    }
}

void md_tls_gap(md_tls *t, int dir, uint64_t n)
{
    md_tls_half *h = &t->h[dir];
    if (h->dead)
        return;
    if (t->status != MD_TLS_DECRYPTING || !md_tls_cipher_ready(&h->cur) || !h->protected_) {
        give_up(t, MD_TLS_FAILED, "%llu bytes missing from the %s's stream during the TLS handshake",
                (unsigned long long)n, dir_name(t, dir));
        return;
    }
    dbg(t, "%s: %llu bytes missing; looking for the next record", dir_name(t, dir), (unsigned long long)n);
    h->rec.len = 0;
    h->hs_hdr_len = 0;
    h->hs_left = 0;
    h->resync = 1;
    h->lost += n;
    t->out.gap(t->arg, dir, n);
}

void md_tls_init(md_tls *t, md_tls_env *env, uint64_t conn_id, const md_tls_out *out, void *arg)
{
    memset(t, 0, sizeof *t);
    t->client_dir = -1;
    t->env = env;
    t->conn_id = conn_id;
    t->out = *out;
    t->arg = arg;
    t->status = MD_TLS_HANDSHAKE;
}

void md_tls_free(md_tls *t)
{
    for (int d = 0; d < 2; d++) {
        md_buf_free(&t->h[d].rec);
        md_buf_free(&t->h[d].hs);
        md_tls_cipher_free(&t->h[d].cur);
        md_tls_cipher_free(&t->h[d].next);
        OPENSSL_cleanse(t->h[d].secret, sizeof t->h[d].secret);
        OPENSSL_cleanse(t->h[d].app0, sizeof t->h[d].app0);
    }
    OPENSSL_cleanse(t->ms, sizeof t->ms);
}
