/*
 * HTTP authentication (see auth.h). Facts used: base64 (RFC 4648 section 4); NTLM messages start with
 * "NTLMSSP\0" and a 32-bit MessageType, strings are described by 8-byte fields (Len u16, MaxLen u16,
 * BufferOffset u32 from the start of the message) and are UTF-16LE when NTLMSSP_NEGOTIATE_UNICODE
 * (0x00000001) is set in NegotiateFlags, OEM otherwise; AUTHENTICATE has the domain, user and
 * workstation fields at offsets 28, 36, 44 and NegotiateFlags at 60; CHALLENGE the target name at 12 and
 * NegotiateFlags at 20. GSS-API tokens (RFC 2743 3.1) and SPNEGO (RFC 4178) are DER; a Kerberos AP-REQ
 * (RFC 4120 5.5.1, [APPLICATION 14]) holds a Ticket ([APPLICATION 1]) with realm [1] and sname [2].
 */
#include "auth.h"

#include "core/cursor.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#define TOKEN_MAX ((size_t)48 << 10)

static uint8_t token[TOKEN_MAX]; /* the decoded header value being looked at (single-threaded) */

static int ieq(const char *a, size_t n, const char *lit)
{
    if (strlen(lit) != n)
        return 0;
    for (size_t i = 0; i < n; i++) {
        char x = a[i], y = lit[i];
        if (x >= 'A' && x <= 'Z') x = (char)(x + 32);
        if (y >= 'A' && y <= 'Z') y = (char)(y + 32);
        if (x != y)
            return 0;
    }
    return 1;
}

static int b64val(unsigned char c)
{
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '+' || c == '-') return 62;
    if (c == '/' || c == '_') return 63;
    return -1;
}

/* Base64 into `token`; returns the byte count, or -1. */
static long unbase64(const char *s, size_t n)
{
    size_t o = 0;
    uint32_t acc = 0;
    int bits = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '=')
            break;
        int v = b64val((unsigned char)s[i]);
        if (v < 0)
            return -1;
        acc = acc << 6 | (uint32_t)v;
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            if (o == TOKEN_MAX)
                return -1;
            token[o++] = (uint8_t)(acc >> bits);
        }
    }
    return (long)o;
}

/* Printable copy of text: control characters become '?'. */
static void put_text(char *out, size_t outsz, const uint8_t *s, size_t n)
{
    size_t o = 0;
    for (size_t i = 0; i < n && o + 1 < outsz; i++)
        out[o++] = (s[i] < 0x20 || s[i] == 0x7F) ? '?' : (char)s[i];
    out[o] = 0;
}

/* UTF-16LE into UTF-8 with the core's conversion (unpaired surrogates become U+FFFD); control characters
 * as '?'. */
static void put_utf16(char *out, size_t outsz, const uint8_t *s, size_t n)
{
    mh_span sp = { s, 0, n };
    size_t len = mh_span_utf16_to_utf8(sp, out, outsz);
    for (size_t i = 0; i < len; i++)
        if ((unsigned char)out[i] < 0x20 || out[i] == 0x7F)
            out[i] = '?';
}

static uint32_t le32(const uint8_t *p) { return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24; }
static uint16_t le16(const uint8_t *p) { return (uint16_t)(p[0] | p[1] << 8); }

/* An NTLM string field at `at` of message `m` (n bytes). */
static void ntlm_string(const uint8_t *m, size_t n, size_t at, int unicode, char *out, size_t outsz)
{
    out[0] = 0;
    if (at + 8 > n)
        return;
    size_t len = le16(m + at), off = le32(m + at + 4);
    if (off > n || len > n - off)
        return;
    if (unicode)
        put_utf16(out, outsz, m + off, len);
    else
        put_text(out, outsz, m + off, len);
}

static void ntlm(const uint8_t *m, size_t n, md_auth *a)
{
    if (n < 12 || memcmp(m, "NTLMSSP\0", 8) != 0)
        return;
    a->ntlm_type = (int)le32(m + 8);
    if (a->ntlm_type == 3 && n >= 64) {
        int unicode = le32(m + 60) & 1;
        ntlm_string(m, n, 28, unicode, a->domain, sizeof a->domain);
        ntlm_string(m, n, 36, unicode, a->user, sizeof a->user);
        ntlm_string(m, n, 44, unicode, a->workstation, sizeof a->workstation);
    } else if (a->ntlm_type == 2 && n >= 24) {
        ntlm_string(m, n, 12, le32(m + 20) & 1, a->domain, sizeof a->domain);
    } else if (a->ntlm_type == 1 && n >= 32) {
        /* OEM domain and workstation, present when the client supplies them */
        ntlm_string(m, n, 16, 0, a->domain, sizeof a->domain);
        ntlm_string(m, n, 24, 0, a->workstation, sizeof a->workstation);
    }
}

/* ---- DER, just enough to walk to the ticket of a Kerberos AP-REQ ---- */

