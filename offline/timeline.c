/* Session timelines (see timeline.h). */
#include "timeline.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "output.h"
#include "rops/rop_catalog.h"

static int entry_selected(const md_app *a, const md_tl_entry *e)
{
    if (a->o->type_filter != MH_RT_UNKNOWN && e->type != a->o->type_filter)
        return 0;
    if (a->o->rop_filter >= 0) {
        for (unsigned i = 0; i < e->nrops; i++)
            if (e->rops[i] == a->o->rop_filter)
                return 1;
        return 0;
    }
    return 1;
}

static const char *type_name(uint8_t t)
{
    return t != MH_RT_UNKNOWN && t < MH_RT_COUNT ? mh_request_type_name((mh_request_type)t) : "?";
}

static void text_entry(FILE *f, const md_tl_entry *e)
{
    char t[40];
    md_format_time(e->req_us ? e->req_us : e->done_us, t, sizeof t);
    fprintf(f, "  %s #%-3" PRIu64 " %-17s", t + 11, e->conn, type_name(e->type));
    if (!e->req_us)
        fputs("  (request not seen)", f);
    else if (!e->answered)
        fputs("  (no response)", f);
    else
        fprintf(f, " %10.3f ms", (double)(e->done_us - e->req_us) / 1000.0);
    if (e->answered && e->http_status != 200)
        fprintf(f, "  HTTP %u", e->http_status);
    if (e->has_rc)
        fprintf(f, "  X-ResponseCode=%" PRIu32, e->rc);
    if (e->has_status && e->status)
        fprintf(f, "  StatusCode=0x%08" PRIX32, e->status);
    md_out_rop_names(f, e->rops, e->nrops, "  ");
    if (e->rop_failures)
        fprintf(f, " (%u failed)", e->rop_failures);
    if (e->problems)
        fprintf(f, "  [%u problem%s]", e->problems, e->problems == 1 ? "" : "s");
    fputc('\n', f);
}

static void totals_text(FILE *f, const md_sess *s)
{
    fprintf(f, "  totals: %" PRIu64 " request%s", s->requests, s->requests == 1 ? "" : "s");
    int first = 1;
    for (int t = 1; t < MH_RT_COUNT; t++) {
        if (!s->by_type[t])
            continue;
        fprintf(f, "%s%" PRIu64 " %s", first ? " (" : ", ", s->by_type[t], mh_request_type_name((mh_request_type)t));
        first = 0;
    }
    fprintf(f, "%s, %" PRIu64 " response%s, %" PRIu64 " error%s, %" PRIu64 " problem%s\n", first ? "" : ")",
            s->responses, s->responses == 1 ? "" : "s", s->errors, s->errors == 1 ? "" : "s", s->problems,
            s->problems == 1 ? "" : "s");
}

static void print_text(md_app *a, const md_sess *s)
{
    FILE *f = a->out;
    char t1[40], t2[40];
    md_format_time(s->first_us, t1, sizeof t1);
    md_format_time(s->last_us, t2, sizeof t2);
    fprintf(f, "Session s%u", s->num);
    if (s->key[0])
        fprintf(f, " (cookie %s)", s->key);
    fputc('\n', f);
    fprintf(f, "  user: %s", s->user_dn[0] ? s->user_dn : "(no Connect seen)");
    if (s->auth_user[0])
        fprintf(f, "; authenticated as %s", s->auth_user);
    fputc('\n', f);
    fprintf(f, "  client: %s\n", s->client_app[0] ? s->client_app : "(no X-ClientApplication)");
    fprintf(f, "  from %s to %s (%.3f s) on connection%s", t1, t2, (double)(s->last_us - s->first_us) / 1e6,
            s->nconns == 1 ? "" : "s");
    for (unsigned i = 0; i < s->nconns; i++)
        fprintf(f, "%s#%" PRIu64, i ? ", " : " ", s->conns[i]);
    fputc('\n', f);
    for (size_t i = 0; i < s->ntl; i++)
        if (entry_selected(a, &s->tl[i]))
            text_entry(f, &s->tl[i]);
    if (s->tl_dropped)
        fprintf(f, "  ... %" PRIu64 " more requests not listed (--max-timeline)\n", s->tl_dropped);
    totals_text(f, s);
    fputc('\n', f);
}

