/* Message lines and JSON objects (see output.h). */
#include "output.h"

#include <inttypes.h>
#include <string.h>
#include <time.h>

#include "rops/rop_catalog.h"

void md_format_time(uint64_t us, char *out, size_t n)
{
    time_t s = (time_t)(us / 1000000);
    struct tm tm;
    gmtime_r(&s, &tm);
    char d[32];
    strftime(d, sizeof d, "%Y-%m-%d %H:%M:%S", &tm);
    snprintf(out, n, "%s.%06u", d, (unsigned)(us % 1000000));
}

static int client_of(const md_conn *c)
{
    return c->client_dir >= 0 ? c->client_dir : 0;
}

/* " Label=Name (value)" with the field's value names, as the core shows them. */
static void named_value(FILE *f, const char *label, mh_field_id id, uint32_t v)
{
    mh_value val;
    memset(&val, 0, sizeof val);
    val.u = v;
    char buf[160];
    mh_format_value(mh_field_get(id), &val, buf, sizeof buf, 0);
    fprintf(f, " %s=%s", label, buf);
}

void md_out_rop_names(FILE *f, const uint8_t *ids, unsigned n, const char *first)
{
    for (unsigned i = 0; i < n; i++) {
        const char *name = mh_rop_name(ids[i]);
        fputs(i ? ", " : first, f);
        if (name)
            fputs(name, f);
        else
            fprintf(f, "RopId 0x%02X", ids[i]);
    }
}

static void rop_list(FILE *f, const mh_result *r)
{
    unsigned shown = r->rop_count < sizeof r->rop_ids ? r->rop_count : (unsigned)sizeof r->rop_ids;
    md_out_rop_names(f, r->rop_ids, shown, ": ");
    if (r->rop_count > shown)
        fprintf(f, ", ... (%u ROPs)", r->rop_count);
}

void md_out_line(FILE *f, const md_view *v)
{
    char t[40];
    md_format_time(v->ts, t, sizeof t);
    int cl = client_of(v->c);
    fprintf(f, "%s #%" PRIu64 " %s %s %s ", t, v->c->id, v->c->ep[cl], v->is_response ? "<" : ">", v->c->ep[1 - cl]);
    if (v->sess)
        fprintf(f, "s%u ", v->sess->num);
    else
        fputs("s- ", f);
    const mh_request_type type = v->res && v->res->type != MH_RT_UNKNOWN ? v->res->type : v->type;
    fputs(type != MH_RT_UNKNOWN ? mh_request_type_name(type) : "?", f);
    fputs(v->is_response ? " response " : " request ", f);
    if (v->rid_len)
        fprintf(f, "%.*s", (int)v->rid_len, v->rid);
    else
        fputs("-", f);
    if (v->is_response && v->http->status != 200)
        fprintf(f, " HTTP %d", v->http->status);
    if (v->res) {
        if (v->res->has_response_code && v->res->response_code == 0)
            fputs(" X-ResponseCode=0", f);
        else if (v->res->has_response_code)
            named_value(f, "X-ResponseCode", MH_F_RESPONSE_CODE, v->res->response_code);
        if (v->res->has_status && v->res->status_code != 0)
            named_value(f, "StatusCode", MH_F_STATUS_CODE, v->res->status_code);
        if (v->res->pending_count)
            fprintf(f, " PENDING=%u", v->res->pending_count);
        rop_list(f, v->res);
        if (v->res->rop_failures)
            fprintf(f, " (%u failed)", v->res->rop_failures);
    }
    if (v->auth)
        fprintf(f, " [auth %s]", v->auth);
    if (v->challenge)
        fprintf(f, " [challenge %s]", v->challenge);
    if (!v->complete)
        fputs(" [incomplete]", f);
    if (v->res && v->res->problems)
        fprintf(f, " [%d problem%s]", v->res->problems, v->res->problems == 1 ? "" : "s");
}

void md_json_string(FILE *f, const char *s, size_t n)
{
    fputc('"', f);
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '"' || c == '\\')
            fprintf(f, "\\%c", c);
        else if (c < 0x20 || c == 0x7F)
            fprintf(f, "\\u%04x", c);
        else if (c >= 0x80)
            fprintf(f, "\\u%04x", c); /* header bytes are Latin-1 at most: kept valid JSON */
        else
            fputc(c, f);
    }
    fputc('"', f);
}