typedef struct {
    const uint8_t *p;
    size_t n;
} der;

/* The next TLV: its tag and contents; returns 0 when malformed. */
static int der_next(der *d, unsigned *tag, der *content)
{
    if (d->n < 2)
        return 0;
    *tag = d->p[0];
    size_t len = d->p[1], hl = 2;
    if (len & 0x80) {
        size_t k = len & 0x7F;
        if (k == 0 || k > 3 || d->n < 2 + k)
            return 0;
        len = 0;
        for (size_t i = 0; i < k; i++)
            len = len << 8 | d->p[2 + i];
        hl += k;
    }
    if (len > d->n - hl)
        return 0;
    content->p = d->p + hl;
    content->n = len;
    d->p += hl + len;
    d->n -= hl + len;
    return 1;
}

/* Contents of the first element with this tag in a constructed value. */
static int der_find(der d, unsigned want, der *out)
{
    unsigned tag;
    der c;
    while (der_next(&d, &tag, &c))
        if (tag == want) {
            *out = c;
            return 1;
        }
    return 0;
}

static void kerberos(const uint8_t *p, size_t n, md_auth *a)
{
    /* the AP-REQ follows the krb5 mechanism OID and the 2-byte TOK_ID 01 00 (RFC 4121 4.1) */
    static const uint8_t oid_krb5[] = { 0x06, 0x09, 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x12, 0x01, 0x02, 0x02 };
    static const uint8_t oid_mskrb[] = { 0x06, 0x09, 0x2A, 0x86, 0x48, 0x82, 0xF7, 0x12, 0x01, 0x02, 0x02 };
    int found = 0;
    for (size_t i = 0; i + sizeof oid_krb5 <= n && !a->realm[0]; i++) {
        if (memcmp(p + i, oid_krb5, sizeof oid_krb5) && memcmp(p + i, oid_mskrb, sizeof oid_mskrb))
            continue;
        found = 1; /* named in SPNEGO's mechanism list, or framing the token itself */
        size_t at = i + sizeof oid_krb5;
        if (!(at + 2 < n && p[at] == 0x01 && p[at + 1] == 0x00 && p[at + 2] == 0x6E))
            continue;
        der d = { p + at + 2, n - at - 2 }, apreq, seq, t, ticket, tseq, realm, sname, names, s;
        unsigned tag;
        if (!der_next(&d, &tag, &apreq) || !der_next(&apreq, &tag, &seq) || tag != 0x30 || !der_find(seq, 0xA3, &t) ||
            !der_next(&t, &tag, &ticket) || tag != 0x61 || !der_next(&ticket, &tag, &tseq) || tag != 0x30)
            continue;
        if (der_find(tseq, 0xA1, &realm) && der_next(&realm, &tag, &s) && tag == 0x1B)
            put_text(a->realm, sizeof a->realm, s.p, s.n);
        if (der_find(tseq, 0xA2, &sname) && der_next(&sname, &tag, &s) && tag == 0x30 && der_find(s, 0xA1, &names) &&
            der_next(&names, &tag, &s) && tag == 0x30) {
            der part;
            size_t o = 0;
            while (der_next(&s, &tag, &part) && o + 2 < sizeof a->service) {
                if (o)
                    a->service[o++] = '/';
                put_text(a->service + o, sizeof a->service - o, part.p, part.n);
                o = strlen(a->service);
            }
        }
        if (!a->realm[0])
            snprintf(a->realm, sizeof a->realm, "?"); /* a ticket without a readable realm: stop here */
    }
    if (found)
        snprintf(a->mech, sizeof a->mech, "Kerberos");
}

/* A Negotiate token: NTLM (raw, or inside SPNEGO) or Kerberos. */
static void negotiate(const uint8_t *p, size_t n, md_auth *a)
{
    for (size_t i = 0; i + 8 <= n; i++)
        if (memcmp(p + i, "NTLMSSP\0", 8) == 0) {
            snprintf(a->mech, sizeof a->mech, "NTLM");
            ntlm(p + i, n - i, a);
            return;
        }
    kerberos(p, n, a);
}

/* "Scheme credentials": the scheme and the credentials' span. */
static void scheme_and_rest(const char *v, size_t n, size_t *sl, const char **rest, size_t *rl)
{
    size_t i = 0;
    while (i < n && v[i] != ' ' && v[i] != '\t')
        i++;
    *sl = i;
    while (i < n && (v[i] == ' ' || v[i] == '\t'))
        i++;
    *rest = v + i;
    *rl = n - i;
}

