/*
 * HTTP authentication (offline/auth.c). NTLM messages are built here from [MS-NLMP] 2.2.1.1-2.2.1.3 (fixed
 * fields at the offsets the specification gives, UTF-16LE payload with NTLMSSP_NEGOTIATE_UNICODE); Basic
 * from RFC 7617 ("Aladdin:open sesame" is the RFC's own example); the secret parts must never come out.
 */
#include <string.h>

#include "auth.h"
#include "check.h"

static size_t b64(const uint8_t *in, size_t n, char *out)
{
    static const char a[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    size_t o = 0;
    for (size_t i = 0; i < n; i += 3) {
        uint32_t v = (uint32_t)in[i] << 16 | (i + 1 < n ? (uint32_t)in[i + 1] << 8 : 0) | (i + 2 < n ? in[i + 2] : 0);
        out[o++] = a[v >> 18 & 63];
        out[o++] = a[v >> 12 & 63];
        out[o++] = i + 1 < n ? a[v >> 6 & 63] : '=';
        out[o++] = i + 2 < n ? a[v & 63] : '=';
    }
    out[o] = 0;
    return o;
}

static void put16(uint8_t *p, unsigned v) { p[0] = (uint8_t)v; p[1] = (uint8_t)(v >> 8); }
static void put32(uint8_t *p, uint32_t v) { put16(p, v & 0xFFFF); put16(p + 2, v >> 16); }

static size_t utf16(const char *s, uint8_t *out)
{
    size_t n = 0;
    for (; *s; s++) {
        out[n++] = (uint8_t)*s;
        out[n++] = 0;
    }
    return n;
}

static md_http_msg msg_with(const char *name, const char *value)
{
    md_http_msg m;
    memset(&m, 0, sizeof m);
    m.hdr[0].name = name;
    m.hdr[0].name_len = strlen(name);
    m.hdr[0].value = value;
    m.hdr[0].value_len = strlen(value);
    m.nhdr = 1;
    return m;
}

static void ntlm_authenticate(void)
{
    uint8_t m[256];
    memset(m, 0, sizeof m);
    memcpy(m, "NTLMSSP\0", 8);
    put32(m + 8, 3);
    size_t off = 88, n;
    /* LmChallengeResponse (12), NtChallengeResponse (20): 8 bytes each of "secret" */
    put16(m + 12, 8), put16(m + 14, 8), put32(m + 16, (uint32_t)off);
    memcpy(m + off, "SECRET01", 8), off += 8;
    put16(m + 20, 8), put16(m + 22, 8), put32(m + 24, (uint32_t)off);
    memcpy(m + off, "SECRET02", 8), off += 8;
    n = utf16("CONTOSO", m + off), put16(m + 28, (unsigned)n), put16(m + 30, (unsigned)n), put32(m + 32, (uint32_t)off), off += n;
    n = utf16("alice", m + off), put16(m + 36, (unsigned)n), put16(m + 38, (unsigned)n), put32(m + 40, (uint32_t)off), off += n;
    n = utf16("WS01", m + off), put16(m + 44, (unsigned)n), put16(m + 46, (unsigned)n), put32(m + 48, (uint32_t)off), off += n;
    put32(m + 60, 0x00000001); /* NTLMSSP_NEGOTIATE_UNICODE */
    char value[512] = "NTLM ";
    b64(m, off, value + 5);
    md_http_msg h = msg_with("Authorization", value);
    md_auth a;
    md_auth_request(&h, &a);
    CHECK_STR(a.scheme, "NTLM");
    CHECK_EQ(a.ntlm_type, 3);
    CHECK_STR(a.domain, "CONTOSO");
    CHECK_STR(a.user, "alice");
    CHECK_STR(a.workstation, "WS01");
    char d[300];
    md_auth_describe(&a, d, sizeof d);
    CHECK_STR(d, "NTLM AUTHENTICATE user CONTOSO\\alice workstation WS01");
    CHECK(strstr(d, "SECRET") == NULL);
    /* the same message inside Negotiate */
    char nego[512] = "Negotiate ";
    b64(m, off, nego + 10);
    h = msg_with("authorization", nego);
    md_auth_request(&h, &a);
    CHECK_STR(a.mech, "NTLM");
    CHECK_STR(a.user, "alice");
}

static void basic_and_bearer(void)
{
    md_http_msg h = msg_with("Authorization", "Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==");
    md_auth a;
    md_auth_request(&h, &a);
    CHECK_STR(a.user, "Aladdin");
    char d[300];
    md_auth_describe(&a, d, sizeof d);
    CHECK_STR(d, "Basic user Aladdin");
    CHECK(strstr(d, "sesame") == NULL);
    h = msg_with("Authorization", "Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJib2IifQ.c2lnbmF0dXJl");
    md_auth_request(&h, &a);
    md_auth_describe(&a, d, sizeof d);
    CHECK_STR(d, "Bearer");
}

static void challenges(void)
{
    md_http_msg h;
    memset(&h, 0, sizeof h);
    const char *v[] = { "Negotiate", "NTLM", "Basic realm=\"mail, contoso\", charset=\"UTF-8\"", "Bearer" };
    for (int i = 0; i < 4; i++) {
        h.hdr[i].name = "WWW-Authenticate";
        h.hdr[i].name_len = 16;
        h.hdr[i].value = v[i];
        h.hdr[i].value_len = strlen(v[i]);
    }
    h.nhdr = 4;
    char s[200];
    md_auth a;
    CHECK(md_auth_challenge(&h, s, sizeof s, &a));
    CHECK_STR(s, "Negotiate, NTLM, Basic, Bearer");
    md_http_msg none;
    memset(&none, 0, sizeof none);
    CHECK(!md_auth_challenge(&none, s, sizeof s, &a));
}

static void garbage(void)
{
    /* whatever the header holds, nothing breaks and nothing is made up */
    const char *vals[] = { "NTLM", "NTLM !!!!", "NTLM TlRMTVNTUAADAAAA", "Negotiate YII=", "Basic", "Basic ====", "" };
    for (size_t i = 0; i < sizeof vals / sizeof vals[0]; i++) {
        md_http_msg h = msg_with("Authorization", vals[i]);
        md_auth a;
        md_auth_request(&h, &a);
        CHECK(a.user[0] == 0);
    }
}

int main(void)
{
    RUN(ntlm_authenticate);
    RUN(basic_and_bearer);
    RUN(challenges);
    RUN(garbage);
    return check_report();
}