static void jstr(FILE *f, const char *key, const char *s)
{
    fprintf(f, ",\"%s\":", key);
    md_json_string(f, s, strlen(s));
}

void md_out_json_head(FILE *f, const md_view *v)
{
    char t[40];
    md_format_time(v->ts, t, sizeof t);
    t[10] = 'T';
    fprintf(f, "{\"frame.time_epoch\":\"%" PRIu64 ".%06u\"", v->ts / 1000000, (unsigned)(v->ts % 1000000));
    fprintf(f, ",\"frame.time_utc\":\"%sZ\"", t);
    fprintf(f, ",\"tcp.stream\":%" PRIu64, v->c->id);
    const char *ipk = v->c->af == 4 ? "ip" : "ipv6";
    fprintf(f, ",\"%s.src\":\"%s\",\"tcp.srcport\":%u", ipk, v->c->ip[v->dir], v->c->port[v->dir]);
    fprintf(f, ",\"%s.dst\":\"%s\",\"tcp.dstport\":%u", ipk, v->c->ip[1 - v->dir], v->c->port[1 - v->dir]);
    jstr(f, "mapidump.direction", v->is_response ? "response" : "request");
    if (v->sess) {
        fprintf(f, ",\"mapidump.session\":\"s%u\"", v->sess->num);
        if (v->sess->key[0])
            jstr(f, "mapidump.session_cookie", v->sess->key);
    }
    if (v->type != MH_RT_UNKNOWN)
        jstr(f, "mapidump.request_type", mh_request_type_name(v->type));
    if (v->rid_len) {
        fputs(",\"mapidump.request_id\":", f);
        md_json_string(f, v->rid, v->rid_len);
    }
    if (v->is_response) {
        fprintf(f, ",\"http.response.code\":%d", v->http->status);
    } else {
        fputs(",\"http.request.method\":", f);
        md_json_string(f, v->http->method, v->http->method_len);
        fputs(",\"http.request.uri\":", f);
        md_json_string(f, v->http->target, v->http->target_len);
    }
    if (v->auth)
        jstr(f, "mapidump.auth", v->auth);
    if (v->challenge)
        jstr(f, "mapidump.challenge", v->challenge);
    if (v->decoded)
        fputs(",\"mapihttp\":", f);
}

void md_out_json_tail(FILE *f, const md_view *v)
{
    if (v->res) {
        if (v->res->type != MH_RT_UNKNOWN && v->type == MH_RT_UNKNOWN)
            jstr(f, "mapidump.request_type", mh_request_type_name(v->res->type));
        if (v->res->rop_count) {
            fputs(",\"mapidump.rops\":[", f);
            unsigned shown = v->res->rop_count < sizeof v->res->rop_ids ? v->res->rop_count : (unsigned)sizeof v->res->rop_ids;
            for (unsigned i = 0; i < shown; i++) {
                const char *name = mh_rop_name(v->res->rop_ids[i]);
                if (i)
                    fputc(',', f);
                if (name)
                    fprintf(f, "\"%s\"", name);
                else
                    fprintf(f, "\"0x%02X\"", v->res->rop_ids[i]);
            }
            fputc(']', f);
        }
        fprintf(f, ",\"mapidump.problems\":%d", v->res->problems);
    }
    fprintf(f, ",\"mapidump.complete\":%s}\n", v->complete ? "true" : "false");
}

void md_out_event(md_app *a, const md_conn *c, int dir, const char *what)
{
    if (a->o->format == MD_FMT_JSON || a->o->sessions || a->filtered)
        return;
    char t[40];
    md_format_time(a->now_us, t, sizeof t);
    int cl = client_of(c);
    fprintf(a->out, "%s #%" PRIu64 " %s %s %s %s\n", t, c->id, c->ep[cl], dir == cl ? ">" : "<", c->ep[1 - cl], what);
    if (a->o->format == MD_FMT_VERBOSE)
        fputc('\n', a->out);
}
