/* NSS key log parsing and index (see keylog.h). */
#include "keylog.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static const struct {
    const char *name;
    int label; /* md_kl_label, or -1: valid and not needed */
} labels[] = {
    { "CLIENT_RANDOM", MD_KL_MASTER },
    { "CLIENT_HANDSHAKE_TRAFFIC_SECRET", MD_KL_CHTS },
    { "SERVER_HANDSHAKE_TRAFFIC_SECRET", MD_KL_SHTS },
    { "CLIENT_TRAFFIC_SECRET_0", MD_KL_CTS0 },
    { "SERVER_TRAFFIC_SECRET_0", MD_KL_STS0 },
};

void md_keylog_init(md_keylog *k)
{
    memset(k, 0, sizeof *k);
}

void md_keylog_free(md_keylog *k)
{
    free(k->e);
    free(k->slot);
    memset(k, 0, sizeof *k);
}

static uint32_t hash_cr(const uint8_t cr[32])
{
    uint32_t h = 2166136261u; /* FNV-1a over the first 8 bytes: client randoms are random already */
    for (int i = 0; i < 8; i++)
        h = (h ^ cr[i]) * 16777619u;
    return h;
}

static int hexval(int c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

/* A token of hex digits into bytes; returns the byte count, or -1 when it is not even-length hex. */
static long unhex(const char *s, size_t n, uint8_t *out, size_t outsz)
{
    if (n == 0 || n % 2 || n / 2 > outsz)
        return -1;
    for (size_t i = 0; i < n; i += 2) {
        int hi = hexval((unsigned char)s[i]), lo = hexval((unsigned char)s[i + 1]);
        if (hi < 0 || lo < 0)
            return -1;
        out[i / 2] = (uint8_t)(hi << 4 | lo);
    }
    return (long)(n / 2);
}

static int grow_index(md_keylog *k)
{
    size_t nslots = k->nslots ? k->nslots * 2 : 1024;
    uint32_t *slot = calloc(nslots, sizeof *slot);
    if (!slot)
        return 0;
    for (size_t i = 0; i < k->n; i++) {
        size_t s = hash_cr(k->e[i].client_random) & (nslots - 1);
        while (slot[s])
            s = (s + 1) & (nslots - 1);
        slot[s] = (uint32_t)i + 1;
    }
    free(k->slot);
    k->slot = slot;
    k->nslots = nslots;
    return 1;
}

const md_kl_entry *md_keylog_find(const md_keylog *k, const uint8_t cr[32])
{
    if (!k->nslots)
        return NULL;
    size_t s = hash_cr(cr) & (k->nslots - 1);
    while (k->slot[s]) {
        const md_kl_entry *e = &k->e[k->slot[s] - 1];
        if (memcmp(e->client_random, cr, 32) == 0)
            return e;
        s = (s + 1) & (k->nslots - 1);
    }
    return NULL;
}

static md_kl_entry *entry_for(md_keylog *k, const uint8_t cr[32])
{
    md_kl_entry *e = (md_kl_entry *)md_keylog_find(k, cr);
    if (e)
        return e;
    if ((k->n + 1) * 2 > k->nslots && !grow_index(k))
        return NULL;
    if (k->n == k->cap) {
        size_t cap = k->cap ? k->cap * 2 : 256;
        md_kl_entry *ne = realloc(k->e, cap * sizeof *ne);
        if (!ne)
            return NULL;
        k->e = ne;
        k->cap = cap;
    }
    e = &k->e[k->n];
    memset(e, 0, sizeof *e);
    memcpy(e->client_random, cr, 32);
    size_t s = hash_cr(cr) & (k->nslots - 1);
    while (k->slot[s])
        s = (s + 1) & (k->nslots - 1);
    k->slot[s] = (uint32_t)++k->n;
    return e;
}

/* One line without its end; returns NULL when fine, else the reason. */
static const char *one_line(md_keylog *k, const char *s, size_t n)
{
    while (n && (s[n - 1] == '\r' || s[n - 1] == ' ' || s[n - 1] == '\t'))
        n--;
    size_t i = 0;
    while (i < n && (s[i] == ' ' || s[i] == '\t'))
        i++;
    if (i == n || s[i] == '#')
        return NULL;
    const char *tok[4];
    size_t len[4];
    int nt = 0;
    while (i < n) {
        if (nt == 3)
            return "more than three fields (expected LABEL CLIENT_RANDOM SECRET)";
        tok[nt] = s + i;
        while (i < n && s[i] != ' ' && s[i] != '\t')
            i++;
        len[nt] = (size_t)(s + i - tok[nt]);
        nt++;
        while (i < n && (s[i] == ' ' || s[i] == '\t'))
            i++;
    }
    if (nt != 3)
        return "expected three fields: LABEL CLIENT_RANDOM SECRET (an NSS key log, as SSLKEYLOGFILE writes)";
    for (size_t j = 0; j < len[0]; j++) {
        char c = tok[0][j];
        if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_'))
            return "the label is not an upper-case word (like CLIENT_RANDOM)";
    }
    uint8_t id[32], secret[64];
    int is_rsa = len[0] == 3 && memcmp(tok[0], "RSA", 3) == 0;
    /* RSA lines name the first 8 bytes of the encrypted premaster secret instead of a client random */
    long idn = unhex(tok[1], len[1], id, sizeof id);
    if (idn != (is_rsa ? 8 : 32))
        return is_rsa ? "the second field must be 16 hex digits" : "the client random must be 64 hex digits";
    long sn = unhex(tok[2], len[2], secret, sizeof secret);
    if (sn < 0)
        return "the secret must be hex digits (at most 128)";
    k->lines++;
    for (size_t j = 0; j < sizeof labels / sizeof labels[0]; j++) {
        if (strlen(labels[j].name) != len[0] || memcmp(labels[j].name, tok[0], len[0]) != 0)
            continue;
        if (labels[j].label == MD_KL_MASTER && sn != 48)
            return "a CLIENT_RANDOM master secret must be 48 bytes (96 hex digits)";
        if (sn > MD_KL_SECRET_MAX) {
            k->ignored++; /* longer than any suite mapidump decrypts */
            return NULL;
        }
        md_kl_entry *e = entry_for(k, id);
        if (!e)
            return "out of memory";
        e->have |= (uint8_t)(1u << labels[j].label);
        e->len[labels[j].label] = (uint8_t)sn;
        memcpy(e->secret[labels[j].label], secret, (size_t)sn);
        k->used++;
        return NULL;
    }
    k->ignored++;
    return NULL;
}

int md_keylog_add_text(md_keylog *k, const char *text, size_t len, const char *where, char *err, size_t errsz)
{
    size_t pos = 0;
    unsigned long lineno = 0;
    while (pos < len) {
        const char *nl = memchr(text + pos, '\n', len - pos);
        size_t end = nl ? (size_t)(nl - text) : len;
        lineno++;
        /* the secrets block may be NUL-padded */
        size_t n = end - pos;
        while (n && text[pos + n - 1] == '\0')
            n--;
        const char *why = one_line(k, text + pos, n);
        if (why) {
            snprintf(err, errsz, "%s:%lu: malformed key-log line: %s", where, lineno, why);
            return 0;
        }
        pos = end + 1;
    }
    return 1;
}

int md_keylog_add_file(md_keylog *k, const char *path, char *err, size_t errsz)
{
    struct stat st;
    if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
        snprintf(err, errsz, "%s: is a directory, not a key log file", path);
        return 0;
    }
    FILE *f = fopen(path, "rb");
    if (!f) {
        snprintf(err, errsz, "%s: cannot open the key log: %s", path, strerror(errno));
        return 0;
    }
    char *buf = NULL;
    size_t len = 0, cap = 0;
    for (;;) {
        if (len == cap) {
            size_t nc = cap ? cap * 2 : 1 << 16;
            char *nb = nc > ((size_t)1 << 31) ? NULL : realloc(buf, nc);
            if (!nb) {
                free(buf);
                fclose(f);
                snprintf(err, errsz, "%s: too large for a key log", path);
                return 0;
            }
            buf = nb;
            cap = nc;
        }
        size_t r = fread(buf + len, 1, cap - len, f);
        len += r;
        if (r == 0)
            break;
    }
    int bad = ferror(f);
    fclose(f);
    if (bad) {
        free(buf);
        snprintf(err, errsz, "%s: cannot read the key log: %s", path, strerror(errno));
        return 0;
    }
    int ok = md_keylog_add_text(k, buf, len, path, err, errsz);
    free(buf);
    return ok;
}
