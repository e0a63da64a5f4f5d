/*
 * [MS-OXCMAPIHTTP] 2.2.3: the headers MAPI/HTTP defines, decoded as fields, and the session cookies.
 * Header values are text handed over by the front end (Wireshark's HTTP dissector or mapidump's HTTP
 * parser); those from the HTTP header block are shown as generated fields, those found after DONE in
 * the body at their offsets.
 */
#include "headers.h"

#include <string.h>

#include "../core/text.h"

#include "../generated/tables.h"

/* X-ResponseCode names come from the generated table ([MS-OXCMAPIHTTP] 2.2.3.3.3). */
static const char *response_code_lookup(const mh_names *n, uint64_t v)
{
    (void)n;
    for (size_t i = 0; i < mh_response_code_vs_count; i++)
        if (mh_response_code_vs[i].value == v)
            return mh_response_code_vs[i].name;
    return NULL;
}
const mh_names mh_names_response_code = { NULL, 0, 0, 0, response_code_lookup };

typedef enum {
    H_NONE,
    H_REQUEST_TYPE,
    H_REQUEST_ID,
    H_CLIENT_INFO,
    H_CLIENT_APPLICATION,
    H_PENDING_PERIOD,
    H_RESPONSE_CODE,
    H_SERVER_APPLICATION,
    H_EXPIRATION_INFO,
    H_ELAPSED_TIME,
    H_START_TIME,
    H_DEVICE_INFO,
    H_USER_IDENTITY,
    H_CONTENT_TYPE,
    H_COOKIE,
    H_SET_COOKIE
} header_kind;

static const struct {
    const char *name;
    header_kind kind;
    mh_field_id field;
} known[] = {
    { "X-RequestType", H_REQUEST_TYPE, MH_F_REQUEST_TYPE },
    { "X-RequestId", H_REQUEST_ID, MH_F_REQUEST_ID },
    { "X-ClientInfo", H_CLIENT_INFO, MH_F_CLIENT_INFO },
    { "X-ClientApplication", H_CLIENT_APPLICATION, MH_F_CLIENT_APPLICATION },
    { "X-PendingPeriod", H_PENDING_PERIOD, MH_F_PENDING_PERIOD },
    { "X-ResponseCode", H_RESPONSE_CODE, MH_F_RESPONSE_CODE },
    { "X-ServerApplication", H_SERVER_APPLICATION, MH_F_SERVER_APPLICATION },
    { "X-ExpirationInfo", H_EXPIRATION_INFO, MH_F_EXPIRATION_INFO },
    { "X-ElapsedTime", H_ELAPSED_TIME, MH_F_ELAPSED_TIME },
    { "X-StartTime", H_START_TIME, MH_F_START_TIME },
    { "X-DeviceInfo", H_DEVICE_INFO, MH_F_DEVICE_INFO },
    { "X-UserIdentity", H_USER_IDENTITY, MH_F_USER_IDENTITY },
    { "Content-Type", H_CONTENT_TYPE, MH_F_CONTENT_TYPE },
    { "Cookie", H_COOKIE, MH_F_SESSION },
    { "Set-Cookie", H_SET_COOKIE, MH_F_SESSION },
};

static int kind_of(mh_span name, mh_field_id *field)
{
    name = mh_text_trim(name);
    for (size_t i = 0; i < sizeof known / sizeof known[0]; i++)
        if (mh_text_ieq(name, known[i].name)) {
            *field = known[i].field;
            return known[i].kind;
        }
    return H_NONE;
}

/* Header text is shown as it came; the JSON sink keeps the document valid for odd bytes. */
static void emit_span_str(mh_dec *d, mh_field_id f, size_t off, mh_span v)
{
    size_t len = off == MH_OFF_GENERATED ? 0 : v.len;
    mh_emit_str(d, f, off, len, mh_span_chars(v), v.len);
}

static void numeric(mh_dec *d, mh_field_id f, size_t off, mh_span v, uint32_t *out, int *has)
{
    uint64_t n;
    if (!mh_text_uint(v, &n) || n > UINT32_MAX) {
        mh_problem(d, MH_PROB_MALFORMED, off, off == MH_OFF_GENERATED ? 0 : v.len,
                   "%s: not a decimal number: \"%.*s\"", mh_fields[f].label, (int)(v.len > 64 ? 64 : v.len),
                   mh_span_chars(v));
        return;
    }
    mh_emit_uint(d, f, off, off == MH_OFF_GENERATED ? 0 : v.len, n, NULL);
    if (out)
        *out = (uint32_t)n;
    if (has)
        *has = 1;
}

/* "{GUID}:counter" ([MS-OXCMAPIHTTP] 2.2.3.3.2): the value, then its two parts. */
static void request_id(mh_dec *d, size_t off, mh_span v, mh_header_info *info)
{
    size_t gen_len = off == MH_OFF_GENERATED ? 0 : v.len;
    mh_open_str(d, MH_F_REQUEST_ID, off, gen_len, mh_span_chars(v), v.len);
    size_t colon = mh_text_find(v, 0, ':');
    uint8_t g[16];
    uint64_t counter;
    int ok = colon < v.len && mh_text_guid(mh_span_sub(v, 0, colon), g) &&
             mh_text_uint(mh_span_sub(v, colon + 1, v.len - colon - 1), &counter);
    if (ok) {
        mh_emit_guid(d, MH_F_REQUEST_ID_GUID, off, g, NULL);
        mh_emit_uint(d, MH_F_REQUEST_ID_COUNTER, off == MH_OFF_GENERATED ? off : off + colon + 1,
                     off == MH_OFF_GENERATED ? 0 : v.len - colon - 1, counter, NULL);
    } else {
        mh_problem(d, MH_PROB_MALFORMED, off, gen_len,
                   "X-RequestId: expected \"{GUID}:counter\", got \"%.*s\"", (int)(v.len > 80 ? 80 : v.len),
                   mh_span_chars(v));
    }
    mh_close_len(d, gen_len);
    if (info) {
        info->request_id = mh_span_chars(v);
        info->request_id_len = v.len;
    }
}

