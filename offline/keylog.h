/*
 * TLS secrets from an NSS key log (the SSLKEYLOGFILE format: one "LABEL <client random> <secret>" line
 * each, hex, '#' comment lines), read from files given with -k and from pcapng Decryption Secrets
 * Blocks, indexed once by client random. Labels used: CLIENT_RANDOM (TLS 1.2 master secret),
 * CLIENT_/SERVER_HANDSHAKE_TRAFFIC_SECRET and CLIENT_/SERVER_TRAFFIC_SECRET_0 (TLS 1.3, RFC 8446
 * section 7.1). Other labels of the format (EXPORTER_SECRET, CLIENT_EARLY_TRAFFIC_SECRET, RSA, ...)
 * are accepted and not needed.
 */
#ifndef MD_KEYLOG_H
#define MD_KEYLOG_H

#include <stddef.h>
#include <stdint.h>

typedef enum {
    MD_KL_MASTER,     /* CLIENT_RANDOM */
    MD_KL_CHTS,       /* CLIENT_HANDSHAKE_TRAFFIC_SECRET */
    MD_KL_SHTS,       /* SERVER_HANDSHAKE_TRAFFIC_SECRET */
    MD_KL_CTS0,       /* CLIENT_TRAFFIC_SECRET_0 */
    MD_KL_STS0,       /* SERVER_TRAFFIC_SECRET_0 */
    MD_KL_COUNT
} md_kl_label;

#define MD_KL_SECRET_MAX 48 /* the longest secret of the suites decrypted: SHA-384 */

typedef struct {
    uint8_t client_random[32];
    uint8_t have;                     /* bit (1 << label) */
    uint8_t len[MD_KL_COUNT];
    uint8_t secret[MD_KL_COUNT][MD_KL_SECRET_MAX];
} md_kl_entry;

typedef struct {
    md_kl_entry *e;
    size_t n, cap;
    uint32_t *slot;                   /* open addressing: index + 1, 0 = empty */
    size_t nslots;
    unsigned long lines, used, ignored;
} md_keylog;

void md_keylog_init(md_keylog *k);
void md_keylog_free(md_keylog *k);

/* Adds the lines of a key log held in memory. `where` names it in errors ("keys.log"). Returns 1, or 0
 * with "<where>:<line>: <reason>" in err at the first malformed line (lines before it are kept). */
int md_keylog_add_text(md_keylog *k, const char *text, size_t len, const char *where, char *err, size_t errsz);
/* Reads a key-log file (0 with a one-line reason in err when it cannot be read or is malformed). */
int md_keylog_add_file(md_keylog *k, const char *path, char *err, size_t errsz);

const md_kl_entry *md_keylog_find(const md_keylog *k, const uint8_t client_random[32]);

#endif