static void jkey(FILE *f, const char *k, const char *v)
{
    fprintf(f, ",\"%s\":", k);
    md_json_string(f, v, strlen(v));
}

static void print_json(md_app *a, const md_sess *s)
{
    FILE *f = a->out;
    char t[40];
    fprintf(f, "{\"mapidump.session\":\"s%u\"", s->num);
    if (s->key[0])
        jkey(f, "mapidump.session_cookie", s->key);
    if (s->user_dn[0])
        jkey(f, "mapihttp.connect.user_dn", s->user_dn);
    if (s->auth_user[0])
        jkey(f, "mapidump.auth_user", s->auth_user);
    if (s->client_app[0])
        jkey(f, "mapihttp.client_application", s->client_app);
    md_format_time(s->first_us, t, sizeof t);
    t[10] = 'T';
    fprintf(f, ",\"mapidump.start\":\"%sZ\"", t);
    md_format_time(s->last_us, t, sizeof t);
    t[10] = 'T';
    fprintf(f, ",\"mapidump.end\":\"%sZ\",\"mapidump.connections\":[", t);
    for (unsigned i = 0; i < s->nconns; i++)
        fprintf(f, "%s%" PRIu64, i ? "," : "", s->conns[i]);
    fputs("],\"mapidump.requests\":[", f);
    int first = 1;
    for (size_t i = 0; i < s->ntl; i++) {
        const md_tl_entry *e = &s->tl[i];
        if (!entry_selected(a, e))
            continue;
        md_format_time(e->req_us ? e->req_us : e->done_us, t, sizeof t);
        t[10] = 'T';
        fprintf(f, "%s{\"time\":\"%sZ\",\"tcp.stream\":%" PRIu64 ",\"request_type\":\"%s\"", first ? "" : ",", t,
                e->conn, type_name(e->type));
        first = 0;
        if (e->req_us && e->answered)
            fprintf(f, ",\"duration_ms\":%.3f", (double)(e->done_us - e->req_us) / 1000.0);
        if (e->answered)
            fprintf(f, ",\"http.response.code\":%u", e->http_status);
        if (e->has_rc)
            fprintf(f, ",\"mapihttp.response_code\":%" PRIu32, e->rc);
        if (e->has_status)
            fprintf(f, ",\"mapihttp.status_code\":%" PRIu32, e->status);
        if (e->nrops) {
            fputs(",\"rops\":[", f);
            for (unsigned k = 0; k < e->nrops; k++) {
                const char *n = mh_rop_name(e->rops[k]);
                fprintf(f, "%s\"%s\"", k ? "," : "", n ? n : "?");
            }
            fputc(']', f);
        }
        fprintf(f, ",\"rop_failures\":%u,\"problems\":%u}", e->rop_failures, e->problems);
    }
    fprintf(f, "],\"mapidump.requests_not_listed\":%" PRIu64 ",\"mapidump.totals\":{\"requests\":%" PRIu64
               ",\"responses\":%" PRIu64 ",\"errors\":%" PRIu64 ",\"problems\":%" PRIu64 "}}\n",
            s->tl_dropped, s->requests, s->responses, s->errors, s->problems);
}

/* Requests are recorded as they complete; the timeline lists them by when they started. */
static int by_start(const void *x, const void *y)
{
    const md_tl_entry *a = x, *b = y;
    uint64_t ta = a->req_us ? a->req_us : a->done_us, tb = b->req_us ? b->req_us : b->done_us;
    return ta < tb ? -1 : ta > tb;
}

void md_timeline_print(md_app *a, md_sess *s)
{
    if (s->ntl)
        qsort(s->tl, s->ntl, sizeof *s->tl, by_start);
    if (a->o->format == MD_FMT_JSON)
        print_json(a, s);
    else
        print_text(a, s);
}