/* Cookie: "a=1; b=2" (2.2.3.2.4) or Set-Cookie: "a=1; path=/; ..." (2.2.3.2.3). The names are
 * implementation-specific; Exchange's MapiContext / MapiSequence and the sid cookie are shown. */
static void cookies(mh_dec *d, mh_span v, int set_cookie)
{
    size_t pos = 0;
    int opened = 0;
    while (pos < v.len) {
        size_t semi = mh_text_find(v, pos, ';');
        mh_span pair = mh_text_trim(mh_span_sub(v, pos, semi - pos));
        size_t eq = mh_text_find(pair, 0, '=');
        if (eq < pair.len) {
            mh_span name = mh_text_trim(mh_span_sub(pair, 0, eq));
            mh_span value = mh_text_trim(mh_span_sub(pair, eq + 1, pair.len - eq - 1));
            mh_field_id f = MH_F_COUNT;
            if (mh_text_ieq(name, "MapiContext"))
                f = MH_F_SESSION_CONTEXT;
            else if (mh_text_ieq(name, "MapiSequence"))
                f = MH_F_SESSION_SEQUENCE;
            else if (mh_text_ieq(name, "sid"))
                f = MH_F_SESSION_SID;
            if (f != MH_F_COUNT) {
                if (!opened) {
                    mh_open_at(d, MH_F_SESSION, MH_OFF_GENERATED, NULL, NULL);
                    opened = 1;
                }
                emit_span_str(d, f, MH_OFF_GENERATED, value);
            }
        }
        if (set_cookie)
            break; /* attributes (path, expires, ...) follow the first pair */
        pos = semi + 1;
    }
    if (opened)
        mh_close_len(d, 0);
}

static void one_header(mh_dec *d, mh_span name, mh_span value, size_t off, mh_header_info *info)
{
    mh_field_id f = MH_F_COUNT;
    header_kind k = kind_of(name, &f);
    value = mh_text_trim(value);
    switch (k) {
    case H_NONE:
        return;
    case H_REQUEST_TYPE:
        emit_span_str(d, f, off, value);
        if (info)
            info->type = mh_request_type_parse(mh_span_chars(value), value.len);
        if (info && info->type == MH_RT_UNKNOWN)
            mh_problem(d, MH_PROB_UNSUPPORTED, off, off == MH_OFF_GENERATED ? 0 : value.len,
                       "X-RequestType \"%.*s\" is not one of the 24 request types of [MS-OXCMAPIHTTP] 2.2.3.3.1",
                       (int)(value.len > 64 ? 64 : value.len), mh_span_chars(value));
        return;
    case H_REQUEST_ID:
        request_id(d, off, value, info);
        return;
    case H_PENDING_PERIOD:
    case H_EXPIRATION_INFO:
    case H_ELAPSED_TIME:
        numeric(d, f, off, value, NULL, NULL);
        return;
    case H_RESPONSE_CODE:
        numeric(d, f, off, value, info ? &info->response_code : NULL, info ? &info->has_response_code : NULL);
        return;
    case H_CONTENT_TYPE:
        emit_span_str(d, f, off, value);
        if (info) {
            size_t semi = mh_text_find(value, 0, ';');
            info->has_content_type = 1;
            info->content_type_mapi = mh_text_ieq(mh_text_trim(mh_span_sub(value, 0, semi)), "application/mapi-http");
        }
        return;
    case H_COOKIE:
        cookies(d, value, 0);
        return;
    case H_SET_COOKIE:
        cookies(d, value, 1);
        return;
    default:
        emit_span_str(d, f, off, value);
        return;
    }
}

void mh_decode_headers(mh_dec *d, const mh_message *m, mh_header_info *info)
{
    if (!m->n_headers)
        return;
    mh_open_at(d, MH_F_HEADERS, MH_OFF_GENERATED, NULL, NULL);
    for (size_t i = 0; i < m->n_headers; i++) {
        const mh_header *h = &m->headers[i];
        one_header(d, mh_span_of(h->name, h->name_len), mh_span_of(h->value, h->value_len), MH_OFF_GENERATED,
                   info);
    }
    mh_close_len(d, 0);
}

void mh_decode_additional_header(mh_dec *d, mh_span name, mh_span value, size_t value_off, mh_header_info *info)
{
    /* the value's offset in the body: trimming moved its start */
    mh_span t = mh_text_trim(value);
    one_header(d, name, t, value_off + (t.off - value.off), info);
}

const mh_header *mh_find_header(const mh_message *m, const char *name)
{
    for (size_t i = 0; i < m->n_headers; i++)
        if (mh_text_ieq(mh_text_trim(mh_span_of(m->headers[i].name, m->headers[i].name_len)), name))
            return &m->headers[i];
    return NULL;
}