static void credentials(const char *scheme, size_t sl, const char *rest, size_t rl, md_auth *a)
{
    size_t k = sl < sizeof a->scheme - 1 ? sl : sizeof a->scheme - 1;
    put_text(a->scheme, sizeof a->scheme, (const uint8_t *)scheme, k);
    if (ieq(scheme, sl, "Bearer"))
        return; /* the token is a secret: not even decoded */
    long tn = rl ? unbase64(rest, rl) : -1;
    if (tn < 0)
        return;
    if (ieq(scheme, sl, "Basic")) {
        const uint8_t *colon = memchr(token, ':', (size_t)tn);
        size_t ul = colon ? (size_t)(colon - token) : (size_t)tn;
        put_text(a->user, sizeof a->user, token, ul);
        memset(token, 0, (size_t)tn); /* the password was in there */
    } else if (ieq(scheme, sl, "NTLM")) {
        ntlm(token, (size_t)tn, a);
    } else if (ieq(scheme, sl, "Negotiate") || ieq(scheme, sl, "Kerberos")) {
        negotiate(token, (size_t)tn, a);
    }
}

void md_auth_request(const md_http_msg *m, md_auth *a)
{
    memset(a, 0, sizeof *a);
    for (size_t i = 0; i < m->nhdr; i++) {
        if (!ieq(m->hdr[i].name, m->hdr[i].name_len, "Authorization"))
            continue;
        size_t sl, rl;
        const char *rest;
        scheme_and_rest(m->hdr[i].value, m->hdr[i].value_len, &sl, &rest, &rl);
        credentials(m->hdr[i].value, sl, rest, rl, a);
        return;
    }
}

int md_auth_challenge(const md_http_msg *m, char *schemes, size_t n, md_auth *a)
{
    memset(a, 0, sizeof *a);
    size_t o = 0;
    int any = 0;
    schemes[0] = 0;
    for (size_t i = 0; i < m->nhdr; i++) {
        if (!ieq(m->hdr[i].name, m->hdr[i].name_len, "WWW-Authenticate"))
            continue;
        any = 1;
        const char *v = m->hdr[i].value;
        size_t vn = m->hdr[i].value_len, pos = 0;
        /* challenges and their auth-params are comma-separated; an element whose first token is not
         * followed by '=' starts a challenge */
        while (pos < vn) {
            while (pos < vn && (v[pos] == ' ' || v[pos] == '\t' || v[pos] == ','))
                pos++;
            size_t s = pos;
            int quoted = 0;
            while (pos < vn && (quoted || v[pos] != ',')) {
                if (v[pos] == '"')
                    quoted = !quoted;
                pos++;
            }
            size_t el = pos - s, tl = 0;
            while (tl < el && v[s + tl] != ' ' && v[s + tl] != '\t' && v[s + tl] != '=')
                tl++;
            if (!tl || (tl < el && v[s + tl] == '='))
                continue;
            if (o && o + 2 < n) {
                memcpy(schemes + o, ", ", 2);
                o += 2;
            }
            size_t k = tl < n - o - 1 ? tl : n - o - 1;
            put_text(schemes + o, n - o, (const uint8_t *)v + s, k);
            o = strlen(schemes);
            if (tl < el && !a->ntlm_type) {
                const char *rest;
                size_t sl, rl;
                scheme_and_rest(v + s, el, &sl, &rest, &rl);
                md_auth tmp;
                memset(&tmp, 0, sizeof tmp);
                credentials(v + s, sl, rest, rl, &tmp);
                if (tmp.ntlm_type == 2)
                    *a = tmp;
            }
        }
    }
    return any;
}

void md_auth_user(const md_auth *a, char *out, size_t n)
{
    out[0] = 0;
    if (!a->user[0])
        return;
    if (a->domain[0])
        snprintf(out, n, "%s\\%s", a->domain, a->user);
    else
        snprintf(out, n, "%s", a->user);
}

void md_auth_describe(const md_auth *a, char *out, size_t n)
{
    static const char *const ntlm_names[] = { "", "NEGOTIATE", "CHALLENGE", "AUTHENTICATE" };
    char user[200];
    md_auth_user(a, user, sizeof user);
    int o = snprintf(out, n, "%s", a->scheme);
    if (a->mech[0] && o >= 0 && (size_t)o < n)
        o += snprintf(out + o, n - (size_t)o, " (%s)", a->mech);
    if (a->ntlm_type >= 1 && a->ntlm_type <= 3 && o >= 0 && (size_t)o < n)
        o += snprintf(out + o, n - (size_t)o, " %s", ntlm_names[a->ntlm_type]);
    if (a->ntlm_type == 2 && a->domain[0] && o >= 0 && (size_t)o < n)
        o += snprintf(out + o, n - (size_t)o, " target %s", a->domain);
    if (user[0] && o >= 0 && (size_t)o < n)
        o += snprintf(out + o, n - (size_t)o, " user %s", user);
    if (a->workstation[0] && o >= 0 && (size_t)o < n)
        o += snprintf(out + o, n - (size_t)o, " workstation %s", a->workstation);
    if (a->service[0] && o >= 0 && (size_t)o < n)
        o += snprintf(out + o, n - (size_t)o, " service %s", a->service);
    if (a->realm[0] && o >= 0 && (size_t)o < n)
        snprintf(out + o, n - (size_t)o, " realm %s", a->realm);
}
