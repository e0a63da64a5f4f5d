/*
 * TLS on one TCP connection, as a passive observer with the secrets from a key log (RFC 5246 TLS 1.2,
 * RFC 8446 TLS 1.3): the record layer (5.1 / 5.1), the handshake messages that matter for decryption
 * (ClientHello, ServerHello with supported_versions and encrypt_then_mac, HelloRetryRequest,
 * NewSessionTicket, Finished, KeyUpdate), the switch to protected records (ChangeCipherSpec in 1.2,
 * handshake then application traffic secrets in 1.3), TLS 1.2 session resumption (by session ID or
 * ticket, RFC 5077), and recovery after a TCP gap (the next record is found by its header and its
 * sequence number by trial decryption). Application data goes to a callback in order, per direction.
 */
#ifndef MD_TLS_H
#define MD_TLS_H

#include <stdint.h>
#include <stdio.h>

#include "buf.h"
#include "keylog.h"
#include "tls_crypto.h"

typedef enum {
    MD_TLS_HANDSHAKE,   /* no ServerHello yet */
    MD_TLS_DECRYPTING,  /* keys found */
    MD_TLS_NO_KEY,      /* no secret for this client random */
    MD_TLS_UNSUPPORTED, /* version or cipher suite not decrypted */
    MD_TLS_FAILED,      /* records did not decrypt, or the stream is not TLS */
    MD_TLS_MIDSTREAM    /* the capture starts after the handshake */
} md_tls_status;

#define MD_RESUME_SLOTS 1024

/* TLS 1.2 master secrets of earlier connections, for resumed handshakes whose client random has no
 * line in the key log: by session ID and by the SHA-256 of the ticket. Oldest entries are replaced. */
typedef struct {
    struct {
        uint8_t kind;   /* 0 empty, 1 session ID, 2 ticket hash */
        uint8_t idlen;
        uint8_t id[32];
        uint8_t ms[48];
    } e[MD_RESUME_SLOTS];
    unsigned next;
} md_resume_cache;

/* What all connections share. */
typedef struct {
    const md_keylog *keys;
    FILE *debug;          /* --tls-debug, or NULL */
    md_resume_cache resume;
    uint8_t scratch[MD_TLS_MAX_CIPHERTEXT + 64]; /* decrypted record (used before the next one) */
} md_tls_env;

typedef struct {
    void (*data)(void *arg, int dir, const uint8_t *p, size_t n);
    void (*gap)(void *arg, int dir, uint64_t n);
} md_tls_out;

typedef struct {
    md_buf rec;           /* a partial record, or bytes searched for a record header after a gap */
    int resync;
    uint64_t lost;        /* bytes lost in gaps since the last good record */
    uint8_t hs_hdr[4];
    unsigned hs_hdr_len;
    uint32_t hs_left;
    int hs_keep;
    md_buf hs;            /* body of a handshake message being kept */
    md_tls_cipher cur;    /* protection of this direction's records */
    md_tls_cipher next;   /* 1.2: keys waiting for ChangeCipherSpec; 1.3: application keys */
    int protected_;       /* records of this direction are protected from now on */
    int phase13;          /* 1.3: 1 handshake keys, 2 application keys */
    uint8_t secret[MD_KL_SECRET_MAX];
    size_t slen;          /* 1.3: current traffic secret, for KeyUpdate */
    uint8_t app0[MD_KL_SECRET_MAX];
    size_t app0len;
    uint64_t records, decrypted, failures, consecutive_failures;
    uint64_t first_failure; /* record number (1-based) of the first failure */
    int dead;
} md_tls_half;

typedef struct {
    md_tls_half h[2];     /* by flow direction */
    int client_dir;       /* the direction that sent ClientHello, -1 unknown */
    md_tls_status status;
    char reason[192];
    uint16_t version, suite_id;
    const md_suite *suite;
    int etm, resumed, ticket_offered, hrr_seen, seen_app_data;
    uint8_t cr[32], sr[32];
    int have_cr;
    uint8_t sid[32];
    size_t sid_len;
    uint8_t ticket_hash[32];
    uint8_t ms[48];
    int have_ms;
    uint64_t conn_id;
    md_tls_env *env;
    md_tls_out out;
    void *arg;
} md_tls;

void md_tls_init(md_tls *t, md_tls_env *env, uint64_t conn_id, const md_tls_out *out, void *arg);
void md_tls_feed(md_tls *t, int dir, const uint8_t *p, size_t n);
void md_tls_gap(md_tls *t, int dir, uint64_t n);
void md_tls_free(md_tls *t);

const char *md_tls_version_name(uint16_t v);

#endif
