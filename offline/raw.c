/*
 * mapidump raw mode: a request body, a response body (starting at the meta-tags or at the binary body),
 * or a request and then its response, decoded with the request as the response's context.
 */
#include "raw.h"

#include <stdio.h>
#include <string.h>

#include "input.h"
#include "mapihttp.h"
#include "core/sink_text.h"

static int parse_type(const char *name, mh_request_type *t)
{
    *t = mh_request_type_parse(name, strlen(name));
    if (*t != MH_RT_UNKNOWN)
        return 1;
    fprintf(stderr, "mapidump: unknown request type '%s' (one of:", name);
    for (int i = MH_RT_CONNECT; i < MH_RT_COUNT; i++)
        fprintf(stderr, " %s", mh_request_type_name((mh_request_type)i));
    fprintf(stderr, ")\n");
    return 0;
}

static int load(const char *path, int hex, md_buffer *b)
{
    char why[256];
    if (md_read_input(path, hex, b, why, sizeof why))
        return 1;
    fprintf(stderr, "mapidump: %s: %s\n", path, why);
    return 0;
}

int md_raw_run(const md_raw_options *o)
{
    mh_request_type req_type = MH_RT_UNKNOWN, resp_type = MH_RT_UNKNOWN;
    if (o->req_type && !parse_type(o->req_type, &req_type))
        return 2;
    if (o->resp_type && !parse_type(o->resp_type, &resp_type))
        return 2;
    if (o->req_type && o->resp_type && req_type != resp_type) {
        /* the request is the response's context: both are one exchange of one X-RequestType */
        fprintf(stderr, "mapidump: --raw-request %s with --raw-response %s: a response is decoded with its own "
                        "request, of the same type\n", o->req_type, o->resp_type);
        return 2;
    }

    md_buffer req = { NULL, 0 }, resp = { NULL, 0 };
    if (o->req_file && !load(o->req_file, o->hex, &req))
        return 2;
    if (o->resp_file && !load(o->resp_file, o->hex, &resp)) {
        md_buffer_free(&req);
        return 2;
    }

    mh_session session;
    mh_session_init(&session);
    mh_arena arena;
    mh_arena_init(&arena, 0);
    mh_stream_sink sink;
    if (o->output == MD_OUT_JSON) {
        mh_json_sink_init(&sink, stdout, ",");
        fputc('[', stdout);
    } else {
        mh_text_sink_init(&sink, stdout, 0);
    }

    int problems = 0;
    mh_result res;
    if (o->req_file) {
        mh_message m = { 0, req_type, NULL, 0, req.data, req.len, 0 };
        problems += mh_decode_message(&session, &m, &sink.base, &arena, &res);
    }
    if (o->resp_file) {
        mh_message m = { 1, resp_type, NULL, 0, resp.data, resp.len, 0 };
        problems += mh_decode_message(&session, &m, &sink.base, &arena, &res);
    }
    if (o->output == MD_OUT_JSON)
        fputs("]\n", stdout);

    int io_error = fflush(stdout) != 0 || ferror(stdout);
    mh_session_free(&session);
    mh_arena_free(&arena);
    md_buffer_free(&req);
    md_buffer_free(&resp);
    if (io_error) {
        fprintf(stderr, "mapidump: standard output: write error\n");
        return 2;
    }
    return problems ? 1 : 0;
}
